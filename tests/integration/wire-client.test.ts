/**
 * The load bench's Grafana (tests/support/wire-client.ts) must be the harness's Grafana at a lower price: the
 * same requests on the wire, the same answers back. Checked against the backend executable on the demo platform,
 * each call made both ways: identical Arrow bytes, resource bodies and gRPC errors.
 */
import { startBackend, type GrafanaHarness, type QueryRequest } from '../support/harness';
import { decodeQuery, decodeResource, prepareQuery, prepareResource, WireClient } from '../support/wire-client';

const HOUR = 3_600_000;
let grafana: GrafanaHarness;
let wire: WireClient;

beforeAll(async () => {
  grafana = await startBackend();
  wire = await WireClient.connect(grafana.address);
});

afterAll(async () => {
  await wire?.close();
  await grafana?.stop();
});

const to = Math.floor(Date.now() / HOUR) * HOUR;
const settings = { url: '', uid: 'demo-wire' };

test.each<[string, QueryRequest]>([
  [
    'an SLO',
    {
      settings,
      from: to - 24 * HOUR,
      to,
      queries: [{ refId: 'A', queryType: 'slo', json: { slo: 'api-gateway-availability' } }],
    },
  ],
  [
    'two queries, one of them failing',
    {
      settings,
      from: to - HOUR,
      to,
      queries: [
        { refId: 'A', queryType: 'capacity', json: { resource: 'cluster-cpu' } },
        { refId: 'B', queryType: 'slo', json: { slo: 'no-such-slo' } },
      ],
    },
  ],
])('QueryData with %s answers the same bytes as through the harness', async (_, request) => {
  const viaHarness = await grafana.query(request);
  const viaWire = decodeQuery(await wire.send(prepareQuery(request)));
  expect(Object.keys(viaWire).sort()).toEqual(Object.keys(viaHarness).sort());
  for (const refId of Object.keys(viaHarness)) {
    expect(viaWire[refId].status).toBe(viaHarness[refId].status);
    expect(viaWire[refId].error).toBe(viaHarness[refId].error);
    expect(viaWire[refId].raw.frames.map((f) => Buffer.from(f).toString('base64'))).toEqual(
      viaHarness[refId].raw.frames.map((f) => Buffer.from(f).toString('base64'))
    );
  }
  expect(viaWire.A.frames.length).toBeGreaterThan(0);
});

test('CallResource answers the same body as through the harness', async () => {
  const request = { settings, path: 'slos' };
  const viaHarness = await grafana.callResource(request);
  const viaWire = decodeResource(await wire.send(prepareResource(request)));
  expect(viaWire.code).toBe(200);
  expect(viaWire.code).toBe(viaHarness.code);
  expect(viaWire.text).toBe(viaHarness.text);
});

test('a gRPC error status rejects the call with its message', async () => {
  const unknown = { ...prepareResource({ settings, path: 'slos' }), path: '/pluginv2.Resource/NoSuchMethod' };
  await expect(wire.send(unknown)).rejects.toThrow(/gRPC status 12/);
});
