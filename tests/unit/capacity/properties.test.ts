/**
 * Properties of the forecasting core over arbitrary input (fast-check): whatever the samples (gaps, zeros,
 * negative or huge values, constant series), buildForecast never throws, every point it returns is finite,
 * and a crossing lies within [origin, origin + horizon].
 */
import fc from 'fast-check';
import { buildForecast, crossingTime } from '../../../src/core/capacity/forecast';
import { linearRegression, predictLinear } from '../../../src/core/capacity/linear';

const STEP = 300_000;
const HOUR = 3_600_000;

const sample = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.double({ min: 0.4, max: 0.6, noNaN: true }) }
);

describe('buildForecast on arbitrary samples', () => {
  it('never throws, returns finite points, crossings within the horizon', () => {
    fc.assert(
      fc.property(
        fc.array(sample, { minLength: 0, maxLength: 120 }),
        fc.constantFrom('trend' as const, 'linear' as const, 'holt-winters' as const),
        fc.constantFrom('additive' as const, 'multiplicative' as const),
        fc.constantFrom(HOUR, 2 * HOUR, 24 * HOUR),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (values, method, seasonality, season, line) => {
          const times = values.map((_, i) => i * STEP);
          const { forecast, notices } = buildForecast(times, values, {
            method,
            horizon: 6 * HOUR,
            season,
            seasonality,
          });
          if (!forecast) {
            expect(notices.length).toBeGreaterThan(0);
            return;
          }
          for (let t = forecast.origin; t <= forecast.end; t += STEP) {
            const p = forecast.at(t)!;
            expect(Number.isFinite(p.value) && Number.isFinite(p.lower) && Number.isFinite(p.upper)).toBe(true);
            expect(p.lower).toBeLessThanOrEqual(p.value + 1e-9 * Math.abs(p.value));
          }
          const crossing = crossingTime(forecast, line);
          if (crossing !== null) {
            expect(crossing).toBeGreaterThanOrEqual(forecast.origin);
            expect(crossing).toBeLessThanOrEqual(forecast.end);
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('linearRegression', () => {
  it('recovers an exact line and predicts it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.integer({ min: 2, max: 200 }),
        (intercept, slope, n) => {
          const times = Array.from({ length: n }, (_, i) => i * 15_000);
          const end = times[n - 1];
          const values = times.map((t) => intercept + (slope * (t - end)) / 1000);
          const fit = linearRegression(times, values, end)!;
          const scale = Math.abs(intercept) + Math.abs(slope) * 3000 + 1;
          expect(Math.abs(predictLinear(fit, 0) - intercept)).toBeLessThan(1e-9 * scale);
          expect(Math.abs(predictLinear(fit, 3600) - (intercept + slope * 3600))).toBeLessThan(
            1e-8 * (scale + Math.abs(slope) * 3600)
          );
        }
      )
    );
  });
});
