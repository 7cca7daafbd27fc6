/**
 * Identical queries share one answer (src/backend/shared-answers.ts), seen from outside: the backend executable
 * against a real Prometheus holding a day of the demo platform, counting the requests Prometheus itself
 * reports (prometheus_http_requests_total). Fifty people opening the same panel at once cost Prometheus what
 * one person costs, get byte-identical answers, and one of them closing the dashboard fails nobody else.
 */
import { SHARE_MS } from '../../src/backend/shared-answers';
import { openMetricsText } from '../../src/demo/openmetrics';
import { catalogue } from '../../src/demo/series';
import { startBackend, type GrafanaHarness, type QueryRequest, type TestSettings } from '../support/harness';
import { startPrometheus, type TestPrometheus } from '../support/prometheus';
import { SMALL_DEFINITIONS, SMALL_DEFINITION_IDS } from '../support/small-definitions';

const MIN = 60_000;
const HOUR = 60 * MIN;
const END = Math.floor(Date.now() / MIN) * MIN;

let prom: TestPrometheus;
let settings: TestSettings;

/** Queries Prometheus has answered so far (instant and range). */
async function promQueries(): Promise<number> {
  const text = await (await fetch(`${prom.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => /^prometheus_http_requests_total\{.*handler="\/api\/v1\/query(_range)?"/.test(l))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

function sloQuery(to: number): QueryRequest {
  return {
    settings,
    queries: [{ refId: 'A', queryType: 'slo', json: { slo: SMALL_DEFINITION_IDS.availability } }],
    from: to - 6 * HOUR,
    to,
  };
}

/** Answers are keyed to SHARE_MS periods of the clock: start right after a period begins, so all fall in one. */
async function startOfSharePeriod(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SHARE_MS - (Date.now() % SHARE_MS) + 20));
}

/** The Arrow bytes of an answer, to compare answers exactly. */
const bytes = (r: Awaited<ReturnType<GrafanaHarness['query']>>) =>
  Buffer.concat(r.A.raw.frames.map((f) => Buffer.from(f))).toString('base64');

beforeAll(async () => {
  prom = await startPrometheus({
    openMetrics: openMetricsText(catalogue(), { start: END - 24 * HOUR, end: END, step: MIN }),
  });
  settings = { url: prom.url, jsonData: { definitions: SMALL_DEFINITIONS } };
}, 120_000);
afterAll(async () => {
  await prom?.stop();
});

describe('identical queries through the plugin', () => {
  it('fifty at once cost Prometheus what one costs, and all get the same bytes', async () => {
    const one = await startBackend();
    const many = await startBackend();
    try {
      let before = await promQueries();
      const single = await one.query(sloQuery(END));
      const costOfOne = (await promQueries()) - before;
      expect(single.A.status).toBe(200);
      expect(costOfOne).toBeGreaterThan(0);

      await startOfSharePeriod();
      before = await promQueries();
      const answers = await Promise.all(Array.from({ length: 50 }, () => many.query(sloQuery(END))));
      expect((await promQueries()) - before).toBe(costOfOne);
      expect(new Set(answers.map(bytes))).toEqual(new Set([bytes(single)]));

      // asked again within seconds: the kept answer, no request at all
      before = await promQueries();
      const again = await many.query(sloQuery(END));
      expect(await promQueries()).toBe(before);
      expect(bytes(again)).toBe(bytes(single));
    } finally {
      await one.stop();
      await many.stop();
    }
  });

  it('one person cancelling leaves the shared computation to the others', async () => {
    const grafana = await startBackend();
    try {
      const to = END - 2 * HOUR; // a range no other query asked for
      await startOfSharePeriod();
      const leaving = grafana.queryCancellable(sloQuery(to));
      const staying = grafana.query(sloQuery(to));
      leaving.cancel();
      await expect(leaving.result).rejects.toMatchObject({ code: 1 }); // gRPC CANCELLED
      const answer = await staying;
      expect(answer.A).toMatchObject({ status: 200 });
      expect(answer.A.frames.length).toBeGreaterThan(0);
    } finally {
      await grafana.stop();
    }
  });
});
