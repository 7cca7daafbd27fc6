/**
 * The oncall, availability and events handlers on the hand-worked schedules of fixtures.ts
 * (the incidents handler is tested against a real Alertmanager in tests/integration/oncall-alertmanager.test.ts).
 */
import { handleAvailability, handleIncidents, handleOncall } from '../../../src/backend/handlers/oncall';
import { handleEvents } from '../../../src/backend/handlers/events';
import type { PlatformEvent } from '../../../src/core/source';
import { at, db, H, platform } from './fixtures';
import { queryContext, rowsOf } from './context';

const definitions = { oncall: [platform, db] };

describe('oncall table', () => {
  it('has a row per schedule x shift, evaluated at the end of the range', async () => {
    // Wednesday 2026-01-07 10:00: O3 puts gus on every shift of the day
    const ctx = queryContext({
      query: { queryType: 'oncall', schedule: 'platform' },
      definitions,
      range: { from: at('2026-01-07T04:00'), to: at('2026-01-07T10:00') },
    });
    const [frame] = await handleOncall(ctx);
    expect(frame.refId).toBe('A');
    expect(frame.meta?.type).toBe('table');
    expect(frame.fields.slice(0, 9).map((f) => [f.name, f.type])).toEqual([
      ['schedule', 'string'],
      ['shift', 'string'],
      ['active', 'boolean'],
      ['primary', 'string'],
      ['secondary', 'string'],
      ['shiftStart', 'time'],
      ['shiftEnd', 'time'],
      ['nextPrimary', 'string'],
      ['nextHandoff', 'time'],
    ]);
    const common = { schedule: 'platform', nextHandoff: at('2026-01-07T16:00'), nextRotation: at('2026-01-12T00:00') };
    expect(rowsOf(frame)).toEqual([
      // us is off now: its next occurrence is Thursday 00:00 (O3 over), k = 0 -> ana; after the rotation (k = 1) ben
      {
        ...common,
        shift: 'us',
        active: false,
        primary: 'ana',
        secondary: 'ben',
        shiftStart: at('2026-01-08T00:00'),
        shiftEnd: at('2026-01-08T08:00'),
        nextPrimary: 'ben',
        overridden: false,
        scheduleName: 'Platform',
        localTime: '2026-01-08 00:00 UTC – 2026-01-08 08:00 UTC',
      },
      {
        ...common,
        shift: 'eu',
        active: true,
        primary: 'gus',
        secondary: 'dana',
        shiftStart: at('2026-01-07T08:00'),
        shiftEnd: at('2026-01-07T16:00'),
        nextPrimary: 'dana',
        overridden: true,
        scheduleName: 'Platform',
        localTime: '2026-01-07 08:00 UTC – 2026-01-07 16:00 UTC',
      },
      {
        ...common,
        shift: 'apac',
        active: false,
        primary: 'gus',
        secondary: 'fay',
        shiftStart: at('2026-01-07T16:00'),
        shiftEnd: at('2026-01-08T00:00'),
        nextPrimary: 'fay',
        overridden: true,
        scheduleName: 'Platform',
        localTime: '2026-01-07 16:00 UTC – 2026-01-08 00:00 UTC',
      },
    ]);
  });

  it('shows a schedule without shifts as one row over its rotation period, times in its display zone', async () => {
    const zoned = { ...db, timeZone: 'Asia/Kolkata' }; // UTC+05:30
    const ctx = queryContext({
      query: { queryType: 'oncall' },
      definitions: { oncall: [zoned] },
      range: { from: 0, to: at('2026-01-05T12:00') },
    });
    expect(rowsOf((await handleOncall(ctx))[0])).toEqual([
      {
        schedule: 'db',
        shift: '',
        active: true,
        primary: 'a',
        secondary: 'b',
        shiftStart: at('2026-01-05T09:30'),
        shiftEnd: at('2026-01-05T21:30'),
        nextPrimary: 'b',
        nextHandoff: at('2026-01-05T21:30'),
        nextRotation: at('2026-01-05T21:30'),
        overridden: false,
        scheduleName: 'Database',
        localTime: '2026-01-05 15:00 GMT+5:30 – 2026-01-06 03:00 GMT+5:30',
      },
    ]);
  });

  it('names unknown and invalid schedules, and carries definition problems as notices', async () => {
    const errors = [
      {
        source: 'defs.yaml',
        path: 'oncall[2]',
        itemId: 'broken',
        message: 'shifts "a" and "b" overlap from 07:00 to 08:00',
      },
    ];
    const base = { definitions, errors, range: { from: 0, to: at('2026-01-07T10:00') } };
    await expect(
      handleOncall(queryContext({ ...base, query: { queryType: 'oncall', schedule: 'nope' } }))
    ).rejects.toMatchObject({
      status: 404,
      message: 'schedule "nope" is not defined (defined: platform, db)',
    });
    await expect(
      handleOncall(queryContext({ ...base, query: { queryType: 'oncall', schedule: 'broken' } }))
    ).rejects.toMatchObject({
      status: 400,
      message: 'defs.yaml: oncall[2] "broken": shifts "a" and "b" overlap from 07:00 to 08:00',
    });
    const [frame] = await handleOncall(queryContext({ ...base, query: { queryType: 'oncall' } }));
    expect(frame.meta?.notices).toEqual([
      { severity: 'warning', text: 'defs.yaml: oncall[2] "broken": shifts "a" and "b" overlap from 07:00 to 08:00' },
    ]);
    expect(rowsOf(frame)).toHaveLength(4);
  });
});

describe('availability table', () => {
  it('sums the last 30 days per member and gives the next turn', async () => {
    // Window [Jan 5, Feb 4): weeks k = 0..3 and two days of k = 4. Per shift, the even-k member has 16 days x 8h = 128h
    // primary, the odd-k member 14 x 8h = 112h; the first week's overrides move hours as in schedule.test.ts:
    // ana 128-3-8 = 117, ben 112+0.5, chen 128+2.5-8 = 122.5, eli 128-8 = 120, gus 24 (sum 720 = 30 x 24).
    // Secondary: ana 112+0.5, ben 128-0.5, chen 112, dana 128, eli 112, fay 128 (sum 720).
    // Feb 4 00:00 is a Wednesday of k = 4: us, ana primary, ben secondary.
    const ctx = queryContext({
      query: { queryType: 'availability', schedule: 'platform' },
      definitions,
      range: { from: 0, to: at('2026-02-04T00:00') },
    });
    const [frame] = await handleAvailability(ctx);
    expect(frame.fields.map((f) => f.name)).toEqual([
      'schedule',
      'member',
      'hoursPrimaryLast30d',
      'hoursSecondaryLast30d',
      'nextShiftStart',
      'nextShiftName',
      'onCallNow',
      'secondaryNow',
    ]);
    const rows = rowsOf(frame).map((r) => [
      r.member,
      r.hoursPrimaryLast30d,
      r.hoursSecondaryLast30d,
      r.nextShiftStart,
      r.nextShiftName,
      r.onCallNow,
      r.secondaryNow,
    ]);
    expect(rows).toEqual([
      ['ana', 117, 112.5, at('2026-02-05T00:00'), 'us', true, false],
      ['ben', 112.5, 127.5, at('2026-02-09T00:00'), 'us', false, true],
      ['chen', 122.5, 112, at('2026-02-04T08:00'), 'eu', false, false],
      ['dana', 112, 128, at('2026-02-09T08:00'), 'eu', false, false],
      ['eli', 120, 112, at('2026-02-04T16:00'), 'apac', false, false],
      ['fay', 112, 128, at('2026-02-09T16:00'), 'apac', false, false],
      ['gus', 24, 0, null, null, false, false],
    ]);
  });
});

describe('events (annotations)', () => {
  const platformEvents: PlatformEvent[] = [
    {
      time: at('2026-01-06T03:00'),
      kind: 'deployment',
      service: 'api_gateway',
      title: 'api_gateway v1.2.3',
      text: 'canary',
    },
    { time: at('2026-01-06T06:00'), kind: 'deployment', service: 'workflow_engine', title: 'workflow_engine v9' },
    { time: at('2026-01-06T07:00'), kind: 'incident', service: 'api_gateway', title: 'outage' },
  ];
  const range = { from: at('2026-01-06T00:00'), to: at('2026-01-06T09:00') };

  it('lists handoffs and deployments in the range as an annotation table, by time', async () => {
    const ctx = queryContext({
      query: { queryType: 'events', schedule: 'platform', service: 'api_gateway' },
      definitions,
      range,
      events: () => platformEvents,
    });
    const [frame] = await handleEvents(ctx);
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['time', 'time'],
      ['timeEnd', 'time'],
      ['title', 'string'],
      ['text', 'string'],
      ['tags', 'string'],
    ]);
    const rows = rowsOf(frame);
    expect(rows.map((r) => [new Date(r.time as number).toISOString().slice(11, 16), r.title])).toEqual([
      ['00:00', 'On-call handoff platform: eli → ana'],
      ['02:00', 'On-call handoff platform: ana → chen'],
      ['03:00', 'api_gateway v1.2.3'],
      ['04:00', 'On-call handoff platform: chen → ben'],
      ['04:30', 'On-call handoff platform: ben → chen'],
      ['05:00', 'On-call handoff platform: chen → ana'],
      ['08:00', 'On-call handoff platform: ana → chen'],
    ]);
    expect(rows[0]).toMatchObject({
      text: 'shift apac → shift us; primary ana, secondary ben (shift, 2026-01-06 00:00 UTC)',
      tags: 'handoff,schedule:platform,shift:us,reason:shift',
    });
    expect(rows[2]).toMatchObject({
      timeEnd: at('2026-01-06T03:00'),
      text: 'canary',
      tags: 'deployment,service:api_gateway',
    });
  });

  it('keeps to the asked kinds and rejects unknown ones', async () => {
    const ctx = queryContext({
      query: { queryType: 'events', kinds: ['deployment'] },
      definitions,
      range,
      events: () => platformEvents,
    });
    expect(rowsOf((await handleEvents(ctx))[0]).map((r) => r.title)).toEqual([
      'api_gateway v1.2.3',
      'workflow_engine v9',
    ]);
    await expect(handleEvents({ ...ctx, query: { queryType: 'events', kinds: ['handoffs'] } })).rejects.toMatchObject({
      status: 400,
      message: 'kinds must be a list of status, fastBurn, handoff, deployment, got ["handoffs"]',
    });
    // without a platform feed (a real Prometheus) there are no deployments, and no error
    const none = await handleEvents({ ...ctx, events: undefined });
    expect(rowsOf(none[0])).toEqual([]);
  });

  it('marks a gap as a handoff to nobody', async () => {
    const gap = { ...db, shifts: [{ name: 'day', startMinute: 8 * 60, endMinute: 20 * 60, members: ['a'] }] };
    const ctx = queryContext({
      query: { queryType: 'events', kinds: ['handoff'] },
      definitions: { oncall: [gap] },
      range: { from: at('2026-01-05T19:00'), to: at('2026-01-05T21:00') },
    });
    const rows = rowsOf((await handleEvents(ctx))[0]);
    expect(rows.map((r) => [r.title, r.text])).toEqual([
      [
        'On-call handoff db: a → nobody',
        'shift day → no shift; primary nobody, secondary nobody (shift, 2026-01-05 20:00 UTC)',
      ],
    ]);
  });
});

describe('incidents without Alertmanager', () => {
  it('asks for the setting', async () => {
    const ctx = queryContext({ query: { queryType: 'incidents' }, definitions, range: { from: 0, to: H } });
    await expect(handleIncidents(ctx)).rejects.toMatchObject({
      status: 400,
      message: 'no Alertmanager configured: set jsonData.alertmanagerUrl',
    });
  });
});

describe('filters as the query editor sends them', () => {
  const alerts = {
    describe: () => 'test alerts',
    activeAlerts: async () =>
      ['critical', 'high', 'warning', 'info'].map((severity, i) => ({
        fingerprint: String(i),
        labels: { alertname: severity, severity },
        annotations: {},
        startsAt: 0,
        silencedBy: [],
      })),
  };
  const severities = async (severity: unknown) => {
    const ctx = queryContext({
      query: { queryType: 'incidents', severity },
      definitions,
      range: { from: 0, to: H },
      alerts,
    });
    return rowsOf((await handleIncidents(ctx))[0]).map((r) => r.severity);
  };
  const schedules = async (schedule: unknown) => {
    const ctx = queryContext({ query: { queryType: 'oncall', schedule }, definitions, range: { from: 0, to: H } });
    return [...new Set(rowsOf((await handleOncall(ctx))[0]).map((r) => r.schedule))];
  };

  it.each([
    [undefined, ['sev1', 'sev2', 'sev3', 'sev4']],
    ['', ['sev1', 'sev2', 'sev3', 'sev4']],
    ['$__all', ['sev1', 'sev2', 'sev3', 'sev4']],
    ['sev2', ['sev2']],
    ['sev1, sev3', ['sev1', 'sev3']],
    ['{sev2,sev4}', ['sev2', 'sev4']], // a multi-value variable in Grafana's default format
    [
      ['sev4', 'sev1'],
      ['sev1', 'sev4'],
    ],
  ])('severity %j -> %j', async (severity, expected) => expect(await severities(severity)).toEqual(expected));

  it.each([
    [undefined, ['platform', 'db']],
    ['All', ['platform', 'db']],
    ['db', ['db']],
    ['{db,platform}', ['db', 'platform']],
  ])('schedule %j -> %j', async (schedule, expected) => expect(await schedules(schedule)).toEqual(expected));

  it('names what is wrong', async () => {
    await expect(severities(3)).rejects.toThrow('severity must be a string or a list of strings, got 3');
    await expect(severities('{sev1,p1}')).rejects.toThrow(
      'severity must be one of sev1, sev2, sev3, sev4 (or a list of them), got "p1"'
    );
    await expect(schedules('{db,nope}')).rejects.toThrow('schedule "nope" is not defined (defined: platform, db)');
  });
});
