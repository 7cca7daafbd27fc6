import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireBinary } from './binaries';
import { startDaemon } from './daemon';
import { freePort } from './ports';

/**
 * A real Alertmanager (Debian's package, binary `prometheus-alertmanager`) for integration tests: its own temp dir
 * for config and storage, a free loopback port, clustering off. Alerts and silences are written with API v2.
 */
export interface TestAlertmanager {
  url: string;
  /** POST /api/v2/alerts */
  postAlerts(alerts: PostableAlert[]): Promise<void>;
  /** POST /api/v2/silences with equality matchers; resolves to the silence id */
  silence(matchers: Record<string, string>, startsAt: Date, endsAt: Date): Promise<string>;
  stop(): Promise<void>;
}

export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

export interface StartAlertmanagerOptions {
  /** alertmanager.yml; the default routes everything to a receiver that sends nothing */
  config?: string;
}

const DEFAULT_CONFIG = `route:
  receiver: blackhole
receivers:
  - name: blackhole
`;

export async function startAlertmanager(options: StartAlertmanagerOptions = {}): Promise<TestAlertmanager> {
  const binary = requireBinary(['prometheus-alertmanager', 'alertmanager'], 'prometheus-alertmanager');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-am-'));
  const configFile = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(configFile, options.config ?? DEFAULT_CONFIG);
  const port = await freePort();
  const { url, stop } = await startDaemon({
    name: 'Alertmanager',
    binary,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=', // no gossip port: tests run side by side
    ],
    port,
    dir,
  });
  const post = async (p: string, body: unknown) => {
    const response = await fetch(`${url}${p}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Alertmanager POST ${p} failed: HTTP ${response.status} ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    postAlerts: async (alerts) => {
      await post('/api/v2/alerts', alerts);
    },
    silence: async (matchers, startsAt, endsAt) => {
      const body = await post('/api/v2/silences', {
        matchers: Object.entries(matchers).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        createdBy: 'headroom tests',
        comment: 'acknowledged',
      });
      return body.silenceID as string;
    },
    stop,
  };
}
