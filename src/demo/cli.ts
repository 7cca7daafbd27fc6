/**
 * The demo platform's command line:
 *   tsx src/demo/cli.ts exporter [--port 9200] [--host 0.0.0.0] [--seed 42]
 *   tsx src/demo/cli.ts backfill [--days 35] [--step 1m] [--end ISO] [--seed 42] [--label k=v] --out FILE
 *     (OpenMetrics; --label adds e.g. the job/instance labels a live scrape of the exporter will carry)
 *   tsx src/demo/cli.ts definitions                                        (the default definitions YAML)
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { parseDuration } from '../core/duration';
import { DEMO_DEFINITIONS_YAML } from './definitions';
import { startExporter } from './exporter';
import { openMetricsChunks } from './openmetrics';
import { catalogue, DEFAULT_SEED } from './series';

const USAGE = `usage:
  tsx src/demo/cli.ts exporter [--port 9200] [--host 0.0.0.0] [--seed 42]
  tsx src/demo/cli.ts backfill --out FILE [--days 35] [--step 1m] [--end ISO-8601] [--seed 42]
                               [--label job=platform --label instance=simulator:9200 ...]
  tsx src/demo/cli.ts definitions`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function number(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) {
    return fallback;
  }
  const n = Number(text);
  return Number.isFinite(n) ? n : fail(`--${what} must be a number (got "${text}")`);
}

async function backfill(values: Record<string, string | string[] | boolean | undefined>) {
  const out = values.out as string | undefined;
  if (!out) {
    fail('backfill needs --out FILE');
  }
  const days = number(values.days as string | undefined, 35, 'days');
  const step = parseDuration((values.step as string | undefined) ?? '1m') ?? fail(`invalid --step "${values.step}"`);
  const end = values.end ? Date.parse(values.end as string) : Date.now();
  if (!Number.isFinite(end)) {
    fail(`invalid --end "${values.end}" (expected ISO-8601, e.g. 2026-11-26T00:00:00Z)`);
  }
  const extraLabels: Record<string, string> = {};
  for (const pair of (values.label as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1 || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(pair.slice(0, eq))) {
      fail(`invalid --label "${pair}" (expected name=value)`);
    }
    extraLabels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const started = Date.now();
  const file = fs.createWriteStream(out);
  let bytes = 0;
  for (const chunk of openMetricsChunks(catalogue(number(values.seed as string | undefined, DEFAULT_SEED, 'seed')), {
    start: end - days * 86_400_000,
    end,
    step,
    extraLabels,
  })) {
    bytes += chunk.length;
    if (!file.write(chunk)) {
      await once(file, 'drain');
    }
  }
  file.end();
  await once(file, 'finish');
  process.stderr.write(`wrote ${(bytes / 1e6).toFixed(0)} MB of OpenMetrics to ${out} in ${Date.now() - started} ms\n`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      step: { type: 'string' },
      end: { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string', multiple: true },
    },
  });
  switch (command) {
    case 'exporter': {
      const exporter = await startExporter({
        port: number(values.port, 9200, 'port'),
        host: values.host,
        seed: number(values.seed, DEFAULT_SEED, 'seed'),
      });
      process.stderr.write(`demo platform exporter on ${exporter.url}/metrics\n`);
      const stop = () => exporter.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      break;
    }
    case 'backfill':
      await backfill(values);
      break;
    case 'definitions':
      process.stdout.write(DEMO_DEFINITIONS_YAML);
      break;
    default:
      fail(command ? `unknown command "${command}"` : 'missing command');
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
