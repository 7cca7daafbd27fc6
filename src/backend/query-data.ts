import { QueryError } from '../core/errors';
import type { Frame } from '../core/frame';
import { remember, touch } from '../core/lru';
import type { TimeGrid } from '../core/source';
import { chooseGrid } from './grid';
import { LIVE_QUERY_TYPES, LIVE_SHARE_MS } from './handlers';
import type { QueryHandler } from './handlers/types';
import type { Instance } from './instance';
import { redact, type Logger } from './logger';
import type { Metrics } from './metrics';
import type { DataQuery, DataResponse, QueryDataResponse } from './protocol/types';
import { SHARE_MS } from './shared-answers';

/**
 * QueryData: every query of the request runs on its own and answers in its own DataResponse, so one bad
 * query (malformed JSON, unknown queryType, unknown id, upstream failure, a handler bug) becomes *its*
 * error with an HTTP-like status and errorSource, never a failed RPC.
 */
export interface DispatchDeps {
  handlers: Record<string, QueryHandler>;
  /** resolves the data source instance; throws a QueryError when the settings are unusable */
  instance: () => Instance;
  log: Logger;
  metrics: Metrics;
  now: () => number;
}

export async function dispatchQueries(
  queries: DataQuery[],
  deps: DispatchDeps,
  signal: AbortSignal
): Promise<QueryDataResponse> {
  const responses: Record<string, DataResponse> = {};
  const answers = await Promise.all(queries.map((q) => runQuery(q, deps, signal)));
  queries.forEach((q, i) => {
    // Grafana keys responses by refId; a duplicate refId would hide an answer, so say so on the survivor
    if (responses[q.refId] !== undefined) {
      responses[q.refId] = errorResponse(new QueryError(`duplicate refId "${q.refId}" in one request`, 400));
      return;
    }
    responses[q.refId] = answers[i];
  });
  return { responses };
}

function errorResponse(error: QueryError): DataResponse {
  return { frames: [], error: redact(error.message), status: error.status, errorSource: error.source, format: 'ARROW' };
}

/** The upstream's warnings (a partial result) as notices on the first frame, or on an empty frame of their own. */
function withWarnings(frames: Frame[], warnings: string[], queryType: string): Frame[] {
  if (warnings.length === 0) {
    return frames;
  }
  const notices = warnings.map((w) => ({ severity: 'warning' as const, text: `partial result from Prometheus: ${w}` }));
  if (frames.length === 0) {
    return [{ name: queryType, fields: [], meta: { notices } }];
  }
  const [first, ...rest] = frames;
  return [{ ...first, meta: { ...first.meta, notices: [...(first.meta?.notices ?? []), ...notices] } }, ...rest];
}

/** A computed answer, shared by identical queries (src/backend/shared-answers.ts). */
export interface SharedAnswer {
  frames: Frame[];
  /** the upstream's warnings (a partial result, never kept for later queries), also as notices on the frames */
  warnings: string[];
  /**
   * The DataResponse per refId, its frames encoded once for all who share the answer. The same object goes to
   * every caller, so the gRPC layer can serialize it once too (src/backend/protocol/server.ts).
   */
  responses: Map<string, DataResponse>;
}

/** Fields Grafana adds to every query's JSON that do not change its answer (or are keyed separately). */
const GRAFANA_QUERY_FIELDS = ['refId', 'datasource', 'datasourceId', 'hide', 'key', 'intervalMs', 'maxDataPoints'];

/** The query's own fields as JSON, in its own key order (see answerKey); Grafana's are left out at the top only. */
function ownJson(query: Record<string, unknown>): string {
  return JSON.stringify(query, function (this: unknown, key: string, value: unknown) {
    return this === query && GRAFANA_QUERY_FIELDS.includes(key) ? undefined : value;
  });
}

/**
 * Everything an answer depends on: the query's own fields, the grid, the definitions version, and the range's
 * ends and "now" to SHARE_MS (on-call and incident answers are evaluated at the end of the range or now).
 * The query part is plain JSON in the query's own key order: panels saved by Grafana repeat their JSON
 * verbatim, and two queries that differ only in key order merely compute apart (equal keys always mean equal
 * queries). The query type is a handler's name and the other parts are numbers, so `|` separates them.
 */
function answerKey(request: AnswerRequest, definitionsId: number): string {
  const { queryType, grid, range, now } = request;
  const bucket = (t: number) => Math.floor(t / SHARE_MS);
  return [
    queryType,
    grid.start,
    grid.end,
    grid.step,
    request.intervalMs,
    request.maxDataPoints,
    bucket(range.from),
    bucket(range.to),
    bucket(now),
    definitionsId,
    request.own ?? ownJson(request.query),
  ].join('|');
}

/** What a kept answer holds in memory, in data points (its frames' values, and their encodings). */
export function answerWeight(answer: SharedAnswer): number {
  return answer.frames.reduce((sum, f) => sum + f.fields.reduce((n, field) => n + field.values.length, 0), 0);
}

function responseFor(answer: SharedAnswer, refId: string, instance: Instance): DataResponse {
  let response = answer.responses.get(refId);
  if (!response) {
    const frames = answer.frames.map((f) => instance.encodings.encode({ ...f, refId }));
    response = Object.freeze({ frames, status: 200, format: 'ARROW' as const });
    answer.responses.set(refId, response);
  }
  return response;
}

/**
 * Query JSON texts seen lately, parsed once: every viewer of a dashboard sends its panels' JSON verbatim.
 * Only texts up to MAX_PARSED_TEXT are kept (a panel's query is well under 1 KB), so 256 of them stay small
 * whatever a client sends.
 */
const MAX_PARSED = 256;
const MAX_PARSED_TEXT = 16 * 1024;
const parsedQueries = new Map<string, ParsedQuery>();

interface ParsedQuery {
  /** frozen: shared by every call that sent the same text */
  query: Record<string, unknown>;
  own: string;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function parseQueryJson(q: DataQuery): ParsedQuery {
  const text = q.json?.length ? Buffer.from(q.json).toString('utf8') : '{}';
  const seen = touch(parsedQueries, text);
  if (seen) {
    return seen;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new QueryError(`query ${q.refId || '(no refId)'}: query JSON is malformed: ${(e as Error).message}`, 400);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new QueryError(`query ${q.refId || '(no refId)'}: query JSON must be an object`, 400);
  }
  const query = deepFreeze(parsed as Record<string, unknown>);
  const result = { query, own: ownJson(query) };
  if (text.length <= MAX_PARSED_TEXT) {
    remember(parsedQueries, text, result, MAX_PARSED);
  }
  return result;
}

interface AnswerRequest {
  queryType: string;
  query: Record<string, unknown>;
  /** ownJson(query), when already known */
  own?: string;
  refId: string;
  range: { from: number; to: number };
  grid: TimeGrid;
  intervalMs: number;
  maxDataPoints: number;
  now: number;
}

/**
 * The answer to one query, computed by its handler or shared with identical queries (kept ones, or one being
 * computed). Handlers' subqueries (summary's catalogs) go through here too, so they share with the panels.
 */
function sharedAnswer(
  request: AnswerRequest,
  instance: Instance,
  deps: DispatchDeps,
  signal: AbortSignal
): Promise<SharedAnswer> {
  const { queryType } = request;
  const handler = Object.hasOwn(deps.handlers, queryType) ? deps.handlers[queryType] : undefined;
  if (!handler) {
    return Promise.reject(new QueryError(`no handler for queryType "${queryType}"`, 400));
  }
  const definitions = instance.definitions();
  return instance.answers.run(
    answerKey(request, instance.work.id(definitions)),
    async (shared): Promise<SharedAnswer> => {
      const subWarnings: string[] = [];
      const frames = await handler({
        ...request,
        metrics: instance.metrics,
        alerts: instance.alerts,
        events: instance.events,
        definitions,
        signal: shared,
        log: deps.log,
        shared: {
          get: (key, create) => instance.work.get(key, create, shared),
          id: (object) => instance.work.id(object),
        },
        subquery: async (subType, subQuery) => {
          const sub = await sharedAnswer(
            { ...request, queryType: subType, query: subQuery, own: undefined },
            instance,
            deps,
            shared
          );
          subWarnings.push(...sub.warnings);
          return sub.frames;
        },
      });
      const warningsOf = (signal: AbortSignal) => instance.metrics.warningsOf?.(signal) ?? [];
      const warnings = [
        ...new Set([...warningsOf(shared), ...instance.work.signalsOf(shared).flatMap(warningsOf), ...subWarnings]),
      ];
      return { frames: withWarnings(frames, warnings, queryType), warnings, responses: new Map() };
    },
    signal,
    (a) => (a.warnings.length > 0 ? 0 : LIVE_QUERY_TYPES.has(queryType) ? LIVE_SHARE_MS : SHARE_MS)
  );
}

async function runQuery(q: DataQuery, deps: DispatchDeps, signal: AbortSignal): Promise<DataResponse> {
  const started = performance.now();
  let metricType = 'unknown';
  let response: DataResponse;
  try {
    const { query, own } = parseQueryJson(q);
    const queryType = q.queryType || (typeof query.queryType === 'string' ? query.queryType : '');
    if (!queryType) {
      throw new QueryError(
        `query ${q.refId}: queryType is missing (expected one of: ${Object.keys(deps.handlers).join(', ')})`,
        400
      );
    }
    if (!Object.hasOwn(deps.handlers, queryType)) {
      throw new QueryError(
        `query ${q.refId}: unknown queryType "${queryType}" (expected one of: ${Object.keys(deps.handlers).join(', ')})`,
        400
      );
    }
    metricType = queryType;
    const from = q.timeRange?.fromEpochMS ?? 0;
    const to = q.timeRange?.toEpochMS ?? 0;
    const intervalMs = q.intervalMS > 0 ? q.intervalMS : 0;
    const maxDataPoints = q.maxDataPoints > 0 ? q.maxDataPoints : 0;
    const grid = chooseGrid(from, to, intervalMs, maxDataPoints);
    const instance = deps.instance();
    const answer = await sharedAnswer(
      { queryType, query, own, refId: q.refId, range: { from, to }, grid, intervalMs, maxDataPoints, now: deps.now() },
      instance,
      deps,
      signal
    );
    response = responseFor(answer, q.refId, instance);
  } catch (e) {
    if (signal.aborted) {
      // whatever the handler made of the abort, nobody waits for this answer any more
      response = errorResponse(new QueryError(`query ${q.refId} cancelled`, 499));
    } else if (e instanceof QueryError) {
      response = errorResponse(e);
    } else {
      // a handler bug: keep serving, tell the user which query hit it, keep the stack for the log
      deps.log.error('query handler failed', {
        refId: q.refId,
        queryType: metricType,
        error: (e as Error)?.stack ?? String(e),
      });
      response = errorResponse(
        new QueryError(
          `query ${q.refId}: internal error in ${metricType} query: ${(e as Error)?.message ?? String(e)}`,
          500
        )
      );
    }
  }
  if (signal.aborted) {
    deps.log.info('query cancelled by Grafana', { refId: q.refId, queryType: metricType });
  }
  deps.metrics.observeQuery(metricType, (performance.now() - started) / 1000, response.status);
  return response;
}
