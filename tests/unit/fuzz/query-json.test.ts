import fc from 'fast-check';
import { createLogger } from '../../../src/backend/logger';
import type { QueryDataRequest } from '../../../src/backend/protocol/types';
import { createPluginService } from '../../../src/backend/service';
import { toInstanceSettings } from '../../support/harness';
import { fuzzQuery, NOW, problem, toDataQuery } from './query-arbitraries';
import { SMALL_DEFINITIONS } from '../../support/small-definitions';

/**
 * Query JSON fuzzing through the real dispatcher and handlers, in process, on the demo platform (the executable
 * gets a smaller share in query-json-executable.test.ts): whatever Grafana
 * sends, every query gets its own answer; an answer is data (200) or a rejection with an HTTP-like status, a
 * non-empty message naming the query type, the refId or the field at fault, and never an internal error (500)
 * or a thrown RPC. The demo platform's metrics with a small definitions file (one item of each kind): the
 * same validation paths as the full demo, at a cost that allows thousands of cases. about 4,500 queries.
 */

describe('query JSON fuzzing through the dispatcher (in process, demo platform)', () => {
  const lines: string[] = [];
  const service = createPluginService(
    createLogger('fuzz', 'error', (l) => lines.push(l)),
    { now: () => NOW }
  );
  const settings = toInstanceSettings({ url: '', jsonData: { definitions: SMALL_DEFINITIONS } });
  const request = (queries: ReturnType<typeof toDataQuery>[]): QueryDataRequest =>
    ({
      pluginContext: { dataSourceInstanceSettings: settings },
      headers: {},
      queries,
    }) as unknown as QueryDataRequest;

  it('4,500 random queries (1-5 per request): every one answered, rejections named, never internal', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzQuery, { minLength: 1, maxLength: 5 }), async (qs) => {
        sent += qs.length;
        const dataQueries = qs.map((q, i) => toDataQuery(q, `R${i}`));
        const res = await service.queryData(request(dataQueries), new AbortController().signal);
        for (let i = 0; i < qs.length; i++) {
          const p = problem(qs[i], res.responses[`R${i}`], `R${i}`);
          if (p) {
            throw new Error(
              `${p}\nquery: ${dataQueries[i].json.toString()} range ${JSON.stringify(dataQueries[i].timeRange)}`
            );
          }
        }
      }),
      { numRuns: 1_500, seed: 20261126 }
    );
    expect(sent).toBeGreaterThanOrEqual(4_000);
    expect(lines.filter((l) => l.includes('"@level":"error"'))).toEqual([]);
  });
});
