/**
 * The `oncall`, `incidents` and `availability` query types (DESIGN.md): tables for the on-call board.
 * All the rules live in src/core/oncall; this file picks schedules, evaluation times and columns.
 */
import type { QueryContext, QueryHandler } from './types';
import { formatDefinitionError, type ScheduleDefinition, type Severity } from '../../core/definitions/model';
import { tableFrame, type Field, type Frame, type Notice } from '../../core/frame';
import { badQuery, notFound } from '../../core/errors';
import {
  DAY,
  formatInZone,
  hoursOnCall,
  memberOutlook,
  nextHandoff,
  nextPrimary,
  nextRotation,
  rosters,
  shiftOccurrence,
  shiftState,
} from '../../core/oncall/schedule';
import { incidentRows, SEVERITIES } from '../../core/oncall/incidents';

const HOURS_WINDOW = 30 * DAY;

const timeField = (name: string, values: Array<number | null>): Field => ({ name, type: 'time', values });
const stringField = (name: string, values: Array<string | null>): Field => ({ name, type: 'string', values });
const boolField = (name: string, values: boolean[]): Field => ({ name, type: 'boolean', values });
const numberField = (name: string, values: Array<number | null>, unit?: string): Field => ({
  name,
  type: 'number',
  values,
  ...(unit ? { config: { unit } } : {}),
});

/** Definition problems of one section as frame notices, so valid items keep working beside them. */
function definitionNotices(ctx: QueryContext, section: string): Notice[] {
  return ctx.definitions.errors
    .filter((e) => e.path.startsWith(section))
    .map((e) => ({ severity: 'warning', text: formatDefinitionError(e) }));
}

/** The schedules a query asks for (`schedule`: one id or several, omitted = all); unknown or invalid ids are named errors. */
export function selectSchedules(ctx: QueryContext): ScheduleDefinition[] {
  const all = ctx.definitions.definitions.oncall;
  const wanted = filterValues(ctx.query.schedule, 'schedule');
  return wanted ? wanted.map((id) => scheduleById(ctx, id)) : all;
}

function scheduleById(ctx: QueryContext, id: string): ScheduleDefinition {
  const all = ctx.definitions.definitions.oncall;
  const found = all.find((s) => s.id === id);
  if (found) {
    return found;
  }
  const invalid = ctx.definitions.errors.filter((e) => e.path.startsWith('oncall') && e.itemId === id);
  if (invalid.length > 0) {
    throw badQuery(invalid.map(formatDefinitionError).join('; '));
  }
  const known = all.map((s) => s.id).join(', ') || 'none';
  throw notFound(`schedule "${id}" is not defined (defined: ${known})`);
}

/** Column headers a person reads in a table panel; the field names stay the contract's. */
const COLUMN_TITLES: Record<string, string> = {
  nextPrimary: 'Next primary',
  shiftStart: 'Shift start',
  shiftEnd: 'Shift end',
  nextHandoff: 'Next handoff',
  nextRotation: 'Next rotation',
  ackDeadline: 'Acknowledge by',
  respondDeadline: 'Respond by',
  escalationLevel: 'Escalation level',
  onCall: 'On call',
  ackRemaining: 'Time to acknowledge',
  escalateAt: 'Escalates at',
  escalationRole: 'Escalated to',
  secondaryOnCall: 'Secondary',
  hoursPrimaryLast30d: 'Primary hours (30 d)',
  hoursSecondaryLast30d: 'Secondary hours (30 d)',
  nextShiftStart: 'Next shift',
  nextShiftName: 'Next shift name',
  onCallNow: 'On call now',
  secondaryNow: 'Secondary now',
};

function withNotices(frame: Frame, notices: Notice[], ctx: QueryContext): Frame {
  const fields = frame.fields.map((f) =>
    COLUMN_TITLES[f.name] ? { ...f, config: { ...f.config, displayNameFromDS: COLUMN_TITLES[f.name] } } : f
  );
  return { ...frame, fields, refId: ctx.refId, meta: { ...frame.meta, ...(notices.length ? { notices } : {}) } };
}

/** A row per schedule x shift, evaluated at the end of the time range. */
export const handleOncall: QueryHandler = async (ctx) => {
  const at = ctx.range.to;
  const rows = selectSchedules(ctx).flatMap((schedule) => {
    const handoff = nextHandoff(schedule, at);
    return rosters(schedule).map((shift) => {
      const occurrence = shiftOccurrence(schedule, shift, at);
      const active = occurrence.start <= at;
      // a shift that is not on now shows who takes its next occurrence
      const ref = active ? at : occurrence.start;
      const zone = schedule.timeZone;
      return {
        schedule,
        shift: shift.name,
        active,
        ...shiftState(schedule, shift, ref),
        occurrence,
        nextPrimary: nextPrimary(schedule, shift, ref),
        nextHandoff: handoff,
        nextRotation: nextRotation(schedule, ref),
        localTime: `${formatInZone(occurrence.start, zone)} – ${formatInZone(occurrence.end, zone)}`,
      };
    });
  });
  const frame = tableFrame('oncall', [
    stringField(
      'schedule',
      rows.map((r) => r.schedule.id)
    ),
    stringField(
      'shift',
      rows.map((r) => r.shift)
    ),
    boolField(
      'active',
      rows.map((r) => r.active)
    ),
    stringField(
      'primary',
      rows.map((r) => r.primary)
    ),
    stringField(
      'secondary',
      rows.map((r) => r.secondary)
    ),
    timeField(
      'shiftStart',
      rows.map((r) => r.occurrence.start)
    ),
    timeField(
      'shiftEnd',
      rows.map((r) => r.occurrence.end)
    ),
    stringField(
      'nextPrimary',
      rows.map((r) => r.nextPrimary)
    ),
    timeField(
      'nextHandoff',
      rows.map((r) => r.nextHandoff)
    ),
    timeField(
      'nextRotation',
      rows.map((r) => r.nextRotation)
    ),
    boolField(
      'overridden',
      rows.map((r) => r.overridden)
    ),
    stringField(
      'scheduleName',
      rows.map((r) => r.schedule.name)
    ),
    stringField(
      'localTime',
      rows.map((r) => r.localTime)
    ),
  ]);
  const notices = definitionNotices(ctx, 'oncall');
  if (ctx.definitions.definitions.oncall.length === 0) {
    notices.push({
      severity: 'info',
      text: 'no on-call schedules defined: add an `oncall` section to the definitions',
    });
  }
  return [withNotices(frame, notices, ctx)];
};

const ALL_WORDS = ['*', '.*', '$__all', 'All', 'all'];

/**
 * A filter field as the query editor sends it: one value, a comma list, a list, or a multi-value template
 * variable in Grafana's default `{a,b}` form. undefined = no filter (omitted, empty, or the variable's "All").
 */
export function filterValues(value: unknown, field: string): string[] | undefined {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.replace(/^\{(.*)\}$/, '$1').split(',')
      : value == null
        ? []
        : [value];
  if (list.some((v) => typeof v !== 'string')) {
    throw badQuery(`${field} must be a string or a list of strings, got ${JSON.stringify(value)}`);
  }
  const values = (list as string[]).map((v) => v.trim()).filter((v) => v !== '');
  return values.length === 0 || values.some((v) => ALL_WORDS.includes(v)) ? undefined : values;
}

/** `severity`: sev1..sev4, one or several; omitted = all. */
function severityFilter(value: unknown): Set<Severity> | undefined {
  const list = filterValues(value, 'severity');
  for (const v of list ?? []) {
    if (!SEVERITIES.includes(v as Severity)) {
      throw badQuery(`severity must be one of ${SEVERITIES.join(', ')} (or a list of them), got ${JSON.stringify(v)}`);
    }
  }
  return list && new Set(list as Severity[]);
}

/** Grafana's "All" of a template variable, or nothing: no service filter. */
export function serviceFilter(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || ALL_WORDS.includes(value)) {
    return undefined;
  }
  return value;
}

/** A row per active alert, evaluated now: deadlines, escalation level and who is on call for it. */
export const handleIncidents: QueryHandler = async (ctx) => {
  if (!ctx.alerts) {
    throw badQuery('no Alertmanager configured: set jsonData.alertmanagerUrl');
  }
  const severities = severityFilter(ctx.query.severity);
  const service = serviceFilter(ctx.query.service);
  const at = ctx.now;
  const alerts = await ctx.alerts.activeAlerts(at, ctx.signal);
  const { rows: all, unknownSchedules } = incidentRows(alerts, ctx.definitions.definitions, at);
  const rows = all.filter((r) => (!severities || severities.has(r.severity)) && (!service || r.service === service));
  const frame = tableFrame(
    'incidents',
    [
      stringField(
        'alert',
        rows.map((r) => r.alert)
      ),
      stringField(
        'severity',
        rows.map((r) => r.severity)
      ),
      stringField(
        'service',
        rows.map((r) => r.service)
      ),
      timeField(
        'started',
        rows.map((r) => r.started)
      ),
      stringField(
        'state',
        rows.map((r) => r.state)
      ),
      timeField(
        'ackDeadline',
        rows.map((r) => r.ackDeadline)
      ),
      timeField(
        'respondDeadline',
        rows.map((r) => r.respondDeadline)
      ),
      numberField(
        'escalationLevel',
        rows.map((r) => r.escalationLevel)
      ),
      stringField(
        'onCall',
        rows.map((r) => r.onCall)
      ),
      stringField(
        'summary',
        rows.map((r) => r.summary)
      ),
      boolField(
        'acknowledged',
        rows.map((r) => r.acknowledged)
      ),
      numberField(
        'ackRemaining',
        rows.map((r) => r.ackRemaining),
        's'
      ),
      timeField(
        'escalateAt',
        rows.map((r) => r.escalateAt)
      ),
      stringField(
        'escalationRole',
        rows.map((r) => r.escalationRole)
      ),
      stringField(
        'secondaryOnCall',
        rows.map((r) => r.secondaryOnCall)
      ),
      stringField(
        'schedule',
        rows.map((r) => r.schedule)
      ),
      stringField(
        'fingerprint',
        rows.map((r) => r.fingerprint)
      ),
    ],
    { executedQueryString: `${ctx.alerts.describe()}: GET /api/v2/alerts?active=true&silenced=true&inhibited=true` }
  );
  const notices = [...definitionNotices(ctx, 'response'), ...definitionNotices(ctx, 'oncall')];
  for (const id of unknownSchedules) {
    notices.push({
      severity: 'warning',
      text: `alerts name schedule "${id}", which the definitions do not have: onCall is empty for them`,
    });
  }
  return [withNotices(frame, notices, ctx)];
};

/** A row per schedule x member: hours on call in the 30 days before the end of the range, and the next turn. */
export const handleAvailability: QueryHandler = async (ctx) => {
  const schedules = selectSchedules(ctx);
  const at = ctx.range.to;
  const rows = schedules.flatMap((schedule) => {
    const hours = hoursOnCall(schedule, at - HOURS_WINDOW, at);
    return memberOutlook(schedule, at).map((o) => ({ schedule: schedule.id, ...o, hours: hours.get(o.member)! }));
  });
  const frame = tableFrame('availability', [
    stringField(
      'schedule',
      rows.map((r) => r.schedule)
    ),
    stringField(
      'member',
      rows.map((r) => r.member)
    ),
    numberField(
      'hoursPrimaryLast30d',
      rows.map((r) => r.hours.primary / 3_600_000),
      'h'
    ),
    numberField(
      'hoursSecondaryLast30d',
      rows.map((r) => r.hours.secondary / 3_600_000),
      'h'
    ),
    timeField(
      'nextShiftStart',
      rows.map((r) => r.nextShiftStart)
    ),
    stringField(
      'nextShiftName',
      rows.map((r) => r.nextShiftName)
    ),
    boolField(
      'onCallNow',
      rows.map((r) => r.onCallNow)
    ),
    boolField(
      'secondaryNow',
      rows.map((r) => r.secondaryNow)
    ),
  ]);
  return [withNotices(frame, definitionNotices(ctx, 'oncall'), ctx)];
};
