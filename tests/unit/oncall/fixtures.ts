/** Schedules whose on-call instants are worked out by hand in schedule.test.ts; shared by the handler tests. */
import type { ScheduleDefinition } from '../../../src/core/definitions/model';

export const at = (iso: string) => Date.parse(`${iso}Z`);
export const H = 3_600_000;
const shift = (name: string, start: number, end: number, members: string[]) => ({
  name,
  startMinute: start * 60,
  endMinute: end * 60,
  members,
});

/** DESIGN.md's example, with overrides that change who is on call. 2026-01-05 is a Monday. */
export const platform: ScheduleDefinition = {
  id: 'platform',
  name: 'Platform',
  handoff: at('2026-01-05T00:00'),
  rotation: 7 * 24 * H,
  members: [],
  shifts: [
    shift('us', 0, 8, ['ana', 'ben']),
    shift('eu', 8, 16, ['chen', 'dana']),
    shift('apac', 16, 24, ['eli', 'fay']),
  ],
  overrides: [
    { start: at('2026-01-06T02:00'), end: at('2026-01-06T05:00'), member: 'chen', shift: 'us' }, // O1
    { start: at('2026-01-06T04:00'), end: at('2026-01-06T04:30'), member: 'ben', shift: 'us' }, // O2 starts later: wins
    { start: at('2026-01-07T00:00'), end: at('2026-01-08T00:00'), member: 'gus' }, // O3: every shift, a stand-in
  ],
  origin: 'test',
};

/** No shifts: a 12h rotation of three from 09:30 UTC. */
export const db: ScheduleDefinition = {
  id: 'db',
  name: 'Database',
  handoff: at('2026-01-05T09:30'),
  rotation: 12 * H,
  members: ['a', 'b', 'c'],
  shifts: [],
  overrides: [],
  origin: 'test',
};

/** A week with gaps: day 08-20 [ana, ben], night 22-06 (wraps midnight) [chen]; nobody 06-08 and 20-22. Daily rotation. */
export const gappy: ScheduleDefinition = {
  id: 'gappy',
  name: 'Gappy',
  handoff: at('2026-03-02T00:00'), // a Monday
  rotation: 24 * H,
  members: [],
  shifts: [shift('day', 8, 20, ['ana', 'ben']), shift('night', 22, 6, ['chen'])],
  overrides: [],
  origin: 'test',
};
