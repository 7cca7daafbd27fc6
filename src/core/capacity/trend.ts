/**
 * The `trend` forecast (the default): growth fitted on seasonally adjusted data, after level shifts, and
 * forecast as the peak envelope of the samples. Why each part (docs/capacity.md "trend"):
 *
 * - Seasonal adjustment: a straight line over a few days follows the daily or weekday/weekend swing. The fit
 *   removes a seasonal profile (weekly with 2 weeks of data, else daily with 2 days), estimated jointly with
 *   the trend by backfitting: profile = mean residual per hour of the season, trend = least squares on the
 *   data minus the profile.
 * - Compound or straight growth: on positive data the model is fitted both to ln(utilisation) (growth in
 *   percent per month, as the handbook states it: requests +25%/month, data +30%/month, with a seasonal swing
 *   proportional to the level) and to the values (a disk filling at a constant rate), and the one whose mean
 *   is closer to the samples (RMS) is used. A straight line through a compounding series underestimates it
 *   (a 28-day fit has the slope of two weeks ago); compounding a straight fill warns early.
 * - Level shifts (a purge, cleanup, resize, autoscaling step): a jump between two samples far beyond the
 *   series' usual step-to-step change that persists and does not recur daily or weekly. Each gives the data after it its own level; the growth
 *   rate and profile stay common to all (a fixed-effects fit), so a shift a day ago still has weeks of history
 *   for the slope and the profile, and only the level after the last shift is extrapolated.
 * - Peak envelope: the forecast is trend x profile x the 90th percentile of the residuals, i.e. the upper edge
 *   of the samples, whose daily maxima are the forecast daily peaks; an SRE cares when the daily peak reaches
 *   a line, not when the mean does. The band is the 95% prediction interval of a sample around trend x profile.
 */
import { formatDuration } from '../duration';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH_S = 30 * 86_400;
/** a jump counts as a level shift beyond this many robust standard deviations of the step-to-step change... */
const SHIFT_SIGMAS = 8;
/** ...and beyond this relative size (log data) or fraction of the median level (other data) */
const MIN_SHIFT = 0.05;
/** samples after a jump that must stay at the new level (a one-sample spike is not a shift) */
const PERSIST = 4;
const PEAK_QUANTILE = 0.9;
const Z = 1.96;
const ITERATIONS = 3;

export interface TrendModel {
  /** fitted on ln(values) */
  log: boolean;
  /** growth per second (of ln values when log) */
  slope: number;
  /** level at the origin after the last shift (season-adjusted, ln when log) */
  level: number;
  origin: number;
  /** seasonal profile: value per bucket, bucket width and season length (ms); empty = none */
  profile: Float64Array;
  bucket: number;
  season: number;
  /** allowance from the fitted mean to the peak envelope (90th percentile of residuals) */
  peak: number;
  /** residual standard deviation */
  sigma: number;
  /** slope standard error and the last segment's size and mean x (s from origin) for the band */
  slopeError: number;
  lastCount: number;
  lastMeanX: number;
  /** times of the detected level shifts (first sample at the new level) */
  shifts: number[];
}

/** The k-th smallest of the first `length` values (Hoare's quickselect, reorders them in place): O(n), no sort. */
function select(values: Float64Array, k: number, length = values.length): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) {
        i++;
      }
      while (values[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      break;
    }
  }
  return values[k];
}

/** Median of the first `length` values of a typed array (reorders them). */
function median(values: Float64Array, length = values.length): number {
  if (length === 0) {
    return 0;
  }
  const m = length >> 1;
  const upper = select(values, m, length);
  if (length % 2) {
    return upper;
  }
  // after selecting m, the lower half holds values <= upper: its maximum is the other middle value
  let lower = -Infinity;
  for (let i = 0; i < m; i++) {
    lower = Math.max(lower, values[i]);
  }
  return (lower + upper) / 2;
}

/**
 * Indices (into y, sampled at `ts`) where a level shift starts: the jump y[j] - y[j-1], minus the local
 * step-to-step change (median of the 3 changes either side, so a steep seasonal flank is not a jump), is beyond
 * SHIFT_SIGMAS robust standard deviations and MIN_SHIFT, the next PERSIST samples stay at least half the jump
 * away, and it does not recur a day or a week before or after (a nightly batch job or backup is season).
 */
export function levelShifts(ts: number[], y: number[], minShift: number): number[] {
  const n = y.length;
  if (n < 3) {
    return [];
  }
  const d = new Float64Array(n);
  for (let j = 1; j < n; j++) {
    d[j] = y[j] - y[j - 1];
  }
  const e = new Float64Array(n);
  const slopes = new Float64Array(n);
  const around = new Float64Array(6);
  for (let j = 1; j < n; j++) {
    let m = 0;
    for (let k = Math.max(1, j - 3); k <= Math.min(n - 1, j + 3); k++) {
      if (k !== j) {
        around[m++] = d[k];
      }
    }
    slopes[j] = median(around, m);
    e[j] = d[j] - slopes[j];
  }
  const scale = 1.4826 * median(e.slice(1).map(Math.abs));
  const threshold = Math.max(SHIFT_SIGMAS * scale, minShift);
  // sample index by time, to look at the same moment a day or a week away
  const index = new Map<number, number>();
  ts.forEach((t, i) => index.set(t, i));
  const recurs = (j: number) =>
    [-WEEK, -DAY, DAY, WEEK].some((offset) => {
      const k = index.get(ts[j] + offset);
      return k !== undefined && k > 0 && Math.sign(e[k]) === Math.sign(e[j]) && Math.abs(e[k]) > Math.abs(e[j]) / 2;
    });
  const shifts: number[] = [];
  const after = new Float64Array(PERSIST);
  for (let j = 1; j < n - 1; j++) {
    if (Math.abs(e[j]) <= threshold) {
      continue;
    }
    let m = 0;
    for (let k = 1; k <= PERSIST && j + k < n; k++) {
      after[m++] = y[j + k] - y[j - 1] - (k + 1) * slopes[j];
    }
    const kept = median(after, m);
    if (Math.sign(kept) === Math.sign(e[j]) && Math.abs(kept) > Math.abs(e[j]) / 2 && !recurs(j)) {
      shifts.push(j);
    }
  }
  return shifts;
}

/**
 * Denoises a weekly profile without blunting its daily shape: profile = daily shape (the mean of the seven
 * days, so each hour averages every day of the window and a nightly batch job keeps its edges) + the rest
 * (weekly swing, and how the daily swing changes over the week) smoothed with a [1 2 1]/4 kernel. An hourly
 * weekly bucket holds only a few samples, and the highest of noisy bucket means overstates the daily peak.
 */
function weeklyShape(profile: Float64Array, perDay: number): void {
  const m = profile.length;
  const daily = new Float64Array(perDay);
  for (let k = 0; k < m; k++) {
    daily[k % perDay] += profile[k] / (m / perDay);
  }
  const rest = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    rest[k] = profile[k] - daily[k % perDay];
  }
  for (let k = 0; k < m; k++) {
    const smooth = 0.25 * rest[k === 0 ? m - 1 : k - 1] + 0.5 * rest[k] + 0.25 * rest[k === m - 1 ? 0 : k + 1];
    profile[k] = daily[k % perDay] + smooth;
  }
}

/**
 * Profile value at time t: its bucket's, as estimated (interpolating between bucket centres would blunt a sharp
 * edge such as a nightly batch job's and make the samples look noisier than they are).
 */
function profileAt(model: Pick<TrendModel, 'profile' | 'bucket' | 'season'>, t: number): number {
  const { profile, bucket, season } = model;
  if (profile.length === 0) {
    return 0;
  }
  // floor instead of % (a floating-point modulo is several times slower, and this runs per point)
  return profile[Math.floor((t - Math.floor(t / season) * season) / bucket)];
}

/**
 * Fits the trend model to samples on a regular grid (nulls are gaps; at least 2 samples). `step` is the
 * grid's step, `horizon` how far it will be read (ms after the last sample).
 */
export function fitTrend(times: number[], values: Array<number | null>, step: number, horizon: number): TrendModel {
  const ts: number[] = [];
  const raw: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) {
      ts.push(times[i]);
      raw.push(v);
    }
  });
  // level shifts are relative jumps on positive data, else jumps beyond a fraction of the median level
  const positive = raw.every((v) => v > 0);
  const shifts = positive
    ? levelShifts(ts, raw.map(Math.log), MIN_SHIFT)
    : levelShifts(ts, raw, MIN_SHIFT * median(new Float64Array(raw.map(Math.abs))));
  const additive = fitOn(ts, raw, step, false, shifts);
  if (!positive) {
    return additive.model;
  }
  const compound = fitOn(ts, raw, step, true, shifts);
  // compounding a steep short history can overflow within the horizon: then the straight fit
  const end = trendAt(compound.model, compound.model.origin + horizon);
  const finite = [end.value, end.lower, end.upper].every(Number.isFinite);
  return finite && compound.rms <= additive.rms ? compound.model : additive.model;
}

/** The model on ln(values) (`log`) or on the values; rms: the in-sample error of its mean, in the values' units. */
function fitOn(
  ts: number[],
  raw: number[],
  step: number,
  log: boolean,
  shiftIdx: number[]
): { model: TrendModel; rms: number } {
  const n = ts.length;
  const origin = ts[n - 1];
  // plain loops: typed-array from() with a mapping function is several times slower
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = log ? Math.log(raw[i]) : raw[i];
    x[i] = (ts[i] - origin) / 1000;
  }
  const segment = new Int32Array(n);
  for (const j of shiftIdx) {
    segment.fill(segment[j - 1] + 1, j);
  }
  const segments = shiftIdx.length + 1;

  const span = origin - ts[0];
  const season = span >= 2 * WEEK ? WEEK : span >= 2 * DAY ? DAY : 0;
  const bucket = step <= HOUR && HOUR % step === 0 ? HOUR : step;
  const buckets = season > 0 && season % bucket === 0 ? season / bucket : 0;
  const bucketOf = new Int32Array(n);
  if (buckets > 0) {
    for (let i = 0; i < n; i++) {
      bucketOf[i] = Math.floor((ts[i] - Math.floor(ts[i] / season) * season) / bucket);
    }
  }

  // one bucket of 0 when there is no season, so every sample can read its bucket
  const profile = new Float64Array(Math.max(1, buckets));
  const levels = new Float64Array(segments);
  let slope = 0;
  let sxx = 0;
  const count = new Float64Array(segments);
  const meanX = new Float64Array(segments);
  const meanZ = new Float64Array(segments);
  for (let i = 0; i < n; i++) {
    count[segment[i]]++;
    meanX[segment[i]] += x[i];
  }
  for (let s = 0; s < segments; s++) {
    meanX[s] /= count[s];
  }
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - meanX[segment[i]]) ** 2;
  }
  for (let iter = 0; iter < (buckets > 0 ? ITERATIONS : 1); iter++) {
    // trend: a common slope, a level per segment (least squares on the data minus the profile)
    meanZ.fill(0);
    for (let i = 0; i < n; i++) {
      meanZ[segment[i]] += y[i] - profile[bucketOf[i]];
    }
    for (let s = 0; s < segments; s++) {
      meanZ[s] /= count[s];
    }
    let sxz = 0;
    for (let i = 0; i < n; i++) {
      sxz += (x[i] - meanX[segment[i]]) * (y[i] - profile[bucketOf[i]] - meanZ[segment[i]]);
    }
    slope = sxx > 0 ? sxz / sxx : 0;
    for (let s = 0; s < segments; s++) {
      levels[s] = meanZ[s] - slope * meanX[s];
    }
    if (buckets === 0) {
      break;
    }
    // profile: mean residual per bucket of the season, centred so the levels keep the mean
    const sum = new Float64Array(buckets);
    const hits = new Float64Array(buckets);
    for (let i = 0; i < n; i++) {
      sum[bucketOf[i]] += y[i] - levels[segment[i]] - slope * x[i];
      hits[bucketOf[i]]++;
    }
    let total = 0;
    let filled = 0;
    for (let k = 0; k < buckets; k++) {
      if (hits[k] > 0) {
        profile[k] = sum[k] / hits[k];
        total += profile[k];
        filled++;
      }
    }
    for (let k = 0; k < buckets; k++) {
      profile[k] = hits[k] > 0 ? profile[k] - total / filled : 0;
    }
    if (season === WEEK) {
      weeklyShape(profile, DAY / bucket);
    }
  }
  const shape = { profile: buckets > 0 ? profile : new Float64Array(0), bucket, season };
  const residuals = y.map((v, i) => v - levels[segment[i]] - slope * x[i] - profileAt(shape, ts[i]));
  const dof = Math.max(1, n - segments - 1 - buckets);
  let rss = 0;
  let error = 0;
  for (let i = 0; i < n; i++) {
    rss += residuals[i] ** 2;
    error += (raw[i] - (log ? Math.exp(y[i] - residuals[i]) : y[i] - residuals[i])) ** 2;
  }
  const sigma = Math.sqrt(rss / dof);
  const peak = Math.max(0, select(residuals.slice(), Math.min(n - 1, Math.floor(PEAK_QUANTILE * n))));
  const last = segments - 1;
  const rms = Math.sqrt(error / n);
  const model: TrendModel = {
    log,
    slope,
    level: levels[last],
    origin,
    profile: shape.profile,
    bucket,
    season: buckets > 0 ? season : 0,
    peak,
    sigma,
    slopeError: sxx > 0 ? sigma / Math.sqrt(sxx) : 0,
    lastCount: count[last],
    lastMeanX: meanX[last],
    shifts: shiftIdx.map((j) => ts[j]),
  };
  return { model, rms };
}

/** The forecast at t: the peak envelope and the 95% band of a sample. */
export function trendAt(model: TrendModel, t: number): { value: number; lower: number; upper: number } {
  const seconds = (t - model.origin) / 1000;
  const mean = model.level + model.slope * seconds + profileAt(model, t);
  const se = Math.sqrt(
    model.sigma ** 2 * (1 + 1 / model.lastCount) + ((seconds - model.lastMeanX) * model.slopeError) ** 2
  );
  const back = model.log ? Math.exp : (v: number) => v;
  return { value: back(mean + model.peak), lower: back(mean - Z * se), upper: back(mean + Z * se) };
}

/**
 * The first time in [origin, end] at which the peak envelope reaches `line` (origin when it already has, null
 * when never), found on the transformed scale without reading every point: a season is skipped when even its
 * highest profile value cannot reach the line, else scanned at `step` and interpolated between samples.
 */
export function trendCrossing(model: TrendModel, line: number, end: number, step: number): number | null {
  if (model.log && line <= 0) {
    return model.origin;
  }
  const target = model.log ? Math.log(line) : line;
  const mean = (t: number) =>
    model.level + (model.slope * (t - model.origin)) / 1000 + profileAt(model, t) + model.peak;
  let maxProfile = 0;
  for (const p of model.profile) {
    maxProfile = Math.max(maxProfile, p);
  }
  const chunk = model.season > 0 ? model.season : end - model.origin;
  let prevT = model.origin;
  let prev = mean(prevT);
  if (prev >= target) {
    return prevT;
  }
  for (let from = model.origin; from < end; from += chunk) {
    const to = Math.min(from + chunk, end);
    const bound =
      model.level +
      Math.max(model.slope * (from - model.origin), model.slope * (to - model.origin)) / 1000 +
      maxProfile +
      model.peak;
    if (bound < target) {
      prevT = to;
      prev = mean(to);
      continue;
    }
    for (let t = from + step; ; t += step) {
      const at = Math.min(t, to);
      const v = mean(at);
      if (v >= target) {
        return prevT + ((target - prev) / (v - prev)) * (at - prevT);
      }
      prevT = at;
      prev = v;
      if (at >= to) {
        break;
      }
    }
  }
  return null;
}

/** e.g. "trend (+25%/month, weekly profile, peak envelope; level shift 2026-11-09T00:00Z)" */
export function describeTrend(model: TrendModel): string {
  const month = model.slope * MONTH_S;
  const growth = model.log
    ? `${month >= 0 ? '+' : ''}${Number(((Math.exp(month) - 1) * 100).toPrecision(2))}%/month`
    : `${month >= 0 ? '+' : ''}${Number(month.toPrecision(2))}/month`;
  const parts = [
    growth,
    model.season > 0 ? `${formatDuration(model.season)} profile` : 'no seasonal profile',
    'peak envelope',
  ];
  if (model.shifts.length > 0) {
    const at = new Date(model.shifts[model.shifts.length - 1]).toISOString().slice(0, 16);
    parts.push(`level shift at ${at}Z`);
  }
  return `trend (${parts.join(', ')})`;
}
