/**
 * Capacity policy from the operations handbook: utilisation, threshold status, the headroom buffer
 * (minimum 30%, target 50%, alert below 20%), peak adjustment and the growth what-if.
 */
import type { HeadroomBufferPolicy, ResourceKind } from '../definitions/model';
import { formatDuration } from '../duration';

/** fraction -> percent, rounded to 1e-9 so 1 - 0.8 (0.19999999999999996) counts as the 20% it is */
const toPercent = (fraction: number) => Math.round(fraction * 100 * 1e9) / 1e9;

export type BufferStatus = 'ok' | 'below target' | 'below minimum' | 'alert';

/** 0 ok, 1 warning, 2 critical (DESIGN.md) */
export type CapacityStatus = 0 | 1 | 2;

export interface UtilizationResult {
  values: Array<number | null>;
  /** what made points null, once each ("capacity is 0 or missing at 3 points") */
  problems: string[];
}

/** usage / capacity per point; null (and a named problem) where capacity is 0 or missing, or usage negative. */
export function utilization(usage: Array<number | null>, capacity: Array<number | null>): UtilizationResult {
  let noCapacity = 0;
  let negative = 0;
  const values = usage.map((u, i) => {
    const c = capacity[i];
    if (u === null || !Number.isFinite(u)) {
      return null;
    }
    if (c === null || !Number.isFinite(c) || c <= 0) {
      noCapacity++;
      return null;
    }
    if (u < 0) {
      negative++;
      return null;
    }
    return u / c;
  });
  const problems: string[] = [];
  if (noCapacity > 0) {
    problems.push(`capacity is 0, negative or missing at ${noCapacity} point${noCapacity === 1 ? '' : 's'}`);
  }
  if (negative > 0) {
    problems.push(`usage is negative at ${negative} point${negative === 1 ? '' : 's'}`);
  }
  return { values, problems };
}

/**
 * Buffer status of a headroom fraction (1 - utilisation) against the handbook policy (percent):
 * ok at or above target, "below target" at or above minimum, "below minimum" at or above alert, else "alert".
 */
export function bufferStatus(headroom: number, buffer: HeadroomBufferPolicy): BufferStatus {
  const percent = toPercent(headroom);
  if (percent >= buffer.target) {
    return 'ok';
  }
  if (percent >= buffer.minimum) {
    return 'below target';
  }
  return percent >= buffer.alert ? 'below minimum' : 'alert';
}

/**
 * Status of a utilisation fraction: 2 at or above the critical threshold, 1 at or above warning, and also 1
 * when the headroom is below the buffer policy's alert level (the handbook alerts below 20% headroom even
 * where a custom warning threshold is higher); else 0.
 */
export function capacityStatus(
  utilizationFraction: number,
  thresholds: { warning: number; critical: number },
  buffer: HeadroomBufferPolicy
): CapacityStatus {
  if (toPercent(utilizationFraction) >= thresholds.critical) {
    return 2;
  }
  if (
    toPercent(utilizationFraction) >= thresholds.warning ||
    bufferStatus(1 - utilizationFraction, buffer) === 'alert'
  ) {
    return 1;
  }
  return 0;
}

/**
 * Peak-to-average ratio of a series (max / mean of its non-null values): the measured alternative to the
 * handbook's 3x peak multiplier. undefined when the mean is not positive.
 */
export function peakToAverage(values: Array<number | null>): number | undefined {
  let sum = 0;
  let n = 0;
  let max = -Infinity;
  for (const v of values) {
    if (v !== null && Number.isFinite(v)) {
      sum += v;
      n++;
      max = Math.max(max, v);
    }
  }
  return n > 0 && sum > 0 ? max / (sum / n) : undefined;
}

/** The handbook's growth assumptions (percent per month) by what drives each resource kind. */
export const HANDBOOK_GROWTH: Record<ResourceKind, { percent: number; driver: string }> = {
  cpu: { percent: 25, driver: 'requests' },
  network: { percent: 25, driver: 'requests' },
  custom: { percent: 25, driver: 'requests' },
  memory: { percent: 20, driver: 'users' },
  disk: { percent: 30, driver: 'data' },
};

export const MONTH_MS = 30 * 86_400_000;

/** base * (1 + g)^(elapsed / 30 days): monthly compounding, geometric between month ends. */
export function compoundGrowth(base: number, percentPerMonth: number, elapsedMs: number): number {
  return base * Math.pow(1 + percentPerMonth / 100, elapsedMs / MONTH_MS);
}

/** "disk on db-2 reaches 90% in 12 days" style sentence for the catalog. */
export function capacitySentence(options: {
  name: string;
  instance?: string;
  utilization: number | null;
  thresholds: { warning: number; critical: number };
  /** seconds, null = not within the horizon */
  timeToWarning: number | null;
  timeToCritical: number | null;
  horizon: number;
}): string {
  const subject = options.instance ? `${options.name} on ${options.instance}` : options.name;
  const { utilization: u, thresholds } = options;
  if (u === null) {
    return `${subject}: no current data`;
  }
  const now = `${Math.round(u * 100)}%`;
  if (u * 100 >= thresholds.critical) {
    return `${subject} is at ${now}, above critical (${thresholds.critical}%)`;
  }
  if (options.timeToCritical !== null) {
    const critical = `${thresholds.critical}% in ${humanDuration(options.timeToCritical * 1000)}`;
    return u * 100 < thresholds.warning && options.timeToWarning !== null
      ? `${subject} reaches ${thresholds.warning}% in ${humanDuration(options.timeToWarning * 1000)} and ${critical}`
      : `${subject} reaches ${critical}`;
  }
  if (u * 100 >= thresholds.warning) {
    return `${subject} is at ${now}, above warning (${thresholds.warning}%)`;
  }
  if (options.timeToWarning !== null) {
    return `${subject} reaches ${thresholds.warning}% in ${humanDuration(options.timeToWarning * 1000)}`;
  }
  return `${subject} is at ${now}, stays below ${thresholds.warning}% for the next ${formatDuration(options.horizon)}`;
}

/** "12 days", "5 hours", "40 minutes" (rounded down to the largest unit). */
export function humanDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size) {
      const n = Math.floor(ms / size);
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return 'less than a minute';
}
