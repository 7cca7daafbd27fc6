import type { SloWindow } from '../definitions/model';

/**
 * Calendar SLO windows (UTC). The budget resets at the period start; the window at time t is
 * (periodStart(t), t], and "the window length" for budget minutes and burn-rate scaling is the whole
 * period (28–31 days for a month, 90–92 days for a quarter).
 */
export function periodStart(window: SloWindow, t: number): number {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (window.kind) {
    case 'calendar-month':
      return Date.UTC(year, month, 1);
    case 'calendar-quarter':
      return Date.UTC(year, month - (month % 3), 1);
    default:
      return t - window.ms;
  }
}

export function periodEnd(window: SloWindow, t: number): number {
  const start = new Date(periodStart(window, t));
  switch (window.kind) {
    case 'calendar-month':
      return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    case 'calendar-quarter':
      return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1);
    default:
      return t;
  }
}

/** The window's full length at time t: W for rolling windows, the length of t's period for calendar ones. */
export function windowLength(window: SloWindow, t: number): number {
  return window.kind === 'rolling' ? window.ms : periodEnd(window, t) - periodStart(window, t);
}
