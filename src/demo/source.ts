import { badQuery, QueryError } from '../core/errors';
import type { Alert, AlertSource, MetricSource, PlatformEvent, Series, TimeGrid } from '../core/source';
import { remember } from '../core/lru';
import { evaluate, selectSeries } from './evaluate';
import { alertsAt, platformEvents } from './events';
import { parseSelector } from './promql';
import { catalogue, DEFAULT_SEED, isCounter, plainValues, type CounterSeries, type DemoSeries } from './series';

function checkAborted(signal?: AbortSignal) {
  if (signal?.aborted) {
    throw new QueryError('query cancelled', 499);
  }
}

/** Prometheus refuses more than 11,000 points per series; the demo allows 100x that, never unbounded work. */
const MAX_POINTS = 1_100_000;

function checkGrid(grid: TimeGrid) {
  if (!(grid.step > 0) || !(grid.end >= grid.start) || !Number.isFinite(grid.start) || !Number.isFinite(grid.end)) {
    throw badQuery(`invalid time grid: start ${grid.start}, end ${grid.end}, step ${grid.step}`);
  }
  if ((grid.end - grid.start) / grid.step + 1 > MAX_POINTS) {
    throw badQuery(`time grid too large: more than ${MAX_POINTS} points (step ${grid.step} ms)`);
  }
}

/**
 * The embedded demo platform as a MetricSource: answers from the simulator (a pure function of seed and
 * time) what Prometheus would answer on its minute-by-minute back-fill. See src/demo/README.md.
 */
export class DemoSource implements MetricSource {
  readonly kind = 'demo' as const;
  private readonly series: DemoSeries[];
  private readonly recentGrids = new Map<string, number[]>();

  constructor(readonly seed = DEFAULT_SEED) {
    this.series = catalogue(seed);
  }

  describe(): string {
    return 'embedded demo platform';
  }

  health(): Promise<string> {
    return Promise.resolve(`embedded demo platform: ${this.series.length} series`);
  }

  private counters(selector: string): CounterSeries[] {
    const matched = selectSeries(this.series, parseSelector(selector));
    const gauge = matched.find((s) => !isCounter(s));
    if (gauge) {
      throw badQuery(`${gauge.name} is a gauge, not a counter (selector "${selector}")`);
    }
    return matched as CounterSeries[];
  }

  /**
   * The grid's interval edges, one array object per grid: the counters of a service cache their rate integral
   * by this array, so the bad and total selectors of an SLO (and every bucket) share it.
   */
  private points(grid: TimeGrid): number[] {
    const key = `${grid.start}:${grid.end}:${grid.step}`;
    let points = this.recentGrids.get(key);
    if (!points) {
      points = [];
      for (let t = grid.start - grid.step; t <= grid.end; t += grid.step) {
        points.push(t);
      }
      remember(this.recentGrids, key, points, 16);
    }
    return points;
  }

  async stepIncreases(selector: string, grid: TimeGrid, signal?: AbortSignal): Promise<Array<number | null>> {
    checkAborted(signal);
    checkGrid(grid);
    const counters = this.counters(selector);
    const points = this.points(grid);
    if (counters.length === 0) {
      return points.slice(1).map(() => null);
    }
    const sums = new Float64Array(points.length - 1);
    for (const c of counters) {
      const inc = c.increasesOver(points);
      for (let i = 0; i < sums.length; i++) {
        sums[i] += inc[i];
      }
    }
    return plainValues(sums);
  }

  async windowIncrease(selector: string, at: number, windowMs: number, signal?: AbortSignal): Promise<number | null> {
    checkAborted(signal);
    if (!(windowMs > 0)) {
      throw badQuery(`invalid window ${windowMs} ms for "${selector}"`);
    }
    const counters = this.counters(selector);
    return counters.length === 0 ? null : counters.reduce((sum, c) => sum + c.increase(at - windowMs, at), 0);
  }

  async rangeQuery(expr: string, grid: TimeGrid, signal?: AbortSignal): Promise<Series[]> {
    checkAborted(signal);
    checkGrid(grid);
    return evaluate(this.series, expr, grid);
  }

  async labelValues(label: string, signal?: AbortSignal): Promise<string[]> {
    checkAborted(signal);
    const values = new Set<string>();
    for (const s of this.series) {
      const v = label === '__name__' ? s.name : s.labels[label];
      if (v !== undefined) {
        values.add(v);
      }
    }
    return [...values].sort();
  }
}

/** The alerts the simulated platform fires (for the on-call board in demo mode). */
export class DemoAlertSource implements AlertSource {
  describe(): string {
    return 'embedded demo platform';
  }
  activeAlerts(at: number, signal?: AbortSignal): Promise<Alert[]> {
    checkAborted(signal);
    return Promise.resolve(alertsAt(at));
  }
}

/** Deployments and incidents of the simulated platform overlapping [from, to] (epoch ms). */
export function demoEvents(from: number, to: number): PlatformEvent[] {
  return platformEvents(from, to);
}
