import type { Frame } from '../../core/frame';
import type { LoadedDefinitions } from '../../core/definitions/model';
import type { AlertSource, MetricSource, PlatformEvent, TimeGrid } from '../../core/source';
import type { Logger } from '../logger';

/**
 * Everything one query handler needs. Built by the dispatcher (src/backend/query-data.ts) per DataQuery.
 * Handlers throw QueryError (src/core/errors.ts) for anything wrong with *this* query.
 */
export interface QueryContext {
  refId: string;
  queryType: string;
  /** the parsed DataQuery.json object (already checked to be a JSON object) */
  query: Record<string, unknown>;
  /** Grafana's time range, epoch ms */
  range: { from: number; to: number };
  /** the step grid chosen from range, intervalMS and maxDataPoints (step aligned, covering the range) */
  grid: TimeGrid;
  intervalMs: number;
  maxDataPoints: number;
  metrics: MetricSource;
  /** undefined when no Alertmanager is configured and the source is not the demo */
  alerts?: AlertSource;
  /** deployments and incidents to annotate; only the demo platform has them */
  events?: (from: number, to: number) => PlatformEvent[];
  definitions: LoadedDefinitions;
  /** wall clock for "now"-relative values (tests pin it) */
  now: number;
  signal: AbortSignal;
  log: Logger;
  /**
   * Another query type's answer for the same range, shared with identical queries (the dispatcher's shared
   * answers): how `summary` reads the catalogs the dashboard's other panels computed. Set by the dispatcher.
   */
  subquery?: (queryType: string, query: Record<string, unknown>) => Promise<Frame[]>;
  /**
   * Work shared with the other queries of the data source (src/backend/shared-work.ts): `get` hands out the work
   * under `key`, or `create`s it with a signal of its own; `id` names an object of the definitions in keys. Set by
   * the dispatcher; without it a handler works alone.
   */
  shared?: {
    get<T>(key: string, create: (signal: AbortSignal) => T): T;
    id(object: object): number;
  };
}

export type QueryHandler = (ctx: QueryContext) => Promise<Frame[]>;
