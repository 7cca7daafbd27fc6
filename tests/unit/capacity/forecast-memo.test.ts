import { buildForecast, type ForecastSettings } from '../../../src/core/capacity/forecast';
import { memoizedForecast } from '../../../src/core/capacity/forecast-memo';

const HOUR = 3_600_000;
const settings: ForecastSettings = { method: 'linear', horizon: 30 * 24 * HOUR, season: 24 * HOUR, seasonality: 'additive' };
const times = Array.from({ length: 200 }, (_, i) => 1_700_000_000_000 + i * HOUR);
/** 40% growing 0.1 point an hour, with a gap */
const values = times.map((_, i) => (i === 50 ? null : 0.4 + i * 0.001));

describe('memoizedForecast', () => {
  it('reuses the fit for the same training data, and it is the fit a fresh build gives', () => {
    const first = memoizedForecast(times, values, settings);
    const again = memoizedForecast(times, [...values], settings);
    expect(again).toBe(first);
    const fresh = buildForecast(times, values, settings);
    expect(first.forecast!.at(times[199] + 10 * 24 * HOUR)).toEqual(fresh.forecast!.at(times[199] + 10 * 24 * HOUR));
  });

  it('fits again when one value, the settings or the grid differ', () => {
    const first = memoizedForecast(times, values, settings);
    const changed = [...values];
    changed[120] = 0.9;
    expect(memoizedForecast(times, changed, settings)).not.toBe(first);
    expect(memoizedForecast(times, values, { ...settings, horizon: 7 * 24 * HOUR })).not.toBe(first);
    expect(memoizedForecast(times.map((t) => t + HOUR), values, settings)).not.toBe(first);
    // a null where a value was is a change too
    const gap = [...values];
    gap[10] = null;
    expect(memoizedForecast(times, gap, settings)).not.toBe(first);
  });
});
