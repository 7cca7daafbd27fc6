import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NODE_FLAGS } from '../../scripts/build-backend';
import { packageRelease } from '../../scripts/package';
import { requireBinary } from '../support/binaries';
import { startBackend } from '../support/harness';

/**
 * The release zip (npm run package) must work where Grafana has no Node: its linux-amd64 executable is run
 * with a PATH holding no `node` and must complete the handshake and answer health checks and queries.
 * Needs the frontend build in dist (test:ci builds first); the first run downloads Node from npm (cached).
 */
describe('release package', () => {
  let dir: string;
  let zip: string;

  beforeAll(async () => {
    requireBinary(['zip'], 'zip');
    requireBinary(['unzip'], 'unzip');
    zip = await packageRelease();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-release-'));
    execFileSync('unzip', ['-q', zip, '-d', dir]);
  }, 600_000);
  afterAll(() => {
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is named after the version and holds dist as headroom-sre-app/', () => {
    const version = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version;
    expect(path.basename(zip)).toBe(`headroom-sre-app-${version}.zip`);
    const app = path.join(dir, 'headroom-sre-app');
    expect(JSON.parse(fs.readFileSync(path.join(app, 'plugin.json'), 'utf8')).id).toBe('headroom-sre-app');
    expect(JSON.parse(fs.readFileSync(path.join(app, 'datasource/plugin.json'), 'utf8')).executable).toBe(
      '../gpx_headroom'
    );
    for (const arch of ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64']) {
      expect(fs.statSync(path.join(app, `gpx_headroom_${arch}`)).mode & 0o111).toBe(0o111);
    }
  });

  it('runs its linux-amd64 executable without any node on PATH: handshake, health, a query', async () => {
    const emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-nopath-'));
    expect(spawnSync('sh', ['-c', 'command -v node'], { env: { PATH: emptyPath } }).status).not.toBe(0);
    const grafana = await startBackend({
      executable: path.join(dir, 'headroom-sre-app/gpx_headroom_linux_amd64'),
      path: emptyPath,
    });
    try {
      await expect(grafana.health()).resolves.toBe('SERVING');
      // the backend's Node flags travel inside the executable (SEA execArgv)
      const started = await grafana.waitForLog((l) => l['@message'] === 'Headroom backend serving');
      expect(started).toMatchObject({ node: expect.stringMatching(/^v22\./), nodeFlags: NODE_FLAGS.join(' ') });
      const health = await grafana.checkHealth({ url: '' });
      expect(health.status).toBe('OK');
      expect(health.message).toMatch(/^Embedded demo platform: /);
      const res = await grafana.query({ queries: [{ refId: 'A', queryType: 'nonsense' }] });
      expect(res.A).toMatchObject({ status: 400, error: expect.stringContaining('unknown queryType "nonsense"') });
      await grafana.shutdown();
      expect(await grafana.exitedWithin(5000)).toMatchObject({ code: 0 });
    } finally {
      await grafana.stop();
      fs.rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});
