/**
 * The forecasting core against published results:
 * - Prometheus's promql/testdata/functions.test (`testcounter_reset_middle_total 0+10x4 0+10x5` at 5m steps):
 *   deriv(...[100m]) = 0.010606060606060607 over the 11 samples 0..50m, and predict_linear with the
 *   intercept at the evaluation time 3000 s gives 38.63636363636364 at h = 0; the left-open-window case
 *   (10 samples 5m..50m) gives predict_linear(..., 3600) = 70.
 * - R: HoltWinters(AirPassengers, alpha = 0.3, beta = 0.1, gamma = 0.1, seasonal = "multiplicative"):
 *   SSE 43636.569, level a = 496.346, trend b = 3.72309, next forecast 451.920; and with fitted parameters
 *   (R's optim): alpha 0.2755925, beta 0.03269295, gamma 0.8707292, a 469.3232, b 3.0215391.
 * - statsmodels: Holt(ausair, known/legacy start).fit(smoothing_level=0.8, smoothing_trend=0.2) forecast(5):
 *   43.76, 45.59, 47.43, 49.27, 51.10 (the statsmodels exponential smoothing notebook's "air" series,
 *   annual passengers of Australian air carriers 1990-2004, fpp2 `ausair`).
 */
import { linearRegression, predictLinear } from '../../../src/core/capacity/linear';
import {
  fitSmoothing,
  smooth,
  smoothingForecast,
  smoothingStart,
  type SmoothingModel,
} from '../../../src/core/capacity/holt-winters';
import { nelderMead } from '../../../src/core/capacity/nelder-mead';

// Box & Jenkins series G: monthly international airline passengers (thousands), 1949-1960.
const AIR_PASSENGERS = [
  112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114,
  140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191,
  172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259,
  229, 203, 229, 242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405,
  355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491,
  505, 404, 359, 310, 337, 360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535,
  622, 606, 508, 461, 390, 432,
];

const AUSAIR = [
  17.5534, 21.86, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797, 32.5776, 33.4774, 39.0216,
  41.3864, 41.5966,
];

describe('linearRegression = Prometheus predict_linear/deriv', () => {
  const MIN5 = 300_000;
  const values = [0, 10, 20, 30, 40, 0, 10, 20, 30, 40, 50];
  const times = values.map((_, i) => i * MIN5);

  it('slope of the 11 samples 0..50m is deriv() = 0.010606060606060607 per second', () => {
    const fit = linearRegression(times, values, 3_000_000)!;
    expect(fit.slope).toBe(0.010606060606060607);
  });

  it('intercept at the evaluation time 3000 s is 38.63636363636364', () => {
    const fit = linearRegression(times, values, 3_000_000)!;
    expect(predictLinear(fit, 0)).toBeCloseTo(38.63636363636364, 12);
  });

  it('predict_linear(testcounter_reset_middle_total[50m], 3600) at 50m over the left-open window is 70', () => {
    const fit = linearRegression(times.slice(1), values.slice(1), 3_000_000)!;
    expect(predictLinear(fit, 3600)).toBeCloseTo(70, 10);
  });

  it('skips gaps and treats a constant series as slope 0 (Prometheus returns the value, not NaN)', () => {
    const withGaps = linearRegression([0, 1000, 2000, 3000], [1, null, 3, null], 2000)!;
    expect(withGaps.n).toBe(2);
    expect(withGaps.slope).toBeCloseTo(1, 12); // (3 - 1) / 2 s
    expect(withGaps.intercept).toBeCloseTo(3, 12);
    const constant = linearRegression([0, 1000, 2000], [7, 7, 7], 2000)!;
    expect(constant.slope).toBe(0);
    expect(constant.intercept).toBe(7);
    expect(linearRegression([0], [1], 0)).toBeUndefined();
  });
});

describe("Holt-Winters = R's HoltWinters", () => {
  const x = Float64Array.from(AIR_PASSENGERS);
  const model: SmoothingModel = { period: 12, seasonality: 'multiplicative' };

  it('AirPassengers, multiplicative, alpha .3 beta .1 gamma .1: SSE, level, trend and next forecast', () => {
    const fit = smooth(x, model, { alpha: 0.3, beta: 0.1, gamma: 0.1 }, smoothingStart(x, model));
    expect(fit.sse).toBeCloseTo(43636.569, 3);
    expect(fit.level).toBeCloseTo(496.346, 3);
    expect(fit.trend).toBeCloseTo(3.72309, 5);
    expect(smoothingForecast(fit, 1)).toBeCloseTo(451.92, 3);
  });

  it("fitting finds what R's optim finds: alpha 0.2755925, beta 0.03269295, gamma 0.8707292 (a 469.3232, b 3.0215391)", () => {
    // R: HoltWinters(AirPassengers, seasonal = "mult") prints these parameters and coefficients
    const start = smoothingStart(x, model);
    const atR = smooth(x, model, { alpha: 0.2755925, beta: 0.03269295, gamma: 0.8707292 }, start);
    expect(atR.level).toBeCloseTo(469.3232, 4);
    expect(atR.trend).toBeCloseTo(3.0215391, 6);
    const fitted = fitSmoothing(x, model, start);
    expect(fitted.sse).toBeLessThanOrEqual(atR.sse * (1 + 1e-6));
    expect(fitted.params.alpha).toBeCloseTo(0.2755925, 3);
    expect(fitted.params.beta).toBeCloseTo(0.03269295, 3);
    expect(fitted.params.gamma).toBeCloseTo(0.8707292, 3);
    // a fixed parameter is not fitted
    expect(fitSmoothing(x, model, start, { gamma: 0.1 }).params.gamma).toBe(0.1);
  });

  it('additive start values are the decomposition figure centred on 0', () => {
    const start = smoothingStart(x, { period: 12, seasonality: 'additive' });
    expect(start.season.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(start.first).toBe(12);
  });
});

describe("Holt = statsmodels' Holt", () => {
  it('ausair, alpha 0.8, beta 0.2, level y0 and trend y1 - y0: forecasts 43.76 .. 51.10', () => {
    const x = Float64Array.from(AUSAIR);
    const model: SmoothingModel = { period: 0, seasonality: 'additive' };
    const fit = smooth(x, model, { alpha: 0.8, beta: 0.2, gamma: 0 }, smoothingStart(x, model));
    const forecasts = [1, 2, 3, 4, 5].map((h) => Number(smoothingForecast(fit, h).toFixed(2)));
    expect(forecasts).toEqual([43.76, 45.59, 47.43, 49.27, 51.1]);
  });
});

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const rosenbrock = ([a, b]: number[]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { step: 0.5, maxEvaluations: 2000, tolerance: 1e-14 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });
});
