/**
 * Dashboard load (issue 10): QueryData latency p50/p95/p99 with 50 dashboard loads at once through the backend
 * executable, against a Prometheus back-filled with 8 days of the demo platform at 1 minute (Debian's 2.42,
 * tests/support/prometheus.ts) and on the embedded demo platform. A "dashboard load" is every Headroom query
 * of one provisioned dashboard (tests/support/dashboards.ts), each its own QueryData call as Grafana sends
 * one per panel, variables through their resource endpoints; the 50 loads cycle over the four dashboards.
 * Rounds: cold (first open, empty caches), warm (the same loads again a minute of dashboard time later:
 * every answer computed afresh on warm upstream caches) and the warm loads once more at once (answers kept for
 * other viewers, src/backend/shared-answers.ts). Incidents come from a real Alertmanager (Debian's) holding three alerts. Target: p95 < 300 ms (the handbook's own latency SLO). Run alone: `npx tsx bench/run.ts load`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DEFINITIONS_YAML } from '../src/demo/definitions';
import { openMetricsText } from '../src/demo/openmetrics';
import { catalogue } from '../src/demo/series';
import { headroomDashboardQueries, interpolate } from '../tests/support/dashboards';
import { startBackend, type GrafanaHarness, type TestSettings } from '../tests/support/harness';
import { startAlertmanager } from '../tests/support/alertmanager';
import { startPrometheus, type TestPrometheus } from '../tests/support/prometheus';
import type { BenchRow } from './run';

const MIN = 60_000;
const DAY = 1440 * MIN;
export const LOADS = 50;

/** Prometheus with `days` of the demo platform's history up to now, at 1-minute samples. */
export async function backfilledPrometheus(days: number): Promise<{ prom: TestPrometheus; end: number }> {
  const end = Math.floor(Date.now() / MIN) * MIN;
  const prom = await startPrometheus({
    openMetrics: openMetricsText(catalogue(), { start: end - days * DAY, end, step: MIN }),
  });
  return { prom, end };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Round {
  latencies: number[];
  errors: string[];
  wallMs: number;
}

/** 50 dashboard loads at once; each call's latency and every error. */
export async function round(grafana: GrafanaHarness, settings: TestSettings, now: number, loads = LOADS): Promise<Round> {
  const byDashboard = new Map<string, ReturnType<typeof headroomDashboardQueries>>();
  for (const q of headroomDashboardQueries()) {
    byDashboard.set(q.dashboard, [...(byDashboard.get(q.dashboard) ?? []), q]);
  }
  const dashboards = [...byDashboard.values()];
  const latencies: number[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: loads }, (_, load) =>
      Promise.all(
        dashboards[load % dashboards.length].map(async (q) => {
          const started = performance.now();
          if (q.query.resourcePath) {
            const r = await grafana.callResource({ settings, path: String(q.query.resourcePath) });
            latencies.push(performance.now() - started);
            if (r.code !== 200) {
              errors.push(`${q.dashboard} ${q.where}: HTTP ${r.code}`);
            }
            return;
          }
          const query = interpolate(q.query, { service: 'api_gateway', datasource: 'headroom' });
          const res = await grafana.query({
            settings,
            queries: [
              { refId: 'A', queryType: String(query.queryType), json: query, maxDataPoints: 1000, intervalMS: 60_000 },
            ],
            from: now + q.fromOffsetMs,
            to: now + q.toOffsetMs,
          });
          latencies.push(performance.now() - started);
          if (res.A.error) {
            errors.push(`${q.dashboard} ${q.where}: ${res.A.error}`);
          }
        })
      )
    )
  );
  return { latencies: latencies.sort((a, b) => a - b), errors, wallMs: performance.now() - t0 };
}

/** A light load for comparison: the four dashboards opened at once (one load each), warm: three refreshes after a first opening. */
async function oneAtATime(grafana: GrafanaHarness, settings: TestSettings, now: number): Promise<Round> {
  const all: Round = { latencies: [], errors: [], wallMs: 0 };
  await round(grafana, settings, now, 4);
  for (let minute = 1; minute <= 3; minute++) {
    const r = await round(grafana, settings, now + minute * MIN, 4);
    all.latencies.push(...r.latencies);
    all.errors.push(...r.errors);
    all.wallMs += r.wallMs;
  }
  all.latencies.sort((a, b) => a - b);
  return all;
}

function rows(label: string, r: Round, target: boolean): BenchRow[] {
  if (r.errors.length) {
    throw new Error(`${label}: ${r.errors.length} calls failed, e.g. ${[...new Set(r.errors)].slice(0, 3).join('; ')}`);
  }
  const n = r.latencies.length;
  return [
    { name: `${label}: ${n} calls, p50`, ms: percentile(r.latencies, 50), targetMs: NaN },
    { name: `${label}: p95`, ms: percentile(r.latencies, 95), targetMs: target ? 300 : NaN },
    { name: `${label}: p99`, ms: percentile(r.latencies, 99), targetMs: NaN },
    { name: `${label}: all loads (wall)`, ms: r.wallMs, targetMs: NaN },
  ];
}

export async function benchLoad(): Promise<BenchRow[]> {
  const { prom, end } = await backfilledPrometheus(8);
  const alertmanager = await startAlertmanager();
  const grafana = await startBackend();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-load-'));
  try {
    // a few active alerts, as the demo platform has, so the incident panels have rows to build
    await alertmanager.postAlerts(
      ['critical', 'warning', 'high'].map((severity, i) => ({
        labels: { alertname: `BenchAlert${i}`, severity, service: 'api_gateway' },
        annotations: { summary: `bench alert ${i}` },
      }))
    );
    const out: BenchRow[] = [];
    // the definitions as a file, the way the provisioned data source reads them (provisioning/datasources)
    const definitionsPath = path.join(dir, 'definitions.yaml');
    fs.writeFileSync(definitionsPath, DEMO_DEFINITIONS_YAML);
    const promSettings: TestSettings = {
      url: prom.url,
      uid: 'prom',
      jsonData: { definitionsPath, alertmanagerUrl: alertmanager.url },
    };
    out.push(...rows(`${LOADS} dashboard loads, Prometheus, cold`, await round(grafana, promSettings, end), false));
    out.push(
      ...rows(`${LOADS} dashboard loads, Prometheus, warm`, await round(grafana, promSettings, end + MIN), true)
    );
    // the same loads again at once: more viewers of the same dashboards within SHARE_MS get the kept answers
    out.push(
      ...rows(
        `${LOADS} dashboard loads, Prometheus, same minute again`,
        await round(grafana, promSettings, end + MIN),
        false
      )
    );
    out.push(
      ...rows(
        '4 dashboards opened together, Prometheus, warm',
        await oneAtATime(grafana, { ...promSettings, uid: 'prom-1' }, end),
        false
      )
    );
    const now = Math.floor(Date.now() / MIN) * MIN;
    out.push(
      ...rows(
        '4 dashboards opened together, demo, warm',
        await oneAtATime(grafana, { url: '', uid: 'demo-1' }, now),
        false
      )
    );
    out.push(
      ...rows(`${LOADS} dashboard loads, demo, cold`, await round(grafana, { url: '', uid: 'demo' }, now), false)
    );
    out.push(
      ...rows(`${LOADS} dashboard loads, demo, warm`, await round(grafana, { url: '', uid: 'demo' }, now + MIN), true)
    );
    return out;
  } finally {
    await grafana.stop();
    await alertmanager.stop();
    await prom.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
