/**
 * The `events` query type, for annotations: one table frame with time, timeEnd, title, text and tags (a
 * comma-separated string, which Grafana's standard frame-to-annotation mapping splits), sorted by time.
 * Kinds: SLO status changes and fast-burn periods (from the SLO engine, on the query's grid), on-call handoffs
 * (from the schedules) and deployments (from the platform's event feed, the demo only).
 */
import type { QueryContext, QueryHandler } from './types';
import type { ScheduleDefinition, SloDefinition } from '../../core/definitions/model';
import { tableFrame, type Notice } from '../../core/frame';
import { badQuery, QueryError } from '../../core/errors';
import type { EventsQuery } from '../../core/query';
import { formatInZone, handoffs, type Handoff } from '../../core/oncall/schedule';
import { burnConditions } from '../../core/slo/engine';
import { formatDuration } from '../../core/duration';
import { STATUS } from '../../core/slo/budget';
import { selectSchedules, serviceFilter } from './oncall';
import { engineFor, selectSlos } from './slo';

type EventKind = NonNullable<EventsQuery['kinds']>[number];
const KINDS: EventKind[] = ['status', 'fastBurn', 'handoff', 'deployment'];

interface EventRow {
  time: number;
  timeEnd: number;
  title: string;
  text: string;
  tags: string[];
}

function kindsOf(value: unknown): Set<EventKind> {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    return new Set(KINDS);
  }
  if (!Array.isArray(value) || value.some((k) => !KINDS.includes(k as EventKind))) {
    throw badQuery(`kinds must be a list of ${KINDS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return new Set(value as EventKind[]);
}

const who = (member: string | null) => member ?? 'nobody';
const shiftLabel = (shift: string | null) =>
  shift === null ? 'no shift' : shift === '' ? 'all day' : `shift ${shift}`;

function handoffRow(schedule: ScheduleDefinition, h: Handoff): EventRow {
  const shift = h.toShift ?? h.fromShift;
  return {
    time: h.time,
    timeEnd: h.time,
    title: `On-call handoff ${schedule.id}: ${who(h.fromPrimary)} → ${who(h.toPrimary)}`,
    text:
      `${shiftLabel(h.fromShift)} → ${shiftLabel(h.toShift)}; primary ${who(h.toPrimary)}, secondary ${who(h.toSecondary)} ` +
      `(${h.reason}, ${formatInZone(h.time, schedule.timeZone)})`,
    tags: ['handoff', `schedule:${schedule.id}`, ...(shift ? [`shift:${shift}`] : []), `reason:${h.reason}`],
  };
}

const STATUS_NAMES = Object.fromEntries(Object.entries(STATUS).map(([name, value]) => [value, name]));

/** Runs of consecutive grid points where the condition is 1: [first firing point, last firing point]. */
export function firingPeriods(times: number[], firing: Array<number | null>): Array<{ start: number; end: number }> {
  const periods: Array<{ start: number; end: number }> = [];
  firing.forEach((v, i) => {
    if (v !== 1) {
      return;
    }
    const last = periods[periods.length - 1];
    if (last && firing[i - 1] === 1) {
      last.end = times[i];
    } else {
      periods.push({ start: times[i], end: times[i] });
    }
  });
  return periods;
}

/** Grid points where the status differs from the point before (points without traffic are skipped). */
export function statusChanges(
  times: number[],
  status: Array<number | null>
): Array<{ time: number; from: number; to: number }> {
  const changes: Array<{ time: number; from: number; to: number }> = [];
  let previous: number | null = null;
  status.forEach((v, i) => {
    if (v === null) {
      return;
    }
    if (previous !== null && v !== previous) {
      changes.push({ time: times[i], from: previous, to: v });
    }
    previous = v;
  });
  return changes;
}

/** Status changes and fast-burn periods of the SLOs asked for; an SLO that cannot be evaluated becomes a notice. */
async function sloEvents(ctx: QueryContext, kinds: Set<EventKind>, notices: Notice[]): Promise<EventRow[]> {
  const { slos, notices: definitionNotices } = selectSlos(ctx);
  notices.push(...definitionNotices);
  const perSlo = await Promise.all(
    slos.map(async (slo): Promise<EventRow[]> => {
      try {
        return await eventsOfSlo(ctx, slo, kinds);
      } catch (e) {
        if (!(e instanceof QueryError)) {
          throw e;
        }
        notices.push({ severity: 'warning', text: `SLO "${slo.id}": ${e.message}` });
        return [];
      }
    })
  );
  return perSlo.flat();
}

async function eventsOfSlo(ctx: QueryContext, slo: SloDefinition, kinds: Set<EventKind>): Promise<EventRow[]> {
  const engine = engineFor(ctx, slo);
  const tags = [`slo:${slo.id}`, `service:${slo.service}`];
  const rows: EventRow[] = [];
  const pageWhen = burnConditions(ctx.definitions.definitions.policy, 'page')
    .map((c) => `${c.budget}% of the budget within ${formatDuration(c.long)}`)
    .join(' or ');
  const paging = kinds.has('fastBurn') ? await engine.alert('page') : undefined;
  if (paging) {
    for (const p of firingPeriods(engine.times, paging)) {
      rows.push({
        time: p.start,
        timeEnd: p.end,
        title: `Fast burn: ${slo.name}`,
        text: `${slo.id} burned its error budget at page level (${pageWhen})`,
        tags: ['fastBurn', ...tags],
      });
    }
  }
  if (kinds.has('status')) {
    const { series } = await engine.evaluate({ series: ['status'], signal: ctx.signal });
    for (const c of statusChanges(engine.times, series.status ?? [])) {
      rows.push({
        time: c.time,
        timeEnd: c.time,
        title: `SLO ${slo.name}: ${STATUS_NAMES[c.from]} → ${STATUS_NAMES[c.to]}`,
        text: `${slo.id} (${slo.service}) error budget status changed from ${STATUS_NAMES[c.from]} to ${STATUS_NAMES[c.to]}`,
        tags: ['status', ...tags, `status:${STATUS_NAMES[c.to]}`],
      });
    }
  }
  return rows;
}

export const handleEvents: QueryHandler = async (ctx) => {
  const kinds = kindsOf(ctx.query.kinds);
  const { from, to } = ctx.range;
  const notices: Notice[] = [];
  const rows: EventRow[] = kinds.has('status') || kinds.has('fastBurn') ? await sloEvents(ctx, kinds, notices) : [];
  if (kinds.has('handoff')) {
    for (const schedule of selectSchedules(ctx)) {
      rows.push(...handoffs(schedule, from, to).map((h) => handoffRow(schedule, h)));
    }
  }
  if (kinds.has('deployment') && ctx.events) {
    const service = serviceFilter(ctx.query.service);
    for (const e of ctx.events(from, to)) {
      if (e.kind === 'deployment' && (!service || e.service === service)) {
        rows.push({
          time: e.time,
          timeEnd: e.timeEnd ?? e.time,
          title: e.title,
          text: e.text ?? '',
          tags: ['deployment', ...(e.service ? [`service:${e.service}`] : [])],
        });
      }
    }
  }
  rows.sort((a, b) => a.time - b.time);
  const frame = tableFrame('events', [
    { name: 'time', type: 'time', values: rows.map((r) => r.time) },
    { name: 'timeEnd', type: 'time', values: rows.map((r) => r.timeEnd) },
    { name: 'title', type: 'string', values: rows.map((r) => r.title) },
    { name: 'text', type: 'string', values: rows.map((r) => r.text) },
    { name: 'tags', type: 'string', values: rows.map((r) => r.tags.join(',')) },
  ]);
  return [{ ...frame, refId: ctx.refId, meta: { ...frame.meta, ...(notices.length ? { notices } : {}) } }];
};
