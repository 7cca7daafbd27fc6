import {
  budgetMinutes,
  budgetRemaining,
  budgetSpent,
  budgetStatus,
  burnFactor,
  burnRate,
  sliValue,
  timeToExhaustion,
} from '../../../src/core/slo/budget';
import { windowLength, periodStart } from '../../../src/core/slo/calendar';
import { burnConditions } from '../../../src/core/slo/engine';
import { DEFAULT_POLICY } from '../../../src/core/definitions/model';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const D30 = 30 * DAY;

describe('SRE Workbook oracles', () => {
  // Workbook ch. 5, table 5-4/5-5: time to exhaust a 30-day budget at a constant burn rate
  it.each([
    [1, 30 * DAY],
    [2, 15 * DAY],
    [10, 3 * DAY],
    [1000, 43.2 * MIN],
  ])('burn rate %s exhausts a full 30-day budget in %s ms', (rate, ms) => {
    expect(timeToExhaustion(1, rate, D30)! * 1000).toBeCloseTo(ms, 3);
  });

  // Workbook table 5-8: burn rate and budget consumed per alert window
  it.each([
    [14.4, HOUR, 0.02],
    [6, 6 * HOUR, 0.05],
    [3, DAY, 0.1],
    [1, 3 * DAY, 0.1],
  ])('%sx for %s ms consumes %s of a 30-day budget', (rate, within, spent) => {
    expect(budgetSpent(rate, within, D30)).toBeCloseTo(spent, 12);
    expect(burnFactor(spent * 100, within, D30)).toBeCloseTo(rate, 12);
  });

  it('alert conditions: page 14.4x (1h/5m) or 6x (6h/30m), ticket 3x (1d/2h) or 1x (3d/6h) for 30 days', () => {
    const factors = (severity: 'page' | 'ticket') =>
      burnConditions(DEFAULT_POLICY, severity).map((c) => [
        Math.round(burnFactor(c.budget, c.long, D30) * 1e9) / 1e9,
        c.long,
        c.short,
      ]);
    expect(factors('page')).toEqual([
      [14.4, HOUR, 5 * MIN],
      [6, 6 * HOUR, 30 * MIN],
    ]);
    expect(factors('ticket')).toEqual([
      [3, DAY, 2 * HOUR],
      [1, 3 * DAY, 6 * HOUR],
    ]);
    // scaled with the window: a 7-day SLO pages at 2% of its budget in 1h = 3.36x
    expect(burnFactor(2, HOUR, 7 * DAY)).toBeCloseTo(3.36, 12);
  });
});

describe('handbook budgets', () => {
  it('99.95% over 30 days leaves 21.6 minutes (0.05% of 43,200 minutes)', () => {
    expect(budgetMinutes(1, 0.9995, D30)).toBeCloseTo(21.6, 9);
  });

  it('99.95% over a calendar quarter: 64.8 min (90-day Q1 2026) to 66.24 min (92-day Q3); the handbook rounds to 65', () => {
    const quarter = { kind: 'calendar-quarter', text: 'calendar-quarter' } as const;
    expect(windowLength(quarter, Date.UTC(2026, 1, 10))).toBe(90 * DAY);
    expect(budgetMinutes(1, 0.9995, windowLength(quarter, Date.UTC(2026, 1, 10)))).toBeCloseTo(64.8, 9);
    expect(budgetMinutes(1, 0.9995, windowLength(quarter, Date.UTC(2026, 4, 10)))).toBeCloseTo(65.52, 9);
    expect(budgetMinutes(1, 0.9995, windowLength(quarter, Date.UTC(2026, 7, 10)))).toBeCloseTo(66.24, 9);
    expect(periodStart(quarter, Date.UTC(2026, 7, 10, 12))).toBe(Date.UTC(2026, 6, 1));
  });

  it('calendar month lengths (UTC): February 2028 has 29 days', () => {
    const month = { kind: 'calendar-month', text: 'calendar-month' } as const;
    expect(windowLength(month, Date.UTC(2028, 1, 29, 23))).toBe(29 * DAY);
    expect(periodStart(month, Date.UTC(2026, 2, 1))).toBe(Date.UTC(2026, 2, 1));
  });

  it('handbook policy status: ok, warning at >= 80% consumed, depleted at <= 0, critical when depleted and paging', () => {
    expect(budgetStatus(0.5, false, DEFAULT_POLICY)).toBe(0);
    expect(budgetStatus(0.2000001, false, DEFAULT_POLICY)).toBe(0);
    expect(budgetStatus(0.2, false, DEFAULT_POLICY)).toBe(1);
    expect(budgetStatus(0, false, DEFAULT_POLICY)).toBe(2);
    expect(budgetStatus(-0.5, true, DEFAULT_POLICY)).toBe(3);
    expect(budgetStatus(0.5, true, DEFAULT_POLICY)).toBe(0);
    expect(budgetStatus(null, true, DEFAULT_POLICY)).toBeNull();
  });
});

describe('ratios', () => {
  it('no traffic is null, never NaN, Infinity or 100%', () => {
    expect(sliValue(0, 0)).toBeNull();
    expect(budgetRemaining(0, 0, 0.999)).toBeNull();
    expect(burnRate(null, 10, 0.999)).toBeNull();
    expect(timeToExhaustion(0.5, 0, D30)).toBeNull();
    expect(timeToExhaustion(0, 3, D30)).toBeNull();
  });

  it('definitions of DESIGN.md', () => {
    expect(sliValue(1, 1000)).toBe(0.999);
    expect(budgetRemaining(1, 1000, 0.999)).toBeCloseTo(0, 12);
    expect(budgetRemaining(3, 1000, 0.999)).toBeCloseTo(-2, 12);
    expect(burnRate(144, 10000, 0.999)).toBeCloseTo(14.4, 12);
  });
});
