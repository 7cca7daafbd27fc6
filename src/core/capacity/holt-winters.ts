/**
 * Exponential smoothing: Holt-Winters (trend + additive or multiplicative season) and Holt (trend only).
 *
 * The recursions, the start values and the sum of squared one-step errors are R's `HoltWinters`
 * (stats/src/HoltWinters.c), so R is the oracle: with a season of period m, the first two seasons are
 * decomposed classically (centred moving average, `decompose`), the level and trend start from a
 * least-squares line through that moving average, the seasonal start is the decomposition's figure,
 * and smoothing starts at observation m + 1. Holt without season starts, as statsmodels' `Holt` with
 * known/legacy initialisation does, from level = y0 and trend = y1 - y0 and smooths from y0.
 */
import { nelderMead } from './nelder-mead';

export type Seasonality = 'additive' | 'multiplicative';

export interface SmoothingParams {
  alpha: number;
  beta: number;
  /** ignored without season */
  gamma: number;
}

export interface SmoothingModel {
  /** season length in observations; 0 = no season (Holt) */
  period: number;
  seasonality: Seasonality;
}

export interface SmoothingStart {
  level: number;
  trend: number;
  /** `period` seasonal components for cycle positions 0..period-1 (empty without season) */
  season: number[];
  /** index of the first observation that is smoothed (and scored) */
  first: number;
}

export interface SmoothingFit {
  model: SmoothingModel;
  params: SmoothingParams;
  /** state after the last observation */
  level: number;
  trend: number;
  /** seasonal components by cycle position (ring); position of observation i is i % period */
  season: number[];
  /** number of observations (the next one, h = 1, has index n) */
  n: number;
  /** sum of squared one-step errors, as R's SSE */
  sse: number;
  /** root mean square one-step error; relative to the forecast for multiplicative seasons */
  sigma: number;
}

/**
 * Start values as R's HoltWinters (season: decompose the first `startPeriods` seasons) or statsmodels' Holt.
 * R's start level is the moving-average line's intercept, which lies about m/2 observations before the first
 * smoothed one; `alignLevel` moves it along the line to observation m - 1 so the first forecast is unbiased
 * (same trend and season, so no transient for the fit to absorb with a large alpha).
 */
export function smoothingStart(
  x: Float64Array,
  model: SmoothingModel,
  startPeriods = 2,
  alignLevel = false
): SmoothingStart {
  const m = model.period;
  if (m === 0) {
    return { level: x[0], trend: x[1] - x[0], season: [], first: 0 };
  }
  const w = startPeriods * m;
  // Centred moving average of order m (R's filter(x, c(.5, 1, ..., 1, .5)/m) for even m, a plain mean for odd m).
  const half = Math.floor(m / 2);
  const trend: Array<number | null> = new Array(w).fill(null);
  for (let i = half; i + half <= w - 1; i++) {
    let s = 0;
    if (m % 2 === 0) {
      s = 0.5 * x[i - half] + 0.5 * x[i + half];
      for (let k = i - half + 1; k < i + half; k++) {
        s += x[k];
      }
    } else {
      for (let k = i - half; k <= i + half; k++) {
        s += x[k];
      }
    }
    trend[i] = s / m;
  }
  const multiplicative = model.seasonality === 'multiplicative';
  const figure: number[] = [];
  for (let p = 0; p < m; p++) {
    let sum = 0;
    let count = 0;
    for (let i = p; i < w; i += m) {
      const t = trend[i];
      if (t !== null) {
        sum += multiplicative ? x[i] / t : x[i] - t;
        count++;
      }
    }
    figure.push(sum / count);
  }
  const mean = figure.reduce((a, b) => a + b, 0) / m;
  const season = figure.map((f) => (multiplicative ? f / mean : f - mean));
  // Least-squares line through the moving average against 1..k; R takes its intercept (at 0) and slope.
  const dat = trend.filter((t): t is number => t !== null);
  const k = dat.length;
  const meanI = (k + 1) / 2;
  const meanT = dat.reduce((a, b) => a + b, 0) / k;
  let sxy = 0;
  let sxx = 0;
  dat.forEach((t, j) => {
    sxy += (j + 1 - meanI) * (t - meanT);
    sxx += (j + 1 - meanI) ** 2;
  });
  const slope = sxy / sxx;
  const intercept = meanT - slope * meanI;
  // moving-average point j (1-based) belongs to observation half + j - 1
  const level = alignLevel ? intercept + slope * (m - half) : intercept;
  return { level, trend: slope, season, first: m };
}

/**
 * Runs the smoothing recursions (R's C_HoltWinters) and returns the final state and SSE.
 * Hot path of the fit (hundreds of runs per series): typed arrays, no allocation in the loop.
 */
export function smooth(
  x: Float64Array,
  model: SmoothingModel,
  params: SmoothingParams,
  start: SmoothingStart
): SmoothingFit {
  const { alpha, beta, gamma } = params;
  const m = model.period;
  const additive = model.seasonality === 'additive';
  const season = Float64Array.from(start.season);
  let level = start.level;
  let trend = start.trend;
  let sse = 0;
  let relSse = 0;
  const n = x.length;
  // Three specialised loops (no season / additive / multiplicative) keep the hot loop branch-free.
  if (m === 0) {
    const s = additive ? 0 : 1;
    for (let i = start.first; i < n; i++) {
      const xi = x[i];
      const base = level + trend;
      const xhat = additive ? base : base * s;
      const res = xi - xhat;
      sse += res * res;
      relSse += (res * res) / (xhat * xhat);
      const previous = level;
      level = alpha * xi + (1 - alpha) * base;
      trend = beta * (level - previous) + (1 - beta) * trend;
    }
  } else if (additive) {
    for (let i = start.first, pos = start.first % m; i < n; i++) {
      const xi = x[i];
      const s = season[pos];
      const base = level + trend;
      const res = xi - base - s;
      sse += res * res;
      const previous = level;
      level = alpha * (xi - s) + (1 - alpha) * base;
      trend = beta * (level - previous) + (1 - beta) * trend;
      season[pos] = gamma * (xi - level) + (1 - gamma) * s;
      if (++pos === m) {
        pos = 0;
      }
    }
  } else {
    for (let i = start.first, pos = start.first % m; i < n; i++) {
      const xi = x[i];
      const s = season[pos];
      const base = level + trend;
      const xhat = base * s;
      const res = xi - xhat;
      sse += res * res;
      relSse += (res * res) / (xhat * xhat);
      const previous = level;
      level = alpha * (xi / s) + (1 - alpha) * base;
      trend = beta * (level - previous) + (1 - beta) * trend;
      season[pos] = gamma * (xi / level) + (1 - gamma) * s;
      if (++pos === m) {
        pos = 0;
      }
    }
  }
  const scored = Math.max(1, n - start.first);
  return {
    model,
    params,
    level,
    trend,
    season: Array.from(season),
    n,
    sse,
    sigma: Math.sqrt((additive ? sse : relSse) / scored),
  };
}

/** Point forecast h >= 0 observations after the last one (h = 0: the smoothed value at the last one). */
export function smoothingForecast(fit: SmoothingFit, h: number): number {
  const base = fit.level + h * fit.trend;
  const m = fit.model.period;
  if (m === 0) {
    return base;
  }
  const s = fit.season[(((fit.n + h - 1) % m) + m) % m];
  return fit.model.seasonality === 'additive' ? base + s : base * s;
}

/**
 * Variance factors v_h (h = 0..maxH) for the h-step forecast error, sigma_h^2 = sigma^2 * v_h, from the
 * additive Holt-Winters state-space model (Hyndman et al., "Forecasting with Exponential Smoothing",
 * class 1): v_h = 1 + sum_{j=1}^{h-1} c_j^2 with c_j = alpha (1 + j beta) + gamma (1 - alpha) [j mod m = 0].
 * Used for multiplicative seasons too, on the relative error (an approximation, documented).
 */
export function varianceFactors(fit: SmoothingFit, maxH: number): Float64Array {
  const { alpha, beta, gamma } = fit.params;
  const m = fit.model.period;
  const v = new Float64Array(maxH + 1);
  v[0] = 0;
  let sum = 1;
  for (let h = 1; h <= maxH; h++) {
    v[h] = sum;
    const j = h;
    const c = alpha * (1 + j * beta) + (m > 0 && j % m === 0 ? gamma * (1 - alpha) : 0);
    sum += c * c;
  }
  return v;
}

/**
 * Fits alpha, beta (and gamma with a season) in [0, 1] by minimising the SSE of one-step forecasts, as R's
 * HoltWinters does with L-BFGS-B from (0.3, 0.1, 0.1); here Nelder-Mead over u with p = sin^2(u), which maps
 * every real u into [0, 1] (bounds included) so the simplex needs no constraints. Parameters given in
 * `fixed` are not fitted. `maxBeta` narrows beta to [0, maxBeta] (see buildForecast for why).
 */
export function fitSmoothing(
  x: Float64Array,
  model: SmoothingModel,
  start: SmoothingStart,
  fixed: Partial<SmoothingParams> = {},
  maxBeta = 1
): SmoothingFit {
  const names: Array<keyof SmoothingParams> = model.period > 0 ? ['alpha', 'beta', 'gamma'] : ['alpha', 'beta'];
  const free = names.filter((name) => fixed[name] === undefined);
  const initial: SmoothingParams = { alpha: 0.3, beta: 0.1, gamma: 0.1, ...fixed };
  const fromU = (u: number[], name: keyof SmoothingParams) => {
    const i = free.indexOf(name);
    return i < 0 ? initial[name] : (name === 'beta' ? maxBeta : 1) * Math.sin(u[i]) ** 2;
  };
  // a fresh literal each time keeps the object's shape fast in the hot loop
  const toParams = (u: number[]): SmoothingParams => ({
    alpha: fromU(u, 'alpha'),
    beta: fromU(u, 'beta'),
    gamma: fromU(u, 'gamma'),
  });
  let params = initial;
  if (free.length > 0) {
    const objective = (u: number[]) => {
      const sse = smooth(x, model, toParams(u), start).sse;
      return Number.isFinite(sse) ? sse : Number.MAX_VALUE;
    };
    const best = nelderMead(
      objective,
      free.map((name) => Math.asin(Math.sqrt(name === 'beta' ? Math.min(1, initial.beta / maxBeta) : initial[name]))),
      { step: 0.2, maxEvaluations: 100 * free.length, tolerance: 1e-8 }
    );
    params = toParams(best.x);
  }
  return smooth(x, model, params, start);
}
