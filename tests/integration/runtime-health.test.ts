import http from 'node:http';
import { freePort } from '../support/ports';
import { startPrometheus, type TestPrometheus } from '../support/prometheus';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager';
import { startBackend, type GrafanaHarness } from '../support/harness';

/**
 * CheckHealth ("Save & test") against real and deliberately wrong upstreams: each failure names the URL and
 * the cause, and no configured secret ever shows in the message, the details or the plugin's logs.
 */
interface TinyServer {
  url: string;
  /** requests seen, and whether each one's connection closed before we answered */
  requests: Array<{ url: string; authorization?: string; closedEarly: boolean }>;
  close(): Promise<void>;
}

async function tinyServer(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TinyServer> {
  const requests: TinyServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const seen = { url: req.url ?? '', authorization: req.headers.authorization, closedEarly: false };
    requests.push(seen);
    res.on('close', () => {
      if (!res.writableEnded) {
        seen.closedEarly = true;
      }
    });
    handle(req, res);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const SECRETS = { basicAuthPassword: 'pw-Zq8-never-show', bearerToken: 'tok-Xy7-never-show' };

describe('CheckHealth against upstreams', () => {
  let grafana: GrafanaHarness;
  let prometheus: TestPrometheus;

  beforeAll(async () => {
    [grafana, prometheus] = await Promise.all([startBackend(), startPrometheus()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([grafana?.stop(), prometheus?.stop()]);
  });

  afterEach(() => {
    const everything = grafana.stderr.join('\n');
    for (const secret of Object.values(SECRETS)) {
      expect(everything).not.toContain(secret);
    }
  });

  it('is OK against a real Prometheus, naming its version and URL', async () => {
    const res = await grafana.checkHealth({
      url: prometheus.url,
      jsonData: { definitions: 'apiVersion: headroom/v1\n' },
    });
    expect(res.status).toBe('OK');
    expect(res.message).toMatch(
      new RegExp(
        `^Prometheus 2\\.\\d+\\.\\d+\\S* at ${prometheus.url}: 0 SLOs, 0 resources, 0 schedules\\. No definitions yet: add them under "Definitions" \\(YAML or a definitionsPath\\)$`
      )
    );
  });

  it('names the URL and "connection refused" when nothing listens', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const res = await grafana.checkHealth({ url });
    expect(res.status).toBe('ERROR');
    expect(res.message).toBe(
      `cannot connect to Prometheus at ${url}: connection refused (is it running, and is the port right?)`
    );
  });

  it('says "not a Prometheus API" for a wrong path on a real Prometheus', async () => {
    const res = await grafana.checkHealth({ url: `${prometheus.url}/wrong/prefix` });
    expect(res.status).toBe('ERROR');
    expect(res.message).toContain(`${prometheus.url}/wrong/prefix is not a Prometheus API`);
    expect(res.message).toContain('HTTP 404');
  });

  it('says "not a Prometheus API" for a web server answering HTML', async () => {
    const html = await tinyServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome</body></html>')
    );
    try {
      const res = await grafana.checkHealth({ url: html.url });
      expect(res.status).toBe('ERROR');
      expect(res.message).toBe(
        `${html.url} is not a Prometheus API: GET /api/v1/status/buildinfo answered HTTP 200 with an HTML page (the URL must be the Prometheus base URL, e.g. http://prometheus:9090)`
      );
    } finally {
      await html.close();
    }
  });

  it.each([
    [
      'basic auth',
      {
        basicAuthEnabled: true,
        basicAuthUser: 'grafana',
        secureJsonData: { basicAuthPassword: SECRETS.basicAuthPassword },
      },
      'basic auth user "grafana"',
    ],
    ['a bearer token', { secureJsonData: { bearerToken: SECRETS.bearerToken } }, 'the bearer token'],
  ])('explains a 401 with %s and an auth hint, never echoing the secret', async (_name, auth, described) => {
    const locked = await tinyServer((_req, res) =>
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="prom"', 'Content-Type': 'text/plain' }).end('Unauthorized')
    );
    try {
      const res = await grafana.checkHealth({ url: locked.url, ...auth });
      expect(res.status).toBe('ERROR');
      expect(res.message).toBe(
        `Prometheus at ${locked.url} refused access (HTTP 401 Unauthorized) with ${described}: check the credentials in the data source settings`
      );
      // the credentials were really sent, and really are absent from what came back
      expect(locked.requests[0].authorization).toMatch(/^(Basic|Bearer) /);
      const everything = JSON.stringify(res);
      for (const secret of Object.values(SECRETS)) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      await locked.close();
    }
  });

  it('gives a timeout its own message, honouring jsonData.timeoutSeconds', async () => {
    const hanging = await tinyServer(() => undefined);
    try {
      const res = await grafana.checkHealth({ url: hanging.url, jsonData: { timeoutSeconds: 1 } });
      expect(res.status).toBe('ERROR');
      expect(res.message).toBe(
        `Prometheus at ${hanging.url} did not answer within 1 s (timeout; raise jsonData.timeoutSeconds or check the network)`
      );
    } finally {
      await hanging.close();
    }
  });

  it('aborts the upstream request when Grafana cancels the call', async () => {
    const hanging = await tinyServer(() => undefined);
    try {
      const call = grafana.checkHealthCancellable({ url: hanging.url });
      const deadline = Date.now() + 10_000;
      while (hanging.requests.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(hanging.requests).toHaveLength(1);
      call.cancel();
      await expect(call.result).rejects.toMatchObject({ code: 1 }); // CANCELLED
      while (!hanging.requests[0].closedEarly && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(hanging.requests[0].closedEarly).toBe(true);
    } finally {
      await hanging.close();
    }
  });

  it('is ERROR when every definition is broken, OK with the problems listed when some are valid', async () => {
    const good = `  - id: good\n    service: api\n    objective: 99.9\n    sli: {events: {bad: 'a{code="5"}', total: a}}\n`;
    const bad = `  - id: bad-one\n    service: api\n    objective: 150\n    sli: {events: {bad: 'a{code="5"}', total: a}}\n`;
    const allBroken = await grafana.checkHealth({
      url: '',
      jsonData: { definitions: `apiVersion: headroom/v1\nslos:\n${bad}` },
    });
    expect(allBroken.status).toBe('ERROR');
    expect(allBroken.message).toContain(
      'definitions unusable, 1 definition problem: jsonData.definitions:5: slos[0] "bad-one": objective must be between 0 and 100 (got 150)'
    );
    const someValid = await grafana.checkHealth({
      url: '',
      jsonData: { definitions: `apiVersion: headroom/v1\nslos:\n${good}${bad}` },
    });
    expect(someValid.status).toBe('OK');
    expect(someValid.message).toContain(
      'Embedded demo platform: 1 SLO, 0 resources, 0 schedules. 1 definition problem: jsonData.definitions:'
    );
    expect(someValid.details.definitionErrors).toEqual([expect.objectContaining({ itemId: 'bad-one', line: 9 })]);
  });

  it('probes Alertmanager when configured: OK naming its version, ERROR naming it when unreachable', async () => {
    let alertmanager: TestAlertmanager | undefined;
    try {
      alertmanager = await startAlertmanager();
      const ok = await grafana.checkHealth({ url: prometheus.url, jsonData: { alertmanagerUrl: alertmanager.url } });
      expect(ok.status).toBe('OK');
      expect(ok.message).toMatch(
        new RegExp(`^Prometheus \\S+ at ${prometheus.url}; Alertmanager 0\\.\\d+\\.\\d+\\S* at ${alertmanager.url}: `)
      );
    } finally {
      await alertmanager?.stop();
    }
    const url = `http://127.0.0.1:${await freePort()}`;
    const down = await grafana.checkHealth({ url: '', jsonData: { alertmanagerUrl: url } });
    expect(down).toMatchObject({
      status: 'ERROR',
      message: `cannot connect to Alertmanager at ${url}: connection refused (is it running, and is the port right?)`,
    });
  }, 60_000);

  it('answers unusable settings with ERROR naming the setting', async () => {
    const res = await grafana.checkHealth({ rawJsonData: '{"timeoutSeconds": -1}' });
    expect(res).toMatchObject({ status: 'ERROR', message: expect.stringContaining('jsonData.timeoutSeconds') });
  });
});
