import { QueryError } from '../core/errors';
import { CYCLE, EPOCH, HOUR, MIN } from './platform';
import { bucketQuantile } from './evaluate';
import { DemoAlertSource, DemoSource } from './source';
import { catalogue, type GaugeSeries } from './series';

const demo = new DemoSource();
const grid = { start: Date.UTC(2026, 10, 20), end: Date.UTC(2026, 10, 20, 1), step: 5 * MIN };

describe('DemoSource queries', () => {
  it.each([
    ['sum(rate(x[5m])) > 1', '">"'],
    ['label_replace(up, "a", "b", "c", "d")', 'label_replace'],
    ['rate(node_cpu_usage_cores)', 'range selector'],
    ['sum(rate(http_requests_total[5m]) offset 1h)', 'offset'],
    ['http_requests_total{service="a"', 'expected'],
    ['http_requests_total{service=~"("}', 'invalid regular expression'],
  ])('rejects %s with a 400 that names the expression', async (expr, why) => {
    const error = await demo.rangeQuery(expr, grid).catch((e) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect(error.status).toBe(400);
    expect(error.message).toContain(expr);
    expect(error.message).toContain(why);
  });

  it('refuses grids that would mean unbounded work', async () => {
    await expect(
      demo.stepIncreases('http_requests_total', { start: 0, end: 30 * 86_400_000, step: 1 })
    ).rejects.toThrow(/too large/);
    await expect(demo.rangeQuery('up', { start: 10, end: 0, step: 1000 })).rejects.toThrow(/invalid time grid/);
  });

  it('answers an unknown metric with no series, and unknown counters with nulls', async () => {
    expect(await demo.rangeQuery('sum(rate(nope_total[5m]))', grid)).toEqual([]);
    expect(await demo.stepIncreases('nope_total', grid)).toEqual(Array(13).fill(null));
    expect(await demo.windowIncrease('nope_total', grid.end, HOUR)).toBeNull();
  });

  it('refuses increases of gauges and ranges in stepIncreases selectors', async () => {
    await expect(demo.stepIncreases('node_disk_used_bytes', grid)).rejects.toThrow(/gauge/);
    await expect(demo.stepIncreases('http_requests_total[5m]', grid)).rejects.toThrow(/selector/);
  });

  it('matches =, !=, =~ and !~ (anchored regexes) like Prometheus', async () => {
    const services = async (sel: string) =>
      (await demo.rangeQuery(`sum by (service) (${sel})`, grid)).map((s) => s.labels.service).sort();
    expect(await services('http_requests_total{code="200",service=~"a.*"}')).toEqual(['agent_manager', 'api_gateway']);
    expect(await services('http_requests_total{code="200",service=~"gateway"}')).toEqual([]);
    expect(await services('http_requests_total{code="200",service!~".*_(engine|manager)"}')).toEqual([
      'api_gateway',
      'notification_service',
    ]);
    expect(await services('http_requests_total{code="200",service!="api_gateway"}')).toHaveLength(3);
  });

  it('sums per-step increases to the window increase (same counts, any split)', async () => {
    const sel = 'http_requests_total{service="workflow_engine"}';
    const day = { start: Date.UTC(2026, 10, 11) + 5 * MIN, end: Date.UTC(2026, 10, 12), step: 5 * MIN };
    const steps = (await demo.stepIncreases(sel, day)) as number[];
    expect(steps.reduce((a, b) => a + b)).toBe(await demo.windowIncrease(sel, day.end, day.end - day.start + day.step));
  });

  it('lists label values', async () => {
    expect(await demo.labelValues('service')).toEqual([
      'agent_manager',
      'api_gateway',
      'notification_service',
      'workflow_engine',
    ]);
    expect(await demo.labelValues('node')).toEqual(['node-1', 'node-2', 'node-3', 'node-4', 'node-5', 'node-6']);
    expect(await demo.labelValues('nope')).toEqual([]);
  });

  it('computes histogram quantiles like Prometheus (linear inside the bucket, +Inf bucket gives the last bound)', () => {
    const b = (counts: number[]) => [0.1, 0.5, 1, Infinity].map((le, i) => ({ le, count: counts[i] }));
    expect(bucketQuantile(0.5, b([50, 100, 100, 100]))).toBeCloseTo(0.1);
    expect(bucketQuantile(0.75, b([50, 100, 100, 100]))).toBeCloseTo(0.3);
    expect(bucketQuantile(0.99, b([0, 0, 0, 10]))).toBe(1);
    expect(bucketQuantile(0.5, b([0, 0, 0, 0]))).toBeNaN();
    expect(bucketQuantile(0.5, [{ le: 1, count: 3 }])).toBeNaN();
  });
});

describe('DemoAlertSource', () => {
  const alerts = new DemoAlertSource();

  it('has at least one active alert at almost every instant of a cycle, some of them silenced', async () => {
    let quiet = 0;
    let silenced = 0;
    let total = 0;
    for (let t = EPOCH; t < EPOCH + CYCLE; t += HOUR + 7 * MIN) {
      const active = await alerts.activeAlerts(t);
      quiet += active.length === 0 ? 1 : 0;
      silenced += active.filter((a) => a.silencedBy.length > 0).length;
      total++;
      for (const a of active) {
        expect(a.labels).toEqual(
          expect.objectContaining({ alertname: expect.any(String), service: expect.any(String) })
        );
        expect(['critical', 'high', 'warning']).toContain(a.labels.severity);
        expect(a.startsAt).toBeLessThanOrEqual(t);
        expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
        expect(a.annotations.summary).toBeTruthy();
      }
    }
    expect(quiet / total).toBeLessThan(0.05);
    expect(silenced).toBeGreaterThan(0);
  });

  it('pages for the documented outage and error burst', async () => {
    const names = async (t: number) =>
      (await alerts.activeAlerts(t)).map((a) => `${a.labels.alertname}/${a.labels.service}/${a.labels.severity}`);
    expect(await names(Date.UTC(2026, 10, 11, 2, 14))).toEqual(
      expect.arrayContaining([
        'ServiceDown/workflow_engine/critical',
        'SLOErrorBudgetFastBurn/workflow_engine/critical',
      ])
    );
    expect(await names(Date.UTC(2026, 10, 18, 14, 20))).toContain('SLOErrorBudgetFastBurn/api_gateway/critical');
    expect(await names(Date.UTC(2026, 10, 18, 16))).not.toContain('SLOErrorBudgetFastBurn/api_gateway/critical');
  });

  it.each([
    ['5m windows at a 2-minute step', '5m', 2 * MIN],
    ['5m windows at a 15-minute step (windows apart)', '5m', 15 * MIN],
    ['7m windows at a 5-minute step', '7m', 5 * MIN],
  ])(
    'increase() over %s: each window the counter increase across it, as asked window by window',
    async (_, range, step) => {
      const at = { start: Date.UTC(2026, 10, 20), end: Date.UTC(2026, 10, 21), step };
      const [series] = await demo.rangeQuery(`sum(increase(http_requests_total{service="api_gateway"}[${range}]))`, at);
      const ms = Number(range.slice(0, -1)) * MIN;
      const oneByOne = await Promise.all(
        series.values.map((_, i) =>
          demo.windowIncrease('http_requests_total{service="api_gateway"}', at.start + i * step, ms)
        )
      );
      expect(series.values).toHaveLength(oneByOne.length);
      // integer counters: exactly equal
      expect(series.values).toEqual(oneByOne);
    }
  );

  it("a gauge's values on a grid are its value at each point, kept for the last few grids", () => {
    const gauge = catalogue().find((s): s is GaugeSeries => s.kind === 'gauge')!;
    const on = (start: number) => ({ start, end: start + 6 * HOUR, step: 15 * MIN });
    const first = gauge.valuesOn(on(grid.start));
    expect(Array.from(first)).toEqual(Array.from({ length: 25 }, (_, i) => gauge.value(grid.start + i * 15 * MIN)));
    expect(gauge.valuesOn(on(grid.start))).toBe(first);
    // four other grids later the first is computed again, to the same values
    [1, 2, 3, 4].forEach((h) => gauge.valuesOn(on(grid.start + h * HOUR)));
    const again = gauge.valuesOn(on(grid.start));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
