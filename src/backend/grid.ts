import { badQuery } from '../core/errors';
import type { TimeGrid } from '../core/source';

/**
 * The step grid of a query, chosen from Grafana's time range, intervalMS and maxDataPoints.
 *
 * Rule (tests in tests/unit/backend/grid.test.ts rely on it):
 *  1. raw step = max(intervalMS, span / (maxDataPoints - 2), 1 s). Dividing by maxDataPoints - 2 leaves room for
 *     the two extra points that alignment can add, so the grid never has more than maxDataPoints points
 *     (maxDataPoints below 3 counts as 3; missing values default to 1000 points and 1 s).
 *  2. rounded UP to a "nice" step: below 1 minute to 1, 2, 5, 10, 15 or 30 s; from 1 minute to
 *     1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 d; beyond a day to whole days. So step >= intervalMS always,
 *     and steps of a minute or more are whole minutes that divide an hour or a day evenly.
 *  3. start = from aligned DOWN to a multiple of the step (epoch-aligned, so days start at 00:00 UTC),
 *     end = to aligned UP; the grid is inclusive at both ends and covers the whole range.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map(
  (s) => s * SECOND
);

export const DEFAULT_MAX_DATA_POINTS = 1000;

export function niceStep(rawMs: number): number {
  const step = NICE_STEPS.find((s) => s >= rawMs);
  return step ?? Math.ceil(rawMs / DAY) * DAY;
}

export function chooseGrid(from: number, to: number, intervalMs: number, maxDataPoints: number): TimeGrid {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw badQuery(`time range is not a pair of finite epoch milliseconds (from ${from}, to ${to})`);
  }
  if (to < from) {
    throw badQuery(
      `time range ends before it starts (from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()})`
    );
  }
  const points = Math.max(3, maxDataPoints > 0 ? maxDataPoints : DEFAULT_MAX_DATA_POINTS);
  const raw = Math.max(intervalMs > 0 ? intervalMs : 0, (to - from) / (points - 2), SECOND);
  const step = niceStep(raw);
  return { start: Math.floor(from / step) * step, end: Math.ceil(to / step) * step, step };
}
