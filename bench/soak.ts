/**
 * Soak (issue 10): QueryData calls with mixed query types against the backend executable on the demo
 * platform, 8 in flight at a time; resident memory (VmRSS of /proc/<pid>/status) after a warm-up (the first
 * 2,000 calls, or half of a shorter run: JIT compilation and V8's heap sizing settle there) and at the end must
 * agree within 10%. RSS is also sampled every 1,000 calls, so the whole course is reported. The bench runs 10,000
 * calls; tests/integration/soak.test.ts runs 2,000 with the same code. Run alone: `npx tsx bench/run.ts soak`.
 */
import fs from 'node:fs';
import { startBackend, type GrafanaHarness, type TestQuery } from '../tests/support/harness';
import type { BenchRow } from './run';
// one item of each kind, so that a call costs milliseconds, not the full demo's seconds
import { SMALL_DEFINITIONS as SOAK_DEFINITIONS } from '../tests/support/small-definitions';

const MIXED: Array<Omit<TestQuery, 'refId'>> = [
  {
    queryType: 'slo',
    json: { slo: 'gw-availability', series: ['sli', 'budgetRemaining', 'burnRate'], burnRateWindows: ['5m', '1h'] },
  },
  { queryType: 'slo', json: { slo: 'gw-latency', series: ['sli'] } },
  { queryType: 'sloCatalog', json: {} },
  { queryType: 'burnAlert', json: { slo: 'gw-availability', severity: 'page' } },
  { queryType: 'capacity', json: { resource: 'cluster-cpu', series: ['utilization', 'headroom'] } },
  { queryType: 'oncall', json: {} },
  { queryType: 'incidents', json: {} },
  { queryType: 'availability', json: {} },
  { queryType: 'events', json: {} },
  { queryType: 'cost', json: {} },
  { queryType: 'slo', json: { slo: 'no-such-slo' } }, // errors are part of the mix
];

export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) {
    throw new Error(`no VmRSS in /proc/${pid}/status`);
  }
  return Number(match[1]) * 1024;
}

export interface SoakResult {
  calls: number;
  rssAfterWarmup: number;
  rssEnd: number;
  /** RSS every 1,000 calls */
  samples: Array<{ calls: number; rss: number }>;
  /** answers by status */
  statuses: Record<number, number>;
  ms: number;
}

/** `calls` QueryData calls, 8 in flight, ranges of the last hour moving with the call index. */
export async function soak(grafana: GrafanaHarness, calls: number): Promise<SoakResult> {
  const warmup = Math.min(2_000, Math.round(calls / 2));
  const statuses: Record<number, number> = {};
  let next = 0;
  let rssAfterWarmup = 0;
  const samples: SoakResult['samples'] = [];
  const now = Date.now();
  // one settings object for every call, as Grafana holds one per data source (the harness converts it once)
  const settings = { url: '', jsonData: { definitions: SOAK_DEFINITIONS } };
  const t0 = performance.now();
  const worker = async () => {
    while (next < calls) {
      const i = next++;
      if (i === warmup) {
        rssAfterWarmup = rssBytes(grafana.process.pid!);
      }
      if (i > 0 && i % 1_000 === 0) {
        samples.push({ calls: i, rss: rssBytes(grafana.process.pid!) });
      }
      const to = now - (i % 500) * 60_000;
      const res = await grafana.query({
        settings,
        queries: [{ refId: 'A', ...MIXED[i % MIXED.length], maxDataPoints: 200, intervalMS: 15_000 }],
        from: to - 3_600_000,
        to,
      });
      statuses[res.A.status] = (statuses[res.A.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { calls, rssAfterWarmup, rssEnd: rssBytes(grafana.process.pid!), samples, statuses, ms: performance.now() - t0 };
}

export async function benchSoak(calls = 10_000): Promise<BenchRow[]> {
  const grafana = await startBackend();
  try {
    const r = await soak(grafana, calls);
    const mb = (b: number) => b / 1024 / 1024;
    const growth = (r.rssEnd / r.rssAfterWarmup - 1) * 100;
    return [
      { name: `soak: ${calls} mixed QueryData calls (demo), total`, ms: r.ms, targetMs: NaN },
      { name: 'soak: RSS after the warm-up (MB)', ms: mb(r.rssAfterWarmup), targetMs: NaN, unit: 'MB' },
      { name: `soak: RSS after ${calls} calls (MB)`, ms: mb(r.rssEnd), targetMs: NaN, unit: 'MB' },
      ...r.samples.map((s) => ({ name: `soak: RSS after ${s.calls} calls (MB)`, ms: mb(s.rss), targetMs: NaN, unit: 'MB' })),
      { name: 'soak: RSS growth after the warm-up (%)', ms: growth, targetMs: 10, unit: '%' },
    ];
  } finally {
    await grafana.stop();
  }
}
