/**
 * One interface over the forecasting methods, for the capacity engine: build a forecast from a training
 * series on a regular grid, read it at any time in [origin, origin + horizon], find threshold crossings.
 *
 * Prediction band (forecastLower/Upper): point ± Z * se(t), Z = 1.96 (a 95% band).
 * - trend: see trend.ts (the band of a sample around the seasonally adjusted trend; the point is the peak envelope).
 * - linear: se is the OLS prediction error sigma * sqrt(1 + 1/n + (x - mean x)^2 / Sxx), sigma the residual
 *   standard deviation of the fit (so a wave the line cannot follow widens the band).
 * - Holt-Winters / Holt (smoothing bucket means, see buildForecast): se_h = sqrt(sigma^2 v_h + w^2), sigma the
 *   RMS one-step error of the bucket means, v_h the additive model's variance factor (see varianceFactors),
 *   w^2 the variance of samples around their bucket mean (the band is for observations at the data's step);
 *   for a multiplicative season sigma and w are relative and the band is point * (1 ± Z se_h).
 */
import { linearPredictionError, linearRegression, predictLinear } from './linear';
import { fitSmoothing, smoothingForecast, smoothingStart, varianceFactors, type Seasonality } from './holt-winters';
import { formatDuration } from '../duration';
import { describeTrend, fitTrend, trendAt, trendCrossing } from './trend';

export const BAND_Z = 1.96;

/** Holt-Winters smooths means over buckets of at least this (ms); see buildForecast. */
const MIN_BUCKET = 30 * 60_000;

export type ForecastMethod = 'trend' | 'linear' | 'holt-winters';

export interface ForecastSettings {
  method: ForecastMethod;
  /** ms after the last sample */
  horizon: number;
  /** season length, ms (Holt-Winters) */
  season: number;
  seasonality: Seasonality;
}

export interface ForecastPoint {
  value: number;
  lower: number;
  upper: number;
}

export interface Forecast {
  /** what was actually used: holt-winters falls back to holt (no season) with too little history */
  method: 'trend' | 'linear' | 'holt-winters' | 'holt';
  /** human description, e.g. "holt-winters (additive, season 1d, α 0.31 β 0.01 γ 0.2)" */
  description: string;
  /** time of the last training sample; the forecast starts there */
  origin: number;
  /** origin + horizon */
  end: number;
  /** resolution of the training data (ms), used to search crossings */
  step: number;
  /** the forecast at t, or null outside [origin, end] */
  at(t: number): ForecastPoint | null;
  /** closed-form first crossing, where the method has one (see crossingTime) */
  crossing?: (line: number) => number | null;
}

export interface ForecastResult {
  forecast?: Forecast;
  /** why there is no forecast, or what was changed (fallbacks); for frame notices */
  notices: string[];
}

const round = (v: number) => Number(v.toPrecision(2));

/**
 * Builds a forecast from training samples on a regular grid (`times` evenly spaced; nulls are gaps).
 * Linear uses the samples as they are; smoothing needs a regular series, so interior gaps are filled by
 * linear interpolation and leading/trailing gaps are dropped.
 */
export function buildForecast(
  times: number[],
  values: Array<number | null>,
  settings: ForecastSettings
): ForecastResult {
  const firstIdx = values.findIndex((v) => v !== null && Number.isFinite(v));
  let lastIdx = -1;
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) {
      lastIdx = i;
      break;
    }
  }
  const samples = firstIdx < 0 ? 0 : values.slice(firstIdx, lastIdx + 1).filter((v) => v !== null).length;
  if (samples < 2) {
    return {
      notices: [`too little history to forecast (${samples} sample${samples === 1 ? '' : 's'} in the training window)`],
    };
  }
  const origin = times[lastIdx];
  const end = origin + settings.horizon;
  const step = times.length > 1 ? times[1] - times[0] : settings.horizon;

  if (settings.method === 'trend') {
    const model = fitTrend(times, values, step, settings.horizon);
    return {
      notices: [],
      forecast: {
        method: 'trend',
        description: describeTrend(model),
        origin,
        end,
        step,
        at: (t) => (t < origin || t > end ? null : trendAt(model, t)),
        crossing: (line) => trendCrossing(model, line, end, step),
      },
    };
  }

  if (settings.method === 'linear') {
    const fit = linearRegression(times, values, origin)!;
    return {
      notices: [],
      forecast: {
        method: 'linear',
        description: `linear (least squares over ${formatDuration(times[lastIdx] - times[firstIdx])})`,
        origin,
        end,
        step,
        at: (t) => {
          if (t < origin || t > end) {
            return null;
          }
          const seconds = (t - origin) / 1000;
          const value = predictLinear(fit, seconds);
          const half = BAND_Z * linearPredictionError(fit, seconds);
          return { value, lower: value - half, upper: value + half };
        },
        crossing: (line) => {
          if (fit.intercept >= line) {
            return origin;
          }
          const t = fit.slope > 0 ? origin + ((line - fit.intercept) / fit.slope) * 1000 : Infinity;
          return t <= end ? t : null;
        },
      },
    };
  }

  const notices: string[] = [];
  const period0 = Math.round(settings.season / step);
  if (period0 < 2 || Math.abs(period0 * step - settings.season) > 1e-6) {
    return {
      notices: [
        `season ${formatDuration(settings.season)} is not a whole number (>= 2) of ${formatDuration(step)} steps`,
      ],
    };
  }
  // Smooth bucket means, not raw samples: with 5-minute samples a daily season would have 288 seasonal
  // indices each estimated from a handful of noisy points; 30-minute means average that noise away
  // (and make the fit ~6x cheaper). Buckets end at the last sample and divide the season.
  // k: the largest divisor of the season's length in samples up to 30 minutes' worth, leaving >= 2 per season
  let k = 1;
  for (let d = 2; d <= Math.min(Math.ceil(MIN_BUCKET / step), period0 / 2); d++) {
    if (period0 % d === 0) {
      k = d;
    }
  }
  const filled = fillGaps(values.slice(firstIdx, lastIdx + 1));
  const buckets = Math.floor(filled.length / k);
  const skip = filled.length - buckets * k;
  const x = new Float64Array(buckets);
  let within = 0;
  let withinRelative = 0;
  for (let b = 0; b < buckets; b++) {
    let sum = 0;
    for (let i = 0; i < k; i++) {
      sum += filled[skip + b * k + i];
    }
    x[b] = sum / k;
    for (let i = 0; i < k; i++) {
      const d = filled[skip + b * k + i] - x[b];
      within += d * d;
      withinRelative += (d / x[b]) ** 2;
    }
  }
  // variance of a sample around its bucket's mean: the band is for observations at the data's step
  const sampleVariance = k > 1 ? within / (buckets * (k - 1)) : 0;
  const sampleVarianceRelative = k > 1 ? withinRelative / (buckets * (k - 1)) : 0;
  const bucketStep = k * step;
  /** time the last bucket's mean stands for: its middle */
  const lastCentre = origin - ((k - 1) * step) / 2;
  const period = period0 / k;

  let seasonality = settings.seasonality;
  if (seasonality === 'multiplicative' && x.some((v) => v <= 0)) {
    notices.push('multiplicative seasonality needs positive values; used additive');
    seasonality = 'additive';
  }
  // R's start needs two full seasons plus one observation to smooth.
  let usePeriod = period;
  if (x.length < 2 * period + 1) {
    notices.push(
      `only ${formatDuration((filled.length - 1) * step)} of history, holt-winters needs 2 seasons ` +
        `(${formatDuration(2 * settings.season)}): used Holt's trend method without season`
    );
    usePeriod = 0;
  }
  if (usePeriod === 0 && x.length < 3) {
    return { notices: [...notices, 'too little history to forecast'] };
  }
  const model = { period: usePeriod, seasonality };
  // The start decomposes every whole season of the training window (R's start.periods), so the initial
  // trend is a least-squares slope over all of it rather than over the first two seasons; the start level
  // is aligned to the first smoothed observation (see smoothingStart).
  const startPeriods = usePeriod > 0 ? Math.floor(x.length / usePeriod) : 2;
  // One-step errors barely see the trend: on smooth high-resolution data they favour a trend that follows
  // the last few hours (beta 0.2-0.5), which extrapolated over weeks is nonsense. Capacity planning wants
  // the growth of the whole training window, so beta is kept to 1/n: the trend's memory spans the window
  // (level and season still adapt freely).
  const maxBeta = 1 / x.length;
  const fit = fitSmoothing(x, model, smoothingStart(x, model, startPeriods, true), {}, maxBeta);
  const maxH = Math.ceil((end - lastCentre) / bucketStep);
  const variance = varianceFactors(fit, maxH);
  const points: ForecastPoint[] = [];
  for (let h = 0; h <= maxH; h++) {
    const value = smoothingForecast(fit, h);
    const multiplicative = seasonality === 'multiplicative';
    const spread =
      BAND_Z * Math.sqrt(fit.sigma ** 2 * variance[h] + (multiplicative ? sampleVarianceRelative : sampleVariance));
    const half = multiplicative ? Math.abs(value) * spread : spread;
    points.push({ value, lower: value - half, upper: value + half });
  }
  if (!points.every((p) => Number.isFinite(p.value) && Number.isFinite(p.lower) && Number.isFinite(p.upper))) {
    return {
      notices: [
        ...notices,
        `${seasonality} holt-winters diverged on this data (non-finite forecast); try linear or additive`,
      ],
    };
  }
  const { alpha, beta, gamma } = fit.params;
  const description =
    usePeriod > 0
      ? `holt-winters (${seasonality}, season ${formatDuration(settings.season)}, α ${round(alpha)} β ${round(beta)} γ ${round(gamma)})`
      : `holt (α ${round(alpha)} β ${round(beta)})`;
  return {
    notices,
    forecast: {
      method: usePeriod > 0 ? 'holt-winters' : 'holt',
      description,
      origin,
      end,
      step: bucketStep,
      at: (t) => {
        if (t < origin || t > end) {
          return null;
        }
        // between two forecast steps: linear interpolation
        const h = (t - lastCentre) / bucketStep;
        const i = Math.min(Math.floor(h), maxH);
        const j = Math.min(i + 1, maxH);
        const f = h - i;
        const a = points[i];
        const b = points[j];
        return {
          value: a.value + f * (b.value - a.value),
          lower: a.lower + f * (b.lower - a.lower),
          upper: a.upper + f * (b.upper - a.upper),
        };
      },
    },
  };
}

/** Interior nulls linearly interpolated (the input starts and ends with a value). */
function fillGaps(values: Array<number | null>): Float64Array {
  const out = new Float64Array(values.length);
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) {
      for (let k = prev + 1; k < i; k++) {
        out[k] = out[prev] + ((v - out[prev]) * (k - prev)) / (i - prev);
      }
      out[i] = v;
      prev = i;
    }
  }
  return out;
}

/**
 * The first time in [origin, end] at which the forecast reaches `line` (>=): in closed form for the linear
 * method, else searched step by step and interpolated linearly between forecast steps; origin when it is
 * already at or above; null when never.
 */
export function crossingTime(forecast: Forecast, line: number): number | null {
  if (forecast.crossing) {
    return forecast.crossing(line);
  }
  let prevT = forecast.origin;
  let prev = forecast.at(prevT)!.value;
  if (prev >= line) {
    return prevT;
  }
  for (let t = forecast.origin + forecast.step; ; t += forecast.step) {
    const at = Math.min(t, forecast.end);
    const v = forecast.at(at)!.value;
    if (v >= line) {
      return prevT + ((line - prev) / (v - prev)) * (at - prevT);
    }
    if (at >= forecast.end) {
      return null;
    }
    prevT = at;
    prev = v;
  }
}
