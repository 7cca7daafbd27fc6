/**
 * Schedules against instants worked out by hand. Every expected value below is derived in the comment beside it
 * from DESIGN.md's rules: k = floor((t - handoff) / rotation), primary = members[k mod n],
 * secondary = members[(k + 1) mod n], the active shift holds t's UTC time of day in [start, end).
 */
import type { ScheduleDefinition } from '../../../src/core/definitions/model';
import { at, db, gappy, H, platform } from './fixtures';
import {
  activeShift,
  formatInZone,
  handoffs,
  hoursOnCall,
  memberOutlook,
  nextHandoff,
  nextPrimary,
  nextRotation,
  nextShiftChange,
  onCallAt,
  rosters,
  rotationIndex,
  segments,
  shiftOccurrence,
} from '../../../src/core/oncall/schedule';

describe('rotation index and who is on call', () => {
  it.each([
    // k = 0 from the handoff instant; us holds 00:00-07:59
    ['2026-01-05T00:00', 0, 'us', 'ana', 'ben'],
    ['2026-01-05T07:59', 0, 'us', 'ana', 'ben'],
    // 08:00 belongs to eu, not us ([start, end)): eu members[0] = chen
    ['2026-01-05T08:00', 0, 'eu', 'chen', 'dana'],
    ['2026-01-05T15:59', 0, 'eu', 'chen', 'dana'],
    ['2026-01-05T16:00', 0, 'apac', 'eli', 'fay'],
    // Sunday 23:59 is still 6d23h59m after the handoff: k = 0
    ['2026-01-11T23:59', 0, 'apac', 'eli', 'fay'],
    // Monday 00:00 one week on: k = 1, us members[1] = ben, secondary members[0] = ana
    ['2026-01-12T00:00', 1, 'us', 'ben', 'ana'],
    ['2026-01-12T08:00', 1, 'eu', 'dana', 'chen'],
    ['2026-01-12T16:00', 1, 'apac', 'fay', 'eli'],
    // 2026-01-26 is 21 days on: k = 3, 3 mod 2 = 1
    ['2026-01-26T12:00', 3, 'eu', 'dana', 'chen'],
    // before the handoff: -1 min / 1w floors to k = -1, (-1 mod 2) = 1 -> fay, secondary members[0] = eli
    ['2026-01-04T23:59', -1, 'apac', 'fay', 'eli'],
    // exactly one week before: k = -1 -> us members[1] = ben
    ['2025-12-29T00:00', -1, 'us', 'ben', 'ana'],
    // one minute earlier: -7d-1m floors to k = -2 -> members[0]
    ['2025-12-28T23:59', -2, 'apac', 'eli', 'fay'],
    ['2025-12-22T08:00', -2, 'eu', 'chen', 'dana'],
  ])('platform at %s: k=%d, %s primary %s secondary %s', (iso, k, shiftName, primary, secondary) => {
    expect(rotationIndex(platform, at(iso))).toBe(k);
    expect(onCallAt(platform, at(iso))).toEqual({ shift: shiftName, primary, secondary, overridden: false });
  });

  it.each([
    // 09:30 is the handoff: one minute before, k = floor(-1m / 12h) = -1, -1 mod 3 = 2 -> c, secondary a
    ['2026-01-05T09:29', -1, 'c', 'a'],
    ['2026-01-05T09:30', 0, 'a', 'b'],
    ['2026-01-05T21:29', 0, 'a', 'b'],
    ['2026-01-05T21:30', 1, 'b', 'c'],
    ['2026-01-06T09:30', 2, 'c', 'a'],
    ['2026-01-06T21:30', 3, 'a', 'b'],
    // -24h exactly: k = -2, -2 mod 3 = 1 -> b; one minute earlier k = -3 -> 0 -> a
    ['2026-01-04T09:30', -2, 'b', 'c'],
    ['2026-01-04T09:29', -3, 'a', 'b'],
  ])('db (no shifts) at %s: k=%d primary %s secondary %s', (iso, k, primary, secondary) => {
    expect(rotationIndex(db, at(iso))).toBe(k);
    expect(onCallAt(db, at(iso))).toEqual({ shift: '', primary, secondary, overridden: false });
  });
});

describe('overrides', () => {
  it.each([
    // O1 (chen) replaces ana on us from 02:00; the secondary stays ben
    ['2026-01-06T01:59', 'ana', 'ben', false],
    ['2026-01-06T02:00', 'chen', 'ben', true],
    // O2 (ben) starts later than O1, so it wins; ben was the secondary, so the replaced primary ana moves there
    ['2026-01-06T04:00', 'ben', 'ana', true],
    ['2026-01-06T04:29', 'ben', 'ana', true],
    // O2 ends at 04:30 (end exclusive): back to O1
    ['2026-01-06T04:30', 'chen', 'ben', true],
    ['2026-01-06T05:00', 'ana', 'ben', false],
  ])('us on 2026-01-06 at %s: primary %s, secondary %s', (iso, primary, secondary, overridden) => {
    expect(onCallAt(platform, at(iso))).toEqual({ shift: 'us', primary, secondary, overridden });
  });

  it('an override without a shift replaces the primary of every shift, secondaries unchanged', () => {
    expect(onCallAt(platform, at('2026-01-07T00:00'))).toEqual({
      shift: 'us',
      primary: 'gus',
      secondary: 'ben',
      overridden: true,
    });
    expect(onCallAt(platform, at('2026-01-07T10:00'))).toEqual({
      shift: 'eu',
      primary: 'gus',
      secondary: 'dana',
      overridden: true,
    });
    expect(onCallAt(platform, at('2026-01-07T23:59'))).toEqual({
      shift: 'apac',
      primary: 'gus',
      secondary: 'fay',
      overridden: true,
    });
    expect(onCallAt(platform, at('2026-01-08T00:00'))).toEqual({
      shift: 'us',
      primary: 'ana',
      secondary: 'ben',
      overridden: false,
    });
  });

  it('on equal starts the override listed later wins', () => {
    const twice: ScheduleDefinition = {
      ...db,
      overrides: [
        { start: at('2026-01-05T10:00'), end: at('2026-01-05T12:00'), member: 'x' },
        { start: at('2026-01-05T10:00'), end: at('2026-01-05T11:00'), member: 'y' },
      ],
    };
    expect(onCallAt(twice, at('2026-01-05T10:30')).primary).toBe('y');
    expect(onCallAt(twice, at('2026-01-05T11:00')).primary).toBe('x');
  });
});

describe('gaps and shifts that wrap midnight', () => {
  it.each([
    ['2026-03-02T05:59', 'night', 'chen'],
    ['2026-03-02T06:00', null, null], // 06:00-08:00: nobody
    ['2026-03-02T07:59', null, null],
    ['2026-03-02T08:00', 'day', 'ana'], // Monday: k = 0
    ['2026-03-03T08:00', 'day', 'ben'], // Tuesday: k = 1
    ['2026-03-02T20:00', null, null], // 20:00-22:00: nobody
    ['2026-03-02T22:00', 'night', 'chen'],
  ])('gappy at %s: %s %s', (iso, shiftName, primary) => {
    expect(activeShift(gappy, at(iso))?.name ?? null).toBe(shiftName);
    expect(onCallAt(gappy, at(iso)).primary).toBe(primary);
  });

  it('finds the occurrence that holds t, or the next one', () => {
    const night = gappy.shifts[1];
    // Monday 03:00 is inside the night shift that began Sunday 22:00
    expect(shiftOccurrence(gappy, night, at('2026-03-02T03:00'))).toEqual({
      start: at('2026-03-01T22:00'),
      end: at('2026-03-02T06:00'),
    });
    // Monday 07:00 is in the gap: the next night starts Monday 22:00
    expect(shiftOccurrence(gappy, night, at('2026-03-02T07:00'))).toEqual({
      start: at('2026-03-02T22:00'),
      end: at('2026-03-03T06:00'),
    });
    // without shifts the occurrence is the rotation period: 09:30-21:30
    expect(shiftOccurrence(db, rosters(db)[0], at('2026-01-05T12:00'))).toEqual({
      start: at('2026-01-05T09:30'),
      end: at('2026-01-05T21:30'),
    });
  });

  it('counts hours over a week with gaps', () => {
    // day shift 12h a day: ana on Mon, Wed, Fri, Sun (k even) = 48h, ben Tue, Thu, Sat = 36h; secondaries the other way.
    // night [chen]: Mon 00-06 (Sunday's night) 6h + 22-24 on 7 days 14h + 00-06 Tue..Sun 36h = 56h; with one member
    // chen is also the secondary. Gaps 4h a day = 28h; 84 + 56 + 28 = 168.
    const hours = hoursOnCall(gappy, at('2026-03-02T00:00'), at('2026-03-09T00:00'));
    expect(Object.fromEntries([...hours].map(([m, h]) => [m, [h.primary / H, h.secondary / H]]))).toEqual({
      ana: [48, 36],
      ben: [36, 48],
      chen: [56, 56],
    });
    const nobody = segments(gappy, at('2026-03-02T00:00'), at('2026-03-09T00:00'))
      .filter((s) => s.shift === null)
      .reduce((sum, s) => sum + s.end - s.start, 0);
    expect(nobody / H).toBe(28);
  });
});

describe('next handoff, rotation and primary', () => {
  it('gives the next rotation boundary and the next shift change apart, and the first of them', () => {
    const t = at('2026-01-05T03:00');
    expect(nextRotation(platform, t)).toBe(at('2026-01-12T00:00'));
    expect(nextShiftChange(platform, t)).toBe(at('2026-01-05T08:00'));
    expect(nextHandoff(platform, t)).toBe(at('2026-01-05T08:00'));
    // Sunday 20:00: the shift change at midnight is also the rotation boundary
    expect(nextShiftChange(platform, at('2026-01-11T20:00'))).toBe(at('2026-01-12T00:00'));
    expect(nextHandoff(platform, at('2026-01-11T20:00'))).toBe(at('2026-01-12T00:00'));
    // before the handoff the boundary is the handoff itself
    expect(nextRotation(platform, at('2026-01-04T23:59'))).toBe(at('2026-01-05T00:00'));
    // no shifts: only the rotation
    expect(nextShiftChange(db, at('2026-01-05T12:00'))).toBeNull();
    expect(nextHandoff(db, at('2026-01-05T12:00'))).toBe(at('2026-01-05T21:30'));
    // an override that starts is a handoff too
    expect(nextHandoff(platform, at('2026-01-06T01:00'))).toBe(at('2026-01-06T02:00'));
  });

  it('names the primary after the next rotation', () => {
    const [us, eu] = platform.shifts;
    // from Jan 5 (k = 0) the next rotation is Jan 12 (k = 1): us -> ben, eu (first holds at 08:00) -> dana
    expect(nextPrimary(platform, us, at('2026-01-05T03:00'))).toBe('ben');
    expect(nextPrimary(platform, eu, at('2026-01-05T03:00'))).toBe('dana');
    expect(nextPrimary(db, rosters(db)[0], at('2026-01-05T12:00'))).toBe('b');
  });

  it('lists handoffs in a range with their reasons', () => {
    const list = handoffs(platform, at('2026-01-06T00:00'), at('2026-01-06T09:00')).map((h) => [
      new Date(h.time).toISOString().slice(11, 16),
      h.fromPrimary,
      h.toPrimary,
      h.reason,
    ]);
    expect(list).toEqual([
      ['00:00', 'eli', 'ana', 'shift'], // apac -> us at midnight (not a rotation boundary: Tuesday)
      ['02:00', 'ana', 'chen', 'override'],
      ['04:00', 'chen', 'ben', 'override'],
      ['04:30', 'ben', 'chen', 'override'],
      ['05:00', 'chen', 'ana', 'override'],
      ['08:00', 'ana', 'chen', 'shift'],
    ]);
    // Monday midnight is a rotation boundary: Sunday's apac is eli (k = 0), Monday's us is ben (k = 1)
    const monday = handoffs(platform, at('2026-01-12T00:00'), at('2026-01-12T00:00'));
    expect(monday.map((h) => [h.fromPrimary, h.toPrimary, h.reason])).toEqual([['eli', 'ben', 'rotation']]);
  });
});

describe('hours on call and next shifts per member', () => {
  it('sums primary and secondary hours over the first week, overrides included', () => {
    // Without overrides each shift is 8h x 7 = 56h: ana/chen/eli primary, ben/dana/fay secondary.
    // O1+O2 take 3h of us from ana on Jan 6: chen 02-04 and 04:30-05 (2.5h), ben 04-04:30 (0.5h, ana secondary).
    // O3 gives gus all 24h of Jan 7 (8h from each of ana, chen, eli); secondaries stay.
    // ana 56-3-8 = 45, ben 0.5, chen 56+2.5-8 = 50.5, eli 48, gus 24 -> 168. Secondary: ana 0.5, ben 55.5, dana 56, fay 56.
    const hours = hoursOnCall(platform, at('2026-01-05T00:00'), at('2026-01-12T00:00'));
    expect(Object.fromEntries([...hours].map(([m, h]) => [m, [h.primary / H, h.secondary / H]]))).toEqual({
      ana: [45, 0.5],
      ben: [0.5, 55.5],
      chen: [50.5, 0],
      dana: [0, 56],
      eli: [48, 0],
      fay: [0, 56],
      gus: [24, 0],
    });
  });

  it('gives each member their next turn as primary (a turn under way does not count)', () => {
    const outlook = memberOutlook(platform, at('2026-01-07T10:00'));
    const row = (m: string) => outlook.find((o) => o.member === m)!;
    // gus holds all of Jan 7: on call now, and no later turn
    expect(row('gus')).toEqual({
      member: 'gus',
      onCallNow: true,
      secondaryNow: false,
      nextShiftStart: null,
      nextShiftName: null,
    });
    expect(row('dana')).toMatchObject({
      onCallNow: false,
      secondaryNow: true,
      nextShiftStart: at('2026-01-12T08:00'),
      nextShiftName: 'eu',
    });
    expect(row('ana')).toMatchObject({ nextShiftStart: at('2026-01-08T00:00'), nextShiftName: 'us' });
    expect(row('ben')).toMatchObject({ nextShiftStart: at('2026-01-12T00:00'), nextShiftName: 'us' });
    expect(row('chen')).toMatchObject({ nextShiftStart: at('2026-01-08T08:00'), nextShiftName: 'eu' });
    // apac on Jan 7 16:00 is gus's (O3), so eli's next turn is Jan 8 16:00
    expect(row('eli')).toMatchObject({ nextShiftStart: at('2026-01-08T16:00'), nextShiftName: 'apac' });
    expect(row('fay')).toMatchObject({ nextShiftStart: at('2026-01-12T16:00'), nextShiftName: 'apac' });
  });
});

describe('display time zone', () => {
  it('formats only; the rules stay UTC', () => {
    expect(formatInZone(at('2026-01-07T08:00'), 'America/New_York')).toBe('2026-01-07 03:00 EST');
    expect(formatInZone(at('2026-07-07T08:00'), 'America/New_York')).toBe('2026-07-07 04:00 EDT');
    expect(formatInZone(at('2026-01-07T08:00'))).toBe('2026-01-07 08:00 UTC');
    expect(formatInZone(at('2026-01-07T08:00'), 'Not/AZone')).toBe('2026-01-07 08:00 UTC');
    const zoned = { ...platform, timeZone: 'Asia/Singapore' };
    expect(onCallAt(zoned, at('2026-01-05T08:00'))).toEqual(onCallAt(platform, at('2026-01-05T08:00')));
  });
});

describe('guards', () => {
  it('refuses ranges with too many rotations instead of looping for ever', () => {
    const fast = { ...db, rotation: 1000 };
    // 5 days of 1 s rotations (plus the 1 ms each side that handoffs looks at) = 432,001
    expect(() => handoffs(fast, at('2026-01-05T00:00'), at('2026-01-10T00:00'))).toThrow(
      'schedule "db": 432001 rotations in the asked range is more than 200000; ask a shorter range'
    );
    expect(() => hoursOnCall({ ...db, rotation: 0 }, 0, H)).toThrow(
      'schedule "db": rotation must be a positive duration'
    );
  });
});
