import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireBinary } from './binaries';
import { startDaemon } from './daemon';
import { freePort } from './ports';

/**
 * A real Prometheus (Debian's package) for integration tests, started on a TSDB back-filled from
 * OpenMetrics text with `promtool tsdb create-blocks-from openmetrics`. Each call gets its own dir and port.
 */
export interface TestPrometheus {
  url: string;
  dataDir: string;
  /** instant query: the raw `data.result` of the Prometheus API */
  query(expr: string, atMs: number): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  /** range query: the raw `data.result` */
  queryRange(
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number
  ): Promise<Array<{ metric: Record<string, string>; values: Array<[number, string]> }>>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** OpenMetrics text (must end with "# EOF"); omitted = an empty TSDB */
  openMetrics?: string;
  /** extra prometheus.yml content (scrape_configs, rule_files...) */
  config?: string;
  /** retention so that old back-filled blocks are not deleted */
  retention?: string;
}

export async function startPrometheus(options: StartOptions = {}): Promise<TestPrometheus> {
  const prometheus = requireBinary(['prometheus'], 'prometheus');
  const promtool = requireBinary(['promtool'], 'prometheus');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-prom-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  if (options.openMetrics) {
    const input = path.join(dir, 'backfill.om');
    fs.writeFileSync(input, options.openMetrics);
    // Large blocks: with the default 2h blocks promtool re-reads the whole input once per block.
    execFileSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=1000h', input, dataDir], {
      stdio: 'pipe',
    });
  }
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(configFile, options.config ?? 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const { url, stop } = await startDaemon({
    name: 'Prometheus',
    binary: prometheus,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--storage.tsdb.retention.time=${options.retention ?? '3650d'}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--query.lookback-delta=5m',
      '--web.enable-lifecycle',
    ],
    port,
    dir,
  });
  const api = async (p: string, params: Record<string, string>) => {
    const response = await fetch(`${url}${p}?${new URLSearchParams(params)}`);
    const body = (await response.json()) as { status: string; data: { result: any }; error?: string };
    if (body.status !== 'success') {
      throw new Error(`Prometheus ${p} failed: ${body.error}`);
    }
    return body.data.result;
  };
  return {
    url,
    dataDir,
    query: (expr, atMs) => api('/api/v1/query', { query: expr, time: String(atMs / 1000) }),
    queryRange: (expr, startMs, endMs, stepMs) =>
      api('/api/v1/query_range', {
        query: expr,
        start: String(startMs / 1000),
        end: String(endMs / 1000),
        step: String(stepMs / 1000),
      }),
    stop,
  };
}
