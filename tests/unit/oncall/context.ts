import { emptyDefinitions, type Definitions, type LoadedDefinitions } from '../../../src/core/definitions/model';
import type { AlertSource, MetricSource, PlatformEvent } from '../../../src/core/source';
import type { QueryContext } from '../../../src/backend/handlers/types';
import { createLogger } from '../../../src/backend/logger';

/** A QueryContext for calling the on-call and events handlers directly. */
export function queryContext(options: {
  query: Record<string, unknown>;
  definitions?: Partial<Definitions>;
  errors?: LoadedDefinitions['errors'];
  range: { from: number; to: number };
  now?: number;
  alerts?: AlertSource;
  events?: (from: number, to: number) => PlatformEvent[];
  signal?: AbortSignal;
  /** default: a source that fails when asked (the schedule handlers never ask) */
  metrics?: MetricSource;
  /** default: 1-minute steps over the range */
  step?: number;
}): QueryContext {
  const unused = () => {
    throw new Error('the on-call handlers do not read metrics');
  };
  const metrics: MetricSource = {
    kind: 'demo',
    describe: () => 'unused',
    health: unused,
    stepIncreases: unused,
    windowIncrease: unused,
    rangeQuery: unused,
    labelValues: unused,
  };
  return {
    refId: 'A',
    queryType: String(options.query.queryType),
    query: options.query,
    range: options.range,
    grid: { start: options.range.from, end: options.range.to, step: options.step ?? 60_000 },
    intervalMs: options.step ?? 60_000,
    maxDataPoints: 1000,
    metrics: options.metrics ?? metrics,
    alerts: options.alerts,
    events: options.events,
    definitions: { definitions: { ...emptyDefinitions(), ...options.definitions }, errors: options.errors ?? [] },
    now: options.now ?? options.range.to,
    signal: options.signal ?? new AbortController().signal,
    log: createLogger('test', 'error', () => undefined),
  };
}

/** The values of a frame's fields by name, row by row. */
export function rowsOf(frame: { fields: Array<{ name: string; values: unknown[] }> }): Array<Record<string, unknown>> {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
}
