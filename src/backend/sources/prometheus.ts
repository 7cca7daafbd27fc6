import { gridLength, type MetricSource, type Series, type TimeGrid } from '../../core/source';
import { formatDuration } from '../../core/duration';
import { QueryError, upstreamError } from '../../core/errors';
import { remember, touch } from '../../core/lru';
import type { Logger } from '../logger';
import { parseJson, request, upstreamAt } from './http';

/**
 * The Prometheus HTTP API (also Thanos, Mimir, VictoriaMetrics) as a MetricSource.
 *
 * - Auth: basic or bearer; secrets live only in request headers, never in messages or logs.
 * - Each request has its own timeout; the caller's AbortSignal (Grafana cancelling) aborts it.
 * - 5xx answers and network errors are retried with exponential backoff; 4xx are not (the query is wrong).
 * - At most `concurrency` requests in flight per instance, so 100 SLOs do not flood Prometheus.
 * - Range queries are split into pieces of at most 11,000 points (Prometheus' limit per series).
 * - Results at times older than `closedAfterMs` (5 min) are final: they are cached per (query, step, chunk)
 *   of CHUNK_POINTS grid points, so a dashboard refresh only fetches the new tail.
 * - Answers are checked before use: bodies over `maxResponseBytes` (64 MiB) are refused unread, results of
 *   another shape than the endpoint's are a named downstream error, and a partial answer (Prometheus'
 *   `warnings`, e.g. a Thanos store down) is used but never cached as final; its warnings are kept for the
 *   query that asked (warningsOf) so the user sees them as a notice.
 */
export interface PrometheusOptions {
  url: string;
  basicAuth?: { user: string; password: string };
  bearerToken?: string;
  timeoutMs: number;
  log: Logger;
  /** retries after the first attempt for 5xx/network errors (default 2) */
  retries?: number;
  /** first backoff delay in ms, doubled on each retry (default 250) */
  backoffMs?: number;
  /** requests in flight at once (default 8) */
  concurrency?: number;
  /** cached chunks kept (LRU, default 16,000: about 40 MB at worst) */
  cacheChunks?: number;
  /** data older than this is considered final (default 5 min) */
  closedAfterMs?: number;
  /** clock (tests pin it) */
  now?: () => number;
  /** answers larger than this are refused (default MAX_RESPONSE_BYTES of ./http) */
  maxResponseBytes?: number;
}

/** Prometheus refuses range queries with more than 11,000 points per series. */
export const MAX_POINTS = 11_000;
/** Grid points per cache chunk; chunk k of step s covers times [k·N·s, (k+1)·N·s). */
export const CHUNK_POINTS = 288;

interface PromMatrix {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}
interface PromVector {
  metric: Record<string, string>;
  value: [number, string];
}
interface PromBody {
  status?: string;
  data?: { resultType?: string; result?: unknown } & Record<string, unknown>;
  errorType?: string;
  error?: string;
  /** a partial result (Prometheus >= 2.x, Thanos): answers with these are used but not cached */
  warnings?: unknown;
}

/**
 * One cached chunk of a range query: series keyed by their label set; `filled` leading points are final. Values are
 * kept in typed arrays, NaN for "no value" (Prometheus' own non-finite values are "no value" already, see
 * parseValue): the cache holds days of points, and as arrays of numbers they were hundreds of thousands of heap
 * objects for every garbage collection to trace.
 */
interface Chunk {
  series: Map<string, { labels: Record<string, string>; values: Float64Array }>;
  filled: number;
  pending?: { from: number; upTo: number; done: Promise<void> };
  /** the not-yet-final points [from, upTo] fetched at `at` (ms, wall clock): reused for FRESH_MS */
  recent?: { from: number; upTo: number; at: number };
}

const DEFAULT_CACHE_CHUNKS = 16_000;
/** Instant queries combined into one request at most. */
const BATCH = 8;
const NO_SIGNAL = Symbol('no signal');
type Batch = Array<{
  expr: string;
  resolve: (answer: { value: number | null; partial: boolean }) => void;
  reject: (error: unknown) => void;
}>;

/**
 * Range fetches of at most this many points (a refresh's tails) for the same times, asked in the same turn of the
 * event loop, go out together, at most BATCH_RANGES a request (see batchedRange).
 */
const BATCH_RANGE_POINTS = 64;
const BATCH_RANGES = 16;
/** A range query's series and Prometheus' warnings (a partial result: used, never cached as final). */
interface RangeAnswer {
  series: Series[];
  warnings: string[];
}
type RangeBatch = Array<{
  expr: string;
  signal?: AbortSignal;
  resolve: (answer: RangeAnswer) => void;
  reject: (error: unknown) => void;
}>;
/** Errors of queries Prometheus evaluated and refused (bad PromQL, too many samples, its own timeout). */
const refusals = new WeakSet<Error>();

/** Not-yet-final points are reused this long, so the many window sums of one query share one tail fetch. */
export const FRESH_MS = 2_000;

export class PrometheusSource implements MetricSource {
  readonly kind = 'prometheus' as const;
  /** base URL without credentials (./http upstreamAt): safe for messages and logs */
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly limiter: Limiter;
  private readonly chunks = new Map<string, Chunk>();
  private readonly instants = new Map<string, number | null>();
  private readonly batches = new Map<AbortSignal | typeof NO_SIGNAL, Map<string, Batch>>();
  private readonly rangeBatches = new Map<string, RangeBatch>();
  private readonly now: () => number;
  /** Prometheus' warnings per query (its AbortSignal), until the query takes them */
  private readonly warnings = new WeakMap<AbortSignal, Set<string>>();

  constructor(readonly options: PrometheusOptions) {
    const upstream = upstreamAt(options.url, options);
    if (!upstream) {
      throw new QueryError(`invalid Prometheus URL "${options.url.replace(/\/\/[^@/]*@/, '//')}"`);
    }
    this.base = upstream.base;
    this.headers = {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      // Headroom's answers are a few KB; setting up gunzip for each costs more CPU than the transfer it saves
      'Accept-Encoding': 'identity',
    };
    Object.assign(this.headers, upstream.auth);
    this.limiter = new Limiter(options.concurrency ?? 8);
    this.now = options.now ?? Date.now;
  }

  describe(): string {
    return `Prometheus at ${this.base}`;
  }

  async health(signal?: AbortSignal): Promise<string> {
    const body = await this.call('/api/v1/status/buildinfo', undefined, 'GET', signal, 'health check');
    const version = typeof body.data?.version === 'string' ? body.data.version : undefined;
    return version ? `Prometheus ${version} at ${this.base}` : `Prometheus-compatible API at ${this.base}`;
  }

  async stepIncreases(selector: string, grid: TimeGrid, signal?: AbortSignal): Promise<Array<number | null>> {
    const series = await this.rangeQuery(`sum(increase(${selector}[${formatDuration(grid.step)}]))`, grid, signal);
    return series[0]?.values ?? gridNulls(grid);
  }

  async windowIncrease(selector: string, at: number, windowMs: number, signal?: AbortSignal): Promise<number | null> {
    const expr = `sum(increase(${selector}[${formatDuration(windowMs)}]))`;
    const key = `${expr}@${at}`;
    if (this.instants.has(key)) {
      return touch(this.instants, key)!;
    }
    const { value, partial } = await this.batchedInstant(expr, at, signal);
    if (!partial && at <= this.now() - this.closedAfter()) {
      remember(this.instants, key, value, this.options.cacheChunks ?? DEFAULT_CACHE_CHUNKS);
    }
    return value;
  }

  /** Warnings Prometheus attached to answers fetched with this signal (a query's, or a shared engine's). */
  warningsOf(signal: AbortSignal): string[] {
    const found = this.warnings.get(signal);
    return found ? [...found] : [];
  }

  /**
   * Instant queries at the same time asked in the same turn of the event loop (the bad and total anchors of
   * an SLO) go out as one query, `label_replace(q0, "headroom_q", "0", "", "") or ...`: one evaluation
   * instead of several, which is the costliest request of a cold SLO query. At most BATCH queries each.
   */
  private batchedInstant(
    expr: string,
    at: number,
    signal?: AbortSignal
  ): Promise<{ value: number | null; partial: boolean }> {
    return new Promise((resolve, reject) => {
      const key = `${at}`;
      let bySignal = this.batches.get(signal ?? NO_SIGNAL);
      if (!bySignal) {
        bySignal = new Map();
        this.batches.set(signal ?? NO_SIGNAL, bySignal);
      }
      let batch = bySignal.get(key);
      if (!batch || batch.length >= BATCH) {
        const entries: Batch = [];
        batch = entries;
        bySignal.set(key, entries);
        setImmediate(() => {
          if (bySignal!.get(key) === entries) {
            bySignal!.delete(key);
          }
          if (bySignal!.size === 0) {
            this.batches.delete(signal ?? NO_SIGNAL);
          }
          this.flushInstants(entries, at, signal);
        });
      }
      batch.push({ expr, resolve, reject });
    });
  }

  private async flushInstants(entries: Batch, at: number, signal?: AbortSignal): Promise<void> {
    const exprs = [...new Set(entries.map((e) => e.expr))];
    const query = combined(exprs);
    try {
      const body = await this.call('/api/v1/query', { query, time: String(at / 1000) }, 'POST', signal, query);
      const values = new Map<string, number | null>();
      for (const item of (body.data?.result ?? []) as PromVector[]) {
        const index = exprs.length === 1 ? 0 : Number(item.metric.headroom_q);
        values.set(exprs[index], parseValue(item.value[1]));
      }
      const partial = hasWarnings(body);
      entries.forEach((e) => e.resolve({ value: values.get(e.expr) ?? null, partial }));
    } catch (error) {
      entries.forEach((e) => e.reject(error));
    }
  }

  async rangeQuery(expr: string, grid: TimeGrid, signal?: AbortSignal): Promise<Series[]> {
    const { start, end, step } = grid;
    if (!(step > 0) || end < start) {
      throw new QueryError(`invalid time grid for "${expr}": start ${start}, end ${end}, step ${step}`);
    }
    if (start % step !== 0) {
      // Unaligned grids cannot share chunks; fetch them directly (split by the point limit only).
      return (await this.fetchRange(expr, start, end, step, signal)).series;
    }
    const span = CHUNK_POINTS * step;
    const first = Math.floor(start / span);
    const last = Math.floor(end / span);
    const chunkKeys: string[] = [];
    for (let k = first; k <= last; k++) {
      chunkKeys.push(`${step}|${k}|${expr}`);
    }
    // the chunks themselves, not their keys: the LRU may evict a key while a large query is running
    const chunks = await this.fillChunks(expr, step, first, chunkKeys, start, end, signal);
    // Assemble the grid from the chunks.
    const n = gridLength(grid);
    const out = new Map<string, Series>();
    chunks.forEach((chunk, i) => {
      const chunkStart = (first + i) * span;
      // the chunk's points inside [start, end], and where they land on the grid
      const pFrom = Math.max(0, Math.ceil((start - chunkStart) / step));
      const pTo = Math.min(CHUNK_POINTS - 1, Math.floor((end - chunkStart) / step));
      const offset = (chunkStart - start) / step;
      for (const [labelKey, s] of chunk.series) {
        let target = out.get(labelKey);
        for (let p = pFrom; p <= pTo; p++) {
          const v = s.values[p];
          if (Number.isNaN(v)) {
            continue;
          }
          if (!target) {
            target = { labels: s.labels, values: new Array(n).fill(null) };
            out.set(labelKey, target);
          }
          target.values[p + offset] = v;
        }
      }
    });
    return [...out.values()];
  }

  async labelValues(label: string, signal?: AbortSignal): Promise<string[]> {
    const body = await this.call(
      `/api/v1/label/${encodeURIComponent(label)}/values`,
      undefined,
      'GET',
      signal,
      `label values of ${label}`
    );
    const data = body.data as unknown;
    return Array.isArray(data) ? data.map(String).sort() : [];
  }

  // --- cache ---------------------------------------------------------------------------------------

  private closedAfter(): number {
    return this.options.closedAfterMs ?? 5 * 60_000;
  }

  /**
   * Makes every chunk hold the positions the grid needs. A chunk is fetched from its first non-final point:
   * to its end when the whole chunk is final (so it is cached complete), else only to the grid's end.
   * Adjacent chunks needing whole fetches are merged into one request (up to the point limit).
   */
  private async fillChunks(
    expr: string,
    step: number,
    first: number,
    keys: string[],
    start: number,
    end: number,
    signal?: AbortSignal
  ): Promise<Chunk[]> {
    const span = CHUNK_POINTS * step;
    const closedBefore = this.now() - this.closedAfter();
    // `shared`: fetches another query started (and may cancel); `waits`: the ones this call starts.
    const shared: Array<Promise<void>> = [];
    const waits: Array<Promise<void>> = [];
    const chunks: Chunk[] = [];
    const plans: Array<{ key: string; chunk: Chunk; chunkStart: number; from: number; to: number }> = [];
    keys.forEach((key, i) => {
      const chunkStart = (first + i) * span;
      const needFrom = Math.max(0, Math.ceil((start - chunkStart) / step));
      const needTo = Math.min(CHUNK_POINTS - 1, (end - chunkStart) / step);
      let chunk = this.chunks.get(key);
      if (chunk) {
        touch(this.chunks, key);
      } else {
        chunk = { series: new Map(), filled: 0 };
        remember(this.chunks, key, chunk, this.options.cacheChunks ?? DEFAULT_CACHE_CHUNKS);
      }
      chunks.push(chunk);
      if (needTo < chunk.filled) {
        return;
      }
      const recent = chunk.recent;
      if (
        recent &&
        Date.now() - recent.at < FRESH_MS &&
        recent.from <= Math.max(needFrom, chunk.filled) &&
        recent.upTo >= needTo
      ) {
        return;
      }
      if (chunk.pending && chunk.pending.from <= Math.max(needFrom, chunk.filled) && chunk.pending.upTo >= needTo) {
        shared.push(chunk.pending.done);
        return;
      }
      const chunkEnd = chunkStart + (CHUNK_POINTS - 1) * step;
      const to = chunkEnd <= closedBefore ? CHUNK_POINTS - 1 : needTo;
      // Points before the grid's start in a chunk that cannot be cached are not worth fetching.
      const from = to === CHUNK_POINTS - 1 ? chunk.filled : Math.max(chunk.filled, needFrom);
      plans.push({ key, chunk, chunkStart, from, to });
    });
    // Merge runs of whole-chunk fetches into single requests.
    const groups: Array<typeof plans> = [];
    for (const plan of plans) {
      const group = groups[groups.length - 1];
      const prev = group?.[group.length - 1];
      const points = group
        ? (plan.chunkStart + plan.to * step - (group[0].chunkStart + group[0].from * step)) / step + 1
        : 0;
      if (
        prev &&
        prev.to === CHUNK_POINTS - 1 &&
        plan.from === 0 &&
        plan.chunkStart === prev.chunkStart + span &&
        points <= MAX_POINTS
      ) {
        group.push(plan);
      } else {
        groups.push([plan]);
      }
    }
    for (const group of groups) {
      const from = group[0].chunkStart + group[0].from * step;
      const last = group[group.length - 1];
      const to = last.chunkStart + last.to * step;
      const done = this.fetchRange(expr, from, to, step, signal).then(({ series, warnings }) => {
        const partial = warnings.length > 0;
        for (const plan of group) {
          // a partial answer serves this query, but none of it is final or reused
          storeChunk(
            plan.chunk,
            series,
            from,
            step,
            plan.chunkStart,
            plan.from,
            plan.to,
            partial ? -Infinity : closedBefore
          );
          plan.chunk.recent = partial ? undefined : { from: plan.from, upTo: plan.to, at: Date.now() };
        }
      });
      const settled = done.finally(() => {
        for (const plan of group) {
          if (plan.chunk.pending?.done === settled) {
            plan.chunk.pending = undefined;
          }
        }
      });
      for (const plan of group) {
        plan.chunk.pending = { from: plan.from, upTo: plan.to, done: settled };
      }
      waits.push(settled);
    }
    const [sharedOutcome] = await Promise.all([Promise.allSettled(shared), Promise.all(waits)]);
    if (sharedOutcome.some((o) => o.status === 'rejected') && !signal?.aborted) {
      // A fetch this call joined failed with the query that started it (cancelled by its user, or an upstream
      // error): fetch again for this query, which then gets its own data or its own error.
      return this.fillChunks(expr, step, first, keys, start, end, signal);
    }
    return chunks;
  }

  // --- HTTP ----------------------------------------------------------------------------------------

  /** A range query: a small one joins others of the same times (batchedRange), a large one goes alone. */
  private fetchRange(
    expr: string,
    start: number,
    end: number,
    step: number,
    signal?: AbortSignal
  ): Promise<RangeAnswer> {
    return (end - start) / step < BATCH_RANGE_POINTS
      ? this.batchedRange(expr, start, end, step, signal)
      : this.fetchRangeAlone(expr, start, end, step, signal);
  }

  /**
   * A dashboard refresh asks every selector of every SLO for its newest points: ~100 requests of a few points each,
   * whose cost was the requests themselves (in both processes), not the points. Those asked in the same turn of
   * the event loop for the same times go out as one query, `label_replace(q0, "headroom_q", "0", "", "") or ...`,
   * evaluated as each alone would be; each gets its own series back, without the label. The request is cancelled
   * only when every query in it was. If Prometheus refuses it (one query is bad, or too costly), each query is
   * asked alone, so only the bad one fails; other errors reach each query naming its own PromQL.
   */
  private batchedRange(
    expr: string,
    start: number,
    end: number,
    step: number,
    signal?: AbortSignal
  ): Promise<RangeAnswer> {
    return new Promise((resolve, reject) => {
      const key = `${start}|${end}|${step}`;
      let batch = this.rangeBatches.get(key);
      if (!batch || batch.length >= BATCH_RANGES) {
        const members: RangeBatch = [];
        batch = members;
        this.rangeBatches.set(key, members);
        setImmediate(() => {
          if (this.rangeBatches.get(key) === members) {
            this.rangeBatches.delete(key);
          }
          this.flushRanges(members, start, end, step);
        });
      }
      batch.push({ expr, signal, resolve, reject });
    });
  }

  private async flushRanges(members: RangeBatch, start: number, end: number, step: number): Promise<void> {
    // several members may ask the same query (answers computed side by side)
    const exprs = [...new Set(members.map((m) => m.expr))];
    const query = combined(exprs);
    const joined = joinSignals(members);
    let answer: RangeAnswer;
    try {
      answer = await this.fetchRangeAlone(query, start, end, step, joined.signal);
    } catch (error) {
      for (const m of members) {
        if (m.signal?.aborted) {
          m.reject(cancelled());
        } else if (exprs.length > 1 && refusals.has(error as Error)) {
          this.fetchRangeAlone(m.expr, start, end, step, m.signal).then(m.resolve, m.reject);
        } else {
          const e = error as QueryError;
          m.reject(exprs.length > 1 ? new QueryError(e.message.split(query).join(m.expr), e.status, e.source) : e);
        }
      }
      return;
    } finally {
      joined.done();
    }
    const byIndex = exprs.map((): Series[] => []);
    for (const s of answer.series) {
      const { headroom_q: index, ...labels } = s.labels;
      byIndex[exprs.length === 1 ? 0 : Number(index)]?.push(exprs.length === 1 ? s : { labels, values: s.values });
    }
    for (const m of members) {
      if (m.signal) {
        this.noteWarnings(m.signal, answer.warnings);
      }
      m.resolve({ series: byIndex[exprs.indexOf(m.expr)], warnings: answer.warnings });
    }
  }

  /** A range query split into requests of at most MAX_POINTS points, merged by label set. */
  private async fetchRangeAlone(
    expr: string,
    start: number,
    end: number,
    step: number,
    signal?: AbortSignal
  ): Promise<RangeAnswer> {
    const n = gridLength({ start, end, step });
    const pieces: Array<[number, number]> = [];
    for (let from = start; from <= end; from += MAX_POINTS * step) {
      pieces.push([from, Math.min(end, from + (MAX_POINTS - 1) * step)]);
    }
    const results = await Promise.all(
      pieces.map(([from, to]) =>
        this.call(
          '/api/v1/query_range',
          { query: expr, start: String(from / 1000), end: String(to / 1000), step: String(step / 1000) },
          'POST',
          signal,
          expr
        )
      )
    );
    const out = new Map<string, Series>();
    for (const body of results) {
      for (const item of (body.data?.result ?? []) as PromMatrix[]) {
        const key = labelKey(item.metric);
        let series = out.get(key);
        if (!series) {
          series = { labels: item.metric, values: new Array(n).fill(null) };
          out.set(key, series);
        }
        for (const [ts, text] of item.values) {
          const index = Math.round((ts * 1000 - start) / step);
          if (index >= 0 && index < n) {
            series.values[index] = parseValue(text);
          }
        }
      }
    }
    return {
      series: [...out.values()],
      warnings: results.flatMap((body) => (hasWarnings(body) ? warningsIn(body) : [])),
    };
  }

  /** One API call with timeout, cancellation, retries and the concurrency limit; errors name `what` and the url. */
  private async call(
    path: string,
    params: Record<string, string> | undefined,
    method: 'GET' | 'POST',
    signal: AbortSignal | undefined,
    what: string
  ): Promise<PromBody> {
    const retries = this.options.retries ?? 2;
    const backoff = this.options.backoffMs ?? 250;
    const url = `${this.base}${path}`;
    const context = what.includes('(') || what.includes('{') ? `query ${what}` : what;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) {
        throw cancelled();
      }
      let outcome: { body?: PromBody; error?: QueryError; retry: boolean };
      try {
        outcome = await this.limiter.run(() => this.attempt(url, path, params, method, signal, context));
      } catch (e) {
        if (signal?.aborted) {
          throw cancelled();
        }
        throw e;
      }
      if (outcome.body) {
        return outcome.body;
      }
      if (!outcome.retry || attempt >= retries) {
        throw outcome.error!;
      }
      this.options.log.debug('retrying Prometheus request', {
        path,
        attempt: attempt + 1,
        error: outcome.error!.message,
      });
      await sleep(backoff * 2 ** attempt, signal);
    }
  }

  private async attempt(
    url: string,
    path: string,
    params: Record<string, string> | undefined,
    method: 'GET' | 'POST',
    signal: AbortSignal | undefined,
    context: string
  ): Promise<{ body?: PromBody; error?: QueryError; retry: boolean }> {
    const where = `Prometheus at ${this.base}`;
    const body = params ? new URLSearchParams(params).toString() : undefined;
    const response = await request(method === 'GET' && body ? `${url}?${body}` : url, {
      method,
      headers: this.headers,
      body: method === 'POST' ? body : undefined,
      timeoutMs: this.options.timeoutMs,
      signal,
      maxBytes: this.options.maxResponseBytes,
    });
    switch (response.kind) {
      case 'cancelled':
        throw cancelled();
      case 'tooLarge':
        return {
          error: upstreamError(
            `${where} answered more than ${response.limit} bytes (${context}): ask for fewer series or a larger step`
          ),
          retry: false,
        };
      case 'timeout':
        return {
          error: upstreamError(`${where} did not answer within ${this.options.timeoutMs / 1000}s (${context})`, 504),
          retry: true,
        };
      case 'network':
        return { error: upstreamError(`cannot reach ${where}: ${response.reason} (${context})`), retry: true };
    }
    if (response.status === 401 || response.status === 403) {
      return {
        error: upstreamError(
          `${where} refused the credentials (HTTP ${response.status}): check the basic auth user/password or bearer token (${context})`
        ),
        retry: false,
      };
    }
    const parsed = parseJson(response.text) as PromBody | undefined;
    if (!parsed || typeof parsed !== 'object' || (parsed.status !== 'success' && parsed.status !== 'error')) {
      const type = response.contentType ?? 'unknown content type';
      if (response.status >= 500) {
        // a proxy or load balancer in front of Prometheus failing: worth another try
        return {
          error: upstreamError(`${where} answered HTTP ${response.status} ${response.statusText} (${context})`),
          retry: true,
        };
      }
      return {
        error: upstreamError(
          `${where} is not a Prometheus API: ${path} answered HTTP ${response.status} with ${type} (${context})`
        ),
        retry: false,
      };
    }
    if (parsed.status === 'error' || !response.ok) {
      const reason = `${parsed.errorType ?? `HTTP ${response.status}`}: ${parsed.error ?? 'no error message'}`;
      // Prometheus' own query timeout (errorType "timeout", HTTP 503) would only time out again
      const timedOut = parsed.errorType === 'timeout';
      const error = upstreamError(`${where} failed ${context}: ${reason}`, timedOut ? 504 : 502);
      if (parsed.status === 'error') {
        refusals.add(error);
      }
      return { error, retry: response.status >= 500 && !timedOut };
    }
    const shape = resultShapeProblem(path, parsed);
    if (shape) {
      return {
        error: upstreamError(`${where} answered ${path} with a result of another shape (${shape}) (${context})`),
        retry: false,
      };
    }
    if (hasWarnings(parsed) && signal) {
      this.noteWarnings(signal, warningsIn(parsed));
    }
    return { body: parsed, retry: false };
  }

  private noteWarnings(signal: AbortSignal, warnings: string[]): void {
    if (warnings.length > 0) {
      const found = this.warnings.get(signal) ?? new Set<string>();
      warnings.forEach((w) => found.add(w));
      this.warnings.set(signal, found);
    }
  }
}

// --- helpers -----------------------------------------------------------------------------------------

function hasWarnings(body: PromBody): boolean {
  return Array.isArray(body.warnings) && body.warnings.length > 0;
}

/** Queries as one: each result labelled headroom_q="<its index>" (one query goes as it is). */
function combined(exprs: string[]): string {
  return exprs.length === 1
    ? exprs[0]
    : exprs.map((e, i) => `label_replace(${e}, "headroom_q", "${i}", "", "")`).join(' or ');
}

function warningsIn(body: PromBody): string[] {
  return (body.warnings as unknown[]).map(String);
}

/**
 * One signal for a batch of members: aborted once every member's signal is (never while a member has none); each
 * member is rejected as cancelled at its own abort. One listener per distinct signal; `done` removes them.
 */
function joinSignals(members: RangeBatch): { signal?: AbortSignal; done: () => void } {
  const signals = new Set(members.map((m) => m.signal));
  if (signals.size === 1) {
    return { signal: members[0].signal, done: () => undefined };
  }
  const controller = new AbortController();
  // a member without a signal is never cancelled: its entry keeps `live` above 0
  let live = signals.size;
  const listeners: Array<{ signal: AbortSignal; onAbort: () => void }> = [];
  for (const signal of signals) {
    if (!signal) {
      continue;
    }
    const onAbort = () => {
      members.filter((m) => m.signal === signal).forEach((m) => m.reject(cancelled()));
      if (--live === 0) {
        controller.abort(signal.reason);
      }
    };
    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
      listeners.push({ signal, onAbort });
    }
  }
  return {
    signal: controller.signal,
    done: () => listeners.forEach(({ signal, onAbort }) => signal.removeEventListener('abort', onAbort)),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSample = (v: unknown) =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/** What is wrong with a successful answer's result for the endpoints we read, or undefined when it is usable. */
function resultShapeProblem(path: string, body: PromBody): string | undefined {
  const range = path.endsWith('/query_range');
  if (!range && !path.endsWith('/query')) {
    return undefined;
  }
  const result = body.data?.result;
  if (!Array.isArray(result)) {
    return 'data.result is not a list';
  }
  for (const item of result) {
    if (!isObject(item) || !isObject(item.metric)) {
      return 'a series without its labels (metric)';
    }
    if (range ? !Array.isArray(item.values) || !item.values.every(isSample) : !isSample(item.value)) {
      return range
        ? 'a series whose values are not [time, "value"] pairs'
        : 'a sample that is not a [time, "value"] pair';
    }
  }
  return undefined;
}

/** Writes fetched series into a chunk and advances its final prefix. */
function storeChunk(
  chunk: Chunk,
  series: Series[],
  fetchStart: number,
  step: number,
  chunkStart: number,
  from: number,
  to: number,
  closedBefore: number
): void {
  const offset = (chunkStart - fetchStart) / step;
  for (const s of series) {
    const key = labelKey(s.labels);
    let target = chunk.series.get(key);
    if (!target) {
      target = { labels: s.labels, values: new Float64Array(CHUNK_POINTS).fill(NaN) };
      chunk.series.set(key, target);
    }
    for (let p = from; p <= to; p++) {
      target.values[p] = s.values[offset + p] ?? NaN;
    }
  }
  // Series absent from this answer have no value at the fetched points.
  const fetched = new Set(series.map((s) => labelKey(s.labels)));
  for (const [key, target] of chunk.series) {
    if (!fetched.has(key)) {
      target.values.fill(NaN, from, to + 1);
    }
  }
  if (from <= chunk.filled) {
    let final = from;
    while (final <= to && chunkStart + final * step <= closedBefore) {
      final++;
    }
    chunk.filled = Math.max(chunk.filled, final);
  }
}

function gridNulls(grid: TimeGrid): null[] {
  return new Array(gridLength(grid)).fill(null);
}

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Prometheus sends numbers as strings; NaN and infinities are "no value" on our frames. */
function parseValue(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function cancelled(): QueryError {
  return new QueryError('query cancelled', 499);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A counting semaphore: at most `size` tasks run at once, the rest wait in order. */
class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) {
        next();
      } else {
        this.active--;
      }
    }
  }
}
