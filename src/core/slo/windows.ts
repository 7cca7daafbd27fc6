import type { SloWindow } from '../definitions/model';
import { formatDuration } from '../duration';
import { keepUntilFailed } from '../lru';
import { gridTimes, type MetricSource, type TimeGrid } from '../source';
import { periodStart } from './calendar';

export type Values = Array<number | null>;

/** How a window sum was computed (tests and the bench check that the cheap paths are taken). */
export type SumMethod = 'slide' | 'sum' | 'direct' | 'calendar' | 'anchors';

/** Windows of at most this many steps (or of the view's length) are summed from per-step increases. */
export const SHORT_WINDOW_STEPS = 32;
/** Anchors sit on multiples of this many steps (a day at a 5-minute step). */
export const ANCHOR_STEPS = 288;

/**
 * Event counts of a counter selector over a window ending at every grid point, at a cost proportional to
 * the displayed range rather than to the window: sums of per-step increases, slid from an aligned anchor
 * for windows longer than the view, Prometheus's direct evaluation where the window is not a multiple of
 * the step or the data has gaps, and per-period anchors for calendar windows. Where this is exact (samples
 * on the step grid) and what gaps do: src/core/slo/README.md.
 */
export class WindowSums {
  private readonly memo = new Map<string, Promise<Values>>();
  /** per selector: the earliest start any of its windows needs, and the one fetch of [start, view end] */
  private readonly earliest = new Map<string, number>();
  private readonly heads = new Map<string, { start: number; values: Promise<Values> }>();
  readonly methods: Array<{ selector: string; window: string; method: SumMethod }> = [];
  readonly times: number[];

  constructor(
    private readonly source: MetricSource,
    readonly grid: TimeGrid,
    private readonly signal?: AbortSignal
  ) {
    this.times = gridTimes(grid);
  }

  forWindow(selector: string, window: SloWindow): Promise<Values> {
    return window.kind === 'rolling' ? this.rolling(selector, window.ms) : this.calendar(selector, window);
  }

  rolling(selector: string, windowMs: number): Promise<Values> {
    return this.once(`${selector}|${windowMs}`, () => this.computeRolling(selector, windowMs));
  }

  calendar(selector: string, window: SloWindow): Promise<Values> {
    return this.once(`${selector}|${window.kind}`, () => this.computeCalendar(selector, window));
  }

  /** One computation per key; a failed one is forgotten, so the next caller tries again (engines are shared). */
  private once(key: string, compute: () => Promise<Values>): Promise<Values> {
    const known = this.memo.get(key);
    if (known) {
      return known;
    }
    const started = compute();
    return keepUntilFailed(this.memo, key, started, started);
  }

  private note(selector: string, windowMs: number | string, method: SumMethod): void {
    this.methods.push({ selector, window: typeof windowMs === 'number' ? formatDuration(windowMs) : windowMs, method });
  }

  /**
   * Declares that `selector` will be summed over a rolling window of `windowMs`, before any sum starts, so
   * the per-step increases up to the view's end are fetched once for all its windows (one request instead
   * of one per window).
   */
  reserve(selector: string, windowMs: number): void {
    const { start, step } = this.grid;
    if (windowMs < step || windowMs % step !== 0) {
      return;
    }
    const k = windowMs / step;
    const from =
      k <= Math.max(SHORT_WINDOW_STEPS, this.times.length) ? start - (k - 1) * step : this.anchorFor() + step;
    this.earliest.set(selector, Math.min(from, this.earliest.get(selector) ?? from));
  }

  /** Anchors sit on multiples of ANCHOR_STEPS steps at or before the view start, so refreshes reuse them. */
  private anchorFor(): number {
    const span = ANCHOR_STEPS * this.grid.step;
    return Math.floor(this.grid.start / span) * span;
  }

  private steps(selector: string, grid: TimeGrid): Promise<Values> {
    if (grid.end !== this.grid.end || grid.step !== this.grid.step) {
      return this.source.stepIncreases(selector, grid, this.signal);
    }
    let head = this.heads.get(selector);
    if (!head || head.start > grid.start) {
      const start = Math.min(grid.start, this.earliest.get(selector) ?? grid.start);
      const fetched = { start, values: this.source.stepIncreases(selector, { ...grid, start }, this.signal) };
      head = keepUntilFailed(this.heads, selector, fetched, fetched.values);
    }
    const offset = (grid.start - head.start) / grid.step;
    return head.values.then((values) => values.slice(offset));
  }

  private async direct(selector: string, windowMs: number): Promise<Values> {
    this.note(selector, windowMs, 'direct');
    const series = await this.source.rangeQuery(
      `sum(increase(${selector}[${formatDuration(windowMs)}]))`,
      this.grid,
      this.signal
    );
    return series[0]?.values ?? this.times.map(() => null);
  }

  private async computeRolling(selector: string, windowMs: number): Promise<Values> {
    const { start, end, step } = this.grid;
    if (windowMs < step || windowMs % step !== 0) {
      return this.direct(selector, windowMs);
    }
    const k = windowMs / step;
    const n = this.times.length;
    if (k <= Math.max(SHORT_WINDOW_STEPS, n)) {
      // The window is no longer than the view: sum the per-step increases of [start − W + step, end].
      const ext = await this.steps(selector, { start: start - (k - 1) * step, end, step });
      if (hasHole(ext)) {
        return this.direct(selector, windowMs);
      }
      this.note(selector, windowMs, 'sum');
      return slide(ext, ext.length - n, k, null);
    }
    // Anchor at a fixed aligned instant at or before the view start, so a refresh (or a slightly moved view)
    // reuses the cached anchor instead of asking Prometheus for increase over W again.
    const anchorAt = this.anchorFor();
    const [anchor, head, tail] = await Promise.all([
      this.source.windowIncrease(selector, anchorAt, windowMs, this.signal),
      end > anchorAt ? this.steps(selector, { start: anchorAt + step, end, step }) : Promise.resolve([]),
      end > anchorAt
        ? this.steps(selector, { start: anchorAt + step - windowMs, end: end - windowMs, step })
        : Promise.resolve([]),
    ]);
    if (hasHole(head) || hasHole(tail)) {
      return this.direct(selector, windowMs);
    }
    this.note(selector, windowMs, 'slide');
    // one series from the anchor: the anchor's sum, then head entering and tail leaving the window
    return slide(head, (start - anchorAt) / step - 1, 1, tail, anchor);
  }

  private async computeCalendar(selector: string, window: SloWindow): Promise<Values> {
    const head = await this.steps(selector, this.grid);
    const lastData = lastNonNull(head);
    // With holes every point is anchored (correct, but one instant query per point).
    const anchorAll = hasHole(head);
    this.note(selector, window.text, anchorAll ? 'anchors' : 'calendar');
    const starts = this.times.map((t) => periodStart(window, t));
    const anchorAt = this.times.map(
      (t, i) => t !== starts[i] && (anchorAll || i === 0 || this.times[i - 1] < starts[i])
    );
    const anchors = await Promise.all(
      this.times.map((t, i) =>
        anchorAt[i] ? this.source.windowIncrease(selector, t, t - starts[i], this.signal) : null
      )
    );
    const out: Values = [];
    let acc = new Accumulator();
    let seen = false;
    this.times.forEach((t, i) => {
      if (t === starts[i]) {
        // (periodStart, t] is empty: the budget has just reset and there is no traffic to judge yet
        acc = new Accumulator();
        seen = false;
        out.push(null);
        return;
      }
      if (anchorAt[i]) {
        acc = new Accumulator();
        acc.add(anchors[i] ?? 0);
        seen = anchors[i] !== null;
      } else {
        acc.add(head[i] ?? 0);
        seen = seen || head[i] !== null;
      }
      out.push(!seen || i > lastData ? null : acc.value());
    });
    return out;
  }
}

/**
 * Window sums over `values`: the window ending at index i holds values[i − k + 1 .. i] (sliding: add the
 * entering value, subtract the leaving one, which is values[i − k] or, when given, leaving[i]). Returns the
 * sums for indices from `first` on; null where the window has no value at all or after the last value
 * (points in the future, where the sum would only decay). `seed`, when given, is a sum already in the window
 * before values[0] (an anchor's; `first` may then be -1 for the anchor's own point).
 */
function slide(values: Values, first: number, k: number, leaving: Values | null, seed?: number | null): Values {
  const acc = new Accumulator();
  let count = 0;
  const out: Values = [];
  // the seed is point -1 of the series: it counts as data, and is the last data when values has none
  let lastData = lastNonNull(values);
  if (seed !== undefined) {
    if (seed !== null) {
      acc.add(seed);
      count++;
      lastData = Math.max(lastData, -1);
    }
    if (first < 0) {
      out.push(count === 0 || lastData < -1 ? null : acc.value());
    }
  }
  for (let i = 0; i < values.length; i++) {
    const old = leaving ? leaving[i] : i >= k ? values[i - k] : null;
    if (values[i] !== null) {
      acc.add(values[i]!);
      count++;
    }
    if (old !== null && old !== undefined) {
      acc.add(-old);
      // with `leaving`, the anchor's count is unknown: it stays "seen" once anything was
      count = leaving ? count : count - 1;
    }
    if (i >= first) {
      out.push(count === 0 || i > lastData ? null : acc.value());
    }
  }
  return out;
}

/** A null strictly between two values: a step without samples inside the data. */
export function hasHole(values: Values): boolean {
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null) {
      first = i;
      break;
    }
  }
  if (first < 0) {
    return false;
  }
  const last = lastNonNull(values);
  for (let i = first; i <= last; i++) {
    if (values[i] === null) {
      return true;
    }
  }
  return false;
}

function lastNonNull(values: Values): number {
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] !== null) {
      return i;
    }
  }
  return -1;
}

/**
 * Neumaier-compensated running sum: sliding adds and subtracts thousands of terms; compensation keeps the
 * result at the rounding of the true sum, and a sum that should be 0 (a window without events) snaps to 0
 * so it is never reported as a tiny positive or negative count.
 */
class Accumulator {
  private sum = 0;
  private compensation = 0;
  private scale = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) {
      this.compensation += this.sum - t + x;
    } else {
      this.compensation += x - t + this.sum;
    }
    this.sum = t;
    this.scale = Math.max(this.scale, Math.abs(x));
  }

  value(): number {
    const v = this.sum + this.compensation;
    return Math.abs(v) <= this.scale * 1e-12 ? 0 : v;
  }
}
