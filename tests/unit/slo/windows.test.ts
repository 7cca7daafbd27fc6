import fc from 'fast-check';
import { ANCHOR_STEPS, WindowSums, hasHole } from '../../../src/core/slo/windows';
import { periodStart } from '../../../src/core/slo/calendar';
import { gridTimes, type TimeGrid } from '../../../src/core/source';
import { FakeSource, counter, promIncrease } from './fake-source';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 28); // history starts here (aligned); a month boundary follows on Feb 1

/** Deterministic pseudo-random traffic so every step differs. */
function wave(seed: number) {
  return (t: number) => Math.floor(50 + 40 * Math.sin(t / (7 * MIN) + seed) + (((t / MIN) * seed) % 13));
}

function source(options: { gapFrom?: number; gapTo?: number } = {}) {
  const end = T0 + 6 * DAY;
  const drop = ([t]: [number, number]) => !(options.gapFrom !== undefined && t > options.gapFrom && t < options.gapTo!);
  const total = [
    counter(T0, end, MIN, wave(1)).filter(drop),
    counter(T0, end, MIN, wave(2), (t) => t === T0 + 2 * DAY + 17 * MIN).filter(drop), // a reset
  ];
  const bad = [
    counter(T0, end, MIN, (t) =>
      t > T0 + 3 * DAY && t < T0 + 3 * DAY + 2 * HOUR ? 0 : (wave(3)(t) % 3) * 0.37
    ).filter(drop),
  ];
  return new FakeSource({ total, bad });
}

function brute(src: FakeSource, selector: string, grid: TimeGrid, w: number) {
  return gridTimes(grid).map((t) => src.increase(selector, t, w));
}

function expectClose(actual: Array<number | null>, expected: Array<number | null>) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    if (expected[i] === null) {
      expect({ i, a }).toEqual({ i, a: null });
    } else {
      expect(a).not.toBeNull();
      expect(Math.abs(a! - expected[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[i]!)));
    }
  });
}

describe('sliding window sums equal brute-force window increases (Prometheus semantics, aligned samples)', () => {
  const grid: TimeGrid = { start: T0 + 2 * DAY, end: T0 + 4 * DAY, step: 5 * MIN };

  const short: TimeGrid = { start: T0 + 2 * DAY + HOUR, end: T0 + 2 * DAY + 7 * HOUR, step: 5 * MIN };

  it.each([
    ['2d over a 6h view (anchor + slide)', short, 2 * DAY, 'slide'],
    ['1d over a 6h view (anchor + slide)', short, DAY, 'slide'],
    ['1d over a 2d view (sum of per-step increases)', grid, DAY, 'sum'],
    ['6h', grid, 6 * HOUR, 'sum'],
    ['1h', grid, HOUR, 'sum'],
    ['5m', grid, 5 * MIN, 'sum'],
    ['7m (not a multiple of the step)', grid, 7 * MIN, 'direct'],
    ['2m (shorter than the step)', grid, 2 * MIN, 'direct'],
  ])('rolling %s, across a counter reset and a zero-traffic stretch', async (_name, g, w, method) => {
    for (const selector of ['total', 'bad']) {
      const src = source();
      const sums = new WindowSums(src, g);
      expectClose(await sums.rolling(selector, w), brute(src, selector, g, w));
      expect(sums.methods).toEqual([{ selector, window: expect.any(String), method }]);
    }
  });

  it('a zero-traffic window is exactly 0 (never a rounding residue)', async () => {
    const src = source();
    // non-integer increments slid from an anchor hours before, into 2h without bad events
    const g = { start: T0 + 3 * DAY + 80 * MIN, end: T0 + 3 * DAY + 119 * MIN, step: MIN };
    const sums = new WindowSums(src, g);
    const values = await sums.rolling('bad', HOUR);
    expect(sums.methods[0].method).toBe('slide');
    expect(src.increase('bad', T0 + 3 * DAY, HOUR)).toBeGreaterThan(0);
    expect(values).toEqual(new Array(40).fill(0));
  });

  it('fetches the displayed range and the trailing edge (from an aligned anchor), not the whole window', async () => {
    const src = source();
    const g = { start: T0 + 5 * DAY, end: T0 + 5 * DAY + 6 * HOUR, step: 5 * MIN };
    await new WindowSums(src, g).rolling('total', 4 * DAY);
    const points = src.requests.reduce((n, r) => n + r.points, 0);
    const shown = gridTimes(g).length;
    expect(points).toBeLessThanOrEqual(2 * (shown + ANCHOR_STEPS));
    expect(points).toBeLessThan((4 * DAY) / (5 * MIN)); // less than the window alone
    expect(src.requests.filter((r) => r.kind === 'window')).toHaveLength(1);
  });

  it('a scrape gap (whole steps without samples) falls back to the direct query and still equals Prometheus', async () => {
    const src = source({ gapFrom: T0 + 2 * DAY + 3 * HOUR, gapTo: T0 + 2 * DAY + 4 * HOUR + 30 * MIN });
    const sums = new WindowSums(src, grid);
    expectClose(await sums.rolling('total', DAY), brute(src, 'total', grid, DAY));
    expect(sums.methods[0].method).toBe('direct');
  });

  it('calendar month: resets at the period start, equals increase since the start', async () => {
    const src = source();
    const g = { start: T0 + 2 * DAY, end: T0 + 6 * DAY, step: 20 * MIN }; // Jan 30 .. Feb 3
    const window = { kind: 'calendar-month', text: 'calendar-month' } as const;
    const sums = new WindowSums(src, g);
    const values = await sums.calendar('total', window);
    const expected = gridTimes(g).map((t) =>
      t === periodStart(window, t) ? null : src.increase('total', t, t - periodStart(window, t))
    );
    expectClose(values, expected);
    expect(values[gridTimes(g).indexOf(Date.UTC(2026, 1, 1))]).toBeNull();
    expect(sums.methods[0].method).toBe('calendar');
    // one anchor: Feb 1 00:00 is a grid point, so the new period simply starts from zero there
    expect(src.requests.filter((r) => r.kind === 'window')).toHaveLength(1);
  });

  it('calendar month with a step that skips the period start: anchored again after it', async () => {
    const src = source();
    const step = 7 * HOUR;
    const g = { start: Math.ceil((T0 + 2 * DAY) / step) * step, end: Math.floor((T0 + 6 * DAY) / step) * step, step };
    const window = { kind: 'calendar-month', text: 'calendar-month' } as const;
    const values = await new WindowSums(src, g).calendar('bad', window);
    expectClose(
      values,
      gridTimes(g).map((t) => src.increase('bad', t, t - periodStart(window, t)))
    );
    expect(src.requests.filter((r) => r.kind === 'window')).toHaveLength(2);
  });

  it('points after the last sample (the future) are null, not a decaying sum', async () => {
    const src = source();
    const g = { start: T0 + 5 * DAY, end: T0 + 7 * DAY, step: HOUR };
    const values = await new WindowSums(src, g).rolling('total', DAY);
    expect(values[0]).not.toBeNull();
    expect(values[values.length - 1]).toBeNull();
  });
});

describe('hasHole', () => {
  it('only counts nulls between values', () => {
    expect(hasHole([null, 1, 2, null])).toBe(false);
    expect(hasHole([1, null, 2])).toBe(true);
    expect(hasHole([null, null])).toBe(false);
  });
});

describe('Prometheus increase model (fake source) sanity', () => {
  it('telescopes on aligned samples and extrapolates at a series start', () => {
    const s = counter(0, 10 * MIN, MIN, () => 2);
    expect(promIncrease(s, 0, 10 * MIN)).toBe(20);
    expect(promIncrease(s, 0, 5 * MIN)! + promIncrease(s, 5 * MIN, 10 * MIN)!).toBe(20);
    expect(promIncrease(s, 30_000, 10 * MIN)).toBeCloseTo(19, 9); // samples 1m..10m: 18, extrapolated by 30s
  });
});

describe('property: any window, step and data on the step grid give exactly the brute-force sums', () => {
  it('rolling windows (sum and slide paths), resets and flat stretches included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }), // step in 5-minute units
        fc.integer({ min: 1, max: 300 }), // window in steps
        fc.integer({ min: 2, max: 60 }), // points in view
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), // rate pattern
        fc.array(fc.integer({ min: 1, max: 2 * 1440 }), { maxLength: 3 }), // reset minutes
        async (stepUnits, k, points, pattern, resets) => {
          const step = stepUnits * 5 * MIN;
          const from = T0;
          const to = T0 + 3 * DAY;
          const samples = counter(
            from,
            to,
            MIN,
            (t) => pattern[Math.floor(t / (37 * MIN)) % pattern.length] * 0.5,
            (t) => resets.includes((t - from) / MIN)
          );
          const src = new FakeSource({ c: [samples] });
          const end = Math.floor((to - HOUR) / step) * step;
          const g = { start: end - (points - 1) * step, end, step };
          const got = await new WindowSums(src, g).rolling('c', k * step);
          const expected = brute(src, 'c', g, k * step);
          expected.forEach((e, i) => {
            if (e === null) {
              expect(got[i]).toBeNull();
            } else {
              expect(Math.abs(got[i]! - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, e));
            }
          });
        }
      ),
      { numRuns: 60 }
    );
  });
});
