import type { SloDefinition } from '../../../src/core/definitions/model';
import type { MetricSource, Series, TimeGrid } from '../../../src/core/source';
import { gridTimes } from '../../../src/core/source';
import { parseDuration } from '../../../src/core/duration';

/** Samples of one counter series: [time ms, value], sorted by time. */
export type Samples = Array<[number, number]>;

/**
 * An in-memory MetricSource whose increase() is Prometheus 2.42's extrapolatedRate over a closed range
 * [t − W, t], so unit tests can compare the engine's sliding sums with brute-force window increases
 * (including extrapolation at gaps and series starts). Records every request for cost checks.
 */
export class FakeSource implements MetricSource {
  readonly kind = 'prometheus' as const;
  readonly requests: Array<{ kind: 'steps' | 'window' | 'range'; selector: string; points: number }> = [];

  constructor(private readonly data: Record<string, Samples[]>) {}

  describe(): string {
    return 'fake';
  }
  health(): Promise<string> {
    return Promise.resolve('fake');
  }

  /** sum over the selector's series of Prometheus' increase over [at − w, at]; null when none has 2 samples. */
  increase(selector: string, at: number, w: number): number | null {
    let sum: number | null = null;
    for (const samples of this.data[selector] ?? []) {
      const v = promIncrease(samples, at - w, at);
      if (v !== null) {
        sum = (sum ?? 0) + v;
      }
    }
    return sum;
  }

  async stepIncreases(selector: string, grid: TimeGrid): Promise<Array<number | null>> {
    const times = gridTimes(grid);
    this.requests.push({ kind: 'steps', selector, points: times.length });
    return times.map((t) => this.increase(selector, t, grid.step));
  }

  async windowIncrease(selector: string, at: number, windowMs: number): Promise<number | null> {
    this.requests.push({ kind: 'window', selector, points: 1 });
    return this.increase(selector, at, windowMs);
  }

  async rangeQuery(expr: string, grid: TimeGrid): Promise<Series[]> {
    const m = /^sum\(increase\((.*)\[([^\]]+)\]\)\)$/.exec(expr);
    const times = gridTimes(grid);
    if (m) {
      this.requests.push({ kind: 'range', selector: m[1], points: times.length });
      const w = parseDuration(m[2])!;
      return [{ labels: {}, values: times.map((t) => this.increase(m[1], t, w)) }];
    }
    const le = /^count by \(le\) \((.*)\)$/.exec(expr);
    if (le) {
      return (this.data[`les:${le[1]}`] ?? []).map((s, i) => ({
        labels: { le: String(s[0]?.[1] ?? i) },
        values: times.map(() => 1),
      }));
    }
    throw new Error(`fake source does not understand ${expr}`);
  }

  async labelValues(): Promise<string[]> {
    return [];
  }
}

/** Prometheus 2.42 extrapolatedRate(isCounter, isRate=false) over the closed range [start, end]. */
export function promIncrease(samples: Samples, start: number, end: number): number | null {
  const points = samples.filter(([t]) => t >= start && t <= end);
  if (points.length < 2) {
    return null;
  }
  let result = points[points.length - 1][1] - points[0][1];
  for (let i = 1; i < points.length; i++) {
    if (points[i][1] < points[i - 1][1]) {
      result += points[i - 1][1];
    }
  }
  let durationToStart = (points[0][0] - start) / 1000;
  const durationToEnd = (end - points[points.length - 1][0]) / 1000;
  const sampled = (points[points.length - 1][0] - points[0][0]) / 1000;
  const average = sampled / (points.length - 1);
  if (result > 0 && points[0][1] >= 0) {
    const durationToZero = sampled * (points[0][1] / result);
    if (durationToZero < durationToStart) {
      durationToStart = durationToZero;
    }
  }
  const threshold = average * 1.1;
  let extrapolate = sampled;
  extrapolate += durationToStart < threshold ? durationToStart : average / 2;
  extrapolate += durationToEnd < threshold ? durationToEnd : average / 2;
  return result * (extrapolate / sampled);
}

/** A counter sampled every `every` ms on [from, to] that grows by rate(t) per sample; resets where reset(t). */
export function counter(
  from: number,
  to: number,
  every: number,
  rate: (t: number) => number,
  reset: (t: number) => boolean = () => false
): Samples {
  const out: Samples = [];
  let v = 0;
  for (let t = from; t <= to; t += every) {
    if (reset(t)) {
      v = 0;
    } else if (t > from) {
      v += rate(t);
    }
    out.push([t, v]);
  }
  return out;
}

/** An events SLO over the `bad` and `total` counters: 99.9% over a rolling day. */
export function testSlo(overrides: Partial<SloDefinition> = {}): SloDefinition {
  return {
    id: 'api-availability',
    service: 'api',
    name: 'API availability',
    objective: 0.999,
    window: { kind: 'rolling', ms: 24 * 3_600_000, text: '1d' },
    sli: { kind: 'events', bad: 'bad', total: 'total' },
    labels: { tier: 'critical' },
    origin: 'test.yaml slos[0]',
    ...overrides,
  };
}
