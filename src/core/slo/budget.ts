import type { ErrorBudgetPolicy } from '../definitions/model';

/**
 * The error-budget arithmetic of DESIGN.md and the SRE Workbook, on event counts of one window.
 * All functions return null instead of NaN/Infinity: no traffic is "no value", never a fake 100%.
 */

/**
 * The allowed error ratio, 1 − objective, without the binary rounding of the objective (1 − 0.999 is
 * 0.0010000000000000009 in doubles, which would make "exactly on budget" read as 1e-15 left).
 */
export function allowedErrorRatio(objective: number): number {
  // called per grid point with one objective at a time, and toPrecision is slow: remember the last one
  if (objective !== lastObjective) {
    lastObjective = objective;
    lastAllowed = Number((1 - objective).toPrecision(12));
  }
  return lastAllowed;
}
let lastObjective = NaN;
let lastAllowed = NaN;

/** Fraction of bad events, null without traffic. */
export function errorRatio(bad: number | null, total: number | null): number | null {
  if (bad === null || total === null || !(total > 0)) {
    return null;
  }
  return bad / total;
}

export function sliValue(bad: number | null, total: number | null): number | null {
  const ratio = errorRatio(bad, total);
  return ratio === null ? null : 1 - ratio;
}

/** 1 = untouched, 0 = exhausted, negative = overspent. */
export function budgetRemaining(bad: number | null, total: number | null, objective: number): number | null {
  const ratio = errorRatio(bad, total);
  return ratio === null ? null : 1 - ratio / allowedErrorRatio(objective);
}

/** Multiple of the sustainable error rate: 1 spends exactly the budget over the window. */
export function burnRate(bad: number | null, total: number | null, objective: number): number | null {
  const ratio = errorRatio(bad, total);
  return ratio === null ? null : ratio / allowedErrorRatio(objective);
}

/** Minutes of full outage still affordable: remaining × (1 − objective) × window minutes. */
export function budgetMinutes(remaining: number | null, objective: number, windowMs: number): number | null {
  return remaining === null ? null : (remaining * allowedErrorRatio(objective) * windowMs) / 60_000;
}

/**
 * Seconds until the budget is gone at burn rate `rate`: a rate of 1 spends the whole budget in one window,
 * so the remaining fraction lasts remaining × W / rate. Null when not burning (rate null or 0) and when
 * the budget is already exhausted (there is nothing left to run out of).
 */
export function timeToExhaustion(remaining: number | null, rate: number | null, windowMs: number): number | null {
  if (remaining === null || rate === null || !(rate > 0) || !(remaining > 0)) {
    return null;
  }
  return (remaining * windowMs) / rate / 1000;
}

/** Burn rate that spends `budgetPercent` % of a window of `windowMs` within `withinMs` (14.4 for 2% of 30d in 1h). */
export function burnFactor(budgetPercent: number, withinMs: number, windowMs: number): number {
  return ((budgetPercent / 100) * windowMs) / withinMs;
}

/** Fraction of the budget a constant burn rate spends in `withinMs` (inverse of burnFactor). */
export function budgetSpent(rate: number, withinMs: number, windowMs: number): number {
  return (rate * withinMs) / windowMs;
}

export const STATUS = { ok: 0, warning: 1, depleted: 2, critical: 3 } as const;

/** Handbook policy: warning at ≥ warningConsumed % consumed, depleted at ≤ 0 left, critical when depleted and paging. */
export function budgetStatus(
  remaining: number | null,
  fastBurnFiring: boolean,
  policy: ErrorBudgetPolicy
): number | null {
  if (remaining === null) {
    return null;
  }
  if (remaining <= 0) {
    return fastBurnFiring ? STATUS.critical : STATUS.depleted;
  }
  return 1 - remaining >= policy.warningConsumed / 100 ? STATUS.warning : STATUS.ok;
}
