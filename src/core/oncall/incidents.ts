/**
 * Incidents: active alerts turned into rows with the handbook's response deadlines and escalation level.
 *
 * Escalation levels at evaluation time `at` (operations handbook, "Escalation Procedures"), with d = at - started
 * and the severity's response times from the definitions (acknowledge, respond, escalate):
 *   1  on-call primary: from the start.
 *   2  on-call secondary: when the acknowledge deadline passed unacknowledged (at >= started + acknowledge and no
 *      silence matches), or when the escalate time passed (at >= started + escalate) acknowledged or not.
 *   3  engineering manager: when the incident runs over 2 hours (d > 2h, the handbook trigger
 *      "Incident duration > 2 hours"); sev1 to sev3 only.
 *   4  VP Engineering / CTO: a sev1 still open one escalate interval after level 3 (d > 2h + sev1 escalate,
 *      2h30m with the defaults).
 * sev4 ("escalation: None" in the handbook) reaches level 2 through its deadlines but never levels 3 and 4.
 * sev3's "next business day" is the definitions' escalate time, 24h by default: the secondary it reaches is on
 * call 24/7 (handbook), so a weekend does not stop it.
 */
import type { Definitions, ResponseTimes, Severity } from '../definitions/model';
import type { Alert } from '../source';
import { HOUR, onCallAt } from './schedule';

export const SEVERITIES: Severity[] = ['sev1', 'sev2', 'sev3', 'sev4'];

const SEVERITY_LABELS: Record<string, Severity> = {
  critical: 'sev1',
  page: 'sev1',
  sev1: 'sev1',
  high: 'sev2',
  error: 'sev2',
  sev2: 'sev2',
  warning: 'sev3',
  sev3: 'sev3',
};

/** The alert's `severity` label as sev1..sev4 (DESIGN.md); case and surrounding blanks are ignored. */
export function mapSeverity(label: string | undefined): Severity {
  return SEVERITY_LABELS[(label ?? '').trim().toLowerCase()] ?? 'sev4';
}

/** Handbook trigger "Incident duration > 2 hours". */
export const MANAGER_AFTER = 2 * HOUR;

export const ESCALATION_ROLES = [
  '',
  'on-call primary',
  'on-call secondary',
  'engineering manager',
  'VP Engineering',
] as const;

export function escalationLevel(
  severity: Severity,
  times: ResponseTimes,
  started: number,
  acknowledged: boolean,
  at: number
): number {
  const running = at - started;
  if (severity === 'sev1' && running > MANAGER_AFTER + times.escalate) {
    return 4;
  }
  if (severity !== 'sev4' && running > MANAGER_AFTER) {
    return 3;
  }
  if ((!acknowledged && running >= times.acknowledge) || running >= times.escalate) {
    return 2;
  }
  return 1;
}

export interface IncidentRow {
  alert: string;
  severity: Severity;
  service: string;
  started: number;
  state: 'firing' | 'acknowledged';
  ackDeadline: number;
  respondDeadline: number;
  escalationLevel: number;
  /** primary of the alert's schedule at `at`; null when the schedule is unknown, empty, or in a gap */
  onCall: string | null;
  /** secondary of that schedule at `at`: whom level 2 reaches */
  secondaryOnCall: string | null;
  summary: string;
  acknowledged: boolean;
  /** seconds until the acknowledge deadline (negative = overdue); null once acknowledged */
  ackRemaining: number | null;
  escalateAt: number;
  escalationRole: string;
  /** id of the schedule that answers for it ('' when no schedule) */
  schedule: string;
  fingerprint: string;
}

export interface IncidentsResult {
  rows: IncidentRow[];
  /** alerts naming a `schedule` label that the definitions do not have */
  unknownSchedules: string[];
}

/** Rows for the active alerts at `at`, sorted by severity (sev1 first), then oldest first. */
export function incidentRows(alerts: Alert[], definitions: Definitions, at: number): IncidentsResult {
  const unknown = new Set<string>();
  const rows = alerts.map((a): IncidentRow => {
    const severity = mapSeverity(a.labels.severity);
    const times = definitions.response[severity];
    const acknowledged = a.silencedBy.length > 0;
    const wanted = a.labels.schedule;
    const schedule = wanted ? definitions.oncall.find((s) => s.id === wanted) : definitions.oncall[0];
    if (wanted && !schedule) {
      unknown.add(wanted);
    }
    const ackDeadline = a.startsAt + times.acknowledge;
    const level = escalationLevel(severity, times, a.startsAt, acknowledged, at);
    const onCall = schedule ? onCallAt(schedule, at) : undefined;
    return {
      alert: a.labels.alertname ?? '',
      severity,
      service: a.labels.service ?? '',
      started: a.startsAt,
      state: acknowledged ? 'acknowledged' : 'firing',
      ackDeadline,
      respondDeadline: a.startsAt + times.respond,
      escalationLevel: level,
      onCall: onCall?.primary ?? null,
      secondaryOnCall: onCall?.secondary ?? null,
      summary: a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? '',
      acknowledged,
      ackRemaining: acknowledged ? null : (ackDeadline - at) / 1000,
      escalateAt: a.startsAt + times.escalate,
      escalationRole: ESCALATION_ROLES[level],
      schedule: schedule?.id ?? '',
      fingerprint: a.fingerprint,
    };
  });
  rows.sort((x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity) || x.started - y.started);
  return { rows, unknownSchedules: [...unknown] };
}
