import { prometheusAnswer, sendJson, startFakeUpstream, type FakeUpstream } from '../support/fake-upstream';
import { startBackend, type GrafanaHarness, type TestSettings } from '../support/harness';
import { MAX_RESPONSE_BYTES } from '../../src/backend/sources/prometheus';

/**
 * Prometheus answers that parse but must not be taken as they are, through the executable: a partial result
 * with `warnings` (data with a notice on the frame, and not cached as final), a body larger than the source's
 * cap (refused by name, without reading it all), and JSON of the wrong shape (a named downstream error, not an
 * internal one). Each ends with a serving process.
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

const sloQuery = { refId: 'A', queryType: 'slo', json: { slo: 'api-availability', series: ['sli'] } };
let uid = 0;
/** a fresh instance each time (new uid), so no answer comes from an earlier test's cache */
const settingsFor = (url: string): TestSettings => ({
  url,
  uid: `body-${++uid}`,
  jsonData: { definitions: DEFINITIONS, timeoutSeconds: 5 },
});

describe('Prometheus answers that parse but must not be trusted', () => {
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
    expect(await grafana.health()).toBe('SERVING');
    const demo = await grafana.query({ queries: [{ refId: 'D', queryType: 'sloCatalog', json: {} }] });
    expect(demo.D).toMatchObject({ status: 200, error: undefined });
  });

  it('a partial result with warnings: the data, with the warning as a notice on the frame; not cached', async () => {
    const warning = 'store gateway eu-1 unreachable: partial response';
    upstream.handler = (req, res) => sendJson(res, 200, prometheusAnswer(req, { warnings: [warning] }));
    const settings = settingsFor(upstream.url);
    const now = Date.now();
    const range = { from: now - 2 * 86_400_000, to: now - 86_400_000 }; // final data: would be cached
    const res = await grafana.query({ settings, ...range, queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 200, error: undefined });
    const sli = res.A.frames[0].fields.find((f) => f.name === 'sli')!.values as number[];
    expect(sli.some((v) => v !== null)).toBe(true);
    const notices = res.A.frames.flatMap(
      (f) => (f.meta as { notices?: Array<{ severity: string; text: string }> })?.notices ?? []
    );
    expect(notices).toContainEqual({ severity: 'warning', text: expect.stringContaining(warning) });
    // Prometheus recovers: the same query fetches again (a partial answer was not kept as final) and has no notice
    upstream.handler = (req, r) => sendJson(r, 200, prometheusAnswer(req));
    const before = upstream.requests.length;
    const again = await grafana.query({ settings, ...range, queries: [sloQuery] });
    expect(upstream.requests.length).toBeGreaterThan(before);
    expect(again.A.frames.flatMap((f) => (f.meta as { notices?: unknown[] })?.notices ?? [])).toEqual([]);
  });

  it(`a body over the cap (${MAX_RESPONSE_BYTES / 1024 / 1024} MiB) is refused by name without reading it all`, async () => {
    const sentPerRequest: number[] = [];
    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, ' ');
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
      const index = sentPerRequest.push(0) - 1;
      // ~2x the cap, streamed without a Content-Length, stopping as soon as the client goes away
      const pump = () => {
        while (sentPerRequest[index] < 2 * MAX_RESPONSE_BYTES && !res.destroyed) {
          sentPerRequest[index] += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) {
          res.end(']}}');
        }
      };
      pump();
    };
    const res = await grafana.query({ settings: settingsFor(upstream.url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream', frames: [] });
    expect(res.A.error).toContain(`Prometheus at ${upstream.url} answered more than ${MAX_RESPONSE_BYTES} bytes`);
    expect(sentPerRequest.length).toBeGreaterThan(0);
    sentPerRequest.forEach((sent) => expect(sent).toBeLessThan(2 * MAX_RESPONSE_BYTES));
  });

  it('a Content-Length over the cap is refused before reading', async () => {
    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(MAX_RESPONSE_BYTES + 1) });
      res.write('{"status":"success"');
      // never completes: the backend must not wait for it
    };
    const res = await grafana.query({ settings: settingsFor(upstream.url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain(`answered more than ${MAX_RESPONSE_BYTES} bytes`);
  });

  it.each([
    ['result not a list', { resultType: 'matrix', result: 'oops' }],
    ['series without values', { resultType: 'matrix', result: [{ metric: {}, values: null }] }],
    ['series without labels', { resultType: 'matrix', result: [{ values: [[1, '1']] }] }],
    ['samples that are not pairs', { resultType: 'matrix', result: [{ metric: {}, values: [7] }] }],
  ])('well-formed JSON of the wrong shape (%s): a named downstream error, not an internal one', async (_name, data) => {
    upstream.handler = (req, res) =>
      req.path.endsWith('/query_range') || req.path.endsWith('/query')
        ? sendJson(res, 200, { status: 'success', data })
        : sendJson(res, 200, prometheusAnswer(req));
    const res = await grafana.query({ settings: settingsFor(upstream.url), queries: [sloQuery] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain(`Prometheus at ${upstream.url}`);
    expect(res.A.error).toContain('shape');
  });
});
