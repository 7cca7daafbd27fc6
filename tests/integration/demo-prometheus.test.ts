/**
 * Oracle for the embedded demo platform: a real Prometheus (Debian's 2.42) loaded with the simulator's
 * back-fill answers the same PromQL as the in-process DemoSource. Samples sit on whole minutes and queries on
 * aligned instants, so Prometheus' increase() has samples on both window edges and never extrapolates.
 */
import { startPrometheus, type TestPrometheus } from '../support/prometheus';
import { openMetricsText } from '../../src/demo/openmetrics';
import { catalogue } from '../../src/demo/series';
import { DemoSource } from '../../src/demo/source';
import type { TimeGrid } from '../../src/core/source';

const MIN = 60_000;
const HOUR = 60 * MIN;
// 2026-11-10 and 11 (cycle days 1-2): api_gateway deploys (restart) 11-10 10:00, workflow_engine is down
// 11-11 02:10-02:16 and crash-restarts, notification_service deploys 11-11 09:30.
const START = Date.UTC(2026, 10, 10);
const END = Date.UTC(2026, 10, 12);

let prom: TestPrometheus;
const demo = new DemoSource();

beforeAll(async () => {
  prom = await startPrometheus({ openMetrics: openMetricsText(catalogue(), { start: START, end: END, step: MIN }) });
}, 120_000);

afterAll(async () => {
  await prom?.stop();
});

function expectClose(actual: number | null, expected: number, what: string) {
  if (actual === null || Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
    throw new Error(`${what}: demo ${actual}, Prometheus ${expected}`);
  }
}

/** Prometheus range result as a map from the series' label set to its values by time (ms). */
async function promRange(expr: string, grid: TimeGrid) {
  const result = await prom.queryRange(expr, grid.start, grid.end, grid.step);
  return new Map(
    result.map((r) => [
      JSON.stringify(Object.entries(r.metric).sort()),
      new Map(r.values.map(([t, v]) => [Math.round(t * 1000), Number(v)])),
    ])
  );
}

async function expectSameRange(expr: string, grid: TimeGrid) {
  const expected = await promRange(expr, grid);
  const actual = await demo.rangeQuery(expr, grid);
  expect(actual.length).toBe(expected.size);
  expect(actual.length).toBeGreaterThan(0);
  let compared = 0;
  for (const s of actual) {
    const key = JSON.stringify(Object.entries(s.labels).sort());
    const values = expected.get(key);
    if (!values) {
      throw new Error(`${expr}: demo series ${key} not in Prometheus' answer (${[...expected.keys()].join(' ')})`);
    }
    s.values.forEach((v, i) => {
      const t = grid.start + i * grid.step;
      const want = values.get(t);
      if (want === undefined || Number.isNaN(want)) {
        expect(v === null || Number.isNaN(v)).toBe(true);
      } else {
        expectClose(v, want, `${expr} ${key} at ${new Date(t).toISOString()}`);
        compared++;
      }
    });
  }
  expect(compared).toBeGreaterThan(0);
}

describe('demo platform against Prometheus on its back-fill', () => {
  const grid5m: TimeGrid = { start: START + HOUR, end: END, step: 5 * MIN };

  it.each([
    'http_requests_total{service="workflow_engine",code=~"5.."}',
    'http_requests_total{service="api_gateway"}',
    'http_requests_total{service!="api_gateway",code!="200"}',
    'http_request_duration_seconds_bucket{service="agent_manager",le="0.5"}',
    'http_request_duration_seconds_count{service=~"notification.*"}',
    'notifications_sent_total',
  ])('stepIncreases(%s) equals sum(increase(sel[step])) at every 5m and 1m step', async (selector) => {
    for (const grid of [grid5m, { start: Date.UTC(2026, 10, 11, 1), end: Date.UTC(2026, 10, 11, 3), step: MIN }]) {
      const expected = await promRange(`sum(increase(${selector}[${grid.step / 1000}s]))`, grid);
      const series = [...expected.values()][0];
      const actual = await demo.stepIncreases(selector, grid);
      actual.forEach((v, i) => {
        const t = grid.start + i * grid.step;
        expectClose(v, series.get(t)!, `${selector} at ${new Date(t).toISOString()}`);
      });
    }
  });

  it('counts the documented workflow_engine outage (11-11 02:10-02:16): every request a 503', async () => {
    const grid = { start: Date.UTC(2026, 10, 11, 2, 11), end: Date.UTC(2026, 10, 11, 2, 15), step: MIN };
    const bad = await demo.stepIncreases('http_requests_total{service="workflow_engine",code="503"}', grid);
    const total = await demo.stepIncreases('http_requests_total{service="workflow_engine"}', grid);
    bad.forEach((b, i) => expect(b! / total[i]!).toBeCloseTo(1, 3));
  });

  it('windowIncrease over windows spanning counter resets equals sum(increase(sel[w])) at an instant', async () => {
    for (const [selector, at, w] of [
      ['http_requests_total{service="api_gateway"}', Date.UTC(2026, 10, 11), '1d'],
      ['http_requests_total{service="workflow_engine",code=~"5.."}', Date.UTC(2026, 10, 11, 6), '6h'],
      ['http_request_duration_seconds_bucket{service="workflow_engine",le="0.3"}', END, '1d'],
      ['http_requests_total{service="notification_service"}', Date.UTC(2026, 10, 11, 9, 30), '2h'],
    ] as const) {
      const windowMs = w === '1d' ? 24 * HOUR : w === '6h' ? 6 * HOUR : 2 * HOUR;
      const [sample] = await prom.query(`sum(increase(${selector}[${w}]))`, at);
      expectClose(await demo.windowIncrease(selector, at, windowMs), Number(sample.value[1]), `${selector}[${w}]`);
    }
  });

  it.each([
    'node_disk_used_bytes',
    'node_cpu_usage_cores{node=~"node-[12]"}',
    'sum by (node) (node_cpu_usage_cores) / sum by (node) (node_cpu_capacity_cores)',
    'sum(node_memory_used_bytes) / sum(node_memory_capacity_bytes)',
    'db_connections_active / db_connections_max',
    'workflow_queue_depth',
    'process_start_time_seconds',
    'http_requests_total{service="agent_manager",code="500"}',
  ])('gauges and instant selectors: %s', async (expr) => {
    await expectSameRange(expr, grid5m);
  });

  it.each([
    'sum by (code) (rate(http_requests_total{service="api_gateway"}[5m]))',
    'sum(rate(http_requests_total{service="workflow_engine",code=~"5.."}[30m])) / sum(rate(http_requests_total{service="workflow_engine"}[30m]))',
    'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="workflow_engine"}[5m])))',
    'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket[10m])))',
    'sum without (code) (increase(http_requests_total[1h]))',
    'rate(http_request_duration_seconds_sum{service="api_gateway"}[5m]) / rate(http_request_duration_seconds_count{service="api_gateway"}[5m])',
    'max(node_network_transmit_bytes_per_second) * 8',
    'count(node_disk_used_bytes)',
  ])('range query %s', async (expr) => {
    await expectSameRange(expr, grid5m);
  });

  it('label values equal Prometheus', async () => {
    for (const label of ['service', 'code', 'le', 'node', '__name__']) {
      const response = await fetch(`${prom.url}/api/v1/label/${label}/values`);
      const body = (await response.json()) as { data: string[] };
      expect(await demo.labelValues(label)).toEqual([...body.data].sort());
    }
  });

  it('an unknown metric is empty in both', async () => {
    await expect(demo.rangeQuery('no_such_metric', grid5m)).resolves.toEqual([]);
    expect(await prom.queryRange('no_such_metric', grid5m.start, grid5m.end, grid5m.step)).toEqual([]);
    await expect(demo.stepIncreases('no_such_metric_total', grid5m)).resolves.toEqual(expect.arrayContaining([null]));
  });
});
