import { NODE_FLAGS } from '../../scripts/build-backend';
import { spawnSync } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { services } from '../../src/backend/protocol/protos';
import {
  DEFAULT_EXECUTABLE,
  grafanaEnvironment,
  HandshakeError,
  startBackend,
  type GrafanaHarness,
} from '../support/harness';

/**
 * The built backend executable (npm run build:backend) driven the way Grafana drives it:
 * go-plugin handshake, plumbing services, per-query errors, metrics and the lifecycle.
 */
describe('backend runtime (protocol and lifecycle)', () => {
  let grafana: GrafanaHarness;

  beforeAll(async () => {
    grafana = await startBackend();
  });
  afterAll(async () => {
    await grafana?.stop();
  });

  it('answers the handshake with a loopback TCP address inside the port range and logs hclog JSON', async () => {
    expect(grafana.port).toBeGreaterThanOrEqual(10000);
    expect(grafana.port).toBeLessThanOrEqual(25000);
    const serving = await grafana.waitForLog((l) => l['@message'] === 'Headroom backend serving');
    expect(serving['@level']).toBe('info');
    expect(serving.address).toBe(grafana.address);
    // the launcher starts Node with the backend's flags (scripts/build-backend.ts)
    expect(serving.nodeFlags).toBe(NODE_FLAGS.join(' '));
    expect(grafana.stderr.every((l) => l.startsWith('{'))).toBe(true);
  });

  it('reports SERVING for the "plugin" health service', async () => {
    await expect(grafana.health('plugin')).resolves.toBe('SERVING');
  });

  it('keeps the go-plugin stdio and broker streams open without error', async () => {
    const defs = services();
    const stdio = new defs.stdio(grafana.address, grpc.credentials.createInsecure());
    const broker = new defs.broker(grafana.address, grpc.credentials.createInsecure());
    try {
      const events: string[] = [];
      const out = (stdio as any).StreamStdio({}) as grpc.ClientReadableStream<unknown>;
      const knock = (broker as any).StartStream() as grpc.ClientDuplexStream<unknown, unknown>;
      for (const [name, stream] of [
        ['stdio', out],
        ['broker', knock],
      ] as const) {
        stream.on('data', () => events.push(`${name} data`));
        stream.on('error', (e: grpc.ServiceError) => events.push(`${name} ${e.code}`));
      }
      knock.write({
        service_id: 1,
        network: 'tcp',
        address: '127.0.0.1:1',
        knock: { knock: false, ack: false, error: '' },
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(events).toEqual([]);
      out.cancel();
      knock.cancel();
    } finally {
      stdio.close();
      broker.close();
    }
  });

  it('reports the embedded demo platform as healthy with a summary of its definitions', async () => {
    const res = await grafana.checkHealth({ url: '' });
    expect(res.status).toBe('OK');
    expect(res.message).toMatch(/^Embedded demo platform: \d+ SLOs?, \d+ resources?, \d+ schedules?/);
  });

  it('answers an unknown queryType with its own 400 error naming it, beside a sound query', async () => {
    const res = await grafana.query({
      queries: [
        { refId: 'A', queryType: 'nonsense', json: {} },
        { refId: 'B', queryType: 'sloCatalog', json: {} },
      ],
    });
    expect(res.A.status).toBe(400);
    expect(res.A.errorSource).toBe('plugin');
    expect(res.A.error).toContain('unknown queryType "nonsense"');
    expect(res.A.frames).toEqual([]);
    expect(res.B).toBeDefined();
    expect(res.B.error ?? '').not.toContain('nonsense');
  });

  it('survives 300 malformed queries in one call, each answered with its own 400', async () => {
    // not JSON objects, whatever the queryType; and JSON objects with queryTypes nobody handles
    const garbage = [
      '{',
      'null',
      '[]',
      '"x"',
      '42',
      '\u0000\u00ff',
      '{"a":',
      'true',
      '{"queryType": 7',
      '{"queryType": "__proto__"}',
    ];
    const types = ['slo', '', 'capacity', 'constructor', 'toString'];
    const queries = Array.from({ length: 300 }, (_, i) => ({
      refId: `Q${i}`,
      rawJson: garbage[i % garbage.length],
      queryType: types[i % types.length],
    }));
    const res = await grafana.query({ queries });
    expect(Object.keys(res)).toHaveLength(300);
    for (let i = 0; i < 300; i++) {
      const r = res[`Q${i}`];
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(600);
      expect(r.error).toBeTruthy();
    }
    expect(res.Q0.error).toContain('query JSON is malformed');
    await expect(grafana.health()).resolves.toBe('SERVING');
  });

  it('survives undecodable protobuf and messages above the 16 MiB receive limit', async () => {
    const client = new grpc.Client(grafana.address, grpc.credentials.createInsecure());
    const raw = (method: string, bytes: Buffer) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest(
          method,
          (b: Buffer) => b,
          (b: Buffer) => b,
          bytes,
          (error) => resolve(error)
        )
      );
    try {
      const garbage = await raw('/pluginv2.Data/QueryData', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
      expect(garbage?.code).toBe(grpc.status.INTERNAL);
      const huge = await raw('/pluginv2.Resource/CallResource', Buffer.alloc(17 * 1024 * 1024));
      expect(huge?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      const unknown = await raw('/pluginv2.Nope/Nothing', Buffer.alloc(0));
      expect(unknown?.code).toBe(grpc.status.UNIMPLEMENTED);
    } finally {
      client.close();
    }
    await expect(grafana.health()).resolves.toBe('SERVING');
  });

  it('exposes its own counters through CollectMetrics in the Prometheus text format', async () => {
    await grafana.query({ queries: [{ refId: 'A', queryType: 'nonsense' }] });
    const text = await grafana.collectMetrics();
    expect(text).toContain('# TYPE headroom_queries_total counter');
    expect(text).toMatch(/headroom_queries_total\{query_type="unknown"\} \d+/);
    expect(text).toMatch(/headroom_query_errors_total\{query_type="unknown",status="400"\} \d+/);
    expect(text).toMatch(/headroom_query_duration_seconds_count\{query_type="unknown"\} \d+/);
    expect(text).toMatch(/headroom_health_checks_total\{status="OK"\} \d+/);
  });
});

describe('backend lifecycle', () => {
  it('exits 0 before a 5 s deadline after GRPCController/Shutdown', async () => {
    const grafana = await startBackend();
    const asked = Date.now();
    await grafana.shutdown();
    const exit = await grafana.exitedWithin(5000);
    expect(exit).not.toBe('deadline');
    expect(exit).toMatchObject({ code: 0 });
    console.log(`Shutdown -> exit in ${(exit as { atMs: number }).atMs - asked} ms`);
    await grafana.stop();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('exits 0 on %s', async (signal) => {
    const grafana = await startBackend();
    grafana.process.kill(signal);
    const exit = await grafana.exitedWithin(5000);
    expect(exit).toMatchObject({ code: 0 });
    await grafana.stop();
  });

  it('refuses to run without the magic cookie: a human message on stderr and exit 1', async () => {
    await expect(startBackend({ env: { grafana_plugin_type: undefined } })).rejects.toBeInstanceOf(HandshakeError);
    const run = spawnSync(DEFAULT_EXECUTABLE, [], {
      env: grafanaEnvironment({ env: { grafana_plugin_type: undefined } }),
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('not meant to be run directly');
  });

  it('refuses a protocol version it does not speak', () => {
    const run = spawnSync(DEFAULT_EXECUTABLE, [], {
      env: grafanaEnvironment({ env: { PLUGIN_PROTOCOL_VERSIONS: '1' } }),
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('speaks version 2');
  });
});
