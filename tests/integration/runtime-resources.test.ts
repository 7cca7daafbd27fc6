import { startBackend, type GrafanaHarness } from '../support/harness';

/** CallResource routing and the catalog endpoints the editors use, through the built executable. */
const DEFINITIONS = `apiVersion: headroom/v1
slos:
  - id: api-availability
    service: api_gateway
    name: API availability
    objective: 99.9
    window: 30d
    sli: {events: {bad: 'http_requests_total{code=~"5.."}', total: http_requests_total}}
  - id: engine-availability
    service: workflow_engine
    objective: 99.5
    sli: {events: {bad: 'jobs_total{ok="false"}', total: jobs_total}}
capacity:
  - id: cluster-cpu
    resource: cpu
    usage: sum(rate(node_cpu_seconds_total{mode!="idle"}[5m]))
    capacity: count(node_cpu_seconds_total{mode="idle"})
oncall:
  - id: platform
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    members: [ana, ben]
`;
const settings = { url: '', jsonData: { definitions: DEFINITIONS } };

describe('resources', () => {
  let grafana: GrafanaHarness;
  beforeAll(async () => {
    grafana = await startBackend();
  });
  afterAll(async () => {
    await grafana?.stop();
  });

  it('GET slos lists id, service, name, objective and window', async () => {
    const res = await grafana.callResource({ settings, path: 'slos' });
    expect(res.code).toBe(200);
    expect(res.headers['Content-Type']).toEqual(['application/json']);
    expect(res.json).toEqual([
      { id: 'api-availability', service: 'api_gateway', name: 'API availability', objective: 0.999, window: '30d' },
      {
        id: 'engine-availability',
        service: 'workflow_engine',
        name: 'engine-availability',
        objective: 0.995,
        window: '30d',
      },
    ]);
  });

  it('GET slos?service= narrows the list to one service', async () => {
    const res = await grafana.callResource({ settings, path: 'slos?service=workflow_engine' });
    expect(res.json.map((s: { id: string }) => s.id)).toEqual(['engine-availability']);
  });

  it('GET services, resources and schedules list the definitions', async () => {
    expect((await grafana.callResource({ settings, path: 'services' })).json).toEqual([
      'api_gateway',
      'workflow_engine',
    ]);
    expect((await grafana.callResource({ settings, path: 'resources' })).json).toEqual([
      { id: 'cluster-cpu', name: 'cluster-cpu', resource: 'cpu' },
    ]);
    expect((await grafana.callResource({ settings, path: 'schedules' })).json).toEqual([
      { id: 'platform', name: 'platform', shifts: [] },
    ]);
  });

  it('GET definitions/errors lists the problems of the loaded definitions with their lines', async () => {
    const broken = { url: '', jsonData: { definitions: DEFINITIONS.replace('objective: 99.5', 'objective: 150') } };
    const res = await grafana.callResource({ settings: broken, path: 'definitions/errors' });
    expect(res.code).toBe(200);
    expect(res.json).toEqual([
      expect.objectContaining({
        itemId: 'engine-availability',
        line: 11,
        text: expect.stringContaining('objective must be between 0 and 100 (got 150)'),
      }),
    ]);
  });

  it('POST validate answers the parse errors of the posted YAML with line numbers', async () => {
    const ok = await grafana.callResource({ settings, path: 'validate', method: 'POST', body: DEFINITIONS });
    expect(ok.json).toMatchObject({ valid: true, errors: [], counts: { slos: 2, capacity: 1, oncall: 1 } });
    const bad = await grafana.callResource({
      settings,
      path: 'validate',
      method: 'POST',
      body: 'apiVersion: headroom/v1\nslos:\n  - id: x\n    objective: [\n',
    });
    expect(bad.code).toBe(200);
    expect(bad.json.valid).toBe(false);
    expect(bad.json.errors[0]).toMatchObject({
      line: expect.any(Number),
      text: expect.stringContaining('definitions'),
    });
  });

  it('answers 404 naming the unknown path, 405 for a wrong method, 413 above 1 MiB', async () => {
    const missing = await grafana.callResource({ settings, path: 'no/such/thing' });
    expect(missing.code).toBe(404);
    expect(missing.json.error).toContain('no resource at path "no/such/thing"');
    const wrongMethod = await grafana.callResource({ settings, path: 'slos', method: 'DELETE' });
    expect(wrongMethod.code).toBe(405);
    expect(wrongMethod.headers.Allow).toEqual(['GET']);
    const huge = await grafana.callResource({
      settings,
      path: 'validate',
      method: 'POST',
      body: Buffer.alloc(1024 * 1024 + 1, 'a'),
    });
    expect(huge.code).toBe(413);
    expect(huge.json.error).toContain('exceeds the limit of 1048576 bytes');
  });

  it('answers unusable settings with 400 naming the setting', async () => {
    const res = await grafana.callResource({ settings: { rawJsonData: '{oops' }, path: 'slos' });
    expect(res.code).toBe(400);
    expect(res.json.error).toContain('jsonData is not valid JSON');
  });
});
