/**
 * On-call schedules: who is primary and secondary at an instant, when that changes, and hours on call.
 * Pure functions of a ScheduleDefinition and epoch-ms instants; every rule is in UTC (DESIGN.md):
 *
 * - Rotation index k = floor((t - handoff) / rotation), floored for t before the handoff too (k < 0),
 *   and taken modulo the member count with a non-negative modulo.
 * - With shifts, the active shift is the one whose [start, end) holds t's UTC time of day (a shift whose end is
 *   before its start wraps past midnight); primary = members[k mod n], secondary = members[(k+1) mod n].
 *   Without shifts the schedule is one implicit all-day roster over `members` (shift name "").
 *   No shift holding t is a gap: nobody is on call.
 * - An override replaces the primary of its shift (every shift when it names none) for [start, end).
 *   When several overrides hold t, the one that starts latest wins; on equal starts the later in the file wins.
 *   When the override's member was the secondary, the replaced primary becomes secondary, so escalating to the
 *   secondary never reaches the same person twice.
 *
 * The definitions parser validates overlaps, gaps and empty member lists; this module only has to stay total
 * (empty rosters give null, overlapping shifts pick the first listed).
 */
import type { OverrideDefinition, ScheduleDefinition, ShiftDefinition } from '../definitions/model';
import { badQuery } from '../errors';
import { remember } from '../lru';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The shift name of a schedule without shifts (its implicit all-day roster). */
export const ALL_DAY = '';

/** Most segments one question may walk (e.g. a 1m rotation over a year); protects the backend from a huge loop. */
const MAX_SEGMENTS = 200_000;

/** a mod n in [0, n), also for negative a. */
export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

export function rotationIndex(schedule: ScheduleDefinition, t: number): number {
  return Math.floor((t - schedule.handoff) / schedule.rotation);
}

/** The shifts of a schedule, or its implicit all-day roster when it has none. */
export function rosters(schedule: ScheduleDefinition): ShiftDefinition[] {
  if (schedule.shifts.length > 0) {
    return schedule.shifts;
  }
  return [{ name: ALL_DAY, startMinute: 0, endMinute: 24 * 60, members: schedule.members }];
}

function shiftHolds(shift: ShiftDefinition, t: number): boolean {
  const timeOfDay = mod(t, DAY);
  const start = shift.startMinute * MINUTE;
  const end = shift.endMinute * MINUTE;
  return start < end ? timeOfDay >= start && timeOfDay < end : timeOfDay >= start || timeOfDay < end;
}

/** The shift whose [start, end) holds t's UTC time of day; undefined in a gap. */
export function activeShift(schedule: ScheduleDefinition, t: number): ShiftDefinition | undefined {
  return rosters(schedule).find((shift) => shiftHolds(shift, t));
}

/** The override that decides shift `shiftName` at t: latest start wins, then the later one in the file. */
export function activeOverride(
  schedule: ScheduleDefinition,
  shiftName: string,
  t: number
): OverrideDefinition | undefined {
  let winner: OverrideDefinition | undefined;
  for (const o of schedule.overrides) {
    const appliesToShift = o.shift === undefined || o.shift === shiftName;
    if (appliesToShift && o.start <= t && t < o.end && (!winner || o.start >= winner.start)) {
      winner = o;
    }
  }
  return winner;
}

export interface RosterState {
  primary: string | null;
  secondary: string | null;
  /** true when an override decided the primary */
  overridden: boolean;
}

/** Primary and secondary of one shift at t, whether or not the shift holds t (callers pick t inside it). */
export function shiftState(schedule: ScheduleDefinition, shift: ShiftDefinition, t: number): RosterState {
  const n = shift.members.length;
  const k = rotationIndex(schedule, t);
  let primary = n > 0 ? shift.members[mod(k, n)] : null;
  let secondary = n > 0 ? shift.members[mod(k + 1, n)] : null;
  const override = activeOverride(schedule, shift.name, t);
  if (!override) {
    return { primary, secondary, overridden: false };
  }
  if (override.member === secondary && override.member !== primary) {
    secondary = primary;
  }
  primary = override.member;
  return { primary, secondary, overridden: true };
}

export interface OnCallState extends RosterState {
  /** name of the active shift ("" for a schedule without shifts); null in a gap */
  shift: string | null;
}

/** Who is on call for the schedule at t. */
export function onCallAt(schedule: ScheduleDefinition, t: number): OnCallState {
  const shift = activeShift(schedule, t);
  if (!shift) {
    return { shift: null, primary: null, secondary: null, overridden: false };
  }
  return { shift: shift.name, ...shiftState(schedule, shift, t) };
}

/** The first rotation boundary strictly after t. */
export function nextRotation(schedule: ScheduleDefinition, t: number): number {
  return schedule.handoff + (rotationIndex(schedule, t) + 1) * schedule.rotation;
}

/** The first shift start or end strictly after t; null for a schedule without shifts. */
export function nextShiftChange(schedule: ScheduleDefinition, t: number): number | null {
  if (schedule.shifts.length === 0) {
    return null;
  }
  const day = t - mod(t, DAY);
  let next = Infinity;
  for (const shift of schedule.shifts) {
    for (const minute of [shift.startMinute, shift.endMinute]) {
      for (const d of [day, day + DAY]) {
        const b = d + minute * MINUTE;
        if (b > t && b < next) {
          next = b;
        }
      }
    }
  }
  return next;
}

export interface Occurrence {
  start: number;
  end: number;
}

/**
 * The occurrence of `shift` that holds t, else the next one to start. For the implicit all-day roster of a
 * schedule without shifts, the occurrence is the rotation period (one person's whole turn).
 */
export function shiftOccurrence(schedule: ScheduleDefinition, shift: ShiftDefinition, t: number): Occurrence {
  if (schedule.shifts.length === 0) {
    const start = schedule.handoff + rotationIndex(schedule, t) * schedule.rotation;
    return { start, end: start + schedule.rotation };
  }
  const startMs = shift.startMinute * MINUTE;
  const length = mod(shift.endMinute * MINUTE - startMs, DAY) || DAY;
  const day = t - mod(t, DAY);
  for (const d of [day - DAY, day, day + DAY]) {
    const start = d + startMs;
    if (start + length > t) {
      return { start, end: start + length };
    }
  }
  /* istanbul ignore next -- unreachable: the occurrence starting tomorrow always ends after t */
  throw new Error('no occurrence found');
}

/** The primary of `shift` after the next rotation: at the first instant >= the next rotation boundary it holds. */
export function nextPrimary(schedule: ScheduleDefinition, shift: ShiftDefinition, t: number): string | null {
  const boundary = nextRotation(schedule, t);
  const at = Math.max(boundary, shiftOccurrence(schedule, shift, boundary).start);
  return shiftState(schedule, shift, at).primary;
}

export interface Segment extends OnCallState {
  start: number;
  end: number;
}

/** Rotation boundaries, shift boundaries and override edges strictly inside (from, to), sorted and unique. */
function boundaries(schedule: ScheduleDefinition, from: number, to: number): number[] {
  const points = new Set<number>();
  if (!(schedule.rotation > 0)) {
    throw badQuery(`schedule "${schedule.id}": rotation must be a positive duration`);
  }
  const rotations = Math.ceil((to - from) / schedule.rotation);
  if (rotations > MAX_SEGMENTS) {
    throw badQuery(
      `schedule "${schedule.id}": ${rotations} rotations in the asked range is more than ${MAX_SEGMENTS}; ask a shorter range`
    );
  }
  for (let b = nextRotation(schedule, from); b < to; b += schedule.rotation) {
    points.add(b);
  }
  for (let day = from - mod(from, DAY); day < to; day += DAY) {
    for (const shift of schedule.shifts) {
      points.add(day + shift.startMinute * MINUTE);
      points.add(day + shift.endMinute * MINUTE);
    }
  }
  for (const o of schedule.overrides) {
    points.add(o.start);
    points.add(o.end);
  }
  return [...points].filter((p) => p > from && p < to).sort((a, b) => a - b);
}

const sameState = (a: OnCallState, b: OnCallState) =>
  a.shift === b.shift && a.primary === b.primary && a.secondary === b.secondary && a.overridden === b.overridden;

/** [from, to) cut into maximal pieces in which shift, primary, secondary and override do not change. */
export function segments(schedule: ScheduleDefinition, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  const points = [from, ...boundaries(schedule, from, to), to];
  for (let i = 0; i + 1 < points.length; i++) {
    const state = onCallAt(schedule, points[i]);
    const last = out[out.length - 1];
    if (last && sameState(last, state)) {
      last.end = points[i + 1];
    } else {
      out.push({ ...state, start: points[i], end: points[i + 1] });
    }
  }
  return out;
}

export interface Handoff {
  time: number;
  schedule: string;
  fromShift: string | null;
  toShift: string | null;
  fromPrimary: string | null;
  toPrimary: string | null;
  toSecondary: string | null;
  /** what moved: the rotation, a shift change, or an override starting or ending */
  reason: 'rotation' | 'shift' | 'override';
}

/** Instants in [from, to] at which the active shift or the primary changes (for annotations). */
export function handoffs(schedule: ScheduleDefinition, from: number, to: number): Handoff[] {
  const pieces = segments(schedule, from - 1, to + 1);
  const out: Handoff[] = [];
  for (let i = 1; i < pieces.length; i++) {
    const before = pieces[i - 1];
    const after = pieces[i];
    if (before.shift === after.shift && before.primary === after.primary) {
      continue;
    }
    const time = after.start;
    const reason =
      mod(time - schedule.handoff, schedule.rotation) === 0
        ? 'rotation'
        : before.shift !== after.shift
          ? 'shift'
          : 'override';
    out.push({
      time,
      schedule: schedule.id,
      fromShift: before.shift,
      toShift: after.shift,
      fromPrimary: before.primary,
      toPrimary: after.primary,
      toSecondary: after.secondary,
      reason,
    });
  }
  return out;
}

/** How far ahead to look for someone's next turn: every member comes round within n + 1 rotations. */
function lookahead(schedule: ScheduleDefinition): number {
  const longestRoster = Math.max(1, ...rosters(schedule).map((r) => r.members.length));
  return Math.min((longestRoster + 1) * schedule.rotation + 2 * DAY, 366 * DAY);
}

/** The first handoff strictly after t (primary or shift changes); null if none within the lookahead. */
export function nextHandoff(schedule: ScheduleDefinition, t: number): number | null {
  const next = handoffs(schedule, t + 1, t + lookahead(schedule))[0];
  return next ? next.time : null;
}

export interface MemberHours {
  /** ms as primary */
  primary: number;
  /** ms as secondary */
  secondary: number;
}

/** Every member named by the schedule (rosters, then override members), in first-mention order. */
export function scheduleMembers(schedule: ScheduleDefinition): string[] {
  const names = [
    ...schedule.members,
    ...schedule.shifts.flatMap((s) => s.members),
    ...schedule.overrides.map((o) => o.member),
  ];
  return [...new Set(names)];
}

/** Time on call per member in [from, to), primary and secondary apart. Every schedule member has an entry. */
export function hoursOnCall(schedule: ScheduleDefinition, from: number, to: number): Map<string, MemberHours> {
  const hours = new Map<string, MemberHours>(scheduleMembers(schedule).map((m) => [m, { primary: 0, secondary: 0 }]));
  for (const piece of segments(schedule, from, to)) {
    const length = piece.end - piece.start;
    if (piece.primary !== null) {
      hours.get(piece.primary)!.primary += length;
    }
    if (piece.secondary !== null) {
      hours.get(piece.secondary)!.secondary += length;
    }
  }
  return hours;
}

export interface MemberOutlook {
  member: string;
  /** primary at t */
  onCallNow: boolean;
  /** secondary at t (and not primary) */
  secondaryNow: boolean;
  /** start of the member's next turn as primary that begins after t (a turn that is under way does not count) */
  nextShiftStart: number | null;
  nextShiftName: string | null;
}

/** For every member: on call now, and when and in which shift their next turn as primary begins. */
export function memberOutlook(schedule: ScheduleDefinition, t: number): MemberOutlook[] {
  const pieces = segments(schedule, t, t + lookahead(schedule));
  const now = pieces[0];
  return scheduleMembers(schedule).map((member) => {
    let next: Segment | undefined;
    for (let i = 1; i < pieces.length && !next; i++) {
      if (pieces[i].primary === member && pieces[i - 1].primary !== member) {
        next = pieces[i];
      }
    }
    return {
      member,
      onCallNow: now.primary === member,
      secondaryNow: now.secondary === member && now.primary !== member,
      nextShiftStart: next ? next.start : null,
      nextShiftName: next ? next.shift : null,
    };
  });
}

const ZONE_FORMAT_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};
/** Building an Intl.DateTimeFormat costs far more than formatting with one: one per zone (an unknown zone is UTC). */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { ...ZONE_FORMAT_OPTIONS, timeZone });
    } catch {
      format = zoneFormat('UTC');
    }
    remember(zoneFormats, timeZone, format, 1000);
  }
  return format;
}

/**
 * An instant as "2026-02-01 09:00 CET" in the schedule's display zone (UTC when none, or when the zone is
 * unknown to this runtime). Display only: no rule depends on it.
 */
export function formatInZone(t: number, timeZone?: string): string {
  const format = zoneFormat(timeZone ?? 'UTC');
  const part = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${part.timeZoneName}`;
}
