/** Text for the numbers the panels show: short, human and stable (tests compare these strings). */

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/**
 * A positive duration as people say it: "45s", "12m", "3h 20m", "12 days", "1 day 4h".
 * Days stay whole beyond a week ("12 days").
 */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < MINUTE) {
    return `${s}s`;
  }
  if (s < HOUR) {
    return `${Math.floor(s / MINUTE)}m`;
  }
  if (s < DAY) {
    const h = Math.floor(s / HOUR);
    const m = Math.floor((s % HOUR) / MINUTE);
    return m > 0 ? `${h}h ${m}m` : `${h}h`;
  }
  const d = Math.floor(s / DAY);
  const h = Math.floor((s % DAY) / HOUR);
  if (d >= 7 || h === 0) {
    return `${d} ${d === 1 ? 'day' : 'days'}`;
  }
  return `${d} ${d === 1 ? 'day' : 'days'} ${h}h`;
}

/** A ticking countdown: "4:05" under an hour, "2:03:09" under a day, else a human duration. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < HOUR) {
    return `${Math.floor(s / MINUTE)}:${pad(s % MINUTE)}`;
  }
  if (s < DAY) {
    return `${Math.floor(s / HOUR)}:${pad(Math.floor((s % HOUR) / MINUTE))}:${pad(s % MINUTE)}`;
  }
  return humanDuration(s);
}

/** A fraction as a percentage with just enough decimals to tell 99.9 from 99.95 ("99.95%"). */
/**
 * A utilization in whole percent, or with one decimal where the whole number would read as reaching a line it
 * has not reached: 79.6% against an 80% warning line is "79.6%", never "80%" beside an OK status.
 */
export function utilizationPercent(fraction: number | null | undefined, lines: number[]): string {
  const whole = percent(fraction, 0);
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return whole;
  }
  const rounded = Math.round(fraction * 100) / 100;
  // one decimal, rounded down, stays below a line of whole or tenth percents: 79.96% is "79.9%"
  return lines.some((line) => fraction < line && rounded >= line)
    ? `${Math.floor(fraction * 1000 + 1e-9) / 10}%`
    : whole;
}

export function percent(fraction: number | null | undefined, maxDecimals = 3): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return '–';
  }
  const value = fraction * 100;
  for (let decimals = 0; decimals <= maxDecimals; decimals++) {
    const text = value.toFixed(decimals);
    if (Math.abs(Number(text) - value) < 1e-9 || decimals === maxDecimals) {
      return `${Number(text)}%`;
    }
  }
  return `${value}%`;
}

/** Minutes of budget as "21.6 min", "3h 10m", "2 days". */
export function budgetMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) {
    return '–';
  }
  if (minutes <= 0) {
    return '0 min';
  }
  if (minutes < 60) {
    return `${Number(minutes.toFixed(minutes < 10 ? 1 : 0))} min`;
  }
  return humanDuration(minutes * 60);
}

/** A burn rate: "14.4x", "0.52x", "120x". */
export function burnRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  if (value >= 100) {
    return `${Math.round(value)}x`;
  }
  if (value >= 10) {
    return `${Number(value.toFixed(1))}x`;
  }
  return `${Number(value.toFixed(2))}x`;
}

/** "14:05 UTC" for an epoch ms. */
export function utcClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}
