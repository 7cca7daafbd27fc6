/**
 * Dashboard load (issue 10): QueryData latency p50/p95/p99 with 50 dashboard loads at once through the backend
 * executable, against a Prometheus back-filled with 8 days of the demo platform at 1 minute (Debian's 2.42,
 * tests/support/prometheus.ts) and on the embedded demo platform. A "dashboard load" is every Headroom query
 * of one provisioned dashboard (tests/support/dashboards.ts), sent as Grafana sends them: one QueryData call per
 * panel (its targets together) and per annotation, variables through their resource endpoints, none for panels
 * showing another panel's results (Grafana's Dashboard data source); the 50 loads cycle over the four dashboards.
 * Grafana is played by the wire client (tests/support/wire-client.ts: the harness's requests over node:http2,
 * cheaper than the harness's grpc-js client); one row repeats "warm" with the grpc-js client for comparison.
 * Rounds: cold (first open, empty caches); warm (a live platform's dashboards refreshed every minute for
 * WARM_MINUTES minutes after a first warm-up minute, every answer computed afresh, latencies pooled); and the
 * last warm loads once more at once (answers kept for other viewers, src/backend/shared-answers.ts). Incidents
 * come from a real Alertmanager (Debian's) holding three alerts. Target: p95 < 300 ms (the handbook's own
 * latency SLO). Run alone: `npx tsx bench/run.ts load`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DEFINITIONS_YAML } from '../src/demo/definitions';
import { openMetricsText } from '../src/demo/openmetrics';
import { catalogue } from '../src/demo/series';
import { headroomDashboardQueries, interpolate } from '../tests/support/dashboards';
import {
  startBackend,
  type GrafanaHarness,
  type QueryRequest,
  type QueryResult,
  type ResourceRequest,
  type ResourceResult,
  type TestSettings,
} from '../tests/support/harness';
import { decodeQuery, decodeResource, prepareQuery, prepareResource, WireClient } from '../tests/support/wire-client';
import { startAlertmanager } from '../tests/support/alertmanager';
import { startPrometheus, type TestPrometheus } from '../tests/support/prometheus';
import { WORK_KEEP_MS } from '../src/backend/shared-work';
import { FRESH_MS } from '../src/backend/sources/prometheus';
import type { BenchRow } from './run';

const MIN = 60_000;
const DAY = 1440 * MIN;
export const LOADS = 50;

/**
 * Prometheus with `days` of the demo platform's history up to now (`end`), at 1-minute samples, and `aheadMinutes`
 * more past it: the load rounds play refreshes at end + 1 min, + 2 min, ..., each of which must find a minute of
 * new samples, as a live Prometheus has (with none, every refresh would only add empty points).
 */
export async function backfilledPrometheus(
  days: number,
  aheadMinutes = 0
): Promise<{ prom: TestPrometheus; end: number }> {
  const end = Math.floor(Date.now() / MIN) * MIN;
  const prom = await startPrometheus({
    openMetrics: openMetricsText(catalogue(), { start: end - days * DAY, end: end + aheadMinutes * MIN, step: MIN }),
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

/** Who plays Grafana: the wire client (the default) or the test harness's grpc-js client. */
export type LoadClient = { wire: WireClient } | { harness: GrafanaHarness };

/**
 * One dashboard load's calls as Grafana sends them: a panel's Headroom targets together in one QueryData call,
 * each annotation alone, variables as resource calls.
 */
function dashboardCalls(
  dashboard: ReturnType<typeof headroomDashboardQueries>,
  settings: TestSettings,
  now: number
): Array<{ where: string; query?: QueryRequest; resource?: ResourceRequest }> {
  const byCall = new Map<string, typeof dashboard>();
  for (const q of dashboard) {
    byCall.set(q.call, [...(byCall.get(q.call) ?? []), q]);
  }
  return [...byCall.values()].map((targets) => {
    const [first] = targets;
    const where = `${first.dashboard} ${first.call}`;
    if (first.query.resourcePath) {
      return { where, resource: { settings, path: String(first.query.resourcePath) } };
    }
    const queries = targets.map((q) => {
      const query = interpolate(q.query, { service: 'api_gateway', datasource: 'headroom' });
      const refId = String(query.refId);
      return { refId, queryType: String(query.queryType), json: query, maxDataPoints: 1000, intervalMS: 60_000 };
    });
    return { where, query: { settings, queries, from: now + first.fromOffsetMs, to: now + first.toOffsetMs } };
  });
}

/**
 * `loads` dashboard loads at once (cycling over the four dashboards); each call's latency and every error. With
 * the wire client, requests are encoded before the clock starts and replies decoded after it stops.
 */
export async function round(client: LoadClient, settings: TestSettings, now: number, loads = LOADS): Promise<Round> {
  const byDashboard = new Map<string, ReturnType<typeof headroomDashboardQueries>>();
  for (const q of headroomDashboardQueries()) {
    byDashboard.set(q.dashboard, [...(byDashboard.get(q.dashboard) ?? []), q]);
  }
  const dashboards = [...byDashboard.values()];
  const calls = Array.from({ length: loads }, (_, load) =>
    dashboardCalls(dashboards[load % dashboards.length], settings, now)
  ).flat();
  const latencies: number[] = [];
  const errors: string[] = [];
  const check = (where: string, result: ResourceResult | Record<string, QueryResult>) => {
    if ('code' in result && typeof result.code === 'number') {
      if (result.code !== 200) {
        errors.push(`${where}: HTTP ${result.code}`);
      }
      return;
    }
    for (const [refId, answer] of Object.entries(result as Record<string, QueryResult>)) {
      if (answer.error) {
        errors.push(`${where} ${refId}: ${answer.error}`);
      }
    }
  };
  if ('wire' in client) {
    const prepared = calls.map((c) => (c.query ? prepareQuery(c.query) : prepareResource(c.resource!)));
    const t0 = performance.now();
    const replies = await Promise.all(
      prepared.map(async (call) => {
        const started = performance.now();
        const reply = await client.wire.send(call);
        latencies.push(performance.now() - started);
        return reply;
      })
    );
    const wallMs = performance.now() - t0;
    replies.forEach((reply, i) =>
      check(calls[i].where, reply.call.kind === 'query' ? decodeQuery(reply) : decodeResource(reply))
    );
    return { latencies: latencies.sort((a, b) => a - b), errors, wallMs };
  }
  const t0 = performance.now();
  await Promise.all(
    calls.map(async (c) => {
      const started = performance.now();
      const result = c.query ? await client.harness.query(c.query) : await client.harness.callResource(c.resource!);
      latencies.push(performance.now() - started);
      check(c.where, result);
    })
  );
  return { latencies: latencies.sort((a, b) => a - b), errors, wallMs: performance.now() - t0 };
}

/** Rounds pooled into one: every call's latency and error, the rounds' wall times summed. */
function pooled(rounds: Round[]): Round {
  return {
    latencies: rounds.flatMap((r) => r.latencies).sort((a, b) => a - b),
    errors: rounds.flatMap((r) => r.errors),
    wallMs: rounds.reduce((sum, r) => sum + r.wallMs, 0),
  };
}

/**
 * Steady state: a dashboard refreshed every minute by `loads` viewers at once, for WARM_MINUTES minutes after a
 * first minute that warms the JIT and the upstream caches (a backend serves for days; its first minute is the
 * cold round's business). Every answer is computed afresh each minute: the rounds play minutes of the dashboards'
 * clock, and are REFRESH_GAP_MS apart in real time, longer than the backend shares work (WORK_KEEP_MS) and
 * reuses fetched recent points (FRESH_MS), so no refresh rides on the previous one's work as rounds back to back would.
 */
export const WARM_MINUTES = 5;
const REFRESH_GAP_MS = Math.max(WORK_KEEP_MS, FRESH_MS) + 1_000;

async function warmRounds(client: LoadClient, settings: TestSettings, now: number, loads = LOADS): Promise<Round> {
  await round(client, settings, now + MIN, loads);
  const rounds: Round[] = [];
  for (let minute = 2; minute <= WARM_MINUTES + 1; minute++) {
    await new Promise((resolve) => setTimeout(resolve, REFRESH_GAP_MS));
    rounds.push(await round(client, settings, now + minute * MIN, loads));
  }
  return pooled(rounds);
}

/** The four dashboards opened together (one load each): a first opening, then warm as above. */
async function fourTogether(client: LoadClient, settings: TestSettings, now: number): Promise<Round> {
  await round(client, settings, now, 4);
  return warmRounds(client, settings, now, 4);
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
  const { prom, end } = await backfilledPrometheus(8, WARM_MINUTES + 2);
  const alertmanager = await startAlertmanager();
  const grafana = await startBackend();
  const wire: LoadClient = { wire: await WireClient.connect(grafana.address) };
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
    // each uid is its own data source instance, with caches of its own
    const prometheus = (uid: string): TestSettings => ({
      url: prom.url,
      uid,
      jsonData: { definitionsPath, alertmanagerUrl: alertmanager.url },
    });
    const promSettings = prometheus('prom');
    const label = `${LOADS} dashboard loads, Prometheus`;
    out.push(...rows(`${label}, cold`, await round(wire, promSettings, end), false));
    out.push(...rows(`${label}, warm (${WARM_MINUTES} min)`, await warmRounds(wire, promSettings, end), true));
    // the same loads again at once: more viewers of the same dashboards within SHARE_MS get the kept answers
    out.push(
      ...rows(`${label}, same minute again`, await round(wire, promSettings, end + (WARM_MINUTES + 1) * MIN), false)
    );
    // the same as "warm" with the harness's grpc-js client as Grafana: its CPU is taken from the backend's two cores
    const viaGrpcJs = prometheus('prom-grpc-js');
    await round({ harness: grafana }, viaGrpcJs, end);
    out.push(...rows(`${label}, warm, grpc-js client`, await warmRounds({ harness: grafana }, viaGrpcJs, end), false));
    out.push(
      ...rows(
        '4 dashboards opened together, Prometheus, warm',
        await fourTogether(wire, prometheus('prom-1'), end),
        false
      )
    );
    const now = Math.floor(Date.now() / MIN) * MIN;
    out.push(
      ...rows(
        '4 dashboards opened together, demo, warm',
        await fourTogether(wire, { url: '', uid: 'demo-1' }, now),
        false
      )
    );
    const demo: TestSettings = { url: '', uid: 'demo' };
    out.push(...rows(`${LOADS} dashboard loads, demo, cold`, await round(wire, demo, now), false));
    out.push(
      ...rows(`${LOADS} dashboard loads, demo, warm (${WARM_MINUTES} min)`, await warmRounds(wire, demo, now), true)
    );
    return out;
  } finally {
    await wire.wire.close();
    await grafana.stop();
    await alertmanager.stop();
    await prom.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
