/** The view model of one SLO card, built from frames by ./fromFrames.ts; rendering reads only this. */
import { Point } from '../../shared/frames';

export type SloStatus = 'ok' | 'warning' | 'depleted' | 'critical' | 'unknown';

/** Numeric status of the `status` series / column (DESIGN.md): 0 ok, 1 warning, 2 depleted, 3 critical. */
export const STATUS_BY_CODE: SloStatus[] = ['ok', 'warning', 'depleted', 'critical'];

/** Worse status = higher rank; sorting "worst first" uses it. */
export const STATUS_RANK: Record<SloStatus, number> = { ok: 0, unknown: 1, warning: 2, depleted: 3, critical: 4 };

export interface SloView {
  id: string;
  name: string;
  service?: string;
  /** rolling window or calendar period, e.g. "30d" */
  window?: string;
  /** fractions 0..1 */
  objective: number | null;
  sli: number | null;
  /** fraction of the window's budget: 1 untouched, 0 exhausted, negative overspent */
  budgetRemaining: number | null;
  budgetRemainingMinutes: number | null;
  /** burn rate by normalised window ("1h", "6h", "1d", "3d", ...) */
  burnRates: Record<string, number | null>;
  status: SloStatus;
  /** seconds until the budget is gone at the current burn; null when not burning */
  timeToExhaustion: number | null;
  /** budgetRemaining over the time range, for the sparkline */
  budgetHistory: Point[];
}

export type BadgeLevel = 'ok' | 'elevated' | 'alerting' | 'none';

export interface BurnBadgeView {
  window: string;
  factor: number;
  value: number | null;
  /** alerting: at or above the factor; elevated: burning faster than sustainable (>= 1x); ok: below 1x */
  level: BadgeLevel;
}
