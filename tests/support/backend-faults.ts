import { prometheusAnswer, sendJson, startFakeUpstream, type FakeUpstream } from './fake-upstream';
import { startBackend, type GrafanaHarness, type TestQuery } from './harness';

/**
 * The frame of a fault test through the executable: one backend process for the test file, a fake Prometheus
 * (fake-upstream.ts) that answers well until a test breaks it, and after every test the check that the fault
 * left a process that still serves.
 */

/** One SLO on the fake Prometheus' series: its SLI is 0.999 while the fake answers well. */
export const FAULT_DEFINITIONS = `apiVersion: headroom/v1
slos:
  - id: api-availability
    service: api_gateway
    objective: 99.9
    window: 1d
    sli: {events: {bad: 'http_requests_total{code=~"5.."}', total: http_requests_total}}
`;

export const FAULT_SLO_QUERY: TestQuery = {
  refId: 'A',
  queryType: 'slo',
  json: { slo: 'api-availability', series: ['sli'] },
};

/** The process answers gRPC health and a demo query with data. */
export async function expectStillServing(grafana: GrafanaHarness): Promise<void> {
  expect(await grafana.health()).toBe('SERVING');
  const demo = await grafana.query({ queries: [{ refId: 'D', queryType: 'sloCatalog', json: {} }] });
  expect(demo.D).toMatchObject({ status: 200, error: undefined });
  expect(demo.D.frames[0].fields[0].values.length).toBeGreaterThan(0);
}

export interface BackendAgainstFake {
  grafana: GrafanaHarness;
  /** answers with prometheusAnswer until a test sets its handler */
  upstream: FakeUpstream;
}

/**
 * Registers the hooks of a fault suite (call it inside `describe`): the backend and the fake start before the
 * first test and stop after the last; every test ends with expectStillServing. The returned object's fields
 * are set once the suite has started.
 */
export function backendAgainstFakePrometheus(): BackendAgainstFake {
  const suite = {} as BackendAgainstFake;
  beforeAll(async () => {
    suite.grafana = await startBackend();
    suite.upstream = await startFakeUpstream((req, res) => sendJson(res, 200, prometheusAnswer(req)));
  });
  afterAll(async () => {
    await suite.upstream?.close();
    await suite.grafana?.stop();
  });
  afterEach(() => expectStillServing(suite.grafana));
  return suite;
}
