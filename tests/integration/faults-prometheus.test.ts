import { freePort } from '../support/ports';
import { prometheusAnswer, sendJson, startFakeUpstream, type FakeUpstream } from '../support/fake-upstream';
import { startBackend, type GrafanaHarness, type TestSettings } from '../support/harness';

/**
 * Prometheus failing in every way we know of, through the built executable: each fault ends in a named
 * per-query error (status, errorSource "downstream", the URL and what failed) or a notice, and the process
 * keeps serving (gRPC health, and a demo query answering with data, after every fault).
 */
jest.setTimeout(60_000);

const DEFINITIONS = `apiVersion: headroom/v1
slos:
  - id: api-availability
    service: api_gateway
    objective: 99.9
    window: 1d
    sli: {events: {bad: 'http_requests_total{code=~"5.."}', total: http_requests_total}}
`;

const settingsFor = (url: string, extra: Record<string, unknown> = {}): TestSettings => ({
  url,
  jsonData: { definitions: DEFINITIONS, timeoutSeconds: 2, ...extra },
});

const sloQuery = { refId: 'A', queryType: 'slo', json: { slo: 'api-availability', series: ['sli'] } };

describe('Prometheus faults through the executable', () => {
  let grafana: GrafanaHarness;
  let upstream: FakeUpstream;

  beforeAll(async () => {
    grafana = await startBackend();
    upstream = await startFakeUpstream((req, res) => sendJson(res, 200, prometheusAnswer(req)));
  });
  afterAll(async () => {
    await upstream?.close();
    await grafana?.stop();
  });
  afterEach(async () => {
    // every fault leaves a serving process that still answers queries
    expect(await grafana.health()).toBe('SERVING');
    const demo = await grafana.query({ queries: [{ refId: 'D', queryType: 'sloCatalog', json: {} }] });
    expect(demo.D).toMatchObject({ status: 200, error: undefined });
    expect(demo.D.frames[0].fields[0].values.length).toBeGreaterThan(0);
  });

  it('a well-behaved fake answers (the baseline the faults break)', async () => {
    const res = await grafana.query({ settings: settingsFor(upstream.url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 200, error: undefined });
    const sli = res.A.frames[0].fields.find((f) => f.name === 'sli')!.values as number[];
    expect(sli.filter((v) => v !== null).length).toBeGreaterThan(0);
    sli.filter((v) => v !== null).forEach((v) => expect(v).toBeCloseTo(0.999, 12));
  });

  it('down: connection refused names the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const res = await grafana.query({ settings: settingsFor(url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream', frames: [] });
    expect(res.A.error).toContain(`cannot reach Prometheus at ${url}`);
    expect(res.A.error).toContain('connection refused');
    const health = await grafana.checkHealth(settingsFor(url));
    expect(health.status).toBe('ERROR');
    expect(health.message).toContain(url);
  });

  it('slow past the timeout: 504 naming the timeout', async () => {
    const timers: NodeJS.Timeout[] = [];
    upstream.handler = (req, res) => {
      timers.push(setTimeout(() => !res.destroyed && sendJson(res, 200, prometheusAnswer(req)), 5_000));
    };
    try {
      const res = await grafana.query({ settings: settingsFor(upstream.url, { timeoutSeconds: 0.3 }), queries: [sloQuery] });
      expect(res.A).toMatchObject({ status: 504, errorSource: 'downstream', frames: [] });
      expect(res.A.error).toContain(`Prometheus at ${upstream.url} did not answer within 0.3s`);
    } finally {
      timers.forEach(clearTimeout);
    }
  });

  it('answering 5xx (a proxy page): retried, then 502 with the HTTP status', async () => {
    upstream.requests.length = 0;
    upstream.handler = (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html>upstream overloaded</html>');
    };
    const res = await grafana.query({ settings: settingsFor(upstream.url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain('answered HTTP 503');
    // the first attempt and two retries (the query fails on the first request to fail all of them)
    const attempts = new Map<string, number>();
    upstream.requests.forEach((r) => attempts.set(r.body, (attempts.get(r.body) ?? 0) + 1));
    expect(Math.max(...attempts.values())).toBe(3);
  });

  it("answering 5xx with Prometheus' own error: the error text reaches the user", async () => {
    upstream.handler = (_req, res) =>
      sendJson(res, 422, { status: 'error', errorType: 'execution', error: 'query processing would load too many samples' });
    const res = await grafana.query({ settings: settingsFor(upstream.url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain('execution: query processing would load too many samples');
  });

  it('malformed JSON: 502 saying it is not a Prometheus API', async () => {
    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"success","data":{"resultType":"matrix","result":[{"metric":');
    };
    const res = await grafana.query({ settings: settingsFor(upstream.url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain(`Prometheus at ${upstream.url} is not a Prometheus API`);
  });

  it('one failing query does not take its neighbours down', async () => {
    upstream.handler = (_req, res) => {
      res.writeHead(500);
      res.end();
    };
    const res = await grafana.query({
      settings: settingsFor(upstream.url),
      queries: [sloQuery, { refId: 'B', queryType: 'oncall', json: {} }],
    });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    // on-call needs no metrics: it answers from the definitions (none here: an empty, named notice or table)
    expect(res.B.status).toBe(200);
  });
});
