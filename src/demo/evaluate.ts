/**
 * Evaluates the PromQL subset of promql.ts over the simulated series on a time grid, the way Prometheus
 * would over the back-filled data (one sample per whole minute): instant selectors read the sample at the
 * minute, rate()/increase() count exactly the events in (t - d, t] with counter resets handled.
 */
import { badQuery } from '../core/errors';
import { gridTimes, type Series, type TimeGrid } from '../core/source';
import { MIN } from './platform';
import { matchesAll, parsePromQL, type Expr, type Matcher } from './promql';
import { isCounter, plainValues, type CounterSeries, type DemoSeries, type GaugeSeries } from './series';

type Values = Array<number | null>;
type Result = { kind: 'scalar'; values: number[] } | { kind: 'vector'; series: Series[] };

export function selectSeries(all: DemoSeries[], matchers: Matcher[]): DemoSeries[] {
  return all.filter((s) => matchesAll({ __name__: s.name, ...s.labels }, matchers));
}

/** Ascending points from `first` to `last` by `step` (the same array object for a given key, to share integrals). */
class PointCache {
  private readonly cache = new Map<string, number[]>();
  private readonly windows = new Map<string, { points: number[]; starts: number[]; ends: number[] }>();
  get(first: number, last: number, step: number): number[] {
    const key = `${first}:${last}:${step}`;
    let points = this.cache.get(key);
    if (!points) {
      points = [];
      for (let t = first; t <= last; t += step) {
        points.push(t);
      }
      this.cache.set(key, points);
    }
    return points;
  }

  /**
   * The ends of the windows of `range` ending at each of `times`, as one ascending list with each instant once,
   * and where each window starts and ends in it (the same arrays for a given key, to share integrals).
   */
  windowEnds(times: number[], range: number): { points: number[]; starts: number[]; ends: number[] } {
    const key = `${times[0]}:${times[times.length - 1]}:${times.length}:${range}`;
    let known = this.windows.get(key);
    if (!known) {
      const points: number[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      let s = 0;
      for (let e = 0; e < times.length; e++) {
        // the starts (times - range, ascending) due before this end, then the end itself
        for (; s < times.length && times[s] - range <= times[e]; s++) {
          if (points[points.length - 1] !== times[s] - range) {
            points.push(times[s] - range);
          }
          starts.push(points.length - 1);
        }
        if (points[points.length - 1] !== times[e]) {
          points.push(times[e]);
        }
        ends.push(points.length - 1);
      }
      known = { points, starts, ends };
      this.windows.set(key, known);
    }
    return known;
  }
}

/** increase(c[range]) at each of `times` (ascending, `step` apart). */
export function windowIncreases(
  c: CounterSeries,
  times: number[],
  step: number,
  range: number,
  points: PointCache
): number[] {
  if (times.length === 0) {
    return [];
  }
  if (range % step === 0 && range / step <= 100_000) {
    // one pass over step-wide intervals, then rolling sums of range/step of them (exact for integer counters;
    // the float _sum series drifts by ~1e-12 relative at most)
    const k = range / step;
    const steps = c.increasesOver(points.get(times[0] - range, times[times.length - 1], step));
    const out: number[] = [];
    let sum = 0;
    for (let i = 0; i < steps.length; i++) {
      sum += steps[i];
      if (i >= k) {
        sum -= steps[i - k];
      }
      if (i >= k - 1) {
        out.push(sum);
      }
    }
    return out;
  }
  if (range / step <= 100) {
    // one pass over the intervals between every window's ends, then each window the sum of those it spans (a few:
    // a window is no longer than 100 steps); exact for integer counters, as above
    const { points: ends, starts, ends: stops } = points.windowEnds(times, range);
    const increases = c.increasesOver(ends);
    return times.map((_, i) => {
      let sum = 0;
      for (let j = starts[i]; j < stops[i]; j++) {
        sum += increases[j];
      }
      return sum;
    });
  }
  return times.map((t) => c.increase(t - range, t));
}

const withoutName = (labels: Record<string, string>) => {
  const { __name__: _name, ...rest } = labels;
  return rest;
};

const keyOf = (labels: Record<string, string>) =>
  JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]])
  );

function pick(labels: Record<string, string>, names: string[], keep: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    if (names.includes(k) === keep && k !== '__name__') {
      out[k] = v;
    }
  }
  return out;
}

/** the aggregation of the members' values at index i (null when none has one) */
function aggregate(op: string, members: Values[], i: number): number | null {
  let n = 0;
  let acc = 0;
  for (const m of members) {
    const v = m[i];
    if (v === null) {
      continue;
    }
    if (n === 0) {
      acc = op === 'count' ? 1 : v;
    } else if (op === 'sum' || op === 'avg') {
      acc += v;
    } else if (op === 'min') {
      acc = Math.min(acc, v);
    } else if (op === 'max') {
      acc = Math.max(acc, v);
    } else {
      acc++;
    }
    n++;
  }
  return n === 0 ? null : op === 'avg' ? acc / n : acc;
}

/** Prometheus' bucketQuantile (promql/quantile.go), for one set of (upper bound, cumulative count). */
export function bucketQuantile(q: number, buckets: Array<{ le: number; count: number }>): number {
  if (Number.isNaN(q)) {
    return NaN;
  }
  if (q < 0) {
    return -Infinity;
  }
  if (q > 1) {
    return Infinity;
  }
  const b = [...buckets].sort((x, y) => x.le - y.le);
  if (b.length < 2 || b[b.length - 1].le !== Infinity) {
    return NaN;
  }
  for (let i = 1; i < b.length; i++) {
    b[i].count = Math.max(b[i].count, b[i - 1].count);
  }
  const total = b[b.length - 1].count;
  if (total === 0) {
    return NaN;
  }
  let rank = q * total;
  let i = 0;
  while (i < b.length - 1 && b[i].count < rank) {
    i++;
  }
  if (i === b.length - 1) {
    return b[b.length - 2].le;
  }
  if (i === 0 && b[0].le <= 0) {
    return b[0].le;
  }
  let start = 0;
  let count = b[i].count;
  if (i > 0) {
    start = b[i - 1].le;
    count -= b[i - 1].count;
    rank -= b[i - 1].count;
  }
  return start + (b[i].le - start) * (rank / count);
}

function binary(op: string, a: number | null, b: number | null): number | null {
  if (a === null || b === null) {
    return null;
  }
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      return a / b;
  }
}

export function evaluate(all: DemoSeries[], src: string, grid: TimeGrid): Series[] {
  const times = gridTimes(grid);
  const sampleTimes = times.map((t) => Math.floor(t / MIN) * MIN);
  const points = new PointCache();

  const ev = (e: Expr): Result => {
    switch (e.type) {
      case 'number':
        return { kind: 'scalar', values: times.map(() => e.value) };
      case 'selector': {
        if (e.range !== undefined) {
          throw badQuery(`a range selector is only allowed inside rate() or increase() (in "${src}")`);
        }
        return {
          kind: 'vector',
          series: selectSeries(all, e.matchers).map((s) => ({
            labels: { __name__: s.name, ...s.labels },
            values: plainValues(isCounter(s) ? s.valuesAt(sampleTimes) : (s as GaugeSeries).valuesOn(grid)),
          })),
        };
      }
      case 'call': {
        const range = e.arg.range!;
        return {
          kind: 'vector',
          series: selectSeries(all, e.arg.matchers).map((s) => {
            if (!isCounter(s)) {
              throw badQuery(`${e.fn}() of the gauge ${s.name} is not supported by the demo platform (in "${src}")`);
            }
            const inc = windowIncreases(s, times, grid.step, range, points);
            return { labels: { ...s.labels }, values: e.fn === 'rate' ? inc.map((v) => v / (range / 1000)) : inc };
          }),
        };
      }
      case 'agg': {
        const arg = ev(e.arg);
        if (arg.kind !== 'vector') {
          throw badQuery(`${e.op}() needs a vector argument (in "${src}")`);
        }
        const groups = new Map<string, { labels: Record<string, string>; members: Values[] }>();
        for (const s of arg.series) {
          const labels = pick(s.labels, e.labels, e.grouping === 'by');
          const key = keyOf(labels);
          const g = groups.get(key) ?? { labels, members: [] };
          g.members.push(s.values);
          groups.set(key, g);
        }
        return {
          kind: 'vector',
          series: [...groups.values()].map((g) => ({
            labels: g.labels,
            values: times.map((_, i) => aggregate(e.op, g.members, i)),
          })),
        };
      }
      case 'quantile': {
        const q = ev(e.q);
        const arg = ev(e.arg);
        if (q.kind !== 'scalar' || arg.kind !== 'vector') {
          throw badQuery(`histogram_quantile() needs a number and a vector of buckets (in "${src}")`);
        }
        const groups = new Map<
          string,
          { labels: Record<string, string>; buckets: Array<{ le: number; values: Values }> }
        >();
        for (const s of arg.series) {
          if (s.labels.le === undefined) {
            continue;
          }
          const labels = pick(s.labels, ['le'], false);
          const key = keyOf(labels);
          const g = groups.get(key) ?? { labels, buckets: [] };
          g.buckets.push({ le: Number(s.labels.le === '+Inf' ? Infinity : s.labels.le), values: s.values });
          groups.set(key, g);
        }
        return {
          kind: 'vector',
          series: [...groups.values()].map((g) => ({
            labels: g.labels,
            values: times.map((_, i) => {
              const buckets = g.buckets
                .filter((b) => b.values[i] !== null)
                .map((b) => ({ le: b.le, count: b.values[i]! }));
              return buckets.length ? bucketQuantile(q.values[i], buckets) : null;
            }),
          })),
        };
      }
      case 'binary': {
        const l = ev(e.lhs);
        const r = ev(e.rhs);
        if (l.kind === 'scalar' && r.kind === 'scalar') {
          return { kind: 'scalar', values: l.values.map((v, i) => binary(e.op, v, r.values[i])!) };
        }
        if (l.kind === 'vector' && r.kind === 'scalar') {
          return {
            kind: 'vector',
            series: l.series.map((s) => ({
              labels: withoutName(s.labels),
              values: s.values.map((v, i) => binary(e.op, v, r.values[i])),
            })),
          };
        }
        if (l.kind === 'scalar' && r.kind === 'vector') {
          return {
            kind: 'vector',
            series: r.series.map((s) => ({
              labels: withoutName(s.labels),
              values: s.values.map((v, i) => binary(e.op, l.values[i], v)),
            })),
          };
        }
        const lv = (l as { series: Series[] }).series;
        const rv = (r as { series: Series[] }).series;
        const m = e.matching;
        const matchKey = (labels: Record<string, string>) =>
          keyOf(m ? pick(labels, m.labels, m.on) : withoutName(labels));
        const right = new Map<string, Series>();
        for (const s of rv) {
          const key = matchKey(s.labels);
          if (right.has(key)) {
            throw badQuery(`many-to-many matching: several right-hand series share the labels ${key} (in "${src}")`);
          }
          right.set(key, s);
        }
        const seen = new Set<string>();
        const out: Series[] = [];
        for (const s of lv) {
          const key = matchKey(s.labels);
          const other = right.get(key);
          if (!other) {
            continue;
          }
          if (seen.has(key)) {
            throw badQuery(`many-to-many matching: several left-hand series share the labels ${key} (in "${src}")`);
          }
          seen.add(key);
          const labels = m ? pick(s.labels, m.labels, m.on) : withoutName(s.labels);
          out.push({ labels, values: s.values.map((v, i) => binary(e.op, v, other.values[i])) });
        }
        return { kind: 'vector', series: out };
      }
    }
  };

  const result = ev(parsePromQL(src));
  return result.kind === 'scalar' ? [{ labels: {}, values: result.values }] : result.series;
}
