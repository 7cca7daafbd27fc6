import { freePort } from '../support/ports';
import { prometheusAnswer, sendJson, startFakeUpstream, type FakeUpstream } from '../support/fake-upstream';
import { startBackend, type GrafanaHarness, type TestSettings } from '../support/harness';

/**
 * Secrets through the executable: a basic-auth password and a bearer token for Prometheus, and for Alertmanager,
 * must never appear (raw or base64) in a log line, a query error, a health message or a resource response, even
 * when an upstream echoes the Authorization header back. Upstream requests go only to the configured URLs and
 * API paths, whatever a query or a definition contains. Resource endpoints enforce methods (405) and body size (413).
 */
jest.setTimeout(60_000);

const PROM_PASSWORD = 'prom-pa55word-7f3a9c';
const PROM_TOKEN = 'prom-token-b81e44d0c2';
const AM_PASSWORD = 'am-pa55word-61d2e8';
const AM_TOKEN = 'am-token-93ac7715fe';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const FORBIDDEN = [PROM_PASSWORD, PROM_TOKEN, AM_PASSWORD, AM_TOKEN].flatMap((s) => [s, b64(s)]).concat([
  b64(`grafana:${PROM_PASSWORD}`),
  b64(`alerts:${AM_PASSWORD}`),
]);

const DEFINITIONS = (evil: string) => `apiVersion: headroom/v1
slos:
  - id: api-availability
    service: api_gateway
    objective: 99.9
    window: 1d
    sli: {events: {bad: 'http_requests_total{code=~"5..",target="${evil}/steal"}', total: http_requests_total}}
capacity:
  - id: cluster-cpu
    resource: cpu
    usage: 'sum(rate(node_cpu_seconds_total{mode!="idle",u="${evil}"}[5m]))'
    capacity: count(node_cpu_seconds_total{mode="idle"})
oncall:
  - id: platform
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    members: [ana, ben]
`;

describe('secrets and upstream targets', () => {
  let grafana: GrafanaHarness;
  let prometheus: FakeUpstream;
  let alertmanager: FakeUpstream;
  let evil: FakeUpstream;
  /** every text the backend handed back to "Grafana" */
  const seen: string[] = [];

  /** echo: the upstream answers errors quoting the Authorization header it received (a misbehaving proxy) */
  let echo = false;

  beforeAll(async () => {
    grafana = await startBackend({ env: { HEADROOM_LOG_LEVEL: 'debug' } });
    prometheus = await startFakeUpstream((req, res) =>
      echo
        ? sendJson(res, 400, { status: 'error', errorType: 'bad_data', error: `rejected header ${req.headers.authorization}` })
        : sendJson(res, 200, prometheusAnswer(req))
    );
    alertmanager = await startFakeUpstream((req, res) => {
      if (echo) {
        res.writeHead(401, { 'Content-Type': 'text/plain' });
        res.end(`bad credentials: ${req.headers.authorization}`);
        return;
      }
      sendJson(res, 200, req.path.startsWith('/api/v2/status') ? { cluster: { status: 'ready' }, versionInfo: { version: '0.25.0' } } : []);
    });
    evil = await startFakeUpstream((_req, res) => sendJson(res, 200, {}));
  });
  afterAll(async () => {
    await grafana?.stop();
    await Promise.all([prometheus, alertmanager, evil].map((u) => u?.close()));
  });

  const basic = (): TestSettings => ({
    url: prometheus.url,
    uid: 'basic',
    basicAuthEnabled: true,
    basicAuthUser: 'grafana',
    secureJsonData: { basicAuthPassword: PROM_PASSWORD, alertmanagerPassword: AM_PASSWORD },
    jsonData: {
      definitions: DEFINITIONS(evil.url),
      alertmanagerUrl: alertmanager.url,
      alertmanagerBasicAuthUser: 'alerts',
      timeoutSeconds: 2,
    },
  });
  const bearer = (): TestSettings => ({
    url: prometheus.url,
    uid: 'bearer',
    secureJsonData: { bearerToken: PROM_TOKEN, alertmanagerBearerToken: AM_TOKEN },
    jsonData: { definitions: DEFINITIONS(evil.url), alertmanagerUrl: alertmanager.url, timeoutSeconds: 2 },
  });

  async function exercise(settings: TestSettings) {
    const now = Date.now();
    const res = await grafana.query({
      settings,
      from: now - 6 * 3_600_000,
      to: now,
      queries: [
        { refId: 'S', queryType: 'slo', json: { slo: 'api-availability', series: ['sli', 'burnRate'] } },
        { refId: 'C', queryType: 'sloCatalog', json: {} },
        { refId: 'K', queryType: 'capacity', json: {} },
        { refId: 'I', queryType: 'incidents', json: {} },
        { refId: 'O', queryType: 'oncall', json: {} },
        // query fields naming other hosts or paths never become request targets
        { refId: 'X', queryType: 'slo', json: { slo: `${evil.url}/x`, service: '../../../etc/passwd' } },
        { refId: 'Y', queryType: 'capacity', json: { resource: `${evil.url}/api/v1/query` } },
      ],
    });
    for (const r of Object.values(res)) {
      seen.push(r.error ?? '', JSON.stringify(r.frames));
    }
    const health = await grafana.checkHealth(settings);
    seen.push(health.message, JSON.stringify(health.details));
    for (const path of ['slos', 'services', 'resources', 'schedules', 'definitions/errors', 'rules', 'no-such-resource']) {
      const r = await grafana.callResource({ settings, path });
      seen.push(r.text, JSON.stringify(r.headers));
    }
    const validate = await grafana.callResource({ settings, path: 'validate', method: 'POST', body: { yaml: DEFINITIONS(evil.url) } });
    seen.push(validate.text);
    return { res, health };
  }

  // first, so no earlier call (a health check) has handled the credentials yet
  it.each([
    ['basic auth', basic],
    ['bearer tokens', bearer],
  ])('%s, first contact: upstreams echoing the Authorization header: errors still name the URL, never the secret', async (_name, settings) => {
    echo = true;
    try {
      // a new instance (uid), so no answer comes from the cache of the previous test
      const { res, health } = await exercise({ ...settings(), uid: `echo-${settings().uid}` });
      expect(res.S).toMatchObject({ status: 502, errorSource: 'downstream' });
      expect(res.S.error).toContain(`Prometheus at ${prometheus.url}`);
      expect(res.I).toMatchObject({ status: 502, errorSource: 'downstream' });
      expect(res.I.error).toContain(`Alertmanager at ${alertmanager.url}`);
      expect(health.status).toBe('ERROR');
    } finally {
      echo = false;
    }
  });

  it.each([
    ['basic auth', basic],
    ['bearer tokens', bearer],
  ])('%s: upstreams answer normally; credentials go only to their own upstream', async (_name, settings) => {
    echo = false;
    prometheus.requests.length = 0;
    alertmanager.requests.length = 0;
    const { res, health } = await exercise(settings());
    expect(res.S.status).toBe(200);
    expect(res.I.status).toBe(200);
    expect(health.status).toBe('OK');
    expect(prometheus.requests.length).toBeGreaterThan(0);
    expect(alertmanager.requests.length).toBeGreaterThan(0);
    const promAuth = settings === basic ? `Basic ${b64(`grafana:${PROM_PASSWORD}`)}` : `Bearer ${PROM_TOKEN}`;
    const amAuth = settings === basic ? `Basic ${b64(`alerts:${AM_PASSWORD}`)}` : `Bearer ${AM_TOKEN}`;
    for (const r of prometheus.requests) {
      expect({ host: r.headers.host, path: r.path, auth: r.headers.authorization }).toEqual({
        host: `127.0.0.1:${prometheus.port}`,
        path: expect.stringMatching(/^\/api\/v1\/(query|query_range|status\/buildinfo|label\/[a-z_]+\/values|series|labels)$/),
        auth: promAuth,
      });
    }
    for (const r of alertmanager.requests) {
      expect({ host: r.headers.host, path: r.path, auth: r.headers.authorization }).toEqual({
        host: `127.0.0.1:${alertmanager.port}`,
        path: expect.stringMatching(/^\/api\/v2\/(alerts|status|silences)$/),
        auth: amAuth,
      });
    }
  });

  it('a wrong URL setting with credentials in it is refused without echoing them', async () => {
    const port = await freePort();
    const settings: TestSettings = { url: `http://grafana:${PROM_PASSWORD}@127.0.0.1:${port}`, uid: 'userinfo' };
    const health = await grafana.checkHealth(settings);
    expect(health.status).toBe('ERROR');
    seen.push(health.message);
    const res = await grafana.query({ settings, queries: [{ refId: 'A', queryType: 'sloCatalog', json: {} }] });
    expect(res.A.status).toBe(400);
    seen.push(res.A.error ?? '');
  });

  it('no secret in any answer or any log line; the evil host got no request', async () => {
    // the log at debug level, so retries and instance creation are in it too
    expect(grafana.stderr.length).toBeGreaterThan(5);
    const everything = [...seen, ...grafana.stderr];
    for (const secret of FORBIDDEN) {
      const leaks = everything.filter((text) => text.includes(secret));
      expect({ secret, leaks }).toEqual({ secret, leaks: [] });
    }
    expect(evil.requests).toEqual([]);
  });

  describe('resource endpoints', () => {
    it('refuse other methods with 405 and an Allow header', async () => {
      for (const [path, method, allowed] of [
        ['slos', 'POST', 'GET'],
        ['rules', 'DELETE', 'GET'],
        ['validate', 'GET', 'POST'],
        ['services', 'PUT', 'GET'],
      ]) {
        const r = await grafana.callResource({ path, method });
        expect({ path, code: r.code, allow: r.headers.Allow }).toEqual({ path, code: 405, allow: [allowed] });
        expect(r.json.error).toContain(`method ${method} not allowed`);
      }
    });

    it('refuse bodies over 1 MiB with 413 naming the limit, and keep serving', async () => {
      const big = Buffer.alloc(1024 * 1024 + 1, 'a');
      const r = await grafana.callResource({ path: 'validate', method: 'POST', body: big });
      expect(r.code).toBe(413);
      expect(r.json.error).toContain('exceeds the limit of 1048576 bytes');
      const ok = await grafana.callResource({ path: 'validate', method: 'POST', body: { yaml: 'apiVersion: headroom/v1\n' } });
      expect(ok.code).toBe(200);
      expect(await grafana.health()).toBe('SERVING');
    });
  });
});
