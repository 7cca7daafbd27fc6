/**
 * Oracle for the SLO engine: a real Prometheus (Debian's 2.42) holding 42 days of 1-minute counter history
 * the test writes (tests/integration/slo-history.ts: a counter reset, a 2-hour scrape gap, 6 hours without
 * traffic, an error incident, a latency histogram). Through PrometheusSource, every SLO value must equal
 * Prometheus's own evaluation of sum(increase(bad[W])) / sum(increase(total[W])) at the same instants
 * (latency: via _bucket{le} and _count), relative 1e-6, for rolling and calendar windows, burn-rate windows,
 * and event counts; and the backend executable (harness) must answer the same for one query.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { startPrometheus, type TestPrometheus } from '../support/prometheus';
import { DEFAULT_EXECUTABLE, startBackend } from '../support/harness';
import { createLogger } from '../../src/backend/logger';
import { PrometheusSource } from '../../src/backend/sources/prometheus';
import { DEFAULT_POLICY, type SloDefinition, type SloWindow } from '../../src/core/definitions/model';
import { SloEngine } from '../../src/core/slo/engine';
import { periodStart } from '../../src/core/slo/calendar';
import { gridTimes, type TimeGrid } from '../../src/core/source';
import { formatDuration } from '../../src/core/duration';
import { sloHistory } from './slo-history';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 1);
const END = Date.UTC(2026, 1, 12);
const HISTORY = {
  start: START,
  end: END,
  gap: [Date.UTC(2026, 1, 2, 14, 3), Date.UTC(2026, 1, 2, 16, 7)] as [number, number],
  quiet: [Date.UTC(2026, 1, 4, 2), Date.UTC(2026, 1, 4, 8)] as [number, number],
  reset: Date.UTC(2026, 1, 3, 12, 31),
  incident: [Date.UTC(2026, 1, 3, 10), Date.UTC(2026, 1, 3, 11)] as [number, number],
};
/** a 7-day view that holds the gap, the reset, the incident, the quiet hours and a month boundary */
const VIEW: TimeGrid = { start: Date.UTC(2026, 0, 29), end: Date.UTC(2026, 1, 5), step: 5 * MIN };

const rolling = (days: number): SloWindow => ({ kind: 'rolling', ms: days * DAY, text: `${days}d` });
const month: SloWindow = { kind: 'calendar-month', text: 'calendar-month' };

function slo(id: string, sli: SloDefinition['sli'], window: SloWindow, objective = 0.999): SloDefinition {
  return { id, service: id.split('-')[0], name: id, objective, window, sli, labels: {}, origin: `test slos[${id}]` };
}
const checkoutEvents = {
  kind: 'events',
  bad: 'requests_total{service="checkout",code=~"5.."}',
  total: 'requests_total{service="checkout"}',
} as const;
const searchEvents = {
  kind: 'events',
  bad: 'requests_total{service="search",code=~"5.."}',
  total: 'requests_total{service="search"}',
} as const;
const checkoutLatency = {
  kind: 'latency',
  histogram: 'http_request_duration_seconds{service="checkout"}',
  threshold: 0.25,
} as const;
const latencyBad =
  '(sum(increase(http_request_duration_seconds_count{service="checkout"}[W])) - sum(increase(http_request_duration_seconds_bucket{service="checkout",le="0.25"}[W])))';
const latencyTotal = 'sum(increase(http_request_duration_seconds_count{service="checkout"}[W]))';

const DEFINITIONS_YAML = [
  'apiVersion: headroom/v1',
  'slos:',
  '  - id: checkout-availability',
  '    service: checkout',
  '    objective: 99.9',
  '    window: 30d',
  '    sli:',
  '      events:',
  `        bad: ${checkoutEvents.bad}`,
  `        total: ${checkoutEvents.total}`,
].join('\n');

let prom: TestPrometheus;
let source: PrometheusSource;
const log = createLogger('test', 'error', () => undefined);

beforeAll(async () => {
  prom = await startPrometheus({ openMetrics: sloHistory(HISTORY) });
  source = new PrometheusSource({ url: prom.url, timeoutMs: 60_000, log });
}, 300_000);

afterAll(async () => {
  await prom?.stop();
});

/** Prometheus's own error ratio over `range` at every grid point (null where it has no value or NaN). */
async function promRatio(bad: string, total: string, range: string, grid: TimeGrid): Promise<Array<number | null>> {
  const expr = `(${bad.replaceAll('[W]', `[${range}]`)}) / (${total.replaceAll('[W]', `[${range}]`)})`;
  return promValues(expr, grid);
}

async function promValues(expr: string, grid: TimeGrid): Promise<Array<number | null>> {
  const result = await prom.queryRange(expr, grid.start, grid.end, grid.step);
  const byTime = new Map((result[0]?.values ?? []).map(([t, v]) => [Math.round(t * 1000), Number(v)]));
  return gridTimes(grid).map((t) => {
    const v = byTime.get(t);
    return v === undefined || !Number.isFinite(v) ? null : v;
  });
}

const eventsQueries = (e: { bad: string; total: string }) =>
  [`sum(increase(${e.bad}[W]))`, `sum(increase(${e.total}[W]))`] as const;

function expectSame(actual: Array<number | null>, expected: Array<number | null>, what: string) {
  expect(actual).toHaveLength(expected.length);
  const wrong = actual
    .map((a, i) => ({ i, a, e: expected[i] }))
    .filter(({ a, e }) => (e === null ? a !== null : a === null || Math.abs(a - e) > 1e-6 * Math.abs(e) + 1e-12));
  expect({ what, wrong: wrong.slice(0, 5), count: wrong.length }).toEqual({ what, wrong: [], count: 0 });
  expect(expected.filter((e) => e !== null).length).toBeGreaterThan(0);
}

const errorRatio = (sli: Array<number | null>) => sli.map((v) => (v === null ? null : 1 - v));

describe('SLO engine = Prometheus evaluating the same PromQL (rolling windows)', () => {
  it.each([
    [
      'checkout availability, 30d (counter reset, incident)',
      slo('checkout-availability', checkoutEvents, rolling(30)),
      eventsQueries(checkoutEvents),
      'slide',
    ],
    [
      'search availability, 30d (scrape gap, zero traffic)',
      slo('search-availability', searchEvents, rolling(30)),
      eventsQueries(searchEvents),
      'direct',
    ],
    [
      'checkout latency < 0.25 s, 28d',
      slo('checkout-latency', checkoutLatency, rolling(28), 0.9),
      [latencyBad, latencyTotal] as const,
      'slide',
    ],
  ])(
    '%s: sli, events, burn rates 5m/1h/6h/3d',
    async (_name, definition, [bad, total], method) => {
      const engine = new SloEngine(source, definition, DEFAULT_POLICY, VIEW);
      const result = await engine.evaluate({
        series: ['sli', 'eventsBad', 'eventsTotal', 'burnRate', 'budgetRemaining'],
        burnWindows: [5 * MIN, HOUR, 6 * HOUR, 3 * DAY],
      });
      const W = definition.window.text;
      expectSame(errorRatio(result.series.sli!), await promRatio(bad, total, W, VIEW), `${definition.id} error ratio`);
      expectSame(
        result.series.eventsTotal!,
        await promValues(total.replaceAll('[W]', `[${W}]`), VIEW),
        `${definition.id} total`
      );
      expectSame(
        result.series.eventsBad!,
        await promValues(bad.replaceAll('[W]', `[${W}]`), VIEW),
        `${definition.id} bad`
      );
      for (const burn of result.burnRates) {
        const ratios = await promRatio(bad, total, burn.window, VIEW);
        expectSame(
          burn.values,
          ratios.map((r) => (r === null ? null : r / (1 - definition.objective))),
          `${definition.id} burn ${burn.window}`
        );
      }
      // the SLO window itself slid (cheap) or, where the data has gaps, was asked of Prometheus directly
      expect(
        result.methods
          .filter((m) => m.window === formatDuration(definition.window.kind === 'rolling' ? definition.window.ms : 0))
          .map((m) => m.method)
      ).toEqual([method, method]);
    },
    120_000
  );

  it('zero traffic: burn rates over the quiet hours are null, as Prometheus gives NaN', async () => {
    const grid = { start: Date.UTC(2026, 1, 4, 1), end: Date.UTC(2026, 1, 4, 7), step: 5 * MIN };
    const result = await new SloEngine(
      source,
      slo('search-availability', searchEvents, rolling(30)),
      DEFAULT_POLICY,
      grid
    ).evaluate({
      series: ['burnRate'],
      burnWindows: [HOUR],
    });
    const values = result.burnRates[0].values;
    const quietFrom = gridTimes(grid).indexOf(Date.UTC(2026, 1, 4, 3)); // (02:00, 03:00] has no requests
    expect(values.slice(0, 12).every((v) => v !== null && v > 0)).toBe(true);
    expect(new Set(values.slice(quietFrom))).toEqual(new Set([null]));
    const [bad, total] = eventsQueries(searchEvents);
    expectSame(
      values,
      (await promRatio(bad, total, '1h', grid)).map((r) => (r === null ? null : r / 0.001)),
      'quiet burn 1h'
    );
  }, 60_000);
});

describe('calendar windows', () => {
  it.each([
    ['checkout availability', slo('checkout-availability', checkoutEvents, month), eventsQueries(checkoutEvents)],
    ['checkout latency', slo('checkout-latency', checkoutLatency, month, 0.9), [latencyBad, latencyTotal] as const],
  ])(
    '%s per calendar month = increase since the month start, across Feb 1',
    async (_name, definition, [bad, total]) => {
      const grid = { start: VIEW.start, end: VIEW.end, step: 3 * HOUR };
      const result = await new SloEngine(source, definition, DEFAULT_POLICY, grid).evaluate({
        series: ['sli', 'budgetRemainingMinutes'],
      });
      const expected = await Promise.all(
        gridTimes(grid).map(async (t) => {
          const since = t - periodStart(month, t);
          if (since === 0) {
            return null;
          }
          const expr = `(${bad.replaceAll('[W]', `[${since / 1000}s]`)}) / (${total.replaceAll('[W]', `[${since / 1000}s]`)})`;
          const [sample] = await prom.query(expr, t);
          return sample ? Number(sample.value[1]) : null;
        })
      );
      expectSame(errorRatio(result.series.sli!), expected, `${definition.id} calendar`);
      // the budget restarts at Feb 1 00:00: no value there, a full month of minutes just after
      const feb1 = gridTimes(grid).indexOf(Date.UTC(2026, 1, 1));
      expect(result.series.sli![feb1]).toBeNull();
      expect(result.series.budgetRemainingMinutes![feb1 + 1]).toBeGreaterThan(0);
    },
    120_000
  );
});

describe('headroom report --url (CLI on the same engine)', () => {
  it('prints the SLI Prometheus computes at --at', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-report-'));
    try {
      const file = path.join(dir, 'slos.yaml');
      fs.writeFileSync(file, DEFINITIONS_YAML);
      const out: string[] = [];
      const code = await main(['report', '--url', prom.url, '--at', '2026-02-04T12:00:00Z', '--json', file], {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      const report = JSON.parse(out.join('\n'));
      const [bad, total] = eventsQueries(checkoutEvents);
      const [sample] = await prom.query(
        `(${bad.replaceAll('[W]', '[30d]')}) / (${total.replaceAll('[W]', '[30d]')})`,
        Date.UTC(2026, 1, 4, 12)
      );
      expect(report.slos[0].id).toBe('checkout-availability');
      expect(Math.abs(1 - report.slos[0].sli - Number(sample.value[1]))).toBeLessThan(1e-6 * Number(sample.value[1]));
      expect(code).toBe(report.slos[0].status >= 2 ? 1 : 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('through the backend executable (Grafana harness)', () => {
  it('an slo query answers the same sli as Prometheus', async () => {
    if (!fs.existsSync(DEFAULT_EXECUTABLE)) {
      throw new Error(`${DEFAULT_EXECUTABLE} is missing: run npm run build:backend first`);
    }
    const definitions = DEFINITIONS_YAML;
    const grafana = await startBackend();
    try {
      const from = Date.UTC(2026, 1, 3);
      const to = Date.UTC(2026, 1, 4);
      const response = await grafana.query({
        settings: { url: prom.url, jsonData: { definitions } },
        queries: [
          {
            refId: 'A',
            queryType: 'slo',
            json: { slo: 'checkout-availability', series: ['sli'] },
            intervalMS: 5 * MIN,
            maxDataPoints: 300,
          },
        ],
        from,
        to,
      });
      expect(response.A.error).toBeUndefined();
      const frame = response.A.frames[0];
      const times = frame.fields[0].values as number[];
      const grid = { start: times[0], end: times[times.length - 1], step: times[1] - times[0] };
      expect(grid.step).toBe(5 * MIN);
      const [bad, total] = eventsQueries(checkoutEvents);
      expectSame(
        errorRatio(frame.fields[1].values as Array<number | null>),
        await promRatio(bad, total, '30d', grid),
        'harness sli'
      );

      // the rules resource exports the same SLO as Prometheus rules
      const rules = await grafana.callResource({
        settings: { url: prom.url, jsonData: { definitions } },
        path: 'rules',
      });
      expect(rules.code).toBe(200);
      expect(rules.headers['Content-Type'] ?? rules.headers['content-type']).toEqual(['application/yaml']);
      expect(rules.text).toContain('name: sloth-slo-alerts-checkout-availability');
    } finally {
      await grafana.stop();
    }
  }, 120_000);
});
