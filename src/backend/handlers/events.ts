/**
 * The `events` query type, for annotations: one table frame with time, timeEnd, title, text and tags (a
 * comma-separated string, which Grafana's standard frame-to-annotation mapping splits), sorted by time.
 * Kinds: on-call handoffs (from the schedules) and deployments (from the platform's event feed, the demo only).
 */
import type { QueryHandler } from './types';
import type { ScheduleDefinition } from '../../core/definitions/model';
import { tableFrame } from '../../core/frame';
import { badQuery } from '../../core/errors';
import type { EventsQuery } from '../../core/query';
import { formatInZone, handoffs, type Handoff } from '../../core/oncall/schedule';
import { selectSchedules, serviceFilter } from './oncall';

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

export const handleEvents: QueryHandler = async (ctx) => {
  const kinds = kindsOf(ctx.query.kinds);
  const { from, to } = ctx.range;
  const rows: EventRow[] = [];
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
  return [{ ...frame, refId: ctx.refId }];
};
