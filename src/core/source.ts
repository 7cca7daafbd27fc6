/**
 * What the engines ask of a metrics backend. Two implementations: the Prometheus HTTP API
 * (src/backend/sources/prometheus.ts) and the embedded demo platform (src/demo/source.ts).
 * All times are epoch milliseconds. A grid is inclusive at both ends, start and end multiples of step.
 */
export interface TimeGrid {
  start: number;
  end: number;
  step: number;
}

/** The number of points of a grid. */
export function gridLength(grid: TimeGrid): number {
  return Math.round((grid.end - grid.start) / grid.step) + 1;
}

export function gridTimes(grid: TimeGrid): number[] {
  const times: number[] = [];
  for (let t = grid.start; t <= grid.end; t += grid.step) {
    times.push(t);
  }
  return times;
}

/** One series of a range query, values aligned to the grid (null = no sample at that point). */
export interface Series {
  labels: Record<string, string>;
  values: Array<number | null>;
}

export interface MetricSource {
  readonly kind: 'prometheus' | 'demo';
  /** Human description for health messages ("Prometheus 2.42.0 at http://…", "demo platform"). Never contains secrets. */
  describe(): string;
  /** Checks the source answers; resolves to a short summary, rejects with a QueryError naming the cause. */
  health(signal?: AbortSignal): Promise<string>;
  /**
   * For each grid point t: sum over all series matching the counter `selector` of increase(selector[step]) at t,
   * i.e. the events in (t - step, t]. null where no series has samples.
   */
  stepIncreases(selector: string, grid: TimeGrid, signal?: AbortSignal): Promise<Array<number | null>>;
  /** sum(increase(selector[windowMs])) at instant `at`; null when no series has samples. */
  windowIncrease(selector: string, at: number, windowMs: number, signal?: AbortSignal): Promise<number | null>;
  /** A PromQL range query (the demo source understands a documented subset). */
  rangeQuery(expr: string, grid: TimeGrid, signal?: AbortSignal): Promise<Series[]>;
  /** Values of a label across all series (for variables and editors). */
  labelValues(label: string, signal?: AbortSignal): Promise<string[]>;
  /**
   * Optional: warnings the upstream attached to answers fetched with this signal (a partial result); the
   * dispatcher shows them as notices on the frames of the queries that used them.
   */
  warningsOf?(signal: AbortSignal): string[];
}

export interface Alert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** epoch ms */
  startsAt: number;
  /** ids of active silences that match the alert (empty = not silenced) */
  silencedBy: string[];
}

export interface AlertSource {
  describe(): string;
  /** Alerts active at `at` (Alertmanager ignores `at` and answers for now). */
  activeAlerts(at: number, signal?: AbortSignal): Promise<Alert[]>;
}

/** Events the demo platform (or a future source) marks on dashboards: deployments, incidents. */
export interface PlatformEvent {
  time: number;
  timeEnd?: number;
  service?: string;
  kind: 'deployment' | 'incident';
  title: string;
  text?: string;
}
