/**
 * SLO engine speed (issue 4) on a 40-day, 1-minute back-filled Prometheus (Debian's 2.42):
 *  - a 7-day view of a 30-day SLO at a 5-minute step (2,017 points): Prometheus evaluating the equivalent
 *    PromQL range query, sum(increase(bad[30d])) / sum(increase(total[30d])), against the engine through
 *    PrometheusSource, cold (new source, empty cache) and warm (a dashboard refresh one step later).
 *    Targets: engine >= 10x faster cold, >= 50x faster warm. Values must be equal (relative 1e-6) or the
 *    bench fails.
 *  - 100 SLOs (distinct selectors) in one `slo` query with every series and burn-rate window, cold and warm.
 * Run alone: `npx tsx bench/slo.ts`.
 */
import { handleSlo } from '../src/backend/handlers/slo';
import { createLogger } from '../src/backend/logger';
import { PrometheusSource } from '../src/backend/sources/prometheus';
import { DEFAULT_POLICY, emptyDefinitions, type SloDefinition } from '../src/core/definitions/model';
import { SloEngine } from '../src/core/slo/engine';
import { gridTimes, type TimeGrid } from '../src/core/source';
import { startPrometheus } from '../tests/support/prometheus';
import { sloHistory } from '../tests/integration/slo-history';
import type { BenchRow } from './run';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 1, 10);
const START = END - 40 * DAY;
const EXTRA_SERVICES = 10;

const log = createLogger('bench', 'error', () => undefined);
const BAD = 'requests_total{service="checkout",code=~"5.."}';
const TOTAL = 'requests_total{service="checkout"}';

function sloDef(id: string, service: string, bad: string, total: string, objective: number): SloDefinition {
  return {
    id,
    service,
    name: id,
    objective,
    window: { kind: 'rolling', ms: 30 * DAY, text: '30d' },
    sli: { kind: 'events', bad, total },
    labels: {},
    origin: 'bench',
  };
}

const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function benchSlo(): Promise<BenchRow[]> {
  const t0 = performance.now();
  const history = sloHistory({
    start: START,
    end: END,
    gap: [END - 2 * DAY, END - 2 * DAY + 2 * HOUR],
    quiet: [END - DAY, END - DAY + 6 * HOUR],
    reset: END - 3 * DAY,
    incident: [END - 4 * DAY, END - 4 * DAY + HOUR],
    extra: EXTRA_SERVICES,
  });
  const prom = await startPrometheus({ openMetrics: history });
  const setupMs = performance.now() - t0;
  try {
    // A live dashboard at the end of the history: the view ends "now"; each refresh comes one step later.
    const step = 5 * MIN;
    const viewAt = (shift: number): TimeGrid => ({
      start: END - 7 * DAY - (RUNS + 1 - shift) * step,
      end: END - (RUNS + 1 - shift) * step,
      step,
    });
    const expr = `sum(increase(${BAD}[30d])) / sum(increase(${TOTAL}[30d]))`;
    const promQuery = (g: TimeGrid) => prom.queryRange(expr, g.start, g.end, g.step);
    let now = 0;
    const clock = () => now;
    const slo = sloDef('checkout-availability', 'checkout', BAD, TOTAL, 0.999);
    const evaluate = (source: PrometheusSource, g: TimeGrid) => {
      now = g.end + 30_000;
      return new SloEngine(source, slo, DEFAULT_POLICY, g).evaluate({ series: ['sli'] });
    };
    const newSource = () => new PrometheusSource({ url: prom.url, timeoutMs: 120_000, log, now: clock });
    // Runs alternate between Prometheus and the engine so both see the same machine load (medians reported).
    // Prometheus: the first query, then refreshes one step later; the engine: a fresh source each time (cold),
    // and one source refreshing one step later each time (warm).
    const promCold = await timed(() => promQuery(viewAt(0)));
    checkEqual(promCold.value, (await evaluate(newSource(), viewAt(0))).series.sli!, viewAt(0), 'cold values');
    const live = newSource();
    await evaluate(live, viewAt(0));
    const promWarm: number[] = [];
    const engineCold: number[] = [];
    const engineWarm: number[] = [];
    for (let r = 1; r <= RUNS; r++) {
      const g = viewAt(r);
      const promRun = await timed(() => promQuery(g));
      promWarm.push(promRun.ms);
      engineCold.push((await timed(() => evaluate(newSource(), viewAt(0)))).ms);
      const warm = await timed(() => evaluate(live, g));
      engineWarm.push(warm.ms);
      checkEqual(promRun.value, warm.value.series.sli!, g, `refresh ${r} values`);
    }
    const view = viewAt(0);
    const refresh = viewAt(1);

    // 100 SLOs with distinct selectors (a no-op `variant!="vN"` matcher keeps the engine from sharing work)
    const definitions = emptyDefinitions();
    for (let s = 0; s < EXTRA_SERVICES; s++) {
      for (let v = 0; v < 100 / EXTRA_SERVICES; v++) {
        const sel = (extra: string) => `requests_total{service="svc-${s}",variant!="v${v}"${extra}}`;
        definitions.slos.push(sloDef(`svc-${s}-v${v}`, `svc-${s}`, sel(',code=~"5.."'), sel(''), 0.99 + v / 1000));
      }
    }
    now = view.end + 30_000;
    const manySource = new PrometheusSource({ url: prom.url, timeoutMs: 120_000, log, now: clock });
    const query = (g: TimeGrid) =>
      handleSlo({
        refId: 'A',
        queryType: 'slo',
        query: {},
        range: { from: g.start, to: g.end },
        grid: g,
        intervalMs: g.step,
        maxDataPoints: 2100,
        metrics: manySource,
        definitions: { definitions, errors: [] },
        now: Date.now(),
        signal: new AbortController().signal,
        log,
      });
    const manyCold = await timed(() => query(view));
    now = refresh.end + 30_000;
    const manyWarm = await timed(() => query(refresh));
    for (const [what, frames] of [
      ['cold', manyCold.value],
      ['warm', manyWarm.value],
    ] as const) {
      const sli = frames.filter((f) => f.name === 'sli');
      const empty = sli.filter(
        (f) => f.fields[1].values.filter((v) => v === null).length > f.fields[1].values.length / 10
      );
      if (frames.length !== 100 * 15 || sli.length !== 100 || empty.length > 0) {
        throw new Error(`100 SLOs ${what}: ${frames.length} frames (expected 1500), ${empty.length} SLIs mostly null`);
      }
    }
    return [
      { name: 'slo: back-fill 40d x 1m (49 series) + start Prometheus', ms: setupMs, targetMs: NaN },
      { name: 'slo: Prometheus PromQL, 7d of a 30d SLO @5m, first query', ms: promCold.ms, targetMs: NaN },
      { name: 'slo: Prometheus PromQL, refresh one step later (median)', ms: median(promWarm), targetMs: NaN },
      {
        name: 'slo: engine, same view, empty cache (median, >= 10x)',
        ms: median(engineCold),
        targetMs: median(promWarm) / 10,
      },
      {
        name: 'slo: engine, refresh one step later (median, >= 50x)',
        ms: median(engineWarm),
        targetMs: median(promWarm) / 50,
      },
      { name: 'slo: 100 SLOs x all series, one query, cold', ms: manyCold.ms, targetMs: NaN },
      { name: 'slo: 100 SLOs x all series, refresh, warm', ms: manyWarm.ms, targetMs: NaN },
    ];
  } finally {
    await prom.stop();
  }
}

/** The engine's SLI must be Prometheus's 1 - ratio at every point (relative 1e-6), else the bench fails. */
function checkEqual(
  prom: Array<{ values: Array<[number, string]> }>,
  sli: Array<number | null>,
  grid: TimeGrid,
  what: string
): void {
  const expected = new Map((prom[0]?.values ?? []).map(([t, v]) => [Math.round(t * 1000), Number(v)]));
  let compared = 0;
  gridTimes(grid).forEach((t, i) => {
    const e = expected.get(t);
    const a = sli[i] === null ? null : 1 - sli[i]!;
    if (e === undefined || !Number.isFinite(e)) {
      if (a !== null) {
        throw new Error(`${what}: engine has ${a} at ${new Date(t).toISOString()} where Prometheus has no value`);
      }
      return;
    }
    if (a === null || Math.abs(a - e) > 1e-6 * Math.abs(e) + 1e-12) {
      throw new Error(`${what}: engine ${a} != Prometheus ${e} at ${new Date(t).toISOString()}`);
    }
    compared++;
  });
  if (compared < gridTimes(grid).length / 2) {
    throw new Error(`${what}: only ${compared} points compared`);
  }
}

if (require.main === module) {
  benchSlo().then(
    (rows) =>
      rows.forEach((r) =>
        console.log(
          `${r.name.padEnd(60)} ${r.ms.toFixed(1).padStart(10)} ms  ${Number.isNaN(r.targetMs) ? '' : `target < ${r.targetMs.toFixed(1)} ms`}`
        )
      ),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    }
  );
}
