/**
 * Least-squares line exactly as Prometheus's `predict_linear`/`deriv` compute it (promql/functions.go
 * linearRegression): x in seconds relative to the intercept time, Kahan-Neumaier compensated sums,
 * and a constant series gives slope 0 (not NaN).
 */
export interface LinearFit {
  /** per second */
  slope: number;
  /** value at the intercept time */
  intercept: number;
  /** epoch ms the intercept refers to */
  interceptTime: number;
  n: number;
  /** mean of x (seconds from interceptTime) and sum of squared deviations of x, for prediction intervals */
  meanX: number;
  sxx: number;
  /** residual standard deviation (n - 2 degrees of freedom); 0 when n <= 2 */
  sigma: number;
}

/**
 * Fits value = intercept + slope * (t - interceptTime)/1000 over the non-null samples.
 * Returns undefined with fewer than 2 samples (Prometheus returns nothing then).
 */
export function linearRegression(
  times: number[],
  values: Array<number | null>,
  interceptTime: number
): LinearFit | undefined {
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  let initY = NaN;
  let constY = true;
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) {
      continue;
    }
    if (n === 0) {
      initY = v;
    } else if (v !== initY) {
      constY = false;
    }
    n++;
    const x = (times[i] - interceptTime) / 1000;
    // Neumaier-compensated sums, as Prometheus's kahanSumInc (inlined: this loop runs per sample)
    let t = sumX + x;
    cX += Math.abs(sumX) >= Math.abs(x) ? sumX - t + x : x - t + sumX;
    sumX = t;
    t = sumY + v;
    cY += Math.abs(sumY) >= Math.abs(v) ? sumY - t + v : v - t + sumY;
    sumY = t;
    const xy = x * v;
    t = sumXY + xy;
    cXY += Math.abs(sumXY) >= Math.abs(xy) ? sumXY - t + xy : xy - t + sumXY;
    sumXY = t;
    const x2 = x * x;
    t = sumX2 + x2;
    cX2 += Math.abs(sumX2) >= Math.abs(x2) ? sumX2 - t + x2 : x2 - t + sumX2;
    sumX2 = t;
  }
  if (n < 2) {
    return undefined;
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const varX = sumX2 - (sumX * sumX) / n;
  let slope: number;
  let intercept: number;
  if (constY) {
    slope = 0;
    intercept = initY;
  } else {
    const covXY = sumXY - (sumX * sumY) / n;
    slope = covXY / varX;
    intercept = sumY / n - (slope * sumX) / n;
  }
  let rss = 0;
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) {
      continue;
    }
    const r = v - (intercept + (slope * (times[i] - interceptTime)) / 1000);
    rss += r * r;
  }
  return {
    slope,
    intercept,
    interceptTime,
    n,
    meanX: sumX / n,
    sxx: varX,
    sigma: n > 2 ? Math.sqrt(rss / (n - 2)) : 0,
  };
}

/** Value of the fitted line `seconds` after its intercept time: Prometheus's predict_linear(v[W], seconds). */
export function predictLinear(fit: LinearFit, seconds: number): number {
  return fit.intercept + fit.slope * seconds;
}

/**
 * Standard error of a new observation `seconds` after the intercept time (OLS prediction interval):
 * sigma * sqrt(1 + 1/n + (x - meanX)^2 / Sxx).
 */
export function linearPredictionError(fit: LinearFit, seconds: number): number {
  if (fit.sxx <= 0) {
    return fit.sigma;
  }
  const d = seconds - fit.meanX;
  return fit.sigma * Math.sqrt(1 + 1 / fit.n + (d * d) / fit.sxx);
}
