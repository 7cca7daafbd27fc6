import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run build:backend`: bundles the backend (src/backend/main.ts and every dependency, .proto files
 * embedded as strings) into one CommonJS file dist/gpx_headroom.js for Node 20, and writes the launchers
 * Grafana runs (<executable>_<os>_<arch>, see src/datasource/plugin.json "executable": "../gpx_headroom").
 * A launcher needs `node` on Grafana's PATH; `npm run package` replaces the linux-amd64 one with a
 * self-contained executable.
 */
const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const protoDir = path.join(root, 'src/backend/protocol/proto');

export const BUNDLE = path.join(dist, 'gpx_headroom.js');
export const TARGETS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
/**
 * Node flags of the backend process, in the launchers and the packaged executables alike: V8 lets the old
 * generation grow to at most twice its live size after a collection, instead of up to 4x. With V8's defaults the
 * resident memory of a serving backend kept growing through the soak (+21% over 8,000 calls); with 1.5x and
 * 4 MB semi-spaces (session 2) it held still, but 50 dashboard loads cost the backend 33% more CPU than with the
 * defaults; 2x holds the soak within 5% (200 SLOs: ~170 MB) for 11% more CPU than the defaults (README,
 * "Performance and reliability"; `--optimize-for-size` halved the speed and was not taken).
 */
export const NODE_FLAGS = ['--heap-growing-percent=100'];

export async function buildBackend(): Promise<void> {
  fs.mkdirSync(dist, { recursive: true });
  const protos: Record<string, string> = {};
  for (const file of fs.readdirSync(protoDir).filter((f) => f.endsWith('.proto'))) {
    protos[file] = fs.readFileSync(path.join(protoDir, file), 'utf8');
  }
  await build({
    entryPoints: [path.join(root, 'src/backend/main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { HEADROOM_EMBEDDED_PROTOS: JSON.stringify(protos) },
  });
  for (const target of TARGETS) {
    const launcher = path.join(dist, `gpx_headroom_${target}`);
    fs.writeFileSync(
      launcher,
      `#!/bin/sh\n# Headroom backend launcher: needs node (>= 20) on PATH.\nexec node ${NODE_FLAGS.join(' ')} "$(dirname "$0")/gpx_headroom.js" "$@"\n`
    );
    fs.chmodSync(launcher, 0o755);
  }
}

if (require.main === module) {
  buildBackend().then(
    () => console.log(`built ${path.relative(root, BUNDLE)} and launchers for ${TARGETS.join(', ')}`),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
