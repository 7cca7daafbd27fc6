/**
 * Test factories for the on-call board in the backend's frame form (src/core/frame.ts): the `oncall` and
 * `incidents` tables. NOW is a Tuesday at 12:00 UTC, inside the EU shift of DESIGN.md's example schedule.
 */
import { Frame, tableFrame } from '../../../core/frame';

export const NOW = Date.UTC(2026, 1, 3, 12, 0, 0);
const H = 3_600_000;
const M = 60_000;
const DAY0 = Date.UTC(2026, 1, 3);

export interface ShiftRow {
  schedule: string;
  shift: string;
  active: boolean;
  primary: string;
  secondary: string;
  shiftStart: number;
  shiftEnd: number;
  nextPrimary: string;
  nextHandoff?: number;
}

export interface IncidentRow {
  alert: string;
  severity: string;
  service: string;
  started: number;
  state: string;
  ackDeadline: number;
  respondDeadline: number;
  escalationLevel: number;
  onCall: string;
  summary: string;
}

export const DEMO_SHIFTS: ShiftRow[] = [
  { schedule: 'platform', shift: 'us', active: false, primary: 'ben', secondary: 'ana', shiftStart: DAY0 + 24 * H, shiftEnd: DAY0 + 32 * H, nextPrimary: 'ana', nextHandoff: DAY0 + 16 * H },
  { schedule: 'platform', shift: 'eu', active: true, primary: 'chen', secondary: 'dana', shiftStart: DAY0 + 8 * H, shiftEnd: DAY0 + 16 * H, nextPrimary: 'dana', nextHandoff: DAY0 + 16 * H },
  { schedule: 'platform', shift: 'apac', active: false, primary: 'fay', secondary: 'eli', shiftStart: DAY0 + 16 * H, shiftEnd: DAY0 + 24 * H, nextPrimary: 'eli', nextHandoff: DAY0 + 16 * H },
  { schedule: 'database', shift: 'database', active: true, primary: 'gus', secondary: 'hana', shiftStart: DAY0 - 24 * H, shiftEnd: DAY0 + 6 * 24 * H, nextPrimary: 'hana' },
];

export const DEMO_INCIDENTS: IncidentRow[] = [
  {
    alert: 'NotificationQueueBacklog',
    severity: 'sev3',
    service: 'notification_service',
    started: NOW - 20 * M,
    state: 'firing',
    ackDeadline: NOW + 40 * M,
    respondDeadline: NOW + 3 * H + 40 * M,
    escalationLevel: 1,
    onCall: 'chen',
    summary: 'Queue depth above 10k for 15 minutes',
  },
  {
    alert: 'WorkflowEngineFastBurn',
    severity: 'sev1',
    service: 'workflow_engine',
    started: NOW - 7 * M,
    state: 'firing',
    ackDeadline: NOW - 2 * M,
    respondDeadline: NOW + 8 * M,
    escalationLevel: 2,
    onCall: 'chen',
    summary: 'Error budget burning at 22x over 1h and 5m',
  },
  {
    alert: 'AgentManagerLatencyHigh',
    severity: 'sev2',
    service: 'agent_manager',
    started: NOW - 7 * M - 30_000,
    state: 'firing',
    ackDeadline: NOW + 7 * M + 30_000,
    respondDeadline: NOW + 22 * M + 30_000,
    escalationLevel: 1,
    onCall: 'chen',
    summary: 'p95 latency 420 ms (SLO 300 ms)',
  },
  {
    alert: 'ApiGatewayErrors',
    severity: 'sev1',
    service: 'api_gateway',
    started: NOW - 12 * M,
    state: 'acknowledged',
    ackDeadline: NOW - 7 * M,
    respondDeadline: NOW + 3 * M,
    escalationLevel: 1,
    onCall: 'chen',
    summary: '5xx ratio 1.2% on /v1/workflows',
  },
];

export function oncallFrame(rows: ShiftRow[] = DEMO_SHIFTS): Frame {
  const col = <K extends keyof ShiftRow>(name: K, type: 'string' | 'number' | 'boolean' | 'time') => ({ name, type, values: rows.map((r) => (r[name] ?? null) as string | number | boolean | null) });
  return {
    ...tableFrame('oncall', [
      col('schedule', 'string'),
      col('shift', 'string'),
      col('active', 'boolean'),
      col('primary', 'string'),
      col('secondary', 'string'),
      col('shiftStart', 'time'),
      col('shiftEnd', 'time'),
      col('nextPrimary', 'string'),
      col('nextHandoff', 'time'),
    ]),
    refId: 'A',
  };
}

export function incidentsFrame(rows: IncidentRow[] = DEMO_INCIDENTS): Frame {
  const col = <K extends keyof IncidentRow>(name: K, type: 'string' | 'number' | 'time') => ({ name, type, values: rows.map((r) => r[name]) });
  return {
    ...tableFrame('incidents', [
      col('alert', 'string'),
      col('severity', 'string'),
      col('service', 'string'),
      col('started', 'time'),
      col('state', 'string'),
      col('ackDeadline', 'time'),
      col('respondDeadline', 'time'),
      col('escalationLevel', 'number'),
      col('onCall', 'string'),
      col('summary', 'string'),
    ]),
    refId: 'B',
  };
}
