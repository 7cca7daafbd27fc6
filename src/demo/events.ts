/**
 * Deployments, incidents and the alerts the simulated platform would fire, all from the fixed 28-day schedule
 * of platform.ts (documented in README.md).
 */
import type { Alert, PlatformEvent } from '../core/source';
import {
  CYCLE,
  cycleOffset,
  DAY,
  DEPLOYMENTS,
  EPOCH,
  HOUR,
  INCIDENTS,
  MIN,
  TRENDING_DISK_NODE,
  type IncidentKind,
} from './platform';

/** Every deployment and incident that overlaps [from, to]. */
export function platformEvents(from: number, to: number): PlatformEvent[] {
  const events: PlatformEvent[] = [];
  for (let k = Math.floor((from - EPOCH) / CYCLE) - 1; EPOCH + k * CYCLE <= to; k++) {
    const base = EPOCH + k * CYCLE;
    const counts: Record<string, number> = {};
    for (const d of DEPLOYMENTS) {
      counts[d.service] = (counts[d.service] ?? 0) + 1;
      const time = base + d.at;
      if (time >= from && time <= to) {
        // build numbers grow by 10 per cycle, so versions are stable for a given instant
        const build = 500 + k * 10 + counts[d.service];
        events.push({
          time,
          service: d.service,
          kind: 'deployment',
          title: `${d.service} build ${build} deployed`,
          text: d.note,
        });
      }
    }
    for (const i of INCIDENTS) {
      const start = base + i.start;
      const end = base + i.end;
      if (end >= from && start <= to) {
        events.push({ time: start, timeEnd: end, service: i.service, kind: 'incident', title: i.title });
      }
    }
  }
  return events.sort((a, b) => a.time - b.time);
}

interface AlertRule {
  labels: Record<string, string>;
  summary: string;
  /** the firing interval that contains t, if any */
  firing(t: number): { start: number } | undefined;
  /** acknowledged (an active silence) once it has fired this long */
  silenceAfter?: number;
}

/** fires over [start+delay, end+hold) of each occurrence of the incident kind */
function duringIncident(kind: IncidentKind, delay: number, hold: number): (t: number) => { start: number } | undefined {
  const incident = INCIDENTS.find((i) => i.kind === kind)!;
  return (t) => {
    const o = cycleOffset(t);
    const from = incident.start + delay;
    return o >= from && o < incident.end + hold ? { start: t - o + from } : undefined;
  };
}

/** fires over [from, to) offsets of every cycle */
function cycleWindow(from: number, to: number): (t: number) => { start: number } | undefined {
  return (t) => {
    const o = cycleOffset(t);
    return o >= from && o < to ? { start: t - o + from } : undefined;
  };
}

/** fires on weekdays between the two UTC hours */
function weekdayHours(fromHour: number, toHour: number): (t: number) => { start: number } | undefined {
  return (t) => {
    const dayStart = Math.floor(t / DAY) * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    const h = (t - dayStart) / HOUR;
    return weekday >= 1 && weekday <= 5 && h >= fromHour && h < toHour
      ? { start: dayStart + fromHour * HOUR }
      : undefined;
  };
}

/** offset at which node-4's disk (68% at the cycle start, +30%/month) passes its 80% warning line */
export const DISK_WARNING_OFFSET = Math.ceil((30 * DAY * Math.log(0.8 / 0.68)) / Math.log(1.3) / MIN) * MIN;

const RULES: AlertRule[] = [
  {
    labels: { alertname: 'ServiceDown', severity: 'critical', service: 'workflow_engine' },
    summary: 'workflow_engine has no healthy instance: every request fails with 503',
    firing: duringIncident('outage', MIN, MIN),
  },
  {
    labels: { alertname: 'SLOErrorBudgetFastBurn', severity: 'critical', service: 'workflow_engine' },
    summary: 'workflow_engine availability is burning 2% of its 30-day error budget within 1h',
    firing: duringIncident('outage', 2 * MIN, 5 * MIN),
  },
  {
    labels: { alertname: 'SLOErrorBudgetFastBurn', severity: 'critical', service: 'api_gateway' },
    summary: 'api_gateway availability is burning 2% of its 30-day error budget within 1h',
    firing: duringIncident('error-burst', 2 * MIN, 5 * MIN),
    silenceAfter: 10 * MIN,
  },
  {
    labels: { alertname: 'SLOErrorBudgetSlowBurn', severity: 'high', service: 'agent_manager' },
    summary: 'agent_manager availability is burning 5% of its 30-day error budget within 1d',
    firing: duringIncident('slow-burn', 6 * HOUR, HOUR),
    silenceAfter: 4 * HOUR,
  },
  {
    labels: { alertname: 'SLOLatencyBurn', severity: 'high', service: 'workflow_engine' },
    summary: 'workflow_engine p95 latency above 300 ms since the last deployment',
    firing: duringIncident('latency-regression', 15 * MIN, 5 * MIN),
    silenceAfter: HOUR,
  },
  {
    labels: { alertname: 'NodeDiskUsageHigh', severity: 'warning', service: 'storage', node: TRENDING_DISK_NODE },
    summary: `${TRENDING_DISK_NODE} disk usage above 80% and still growing`,
    firing: cycleWindow(DISK_WARNING_OFFSET, CYCLE),
    silenceAfter: DAY,
  },
  {
    labels: { alertname: 'DatabaseConnectionsHigh', severity: 'warning', service: 'workflow_engine', instance: 'db-1' },
    summary: 'db-1 connection pool above 70% during the business peak',
    firing: weekdayHours(13, 17),
  },
  {
    labels: { alertname: 'CertificateExpiringSoon', severity: 'warning', service: 'api_gateway' },
    summary: 'the api_gateway TLS certificate expires in less than 21 days (renewed every 4 weeks)',
    firing: cycleWindow(0, 21 * DAY),
  },
];

/** 16 hex digits, like Alertmanager's fingerprints: FNV-1a over the sorted labels, twice with different seeds. */
function fingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0000${labels[k]}\u0000`)
    .join('');
  const fnv = (seed: number) => {
    let h = seed;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    return (h >>> 0).toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}

/** The alerts firing at `at`, with the schedule that owns them and silences for the acknowledged ones. */
export function alertsAt(at: number): Alert[] {
  const alerts: Alert[] = [];
  for (const rule of RULES) {
    const f = rule.firing(at);
    if (!f) {
      continue;
    }
    const labels = { ...rule.labels, schedule: 'platform' };
    const id = fingerprint(labels);
    const silenced = rule.silenceAfter !== undefined && at - f.start >= rule.silenceAfter;
    alerts.push({
      fingerprint: id,
      labels,
      annotations: { summary: rule.summary },
      startsAt: f.start,
      silencedBy: silenced ? [`demo-silence-${id.slice(0, 8)}`] : [],
    });
  }
  return alerts;
}
