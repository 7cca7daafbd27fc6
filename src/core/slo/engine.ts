import type { ErrorBudgetPolicy, SloDefinition } from '../definitions/model';
import { badQuery } from '../errors';
import { keepUntilFailed } from '../lru';
import { formatDuration } from '../duration';
import type { SloSeriesName } from '../query';
import type { MetricSource, TimeGrid } from '../source';
import {
  budgetMinutes,
  budgetRemaining,
  budgetStatus,
  burnFactor,
  burnRate,
  sliValue,
  timeToExhaustion,
} from './budget';
import { windowLength } from './calendar';
import { sliSelectors, type SliSelectors } from './sli';
import { WindowSums, type Values } from './windows';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export type Severity = 'page' | 'ticket';

/** One multi-window burn-rate condition: both windows above `budget`% of the window's budget over `long`. */
export interface BurnCondition {
  severity: Severity;
  /** percent of the SLO window's budget spent within `long` */
  budget: number;
  long: number;
  short: number;
}

/**
 * The SRE Workbook's multi-window multi-burn-rate alerts (chapter 5, table 5-8): page on 2% of the budget
 * in 1h or 5% in 6h, ticket on 10% in 1d or 10% in 3d, each with a short window of 1/12 of the long one.
 * The first page condition comes from the definitions' policy.fastBurn (handbook: 2% in 1h). The factor
 * (14.4, 6, 3, 1 for 30 days) is budget × W / long, so it scales with the SLO window.
 */
export function burnConditions(policy: ErrorBudgetPolicy, severity: Severity): BurnCondition[] {
  const pair = (budget: number, long: number): BurnCondition => ({ severity, budget, long, short: long / 12 });
  return severity === 'page'
    ? [pair(policy.fastBurn.budget, policy.fastBurn.within), pair(5, 6 * HOUR)]
    : [pair(10, DAY), pair(10, 3 * DAY)];
}

export interface SloEvaluation {
  slo: SloDefinition;
  times: number[];
  series: Partial<Record<Exclude<SloSeriesName, 'burnRate'>, Values>>;
  /** per requested burn-rate window, in the order requested */
  burnRates: Array<{ window: string; ms: number; values: Values }>;
  /** how each window sum was computed */
  methods: WindowSums['methods'];
}

/** The series computed from the SLO window's counts. */
type WindowSeriesName = Exclude<SloSeriesName, 'burnRate' | 'objective'>;

export interface EvaluateOptions {
  series: readonly SloSeriesName[];
  /** burn-rate windows in ms (only used when `burnRate` is requested) */
  burnWindows?: number[];
  signal?: AbortSignal;
}

/**
 * Evaluates the requested series of one SLO at every grid point. Only the window sums those series need
 * are computed (status needs the page windows, timeToExhaustion the 1h window).
 */
export class SloEngine {
  private readonly sums: WindowSums;
  private readonly selectors: SliSelectors;
  private checkedBuckets?: Promise<void>;
  private windowLengths?: number[];
  private readonly alerts = new Map<Severity, Promise<Values>>();

  constructor(
    private readonly source: MetricSource,
    readonly slo: SloDefinition,
    readonly policy: ErrorBudgetPolicy,
    readonly grid: TimeGrid,
    private readonly signal?: AbortSignal
  ) {
    checkSlo(slo, grid);
    this.sums = new WindowSums(source, grid, signal);
    this.selectors = sliSelectors(slo);
  }

  get times(): number[] {
    return this.sums.times;
  }

  get methods(): WindowSums['methods'] {
    return this.sums.methods;
  }

  /** bad and total events in the SLO window (rolling or calendar) at each point. */
  async sloWindow(): Promise<{ bad: Values; total: Values }> {
    return this.counts((selector) => this.sums.forWindow(selector, this.slo.window));
  }

  /** bad and total events in the trailing `windowMs` at each point. */
  async rollingWindow(windowMs: number): Promise<{ bad: Values; total: Values }> {
    return this.counts((selector) => this.sums.rolling(selector, windowMs));
  }

  async burnRates(windowMs: number): Promise<Values> {
    const { bad, total } = await this.rollingWindow(windowMs);
    return bad.map((b, i) => burnRate(b, total[i], this.slo.objective));
  }

  /**
   * 1 while any condition of the severity holds (both windows strictly above the factor), else 0; null without
   * traffic. Computed once per severity: `status` needs the page alert too, and the events query asks for both.
   */
  alert(severity: Severity): Promise<Values> {
    const known = this.alerts.get(severity);
    if (known) {
      return known;
    }
    const started = this.computeAlert(severity);
    return keepUntilFailed(this.alerts, severity, started, started);
  }

  private async computeAlert(severity: Severity): Promise<Values> {
    const conditions = burnConditions(this.policy, severity);
    this.reserve(conditions.flatMap((c) => [c.long, c.short]));
    const rates = await Promise.all(
      conditions.map(async (c) => [await this.burnRates(c.long), await this.burnRates(c.short)])
    );
    const lengths = this.lengths();
    return this.times.map((_, i) => {
      let known = false;
      for (let c = 0; c < conditions.length; c++) {
        const factor = burnFactor(conditions[c].budget, conditions[c].long, lengths[i]);
        const long = rates[c][0][i];
        const short = rates[c][1][i];
        if (long !== null && short !== null) {
          known = true;
          if (long > factor && short > factor) {
            return 1;
          }
        }
      }
      return known ? 0 : null;
    });
  }

  async evaluate(options: EvaluateOptions): Promise<SloEvaluation> {
    const wanted = new Set(options.series);
    const objective = this.slo.objective;
    const out: SloEvaluation['series'] = {};
    const needsWindow = [...wanted].some((s) => s !== 'objective' && s !== 'burnRate');
    this.reserve([
      ...(needsWindow && this.slo.window.kind === 'rolling' ? [this.slo.window.ms] : []),
      ...(wanted.has('status') ? burnConditions(this.policy, 'page').flatMap((c) => [c.long, c.short]) : []),
      ...(wanted.has('timeToExhaustion') ? [HOUR] : []),
      ...(wanted.has('burnRate') ? (options.burnWindows ?? []) : []),
    ]);
    const [window, paging, hourly, burns] = await Promise.all([
      needsWindow ? this.sloWindow() : undefined,
      wanted.has('status') ? this.alert('page') : undefined,
      wanted.has('timeToExhaustion') ? this.burnRates(HOUR) : undefined,
      wanted.has('burnRate')
        ? Promise.all(
            (options.burnWindows ?? []).map(async (ms) => ({
              window: formatDuration(ms),
              ms,
              values: await this.burnRates(ms),
            }))
          )
        : [],
    ]);
    if (window) {
      // only the series asked for: a panel wants one or two of them, and each is a pass over the grid
      const lengths = this.lengths();
      const { bad, total } = window;
      const remaining = bad.map((b, i) => budgetRemaining(b, total[i], objective));
      const compute: Record<WindowSeriesName, () => Values | undefined> = {
        sli: () => bad.map((b, i) => sliValue(b, total[i])),
        budgetRemaining: () => remaining,
        budgetConsumed: () => remaining.map((r) => (r === null ? null : 1 - r)),
        budgetRemainingMinutes: () => remaining.map((r, i) => budgetMinutes(r, objective, lengths[i])),
        status: () => paging && remaining.map((r, i) => budgetStatus(r, paging[i] === 1, this.policy)),
        timeToExhaustion: () => hourly && remaining.map((r, i) => timeToExhaustion(r, hourly[i], lengths[i])),
        eventsBad: () => bad,
        eventsTotal: () => total,
      };
      for (const name of Object.keys(compute) as WindowSeriesName[]) {
        const values = wanted.has(name) ? compute[name]() : undefined;
        if (values) {
          out[name] = values;
        }
      }
    }
    if (wanted.has('objective')) {
      out.objective = this.times.map(() => objective);
    }
    return { slo: this.slo, times: this.times, series: out, burnRates: burns, methods: this.methods };
  }

  /** The SLO window's full length at each grid point (constant for rolling windows; a calendar period's varies). */
  private lengths(): number[] {
    this.windowLengths ??= this.times.map((t) => windowLength(this.slo.window, t));
    return this.windowLengths;
  }

  /** Tells the window sums every window about to be summed, so each selector's increases are fetched once. */
  private reserve(windows: number[]): void {
    const { bad, good, total } = this.selectors;
    for (const selector of [bad ?? good!, total]) {
      windows.forEach((w) => this.sums.reserve(selector, w));
    }
  }

  /**
   * bad = the bad counter, or total − good. For latency SLIs a threshold that is no bucket boundary
   * gives no `good` series at all while `_count` has traffic: that is a named error, not a 0% SLI.
   */
  private async counts(sum: (selector: string) => Promise<Values>): Promise<{ bad: Values; total: Values }> {
    const { bad, good, total } = this.selectors;
    const [totals, other] = await Promise.all([sum(total), sum((bad ?? good)!)]);
    if (bad) {
      return { bad: other, total: totals };
    }
    if (this.slo.sli.kind === 'latency' && other.every((v) => v === null) && totals.some((v) => v !== null)) {
      await this.checkBuckets();
    }
    return { bad: totals.map((t, i) => (t === null ? null : t - (other[i] ?? 0))), total: totals };
  }

  private checkBuckets(): Promise<void> {
    if (this.checkedBuckets) {
      return this.checkedBuckets;
    }
    const checked = (async () => {
      if (this.slo.sli.kind !== 'latency') {
        return;
      }
      const { threshold, histogram } = this.slo.sli;
      const bucketSelector = this.selectors.total.replace(/_count(?=\{|$)/, '_bucket');
      const series = await this.source.rangeQuery(
        `count by (le) (${bucketSelector})`,
        { start: this.grid.end, end: this.grid.end, step: this.grid.step },
        this.signal
      );
      const les = series.map((s) => s.labels.le).filter(Boolean);
      if (les.length === 0) {
        // No buckets at all in the displayed range end: nothing to compare with, the SLI is simply unknown.
        return;
      }
      const bounds = les.sort((a, b) => Number(a) - Number(b)).join(', ');
      throw badQuery(
        `${this.slo.origin} "${this.slo.id}": latency threshold ${threshold} is not a bucket boundary of ${histogram} (le values: ${bounds})`
      );
    })();
    // a failure is not remembered (the engine may be shared): the next caller asks again
    checked.catch(() => this.checkedBuckets === checked && (this.checkedBuckets = undefined));
    this.checkedBuckets = checked;
    return checked;
  }
}

/** Named errors for SLOs the engine cannot evaluate on this grid. */
export function checkSlo(slo: SloDefinition, grid: TimeGrid): void {
  if (!(slo.objective > 0 && slo.objective < 1)) {
    throw badQuery(
      `${slo.origin} "${slo.id}": objective ${slo.objective * 100}% leaves no error budget (must be between 0 and 100, exclusive)`
    );
  }
  const length = windowLength(slo.window, grid.end);
  if (grid.step > length) {
    throw badQuery(
      `SLO "${slo.id}": its window ${slo.window.text} is shorter than the query step ${formatDuration(grid.step)}; choose a shorter time range or a smaller interval`
    );
  }
}
