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
 * Node flags of the backend process, in the launchers and the packaged executables alike: young-generation
 * semi-spaces of 16 MB (V8's default maximum, now a fixed size), an old generation allowed to grow to 1.5x its live
 * size after a collection instead of V8's up-to-4x, and a first old-generation limit of 96 MB. The live heap of a
 * serving backend is 25-40 MB; with V8's defaults its resident memory grew to 180-220 MB and kept growing through
 * the soak. A refresh of 50 dashboards allocates ~55 MB while 475 calls are in flight: with 4 MB semi-spaces the
 * in-flight state was copied and promoted by ~19 scavenges a refresh, 60-70 ms of the backend's thread; 16 MB
 * halves that (GC pause time of 4 warm rounds 225-262 -> 119-136 ms, README "Performance and reliability"). The
 * 96 MB start halves the full collections that promotion would otherwise cause every refresh.
 */
export const NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=50', '--initial-old-space-size=96'];

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
