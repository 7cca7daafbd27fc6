import fc from 'fast-check';
import { startBackend, type GrafanaHarness } from '../../support/harness';
import { fuzzQuery, problem, toDataQuery } from './query-arbitraries';
import { SMALL_DEFINITIONS } from '../../support/small-definitions';

/**
 * The same query fuzzing through the built executable (Arrow encoding, gRPC, the real process): 1,200 queries,
 * each answered or rejected by name, and the process serving and error-free in its log at the end.
 */
jest.setTimeout(120_000);

describe('query JSON fuzzing through the executable', () => {
  let grafana: GrafanaHarness;
  beforeAll(async () => {
    grafana = await startBackend();
  });
  afterAll(async () => {
    await grafana?.stop();
  });

  it('1,200 random queries (4 per request): answered or rejected by name; no crash, no error logged', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzQuery, { minLength: 4, maxLength: 4 }), async (qs) => {
        const dataQueries = qs.map((q, i) => toDataQuery(q, `R${i}`));
        sent += qs.length;
        const res = await grafana.query({
          settings: { url: '', jsonData: { definitions: SMALL_DEFINITIONS } },
          queries: dataQueries.map((d) => ({
            refId: d.refId,
            queryType: d.queryType,
            rawJson: d.json,
            from: d.timeRange.fromEpochMS,
            to: d.timeRange.toEpochMS,
            intervalMS: d.intervalMS,
            maxDataPoints: d.maxDataPoints,
          })),
        });
        for (let i = 0; i < qs.length; i++) {
          const p = problem(qs[i], res[`R${i}`], `R${i}`);
          if (p) {
            throw new Error(`${p}\nquery: ${dataQueries[i].json.toString()}`);
          }
        }
      }),
      { numRuns: 300, seed: 7 }
    );
    expect(sent).toBe(1_200);
    expect(await grafana.health()).toBe('SERVING');
    expect(grafana.logs().filter((l) => l['@level'] === 'error')).toEqual([]);
  });
});
