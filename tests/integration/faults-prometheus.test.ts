import { freePort } from '../support/ports';
import { backendAgainstFakePrometheus, FAULT_DEFINITIONS, FAULT_SLO_QUERY } from '../support/backend-faults';
import { prometheusAnswer, sendJson } from '../support/fake-upstream';
import type { TestSettings } from '../support/harness';

/**
 * Prometheus failing in every way we know of, through the built executable: each fault ends in a named
 * per-query error (status, errorSource "downstream", the URL and what failed) or a notice, and the process
 * keeps serving (gRPC health, and a demo query answering with data, after every fault).
 */
jest.setTimeout(60_000);

const settingsFor = (url: string, extra: Record<string, unknown> = {}): TestSettings => ({
  url,
  jsonData: { definitions: FAULT_DEFINITIONS, timeoutSeconds: 2, ...extra },
});

describe('Prometheus faults through the executable', () => {
  const suite = backendAgainstFakePrometheus();

  it('a well-behaved fake answers (the baseline the faults break)', async () => {
    const res = await suite.grafana.query({ settings: settingsFor(suite.upstream.url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 200, error: undefined });
    const sli = res.A.frames[0].fields.find((f) => f.name === 'sli')!.values as number[];
    expect(sli.filter((v) => v !== null).length).toBeGreaterThan(0);
    sli.filter((v) => v !== null).forEach((v) => expect(v).toBeCloseTo(0.999, 12));
  });

  it('down: connection refused names the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const res = await suite.grafana.query({ settings: settingsFor(url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream', frames: [] });
    expect(res.A.error).toContain(`cannot reach Prometheus at ${url}`);
    expect(res.A.error).toContain('connection refused');
    const health = await suite.grafana.checkHealth(settingsFor(url));
    expect(health.status).toBe('ERROR');
    expect(health.message).toContain(url);
  });

  it('slow past the timeout: 504 naming the timeout', async () => {
    const timers: NodeJS.Timeout[] = [];
    suite.upstream.handler = (req, res) => {
      timers.push(setTimeout(() => !res.destroyed && sendJson(res, 200, prometheusAnswer(req)), 5_000));
    };
    try {
      const res = await suite.grafana.query({
        settings: settingsFor(suite.upstream.url, { timeoutSeconds: 0.3 }),
        queries: [FAULT_SLO_QUERY],
      });
      expect(res.A).toMatchObject({ status: 504, errorSource: 'downstream', frames: [] });
      expect(res.A.error).toContain(`Prometheus at ${suite.upstream.url} did not answer within 0.3s`);
    } finally {
      timers.forEach(clearTimeout);
    }
  });

  it('answering 5xx (a proxy page): retried, then 502 with the HTTP status', async () => {
    suite.upstream.requests.length = 0;
    suite.upstream.handler = (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html>upstream overloaded</html>');
    };
    const res = await suite.grafana.query({ settings: settingsFor(suite.upstream.url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain('answered HTTP 503');
    // the first attempt and two retries (the query fails on the first request to fail all of them)
    const attempts = new Map<string, number>();
    suite.upstream.requests.forEach((r) => attempts.set(r.body, (attempts.get(r.body) ?? 0) + 1));
    expect(Math.max(...attempts.values())).toBe(3);
  });

  it("answering 5xx with Prometheus' own error: the error text reaches the user", async () => {
    suite.upstream.handler = (_req, res) =>
      sendJson(res, 422, {
        status: 'error',
        errorType: 'execution',
        error: 'query processing would load too many samples',
      });
    const res = await suite.grafana.query({ settings: settingsFor(suite.upstream.url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain('execution: query processing would load too many samples');
  });

  it('malformed JSON: 502 saying it is not a Prometheus API', async () => {
    suite.upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"success","data":{"resultType":"matrix","result":[{"metric":');
    };
    const res = await suite.grafana.query({ settings: settingsFor(suite.upstream.url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain(`Prometheus at ${suite.upstream.url} is not a Prometheus API`);
  });

  it('one failing query does not take its neighbours down', async () => {
    suite.upstream.handler = (_req, res) => {
      res.writeHead(500);
      res.end();
    };
    const res = await suite.grafana.query({
      settings: settingsFor(suite.upstream.url),
      queries: [FAULT_SLO_QUERY, { refId: 'B', queryType: 'oncall', json: {} }],
    });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    // on-call needs no metrics: it answers from the definitions (none here: an empty, named notice or table)
    expect(res.B.status).toBe(200);
  });
});
