/**
 * DataFrames -> on-call board. Accepts (see ../README.md) any table frames with these columns
 * (names matched loosely, times as epoch ms or ISO strings):
 *  - schedules: schedule, shift, active, primary, secondary, shiftStart, shiftEnd, nextPrimary [, nextHandoff]
 *  - incidents: alert, severity (sev1..sev4 or critical/high/warning/...), service, started, state, ackDeadline,
 *    respondDeadline, escalationLevel, onCall, summary
 */
import { DataFrame } from '@grafana/data';
import { findField, toBool, toNumber, toText, toTime } from '../../shared/frames';
import { IncidentView, ScheduleView, Severity, ShiftView } from './model';

/** The DESIGN.md mapping of alert severity labels: critical/page -> sev1, high/error -> sev2, warning -> sev3, else sev4. */
export function toSeverity(value: unknown): Severity {
  const text = String(value ?? '').toLowerCase();
  if (['sev1', 'critical', 'page', 'p1'].includes(text)) {
    return 'sev1';
  }
  if (['sev2', 'high', 'error', 'p2'].includes(text)) {
    return 'sev2';
  }
  if (['sev3', 'warning', 'medium', 'p3'].includes(text)) {
    return 'sev3';
  }
  return 'sev4';
}

function readSchedules(frame: DataFrame): ScheduleView[] {
  const col = (...names: string[]) => findField(frame, ...names);
  const schedule = col('schedule', 'rotation')!;
  const c = {
    shift: col('shift', 'name'),
    active: col('active', 'onNow'),
    primary: col('primary'),
    secondary: col('secondary'),
    start: col('shiftStart', 'start'),
    end: col('shiftEnd', 'end'),
    nextPrimary: col('nextPrimary'),
    nextHandoff: col('nextHandoff', 'handoff'),
  };
  const byId = new Map<string, { id: string; shifts: ShiftView[]; handoff?: number }>();
  for (let row = 0; row < schedule.values.length; row++) {
    const id = toText(schedule.values[row]) ?? '';
    const start = toTime(c.start?.values[row]);
    const end = toTime(c.end?.values[row]);
    let entry = byId.get(id);
    if (!entry) {
      entry = { id, shifts: [] };
      byId.set(id, entry);
    }
    const handoff = toTime(c.nextHandoff?.values[row]) ?? undefined;
    if (handoff !== undefined) {
      entry.handoff = Math.min(entry.handoff ?? Infinity, handoff);
    }
    entry.shifts.push({
      name: toText(c.shift?.values[row]) ?? id,
      active: c.active ? toBool(c.active.values[row]) : false,
      primary: toText(c.primary?.values[row]),
      secondary: toText(c.secondary?.values[row]),
      start: start ?? NaN,
      end: end ?? NaN,
      nextPrimary: toText(c.nextPrimary?.values[row]),
    });
  }
  return [...byId.values()].map(({ id, shifts, handoff }) => {
    const active = shifts.find((s) => s.active);
    const nextHandoff = handoff ?? active?.end;
    // the shift that starts at the handoff; a single-shift rotation hands over to itself (next rotation's primary)
    const nextShift = nextHandoff === undefined ? undefined : shifts.find((s) => s !== active && s.start === nextHandoff);
    return { id, shifts, active, nextHandoff, nextShift };
  });
}

function readIncidents(frame: DataFrame): IncidentView[] {
  const col = (...names: string[]) => findField(frame, ...names);
  const alert = col('alert', 'alertname', 'name')!;
  const c = {
    severity: col('severity'),
    service: col('service'),
    started: col('started', 'startsAt'),
    state: col('state', 'status'),
    ack: col('ackDeadline', 'acknowledgeDeadline'),
    respond: col('respondDeadline'),
    level: col('escalationLevel', 'escalation'),
    onCall: col('onCall', 'assignee'),
    summary: col('summary', 'description'),
  };
  const out: IncidentView[] = [];
  for (let row = 0; row < alert.values.length; row++) {
    const state = toText(c.state?.values[row]) ?? 'firing';
    out.push({
      alert: toText(alert.values[row]) ?? '',
      severity: toSeverity(c.severity?.values[row]),
      service: toText(c.service?.values[row]),
      started: toTime(c.started?.values[row]) ?? undefined,
      state,
      acknowledged: ['acknowledged', 'acked', 'suppressed'].includes(state.toLowerCase()),
      ackDeadline: toTime(c.ack?.values[row]) ?? undefined,
      respondDeadline: toTime(c.respond?.values[row]) ?? undefined,
      escalationLevel: toNumber(c.level?.values[row]) ?? undefined,
      onCall: toText(c.onCall?.values[row]),
      summary: toText(c.summary?.values[row]),
    });
  }
  return out;
}

export function framesToOncall(frames: DataFrame[]): { schedules: ScheduleView[]; incidents: IncidentView[] } {
  const schedules: ScheduleView[] = [];
  const incidents: IncidentView[] = [];
  for (const frame of frames) {
    if (findField(frame, 'alert', 'alertname') && findField(frame, 'severity')) {
      incidents.push(...readIncidents(frame));
    } else if (findField(frame, 'schedule', 'rotation') && findField(frame, 'primary')) {
      schedules.push(...readSchedules(frame));
    }
  }
  return { schedules, incidents };
}

/** Most urgent first: severity, then unacknowledged before acknowledged, then the earliest ack deadline. */
export function sortIncidents(incidents: IncidentView[]): IncidentView[] {
  return [...incidents].sort(
    (a, b) =>
      a.severity.localeCompare(b.severity) ||
      Number(a.acknowledged) - Number(b.acknowledged) ||
      (a.ackDeadline ?? Infinity) - (b.ackDeadline ?? Infinity) ||
      a.alert.localeCompare(b.alert)
  );
}

const DAY = 86_400_000;

/** A shift's place on a 24-hour UTC strip, as [from, to) fractions of the day (split at midnight). */
export function stripSegments(shift: ShiftView): Array<[number, number]> {
  if (!Number.isFinite(shift.start) || !Number.isFinite(shift.end)) {
    return [];
  }
  const length = shift.end - shift.start;
  if (length >= DAY) {
    return [[0, 1]];
  }
  const from = (((shift.start % DAY) + DAY) % DAY) / DAY;
  const to = from + length / DAY;
  return to <= 1 ? [[from, to]] : [[from, 1], [0, to - 1]];
}
