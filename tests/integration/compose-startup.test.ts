import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { requireBinary } from '../support/binaries';
import { headroomDashboardQueries, interpolate } from '../support/dashboards';
import { startBackend, type GrafanaHarness } from '../support/harness';
import { freePort, waitFor } from '../support/ports';

/**
 * docker compose cannot run here, so each compose service's exact start-up steps run with Debian's binaries:
 * the `backfill` command (35 days through promtool), the simulator's command, Prometheus and Alertmanager with
 * the compose file's flags and the provisioned configs (only container paths and host names are rewritten to
 * this machine's). Then the backend, configured like the provisioned Headroom data source, answers every
 * dashboard query from that Prometheus and Alertmanager.
 */
jest.setTimeout(300_000);

const root = path.resolve(__dirname, '..', '..');
const compose = YAML.parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
const provisionedHeadroom = YAML.parse(fs.readFileSync(path.join(root, 'provisioning/datasources/headroom.yaml'), 'utf8')).datasources.find(
  (d: { uid: string }) => d.uid === 'headroom'
);

/** The service's command with container paths (whole path prefixes of an argument or a flag's value) mapped to host paths. */
function command(service: string, paths: Record<string, string>): string[] {
  const mapPath = (value: string) => {
    for (const [container, host] of Object.entries(paths)) {
      if (value === container || value.startsWith(`${container}/`)) {
        return host + value.slice(container.length);
      }
    }
    return value;
  };
  return (compose.services[service].command as string[]).map((arg) => {
    const flag = /^(--[^=]+=)(.*)$/.exec(arg);
    return flag ? flag[1] + mapPath(flag[2]) : mapPath(arg);
  });
}

const children: ChildProcess[] = [];
function start(binary: string, args: string[]): ChildProcess {
  // Own process group, so stopping `npx tsx ...` also stops the Node process it starts.
  const child = spawn(binary, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr = (stderr + c.toString()).slice(-3000)));
  child.on('exit', (code) => code && code !== 0 && process.stderr.write(`${binary} exited ${code}: ${stderr}\n`));
  children.push(child);
  return child;
}

describe('docker compose start-up steps with Debian binaries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-compose-'));
  const tsdb = path.join(dir, 'prometheus');
  let prometheusUrl = '';
  let alertmanagerUrl = '';
  let grafana: GrafanaHarness;
  let backfilledUntil = 0;

  beforeAll(async () => {
    // backfill: exactly the compose command, into a temp TSDB instead of the volume
    const [shell, ...backfillArgs] = command('backfill', { '/prometheus': tsdb });
    execFileSync(shell, backfillArgs, { cwd: root, stdio: 'pipe' });
    backfilledUntil = Date.now();

    // simulator
    const simulatorPort = await freePort();
    const [npx, ...simArgs] = (compose.services.simulator.command as string[]).map((a) => (a === '9200' ? String(simulatorPort) : a));
    start(npx, simArgs);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${simulatorPort}/metrics`)).ok, 60_000, 'the simulator exporter');

    // alertmanager with the provisioned config
    const amPort = await freePort();
    start(requireBinary(['prometheus-alertmanager'], 'prometheus-alertmanager'), [
      ...command('alertmanager', { '/etc/alertmanager': path.join(root, 'provisioning/alertmanager'), '/alertmanager': path.join(dir, 'am') }),
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    alertmanagerUrl = `http://127.0.0.1:${amPort}`;
    await waitFor(async () => (await fetch(`${alertmanagerUrl}/-/ready`)).ok, 30_000, 'Alertmanager');

    // prometheus with the provisioned config; only the compose host names become loopback addresses
    const promConfigDir = path.join(dir, 'etc-prometheus');
    fs.mkdirSync(promConfigDir);
    for (const file of fs.readdirSync(path.join(root, 'provisioning/prometheus'))) {
      const text = fs
        .readFileSync(path.join(root, 'provisioning/prometheus', file), 'utf8')
        .replaceAll('simulator:9200', `127.0.0.1:${simulatorPort}`)
        .replaceAll('alertmanager:9093', `127.0.0.1:${amPort}`)
        .split('/etc/prometheus/')
        .join(`${promConfigDir}/`);
      // Only loopback here: a compose host name left in would send DNS lookups off the machine.
      expect(text).not.toMatch(/simulator:|alertmanager:\d/);
      fs.writeFileSync(path.join(promConfigDir, file), text);
    }
    const promPort = await freePort();
    start(requireBinary(['prometheus'], 'prometheus'), [
      ...command('prometheus', { '/etc/prometheus': promConfigDir, '/prometheus': tsdb }),
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    prometheusUrl = `http://127.0.0.1:${promPort}`;
    await waitFor(async () => (await fetch(`${prometheusUrl}/-/ready`)).ok, 60_000, 'Prometheus');

    grafana = await startBackend();
  });

  afterAll(async () => {
    await grafana?.stop();
    // Wait for every process to exit before removing its files (Alertmanager writes on shutdown).
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              return resolve();
            }
            const timer = setTimeout(() => {
              try {
                process.kill(-child.pid!, 'SIGKILL');
              } catch {
                // already gone
              }
              resolve();
            }, 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            try {
              process.kill(-child.pid!, 'SIGTERM');
            } catch {
              clearTimeout(timer);
              resolve();
            }
          })
      )
    );
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  const promQuery = async (expr: string, at: number) => {
    const body = await (await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr, time: String(at / 1000) })}`)).json();
    expect(body.status).toBe('success');
    return body.data.result as Array<{ metric: Record<string, string>; value: [number, string] }>;
  };

  it('Prometheus starts on 35 days of back-filled history', async () => {
    const old = await promQuery('count(http_requests_total)', backfilledUntil - 34 * 86_400_000);
    expect(Number(old[0]?.value[1])).toBeGreaterThan(0);
  });

  it('loads the exported and platform rules without errors and finds Alertmanager', async () => {
    await waitFor(
      async () => {
        const rules = await (await fetch(`${prometheusUrl}/api/v1/rules`)).json();
        const all = rules.data.groups.flatMap((g: { rules: unknown[] }) => g.rules);
        return all.length > 0 && all.every((r: { health: string }) => r.health === 'ok');
      },
      150_000,
      'every rule evaluated healthy'
    );
    // Prometheus discovers its Alertmanager asynchronously after start-up.
    await waitFor(
      async () => {
        const am = await (await fetch(`${prometheusUrl}/api/v1/alertmanagers`)).json();
        return am.data.activeAlertmanagers.some((a: { url: string }) => a.url === `${alertmanagerUrl}/api/v2/alerts`);
      },
      30_000,
      `Prometheus to discover Alertmanager at ${alertmanagerUrl}`
    );
  });

  it('scrapes the live simulator', async () => {
    let lastTarget: unknown;
    try {
      await waitFor(
        async () => {
          const targets = await (await fetch(`${prometheusUrl}/api/v1/targets`)).json();
          lastTarget = targets.data.activeTargets[0];
          return targets.data.activeTargets.some((t: { health: string }) => t.health === 'up');
        },
        150_000,
        'a successful scrape'
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; target: ${JSON.stringify(lastTarget)}`);
    }
  });

  const settings = () => ({
    url: prometheusUrl,
    jsonData: {
      ...provisionedHeadroom.jsonData,
      definitionsPath: path.join(root, 'provisioning/headroom/definitions.yaml'),
      alertmanagerUrl,
    },
  });

  it('the provisioned data source is healthy', async () => {
    const health = await grafana.checkHealth(settings());
    expect(health.status).toBe('OK');
  });

  it.each(headroomDashboardQueries().map((q) => [`${q.dashboard} ${q.where}`, q] as const))('%s answers without error', async (_name, q) => {
    if (q.query.resourcePath) {
      const res = await grafana.callResource({ settings: settings(), path: String(q.query.resourcePath) });
      expect(res.code).toBe(200);
      return;
    }
    const now = Date.now();
    const query = interpolate(q.query, { service: 'api_gateway', datasource: 'headroom' });
    const res = await grafana.query({
      settings: settings(),
      queries: [{ refId: 'A', queryType: String(query.queryType), json: query, maxDataPoints: 300, intervalMS: 60_000 }],
      from: now + q.fromOffsetMs,
      to: now + q.toOffsetMs,
    });
    expect({ error: res.A.error, status: res.A.status }).toEqual({ error: undefined, status: 200 });
  });

  it('the SLO catalog on the back-filled history equals PromQL at the same instant', async () => {
    // An instant fully inside the back-fill (1-minute aligned samples), so Prometheus' increase() is exact.
    const at = Math.floor((backfilledUntil - 2 * 3_600_000) / 3_600_000) * 3_600_000;
    const res = await grafana.query({
      settings: settings(),
      queries: [{ refId: 'A', queryType: 'sloCatalog', json: { service: 'api_gateway' }, maxDataPoints: 100, intervalMS: 60_000 }],
      from: at - 6 * 3_600_000,
      to: at,
    });
    const frame = res.A.frames[0];
    const ids = frame.fields.find((f) => f.name === 'id')!.values;
    const sli = frame.fields.find((f) => f.name === 'sli')!.values as number[];
    const i = ids.indexOf('api-gateway-availability');
    const [bad] = await promQuery('sum(increase(http_requests_total{service="api_gateway",code=~"5.."}[30d]))', at);
    const [total] = await promQuery('sum(increase(http_requests_total{service="api_gateway"}[30d]))', at);
    const expected = 1 - Number(bad.value[1]) / Number(total.value[1]);
    expect(Math.abs(sli[i] - expected) / expected).toBeLessThan(1e-9);
  });
});
