import { remember, touch } from '../lru';
import { buildForecast, type ForecastResult, type ForecastSettings } from './forecast';

/**
 * Forecast fits reused while their training data is unchanged. Fitting a month of samples is the costliest
 * step of a capacity answer, and the same resource is fitted for the catalog, the executive summary and the
 * per-node panels, again on every refresh, while the training grid (5 min or coarser) and its data move
 * slowly. A fit is reused only for equal times, settings and values (compared one by one), so the answer is
 * exactly the one a fresh fit gives.
 */
const MAX_FITS = 64;

interface Fit {
  values: Float64Array;
  result: ForecastResult;
}

const fits = new Map<string, Fit>();

/** null as NaN, so a training series fits in a typed array */
function packed(values: Array<number | null>): Float64Array {
  const out = new Float64Array(values.length);
  values.forEach((v, i) => (out[i] = v === null ? NaN : v));
  return out;
}

function sameValues(kept: Float64Array, values: Array<number | null>): boolean {
  if (kept.length !== values.length) {
    return false;
  }
  for (let i = 0; i < kept.length; i++) {
    const v = values[i] ?? NaN;
    if (kept[i] !== v && !(Number.isNaN(kept[i]) && Number.isNaN(v))) {
      return false;
    }
  }
  return true;
}

export function memoizedForecast(
  times: number[],
  values: Array<number | null>,
  settings: ForecastSettings
): ForecastResult {
  // a cheap fingerprint keeps different series of one grid in different slots; equality is checked below
  // a plain loop: totals captured by a callback would be boxed anew on every addition
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && !Number.isNaN(v)) {
      sum += v;
      weighted += v * (i + 1);
    }
  }
  const key = `${JSON.stringify(settings)}|${times[0]}|${times[1] - times[0]}|${times.length}|${sum}|${weighted}`;
  const hit = touch(fits, key);
  if (hit && sameValues(hit.values, values)) {
    return hit.result;
  }
  const result = buildForecast(times, values, settings);
  remember(fits, key, { values: packed(values), result }, MAX_FITS);
  return result;
}
