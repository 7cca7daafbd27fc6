/**
 * Forecasts of synthetic utilisation whose future is known: a linear trend with a daily wave plus white
 * noise at 5-minute steps, 7 days of training. The truth's threshold crossings are found by scanning it.
 * Requirements (issue 5): time to warning/critical within 5%, the seasonal forecast within 2% of capacity
 * of the truth over the horizon, the prediction band covering at least 80% of new noisy observations
 * (and staying narrow enough to mean something).
 */
import { buildForecast, crossingTime, type Forecast } from '../../../src/core/capacity/forecast';
import type { Seasonality } from '../../../src/core/capacity/holt-winters';

const DAY = 86_400_000;
const STEP = 300_000;
const TRAINING_DAYS = 7;

/** deterministic standard normal samples (mulberry32 + Box-Muller) */
function normal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (((z ^ (z >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function training(truth: (t: number) => number, noise: number, seed: number) {
  const gauss = normal(seed);
  const times: number[] = [];
  const values: number[] = [];
  for (let t = 0; t <= TRAINING_DAYS * DAY; t += STEP) {
    times.push(t);
    values.push(truth(t) + noise * gauss());
  }
  return { times, values, gauss };
}

/** first time after `from` at which the truth reaches `line` (1 s resolution after a 1 min scan) */
function trueCrossing(truth: (t: number) => number, from: number, line: number): number {
  let t = from;
  while (truth(t) < line) {
    t += 60_000;
  }
  let lo = t - 60_000;
  while (t - lo > 1000) {
    const mid = (lo + t) / 2;
    if (truth(mid) >= line) {
      t = mid;
    } else {
      lo = mid;
    }
  }
  return t;
}

function check(forecast: Forecast, truth: (t: number) => number, noise: number, gauss: () => number) {
  let maxError = 0;
  let covered = 0;
  let width = 0;
  let n = 0;
  for (let t = forecast.origin; t <= forecast.end; t += STEP) {
    const p = forecast.at(t)!;
    maxError = Math.max(maxError, Math.abs(p.value - truth(t)));
    const observed = truth(t) + noise * gauss();
    covered += observed >= p.lower && observed <= p.upper ? 1 : 0;
    width += p.upper - p.lower;
    n++;
  }
  return { maxError, coverage: covered / n, meanWidth: width / n };
}

function crossingErrors(forecast: Forecast, truth: (t: number) => number, lines: number[]) {
  return lines.map((line) => {
    const expected = trueCrossing(truth, forecast.origin, line) - forecast.origin;
    const got = crossingTime(forecast, line)! - forecast.origin;
    return Math.abs(got - expected) / expected;
  });
}

describe.each<[Seasonality, (t: number) => number]>([
  // peaks rise 0.03 a day; the thresholds 0.7 and 0.85 fall between two days' peaks, not on one
  ['additive', (t) => 0.0875 + 0.03 * (t / DAY) + 0.08 * Math.sin((2 * Math.PI * t) / DAY)],
  ['multiplicative', (t) => (0.2 + 0.025 * (t / DAY)) * (1 + 0.15 * Math.sin((2 * Math.PI * t) / DAY))],
])('holt-winters, %s daily season', (seasonality, truth) => {
  const noise = 0.005;
  const { times, values, gauss } = training(truth, noise, 7);
  const { forecast, notices } = buildForecast(times, values, {
    method: 'holt-winters',
    horizon: 30 * DAY,
    season: DAY,
    seasonality,
  });

  it('forecasts with the season, without notices', () => {
    expect(notices).toEqual([]);
    expect(forecast!.method).toBe('holt-winters');
    expect(forecast!.origin).toBe(TRAINING_DAYS * DAY);
  });

  it('time to warning (70%) and critical (85%) within 5% of the truth', () => {
    for (const error of crossingErrors(forecast!, truth, [0.7, 0.85])) {
      expect(error).toBeLessThan(0.05);
    }
  });

  it('stays within 2% of capacity of the truth over the 30-day horizon; the band covers >= 80%', () => {
    const { maxError, coverage, meanWidth } = check(forecast!, truth, noise, gauss);
    expect(maxError).toBeLessThan(0.02);
    expect(coverage).toBeGreaterThanOrEqual(0.8);
    expect(meanWidth).toBeLessThan(0.2);
  });
});

describe('linear forecast of a steady trend', () => {
  const truth = (t: number) => 0.3 + 0.02 * (t / DAY);
  const noise = 0.01;
  const { times, values, gauss } = training(truth, noise, 11);
  const { forecast } = buildForecast(times, values, {
    method: 'linear',
    horizon: 30 * DAY,
    season: DAY,
    seasonality: 'additive',
  });

  it('time to warning and critical within 5%, forecast within 2%, band covers >= 80%', () => {
    for (const error of crossingErrors(forecast!, truth, [0.7, 0.85])) {
      expect(error).toBeLessThan(0.05);
    }
    const { maxError, coverage, meanWidth } = check(forecast!, truth, noise, gauss);
    expect(maxError).toBeLessThan(0.02);
    expect(coverage).toBeGreaterThanOrEqual(0.8);
    expect(meanWidth).toBeLessThan(0.2);
  });

  it('crossing is null beyond the horizon and the origin when already above the line', () => {
    expect(crossingTime(forecast!, 5)).toBeNull();
    expect(crossingTime(forecast!, 0.1)).toBe(forecast!.origin);
    expect(forecast!.at(forecast!.origin - 1)).toBeNull();
    expect(forecast!.at(forecast!.end + 1)).toBeNull();
  });
});

describe('too little history', () => {
  const times = Array.from({ length: 300 }, (_, i) => i * STEP);
  const values = times.map((t) => 0.2 + 0.01 * (t / DAY));

  it('holt-winters with less than two seasons falls back to Holt with a notice naming the need', () => {
    const { forecast, notices } = buildForecast(times, values, {
      method: 'holt-winters',
      horizon: DAY,
      season: DAY,
      seasonality: 'additive',
    });
    expect(forecast!.method).toBe('holt');
    expect(notices[0]).toMatch(/holt-winters needs 2 seasons \(2d\)/);
    expect(forecast!.at(forecast!.origin + DAY)!.value).toBeCloseTo(0.2 + 0.01 * ((299 * STEP) / DAY + 1), 3);
  });

  it('a single sample gives no forecast and a notice', () => {
    const { forecast, notices } = buildForecast([0, STEP], [0.5, null], {
      method: 'linear',
      horizon: DAY,
      season: DAY,
      seasonality: 'additive',
    });
    expect(forecast).toBeUndefined();
    expect(notices).toEqual(['too little history to forecast (1 sample in the training window)']);
  });

  it('a season of a few samples still forecasts (buckets never exceed half a season)', () => {
    const short = Array.from({ length: 50 }, (_, i) => i * STEP);
    const { forecast, notices } = buildForecast(
      short,
      short.map((t, i) => 0.3 + (i % 2) * 0.1),
      { method: 'holt-winters', horizon: DAY, season: 2 * STEP, seasonality: 'additive' }
    );
    expect(notices).toEqual([]);
    expect(forecast!.method).toBe('holt-winters');
    expect(forecast!.step).toBe(STEP);
  });

  it('multiplicative seasonality on data with zeros uses additive and says so', () => {
    const long = Array.from({ length: 3 * 288 }, (_, i) => i * STEP);
    const withZero = long.map((t, i) => (i < 12 ? 0 : 0.3 + 0.1 * Math.sin((2 * Math.PI * t) / DAY)));
    const { forecast, notices } = buildForecast(long, withZero, {
      method: 'holt-winters',
      horizon: DAY,
      season: DAY,
      seasonality: 'multiplicative',
    });
    expect(forecast!.method).toBe('holt-winters');
    expect(notices).toEqual(['multiplicative seasonality needs positive values; used additive']);
  });
});
