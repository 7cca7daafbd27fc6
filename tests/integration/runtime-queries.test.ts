import http from 'node:http';
import { freePort } from '../support/ports';
import { startBackend, type GrafanaHarness } from '../support/harness';

/** QueryData through the built executable: per-query errors from the real handlers, and cancellation. */
const DEFINITIONS = `apiVersion: headroom/v1
slos:
  - id: api-availability
    service: api_gateway
    objective: 99.9
    sli: {events: {bad: 'http_requests_total{code=~"5.."}', total: http_requests_total}}
`;

describe('QueryData', () => {
  let grafana: GrafanaHarness;
  beforeAll(async () => {
    grafana = await startBackend();
  });
  afterAll(async () => {
    await grafana?.stop();
  });

  it('answers an unknown SLO id with its own 404 naming it, while unknown queryTypes get 400', async () => {
    const res = await grafana.query({
      settings: { url: '', jsonData: { definitions: DEFINITIONS } },
      queries: [
        { refId: 'A', queryType: 'slo', json: { slo: 'no-such-slo' } },
        { refId: 'B', queryType: 'burnRateX', json: {} },
      ],
    });
    expect(res.A).toMatchObject({
      status: 404,
      errorSource: 'plugin',
      error: expect.stringContaining('"no-such-slo"'),
    });
    expect(res.B).toMatchObject({ status: 400, error: expect.stringContaining('unknown queryType "burnRateX"') });
  });

  it('aborts the upstream Prometheus request when Grafana cancels the query', async () => {
    let closedEarly = false;
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.on('close', () => (closedEarly = !res.writableEnded));
      // never answers
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      const call = grafana.queryCancellable({
        settings: { url: `http://127.0.0.1:${port}`, jsonData: { definitions: DEFINITIONS, timeoutSeconds: 60 } },
        queries: [{ refId: 'A', queryType: 'slo', json: { slo: 'api-availability', series: ['sli'] } }],
      });
      const deadline = Date.now() + 10_000;
      while (requests === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(requests).toBeGreaterThan(0);
      call.cancel();
      await expect(call.result).rejects.toMatchObject({ code: 1 }); // CANCELLED
      while (!closedEarly && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(closedEarly).toBe(true);
      await grafana.waitForLog((l) => l['@message'] === 'query cancelled by Grafana' && l.refId === 'A');
      await expect(grafana.health()).resolves.toBe('SERVING');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 30_000);
});
