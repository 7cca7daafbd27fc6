import fc from 'fast-check';
import { gridTimes } from '../../../src/core/source';
import { chooseGrid, niceStep } from '../../../src/backend/grid';
import { QueryError } from '../../../src/core/errors';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('chooseGrid', () => {
  it('works a dashboard case by hand: 6 h, 15 s interval, 1200 points -> 30 s step', () => {
    // raw = max(15 s, 6 h / 1198 = 18.03 s, 1 s) -> nice 30 s
    const from = Date.UTC(2026, 0, 5, 0, 0, 10);
    const grid = chooseGrid(from, from + 6 * HOUR, 15_000, 1200);
    expect(grid).toEqual({ start: Date.UTC(2026, 0, 5, 0, 0, 0), end: Date.UTC(2026, 0, 5, 6, 0, 30), step: 30_000 });
  });

  it('works a 30-day case by hand: 1000 points -> raw 43.3 min -> 1 h steps aligned to the hour', () => {
    const from = Date.UTC(2026, 0, 1, 0, 30);
    const grid = chooseGrid(from, from + 30 * DAY, 60_000, 1000);
    expect(grid.step).toBe(HOUR);
    expect(grid.start).toBe(Date.UTC(2026, 0, 1, 0, 0));
    expect(grid.end).toBe(Date.UTC(2026, 0, 31, 1, 0));
  });

  it('rounds raw steps up to nice ones', () => {
    expect(niceStep(1)).toBe(1000);
    expect(niceStep(16_000)).toBe(30_000);
    expect(niceStep(61_000)).toBe(2 * MIN);
    expect(niceStep(4 * HOUR)).toBe(6 * HOUR);
    expect(niceStep(DAY + 1)).toBe(2 * DAY);
  });

  it('rejects a range that ends before it starts, naming both ends', () => {
    expect(() => chooseGrid(2000, 1000, 0, 100)).toThrow(QueryError);
    expect(() => chooseGrid(2000, 1000, 0, 100)).toThrow(/ends before it starts/);
  });

  it('holds the rule for any range, interval and maxDataPoints', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 0, max: 2 * DAY }),
        fc.integer({ min: 0, max: 50_000 }),
        (from, span, interval, maxPoints) => {
          const to = from + span;
          const grid = chooseGrid(from, to, interval, maxPoints);
          expect(grid.step).toBeGreaterThanOrEqual(Math.max(interval, 1000));
          if (grid.step >= MIN) {
            expect(grid.step % MIN).toBe(0);
          }
          expect(grid.start % grid.step).toBe(0);
          expect(grid.end % grid.step).toBe(0);
          expect(grid.start).toBeLessThanOrEqual(from);
          expect(grid.end).toBeGreaterThanOrEqual(to);
          expect(grid.start).toBeGreaterThan(from - grid.step);
          expect(grid.end).toBeLessThan(to + grid.step);
          const points = (grid.end - grid.start) / grid.step + 1;
          expect(points).toBeLessThanOrEqual(Math.max(3, maxPoints > 0 ? maxPoints : 1000));
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('gives grids whose gridTimes match the step', () => {
    const grid = chooseGrid(0, 10 * MIN, 60_000, 100);
    expect(gridTimes(grid)).toHaveLength(11);
  });
});
