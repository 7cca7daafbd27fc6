import { badQuery, upstreamError } from '../../../src/core/errors';
import { timeSeriesFrame } from '../../../src/core/frame';
import type { QueryContext, QueryHandler } from '../../../src/backend/handlers/types';
import { buildInstance } from '../../../src/backend/instance';
import { createLogger, registerSecret } from '../../../src/backend/logger';
import { Metrics } from '../../../src/backend/metrics';
import { decodeFrame } from '../../../src/backend/protocol/arrow';
import type { DataQuery } from '../../../src/backend/protocol/types';
import { dispatchQueries, type DispatchDeps } from '../../../src/backend/query-data';
import { parseSettings } from '../../../src/backend/settings';
import { toInstanceSettings } from '../../support/harness';

const lines: string[] = [];
const log = createLogger('test', 'debug', (l) => lines.push(l));
const HOUR = 3_600_000;

function deps(handlers: Record<string, QueryHandler>): DispatchDeps {
  const instance = buildInstance(parseSettings(toInstanceSettings({ url: '' })), log);
  return { handlers, instance: () => instance, log, metrics: new Metrics(), now: () => 1_767_225_600_000 };
}

function query(refId: string, queryType: string, json: object | string = {}): DataQuery {
  return {
    refId,
    queryType,
    maxDataPoints: 100,
    intervalMS: 60_000,
    timeRange: { fromEpochMS: 0, toEpochMS: 6 * HOUR },
    json: Buffer.from(typeof json === 'string' ? json : JSON.stringify({ refId, queryType, ...json })),
  };
}

const never = new AbortController().signal;

describe('dispatchQueries', () => {
  it('builds the QueryContext (parsed JSON, range, grid) and encodes the frames with the refId', async () => {
    let seen: QueryContext | undefined;
    const handlers = {
      echo: async (ctx: QueryContext) => {
        seen = ctx;
        return [timeSeriesFrame('x', [ctx.grid.start], [1], { a: 'b' })];
      },
    };
    const res = await dispatchQueries([query('A', 'echo', { slo: 'api' })], deps(handlers), never);
    expect(res.responses.A.status).toBe(200);
    expect(decodeFrame(res.responses.A.frames[0])).toMatchObject({ name: 'x', refId: 'A' });
    expect(seen!.query).toMatchObject({ slo: 'api', refId: 'A' });
    expect(seen!.range).toEqual({ from: 0, to: 6 * HOUR });
    // 6 h / 98 = 3.67 min -> 5 min
    expect(seen!.grid).toEqual({ start: 0, end: 6 * HOUR, step: 300_000 });
    expect(seen!.now).toBe(1_767_225_600_000);
  });

  it('takes queryType from the JSON when the field is empty', async () => {
    const handlers = { echo: async () => [] };
    const res = await dispatchQueries(
      [{ ...query('A', ''), json: Buffer.from('{"queryType":"echo"}') }],
      deps(handlers),
      never
    );
    expect(res.responses.A).toMatchObject({ status: 200, frames: [] });
  });

  it('gives each bad query its own error with status and errorSource, never failing the others', async () => {
    const handlers: Record<string, QueryHandler> = {
      ok: async () => [],
      bad: async () => {
        throw badQuery('slo "nope" is not defined');
      },
      upstream: async () => {
        throw upstreamError('Prometheus at http://p:9090 answered 503', 503);
      },
      bug: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    };
    const res = await dispatchQueries(
      [
        query('A', 'ok'),
        query('B', 'bad'),
        query('C', 'upstream'),
        query('D', 'bug'),
        query('E', 'nope'),
        query('F', 'ok', '{oops'),
      ],
      deps(handlers),
      never
    );
    expect(res.responses.A.status).toBe(200);
    expect(res.responses.B).toMatchObject({ status: 400, errorSource: 'plugin', error: 'slo "nope" is not defined' });
    expect(res.responses.C).toMatchObject({ status: 503, errorSource: 'downstream' });
    expect(res.responses.D).toMatchObject({ status: 500, errorSource: 'plugin' });
    expect(res.responses.D.error).toContain('internal error in bug query');
    expect(res.responses.E.error).toContain('unknown queryType "nope"');
    expect(res.responses.F.error).toContain('query JSON is malformed');
    expect(lines.some((l) => l.includes('query handler failed') && l.includes('TypeError'))).toBe(true);
  });

  it('aborts the handler signal when Grafana cancels the call', async () => {
    const controller = new AbortController();
    let handlerSignal: AbortSignal | undefined;
    const handlers = {
      slow: (ctx: QueryContext) =>
        new Promise<never>((_, reject) => {
          handlerSignal = ctx.signal;
          ctx.signal.addEventListener('abort', () => reject(new Error('fetch aborted')));
        }),
    };
    const pending = dispatchQueries([query('A', 'slow')], deps(handlers), controller.signal);
    await new Promise((r) => setImmediate(r));
    expect(handlerSignal!.aborted).toBe(false);
    controller.abort();
    const res = await pending;
    expect(handlerSignal!.aborted).toBe(true);
    expect(res.responses.A.status).toBe(499);
  });

  it('redacts registered secrets from error messages', async () => {
    registerSecret('s3cr3t-token-value');
    const handlers = {
      leak: async () => {
        throw upstreamError('upstream said: bad token s3cr3t-token-value');
      },
    };
    const res = await dispatchQueries([query('A', 'leak')], deps(handlers), never);
    expect(res.responses.A.error).toBe('upstream said: bad token [redacted]');
  });

  it('answers a duplicate refId with an error instead of hiding one answer', async () => {
    const res = await dispatchQueries([query('A', 'ok'), query('A', 'ok')], deps({ ok: async () => [] }), never);
    expect(res.responses.A.error).toContain('duplicate refId "A"');
  });

  describe('which queries share an answer', () => {
    /** How many times the handler ran for `queries`, sent together in one call. */
    async function computations(queries: DataQuery[], handlers?: (count: () => void) => Record<string, QueryHandler>) {
      let runs = 0;
      const count = () => runs++;
      const all = handlers?.(count) ?? {
        echo: async () => {
          count();
          return [];
        },
      };
      const res = await dispatchQueries(queries, deps(all), never);
      Object.values(res.responses).forEach((r) => expect(r.error).toBeUndefined());
      return runs;
    }

    it('shares between panels whose own fields are equal, whatever Grafana added (refId, datasource, hide)', async () => {
      const a = query('A', 'echo', { slo: 'api', datasource: { uid: 'x' } });
      const b = query('B', 'echo', { slo: 'api', hide: false });
      expect(await computations([a, b])).toBe(1);
    });

    it('computes apart when a nested field differs, even one named like a field Grafana adds', async () => {
      const a = query('A', 'echo', { forecast: { key: 1, hide: true } });
      const b = query('B', 'echo', { forecast: { key: 2, hide: true } });
      expect(await computations([a, b])).toBe(2);
    });

    it('keys a subquery by its own JSON, not by the query that asked for it', async () => {
      // the parent's own JSON equals panel A's, so a subquery keyed like its parent would take A's answer
      const panel = query('A', 'echo', '{"slo":"api"}');
      const parent = query('B', 'parent', '{"slo":"api"}');
      const runs = await computations([panel, parent], (count) => ({
        echo: async () => {
          count();
          return [];
        },
        parent: async (ctx) => {
          await ctx.subquery!('echo', { slo: 'web' });
          return [];
        },
      }));
      expect(runs).toBe(2);
    });

    it('gives calls sharing an answer under one refId the same frozen response, so it is serialized once', async () => {
      const handlers = { echo: async () => [timeSeriesFrame('x', [0, HOUR], [1, 2], {})] };
      const shared = deps(handlers);
      const first = await dispatchQueries([query('A', 'echo', { slo: 'api' })], shared, never);
      const again = await dispatchQueries([query('A', 'echo', { slo: 'api' })], shared, never);
      const otherRefId = await dispatchQueries([query('B', 'echo', { slo: 'api' })], shared, never);
      expect(again.responses.A).toBe(first.responses.A);
      expect(Object.isFrozen(first.responses.A)).toBe(true);
      expect(otherRefId.responses.B).not.toBe(first.responses.A);
      expect(decodeFrame(otherRefId.responses.B.frames[0]).refId).toBe('B');
    });

    it('hands handlers a frozen query (its parsed JSON is shared by every call that sent the same text)', async () => {
      let error: unknown;
      const handlers = {
        mutate: async (ctx: QueryContext) => {
          try {
            (ctx.query as { slo: string }).slo = 'changed';
          } catch (e) {
            error = e;
          }
          return [];
        },
      };
      await dispatchQueries([query('A', 'mutate', { slo: 'api' })], deps(handlers), never);
      expect(error).toBeInstanceOf(TypeError);
    });
  });
});
