import { backendAgainstFakePrometheus, FAULT_DEFINITIONS, FAULT_SLO_QUERY } from '../support/backend-faults';
import { prometheusAnswer, sendJson } from '../support/fake-upstream';
import type { TestSettings } from '../support/harness';
import { MAX_RESPONSE_BYTES } from '../../src/backend/sources/http';

/**
 * Prometheus answers that parse but must not be taken as they are, through the executable: a partial result
 * with `warnings` (data with a notice on the frame, and not cached as final), a body larger than the source's
 * cap (refused by name, without reading it all), and JSON of the wrong shape (a named downstream error, not an
 * internal one). Each ends with a serving process.
 */
jest.setTimeout(60_000);

let uid = 0;
/** a fresh instance each time (new uid), so no answer comes from an earlier test's cache */
const settingsFor = (url: string): TestSettings => ({
  url,
  uid: `body-${++uid}`,
  jsonData: { definitions: FAULT_DEFINITIONS, timeoutSeconds: 5 },
});

describe('Prometheus answers that parse but must not be trusted', () => {
  const suite = backendAgainstFakePrometheus();

  it('a partial result with warnings: the data, with the warning as a notice on the frame; not cached', async () => {
    const warning = 'store gateway eu-1 unreachable: partial response';
    suite.upstream.handler = (req, res) => sendJson(res, 200, prometheusAnswer(req, { warnings: [warning] }));
    const settings = settingsFor(suite.upstream.url);
    const now = Date.now();
    const range = { from: now - 2 * 86_400_000, to: now - 86_400_000 }; // final data: would be cached
    const res = await suite.grafana.query({ settings, ...range, queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 200, error: undefined });
    const sli = res.A.frames[0].fields.find((f) => f.name === 'sli')!.values as number[];
    expect(sli.some((v) => v !== null)).toBe(true);
    const notices = res.A.frames.flatMap(
      (f) => (f.meta as { notices?: Array<{ severity: string; text: string }> })?.notices ?? []
    );
    expect(notices).toContainEqual({ severity: 'warning', text: expect.stringContaining(warning) });
    // Prometheus recovers: the same query fetches again (a partial answer was not kept as final) and has no notice
    suite.upstream.handler = (req, r) => sendJson(r, 200, prometheusAnswer(req));
    const before = suite.upstream.requests.length;
    const again = await suite.grafana.query({ settings, ...range, queries: [FAULT_SLO_QUERY] });
    expect(suite.upstream.requests.length).toBeGreaterThan(before);
    expect(again.A.frames.flatMap((f) => (f.meta as { notices?: unknown[] })?.notices ?? [])).toEqual([]);
  });

  it(`a body over the cap (${MAX_RESPONSE_BYTES / 1024 / 1024} MiB) is refused by name without reading it all`, async () => {
    const sentPerRequest: number[] = [];
    suite.upstream.handler = (_req, res) => {
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
    const res = await suite.grafana.query({ settings: settingsFor(suite.upstream.url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream', frames: [] });
    expect(res.A.error).toContain(`Prometheus at ${suite.upstream.url} answered more than ${MAX_RESPONSE_BYTES} bytes`);
    expect(sentPerRequest.length).toBeGreaterThan(0);
    sentPerRequest.forEach((sent) => expect(sent).toBeLessThan(2 * MAX_RESPONSE_BYTES));
  });

  it('a Content-Length over the cap is refused before reading', async () => {
    suite.upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(MAX_RESPONSE_BYTES + 1) });
      res.write('{"status":"success"');
      // never completes: the backend must not wait for it
    };
    const res = await suite.grafana.query({ settings: settingsFor(suite.upstream.url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain(`answered more than ${MAX_RESPONSE_BYTES} bytes`);
  });

  it.each([
    ['result not a list', { resultType: 'matrix', result: 'oops' }],
    ['series without values', { resultType: 'matrix', result: [{ metric: {}, values: null }] }],
    ['series without labels', { resultType: 'matrix', result: [{ values: [[1, '1']] }] }],
    ['samples that are not pairs', { resultType: 'matrix', result: [{ metric: {}, values: [7] }] }],
  ])('well-formed JSON of the wrong shape (%s): a named downstream error, not an internal one', async (_name, data) => {
    suite.upstream.handler = (req, res) =>
      req.path.endsWith('/query_range') || req.path.endsWith('/query')
        ? sendJson(res, 200, { status: 'success', data })
        : sendJson(res, 200, prometheusAnswer(req));
    const res = await suite.grafana.query({ settings: settingsFor(suite.upstream.url), queries: [FAULT_SLO_QUERY] });
    expect(res.A).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(res.A.error).toContain(`Prometheus at ${suite.upstream.url}`);
    expect(res.A.error).toContain('shape');
  });
});
