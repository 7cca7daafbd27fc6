import {
  DAY,
  EPOCH,
  HOUR,
  INCIDENTS,
  MIN,
  lastRestart,
  restartsBetween,
  SERVICES,
  TRENDING_DISK_NODE,
} from './platform';
import { catalogue, isCounter, type CounterSeries } from './series';
import { DemoSource, demoEvents } from './source';

const demo = new DemoSource();
const ratio = async (bad: string, total: string, from: number, to: number) =>
  (await demo.windowIncrease(bad, to, to - from))! / (await demo.windowIncrease(total, to, to - from))!;

describe('simulator', () => {
  it('is a pure function of seed and time: same values whatever the order or the cache state', () => {
    const t = Date.UTC(2026, 10, 20, 13, 37, 11);
    const forward = catalogue().map((s) => s.value(t));
    const coldOther = catalogue(7).map((s) => s.value(t));
    const backward = [...catalogue()]
      .reverse()
      .map((s) => s.value(t))
      .reverse();
    expect(backward).toEqual(forward);
    // another seed changes only the gauges' noise, never the counters
    catalogue().forEach((s, i) => {
      if (isCounter(s)) {
        expect(coldOther[i]).toBe(forward[i]);
      }
    });
    expect(coldOther).not.toEqual(forward);
  });

  it('valuesAt over a grid equals value() at each instant (the back-fill and the source agree)', () => {
    const times = Array.from({ length: 300 }, (_, i) => Date.UTC(2026, 10, 11, 1) + i * 2 * MIN);
    const mismatches: string[] = [];
    for (const s of catalogue().filter(isCounter)) {
      const grid = s.valuesAt(times);
      times.forEach(
        (t, i) => grid[i] !== s.value(t) && mismatches.push(`${s.name}${JSON.stringify(s.labels)} at ${t}`)
      );
    }
    expect(mismatches).toEqual([]);
  });

  it('counters only rise, except to 0 at a restart, and increases are never negative', () => {
    const from = EPOCH - 3 * DAY;
    const times = Array.from({ length: 40 * 24 }, (_, i) => from + i * HOUR);
    const violations: string[] = [];
    for (const s of catalogue().filter(isCounter) as CounterSeries[]) {
      const values = s.valuesAt(times);
      const increases = s.increasesOver(times);
      let restarts = 0;
      for (let i = 1; i < times.length; i++) {
        const [a, b] = [times[i - 1], times[i]];
        if (restartsBetween(s.service, a, b).length === 0) {
          if (values[i] < values[i - 1]) {
            violations.push(`${s.name}${JSON.stringify(s.labels)} falls at ${b}`);
          }
        } else {
          restarts++;
          if (s.value(lastRestart(s.service, b)) !== 0) {
            violations.push(`${s.name}${JSON.stringify(s.labels)} not 0 at its restart before ${b}`);
          }
        }
        if (!(increases[i - 1] >= 0)) {
          violations.push(`${s.name}${JSON.stringify(s.labels)} increase ${increases[i - 1]} at ${b}`);
        }
      }
      if (restarts < 4) {
        violations.push(`${s.name}${JSON.stringify(s.labels)} restarted only ${restarts} times in 40 days`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('grows requests 25% per 30 days (same time of week, 4 weeks apart x 30/28)', () => {
    const t = Date.UTC(2026, 10, 19, 15);
    const perSecond = (at: number) => demo.windowIncrease('http_requests_total{service="api_gateway"}', at, MIN);
    return Promise.all([perSecond(t), perSecond(t + 28 * DAY)]).then(([a, b]) =>
      expect(Math.log(b! / a!) / Math.log(1.25)).toBeCloseTo(28 / 30, 2)
    );
  });

  it('has daily and weekly seasonality: afternoon above night, Wednesday above Sunday', async () => {
    const rate = (at: number) => demo.windowIncrease('http_requests_total{service="workflow_engine"}', at, HOUR);
    expect(await rate(Date.UTC(2026, 10, 18, 16))).toBeGreaterThan(1.5 * (await rate(Date.UTC(2026, 10, 18, 4)))!);
    expect(await rate(Date.UTC(2026, 10, 18, 16))).toBeGreaterThan(1.1 * (await rate(Date.UTC(2026, 10, 22, 16)))!);
  });
});

describe('incidents at the documented times (README: cycle of 28 days from Monday 2026-11-09)', () => {
  const errors = (s: string) =>
    [`http_requests_total{service="${s}",code=~"5.."}`, `http_requests_total{service="${s}"}`] as const;

  it('workflow_engine total outage 2026-11-11 02:10-02:16 UTC, and again 28 days later', async () => {
    for (const k of [0, 1, -1]) {
      const base = k * 28 * DAY;
      expect(
        await ratio(
          ...errors('workflow_engine'),
          base + Date.UTC(2026, 10, 11, 2, 10),
          base + Date.UTC(2026, 10, 11, 2, 15)
        )
      ).toBeCloseTo(1, 4);
      expect(
        await ratio(
          ...errors('workflow_engine'),
          base + Date.UTC(2026, 10, 11, 1),
          base + Date.UTC(2026, 10, 11, 2, 10)
        )
      ).toBeLessThan(2e-4);
    }
  });

  it('api_gateway error burst 2026-11-18 14:00-14:30 (0.4%: burn rate 40, a fast-burn page)', async () => {
    const burst = await ratio(...errors('api_gateway'), Date.UTC(2026, 10, 18, 14), Date.UTC(2026, 10, 18, 14, 30));
    expect(burst / 1e-4).toBeGreaterThan(14.4);
    expect(burst).toBeCloseTo(0.004 + 0.5e-5, 6);
    expect(await ratio(...errors('api_gateway'), Date.UTC(2026, 10, 18, 13), Date.UTC(2026, 10, 18, 14))).toBeLessThan(
      1e-4
    );
  });

  it('agent_manager slow burn 2026-11-24 06:00 to 11-27 06:00 (burn > 1.5 over a day, < 14.4 over an hour)', async () => {
    const day = await ratio(...errors('agent_manager'), Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 26));
    const hour = await ratio(...errors('agent_manager'), Date.UTC(2026, 10, 25, 12), Date.UTC(2026, 10, 25, 13));
    expect(day / 1e-3).toBeGreaterThan(1.5);
    expect(hour / 1e-3).toBeLessThan(14.4);
    expect(await ratio(...errors('agent_manager'), Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 29))).toBeLessThan(1e-3);
  });

  it('workflow_engine latency regression after the 2026-12-01 15:00 deployment, rolled back 12-02 11:00', async () => {
    const slow = async (from: number, to: number) =>
      1 -
      (await ratio(
        'http_request_duration_seconds_bucket{service="workflow_engine",le="0.3"}',
        'http_request_duration_seconds_count{service="workflow_engine"}',
        from,
        to
      ));
    expect(await slow(Date.UTC(2026, 11, 1, 16), Date.UTC(2026, 11, 1, 20))).toBeGreaterThan(0.1);
    expect(await slow(Date.UTC(2026, 11, 1, 10), Date.UTC(2026, 11, 1, 14))).toBeCloseTo(0.02, 3);
    expect(await slow(Date.UTC(2026, 11, 2, 12), Date.UTC(2026, 11, 2, 16))).toBeCloseTo(0.02, 3);
    const deploys = demoEvents(Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 3)).filter(
      (e) => e.kind === 'deployment' && e.service === 'workflow_engine'
    );
    expect(deploys.map((e) => new Date(e.time).toISOString())).toEqual(
      expect.arrayContaining(['2026-12-01T15:00:00.000Z', '2026-12-02T11:00:00.000Z'])
    );
  });

  it('every 35-day window holds every kind of incident and deployments of every service', () => {
    for (let end = Date.UTC(2026, 0, 1); end < Date.UTC(2027, 6, 1); end += 3 * DAY + 7 * HOUR) {
      const events = demoEvents(end - 35 * DAY, end);
      for (const i of INCIDENTS) {
        expect(events.some((e) => e.kind === 'incident' && e.title === i.title && e.time >= end - 35 * DAY)).toBe(true);
      }
      for (const s of SERVICES) {
        expect(events.some((e) => e.kind === 'deployment' && e.service === s)).toBe(true);
      }
    }
  });
});

describe('capacity', () => {
  it(`${TRENDING_DISK_NODE}'s disk is below 80% mid-cycle and a linear trend of the last 7 days crosses 80% within 30 days`, async () => {
    const at = Date.UTC(2026, 10, 19); // cycle day 10
    const grid = { start: at - 7 * DAY, end: at, step: HOUR };
    const [usage] = await demo.rangeQuery(
      `sum by (node) (node_disk_used_bytes{node="${TRENDING_DISK_NODE}"}) / sum by (node) (node_disk_capacity_bytes{node="${TRENDING_DISK_NODE}"})`,
      grid
    );
    const ys = usage.values as number[];
    const xs = ys.map((_, i) => i * HOUR);
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const now = ys[ys.length - 1];
    expect(now).toBeLessThan(0.8);
    const crossing = (0.8 - now) / slope;
    expect(crossing).toBeGreaterThan(0);
    expect(crossing).toBeLessThan(30 * DAY);
    // and it really does cross: the alert's threshold time inside the same cycle
    const later = await demo.rangeQuery(
      `node_disk_used_bytes{node="${TRENDING_DISK_NODE}"} / node_disk_capacity_bytes`,
      {
        start: at + 10 * DAY,
        end: at + 10 * DAY,
        step: MIN,
      }
    );
    expect(later[0].values[0]).toBeGreaterThan(0.8);
  });

  it('keeps every other utilisation below 100%', async () => {
    const grid = { start: Date.UTC(2026, 9, 1), end: Date.UTC(2027, 3, 1), step: 6 * HOUR + 7 * MIN };
    for (const r of ['cpu_usage_cores', 'memory_used_bytes', 'disk_used_bytes', 'network_transmit_bytes_per_second']) {
      const cap = r.replace(/_(usage|used|transmit)_/, '_capacity_').replace('capacity_cores', 'capacity_cores');
      const series = await demo.rangeQuery(`sum by (node) (node_${r}) / sum by (node) (node_${cap})`, grid);
      expect(series).toHaveLength(6);
      for (const s of series) {
        expect(Math.max(...(s.values as number[]))).toBeLessThan(1);
        expect(Math.min(...(s.values as number[]))).toBeGreaterThan(0.05);
      }
    }
  });
});
