/**
 * Memory with 200 SLOs (issue 10): a generated definitions file of 200 SLOs (availability and latency SLIs over
 * the demo platform's services, windows 7d/28d/30d), every one queried (`sloCatalog`, then `slo` for each
 * with its default series) through the backend executable against a Prometheus back-filled with 8 days of the
 * demo platform; then the resident set size of the backend process (VmRSS). Target < 200 MB.
 * Run alone: `npx tsx bench/run.ts rss`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend } from '../tests/support/harness';
import { backfilledPrometheus } from './load';
import type { BenchRow } from './run';
import { rssBytes } from './soak';

const SERVICES = ['api_gateway', 'workflow_engine', 'agent_manager', 'notification_service'];
const WINDOWS = ['7d', '28d', '30d'];
const THRESHOLDS = [0.1, 0.2, 0.3, 0.5];

export function definitionsWithSlos(count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const service = SERVICES[i % SERVICES.length];
    const id = `slo-${String(i).padStart(3, '0')}`;
    const common = `  - id: ${id}\n    service: ${service}\n    objective: ${[99, 99.5, 99.9, 99.95][i % 4]}\n    window: ${WINDOWS[i % WINDOWS.length]}\n`;
    items.push(
      i % 2 === 0
        ? `${common}    sli: {events: {bad: 'http_requests_total{service="${service}",code=~"5.."}', total: 'http_requests_total{service="${service}"}'}}\n`
        : `${common}    sli: {latency: {histogram: 'http_request_duration_seconds{service="${service}"}', threshold: ${THRESHOLDS[i % THRESHOLDS.length]}}}\n`
    );
  }
  return `apiVersion: headroom/v1\nslos:\n${items.join('')}`;
}

export async function benchRss(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-rss-'));
  const file = path.join(dir, 'slos.yaml');
  fs.writeFileSync(file, definitionsWithSlos(200));
  const { prom, end } = await backfilledPrometheus(8);
  const grafana = await startBackend();
  try {
    const settings = { url: prom.url, jsonData: { definitionsPath: file } };
    const rssStart = rssBytes(grafana.process.pid!);
    const range = { from: end - 7 * 86_400_000, to: end };
    const catalog = await grafana.query({
      settings,
      ...range,
      queries: [{ refId: 'A', queryType: 'sloCatalog', json: {} }],
    });
    if (catalog.A.error || catalog.A.frames[0].fields[0].values.length !== 200) {
      throw new Error(
        `sloCatalog: ${catalog.A.error ?? `${catalog.A.frames[0].fields[0].values.length} rows, expected 200`}`
      );
    }
    // every SLO, 10 per request as a dashboard of SLO panels would
    for (let i = 0; i < 200; i += 10) {
      const res = await grafana.query({
        settings,
        ...range,
        queries: Array.from({ length: 10 }, (_, k) => ({
          refId: `Q${k}`,
          queryType: 'slo',
          json: { slo: `slo-${String(i + k).padStart(3, '0')}` },
        })),
      });
      const failed = Object.values(res).find((r) => r.error);
      if (failed) {
        throw new Error(`slo: ${failed.error}`);
      }
    }
    const rss = rssBytes(grafana.process.pid!);
    const mb = (b: number) => b / 1024 / 1024;
    return [
      { name: 'RSS at start (MB)', ms: mb(rssStart), targetMs: NaN, unit: 'MB' },
      { name: 'RSS with 200 SLOs, all queried (MB)', ms: mb(rss), targetMs: 200, unit: 'MB' },
    ];
  } finally {
    await grafana.stop();
    await prom.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
