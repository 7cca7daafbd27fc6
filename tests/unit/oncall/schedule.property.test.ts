/**
 * Property check of the interval arithmetic against brute force: for random schedules whose every boundary falls on
 * a whole minute, asking onCallAt at every minute of a window must give the same hours per member and the same
 * handoffs as the segment walk (hoursOnCall, handoffs, nextHandoff, memberOutlook).
 */
import fc from 'fast-check';
import type { ScheduleDefinition } from '../../../src/core/definitions/model';
import { handoffs, hoursOnCall, memberOutlook, nextHandoff, onCallAt } from '../../../src/core/oncall/schedule';

const MIN = 60_000;
const BASE = Date.parse('2026-01-05T00:00:00Z');
const NAMES = ['ana', 'ben', 'chen', 'dana', 'eli'];

const schedule = fc
  .record({
    handoffMin: fc.integer({ min: -5000, max: 5000 }),
    rotationMin: fc.integer({ min: 30, max: 3 * 1440 }),
    // cut points of the day (minutes); empty = no shifts
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 1439 }), { maxLength: 3 }),
    rosters: fc.array(fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }), {
      minLength: 4,
      maxLength: 4,
    }),
    overrides: fc.array(
      fc.record({
        startMin: fc.integer({ min: 0, max: 3 * 1440 }),
        lengthMin: fc.integer({ min: 1, max: 600 }),
        member: fc.constantFrom(...NAMES, 'gus'),
        shift: fc.integer({ min: -1, max: 3 }),
      }),
      { maxLength: 3 }
    ),
  })
  .map(({ handoffMin, rotationMin, cuts, rosters, overrides }): ScheduleDefinition => {
    const points = [0, ...[...cuts].sort((a, b) => a - b), 1440];
    const shifts =
      cuts.length === 0
        ? []
        : points
            .slice(1)
            .map((end, i) => ({ name: `s${i}`, startMinute: points[i], endMinute: end, members: rosters[i] }));
    return {
      id: 'p',
      name: 'p',
      handoff: BASE + handoffMin * MIN,
      rotation: rotationMin * MIN,
      members: rosters[0],
      shifts,
      overrides: overrides.map((o) => ({
        start: BASE + o.startMin * MIN,
        end: BASE + (o.startMin + o.lengthMin) * MIN,
        member: o.member,
        shift: o.shift < 0 || shifts.length === 0 ? undefined : shifts[o.shift % shifts.length].name,
      })),
      origin: 'property',
    };
  });

describe('schedule arithmetic equals a minute-by-minute scan', () => {
  it('hours, handoffs, next handoff and next turns', () => {
    fc.assert(
      fc.property(
        schedule,
        fc.integer({ min: 0, max: 2 * 1440 }),
        fc.integer({ min: 60, max: 1440 }),
        (s, fromMin, lengthMin) => {
          const from = BASE + fromMin * MIN;
          const to = from + lengthMin * MIN;
          const primary = new Map<string, number>();
          const secondary = new Map<string, number>();
          const changes: Array<[number, string | null]> = [];
          let before = onCallAt(s, from - MIN);
          for (let t = from; t < to; t += MIN) {
            const now = onCallAt(s, t);
            if (now.primary) primary.set(now.primary, (primary.get(now.primary) ?? 0) + 1);
            if (now.secondary) secondary.set(now.secondary, (secondary.get(now.secondary) ?? 0) + 1);
            if (now.shift !== before.shift || now.primary !== before.primary) changes.push([t, now.primary]);
            before = now;
          }
          const hours = hoursOnCall(s, from, to);
          for (const [member, h] of hours) {
            expect([member, h.primary / MIN, h.secondary / MIN]).toEqual([
              member,
              primary.get(member) ?? 0,
              secondary.get(member) ?? 0,
            ]);
          }
          expect(handoffs(s, from, to - MIN).map((h) => [h.time, h.toPrimary])).toEqual(changes);
          const next = nextHandoff(s, from);
          const firstAfter = changes.find(([t]) => t > from);
          if (firstAfter) {
            expect(next).toBe(firstAfter[0]);
          }
          for (const o of memberOutlook(s, from)) {
            expect(o.onCallNow).toBe(onCallAt(s, from).primary === o.member);
            if (o.nextShiftStart !== null) {
              expect(onCallAt(s, o.nextShiftStart).primary).toBe(o.member);
              expect(onCallAt(s, o.nextShiftStart - MIN).primary).not.toBe(o.member);
            }
          }
        }
      ),
      { numRuns: 100, seed: 20261126 }
    );
  });
});
