/**
 * Incident rows: severity mapping, deadlines and escalation levels at instants chosen on each side of every
 * boundary of the handbook defaults (sev1 5m/15m/30m, sev2 15m/30m/2h, sev3 1h/4h/24h, sev4 24h/72h/7d).
 */
import {
  DEFAULT_RESPONSE,
  emptyDefinitions,
  type Definitions,
  type Severity,
} from '../../../src/core/definitions/model';
import { escalationLevel, incidentRows, mapSeverity } from '../../../src/core/oncall/incidents';
import type { Alert } from '../../../src/core/source';

const M = 60_000;
const H = 60 * M;
const S = Date.parse('2026-01-05T10:00:00Z'); // every alert starts here

describe('severity mapping', () => {
  it.each([
    ['critical', 'sev1'],
    ['page', 'sev1'],
    ['SEV1', 'sev1'],
    ['high', 'sev2'],
    ['error', 'sev2'],
    ['sev2', 'sev2'],
    [' Warning ', 'sev3'],
    ['sev3', 'sev3'],
    ['info', 'sev4'],
    ['', 'sev4'],
    [undefined, 'sev4'],
  ])('%p -> %s', (label, severity) => expect(mapSeverity(label)).toBe(severity));
});

describe('escalation levels', () => {
  const level = (severity: Severity, after: number, acknowledged: boolean) =>
    escalationLevel(severity, DEFAULT_RESPONSE[severity], S, acknowledged, S + after);

  it.each([
    // sev1: acknowledge 5m, escalate 30m, manager > 2h, VP > 2h + 30m
    ['sev1', 5 * M - 1, false, 1],
    ['sev1', 5 * M, false, 2], // acknowledge deadline reached unacknowledged
    ['sev1', 5 * M, true, 1], // acknowledged in time: stays with the primary
    ['sev1', 30 * M - 1, true, 1],
    ['sev1', 30 * M, true, 2], // escalate time, acknowledged or not
    ['sev1', 2 * H, true, 2], // "> 2 hours": exactly 2h is not over
    ['sev1', 2 * H + 1, true, 3],
    ['sev1', 2 * H + 30 * M, false, 3],
    ['sev1', 2 * H + 30 * M + 1, false, 4],
    // sev2: acknowledge 15m, escalate 2h; never VP
    ['sev2', 15 * M - 1, false, 1],
    ['sev2', 15 * M, false, 2],
    ['sev2', 2 * H - 1, true, 1],
    ['sev2', 2 * H, true, 2],
    ['sev2', 2 * H + 1, true, 3],
    ['sev2', 48 * H, false, 3],
    // sev3: acknowledge 1h, escalate 24h (the definitions' "next business day")
    ['sev3', H - 1, false, 1],
    ['sev3', H, false, 2],
    ['sev3', H, true, 1],
    ['sev3', 2 * H + 1, true, 3],
    // sev4: deadlines 24h / 7d, but no manager or VP ("escalation: None")
    ['sev4', 24 * H - 1, false, 1],
    ['sev4', 24 * H, false, 2],
    ['sev4', 7 * 24 * H - 1, true, 1],
    ['sev4', 30 * 24 * H, true, 2],
  ] as Array<[Severity, number, boolean, number]>)(
    '%s after %d ms (acknowledged %p) -> level %d',
    (severity, after, ack, expected) => expect(level(severity, after, ack)).toBe(expected)
  );
});

describe('incident rows', () => {
  const definitions: Definitions = {
    ...emptyDefinitions(),
    oncall: [
      {
        id: 'platform',
        name: 'Platform',
        handoff: Date.parse('2026-01-05T00:00:00Z'),
        rotation: 7 * 24 * H,
        members: ['ana', 'ben'],
        shifts: [],
        overrides: [],
        origin: 'test',
      },
      {
        id: 'data',
        name: 'Data',
        handoff: Date.parse('2026-01-05T00:00:00Z'),
        rotation: 24 * H,
        members: ['xi', 'yu'],
        shifts: [],
        overrides: [],
        origin: 'test',
      },
    ],
  };
  const alert = (name: string, labels: Record<string, string>, startsAt: number, silencedBy: string[] = []): Alert => ({
    fingerprint: `fp-${name}`,
    labels: { alertname: name, ...labels },
    annotations: { summary: `${name} summary` },
    startsAt,
    silencedBy,
  });

  it('computes deadlines, state, on-call and sorts by severity then start', () => {
    const now = S + 20 * M;
    const { rows, unknownSchedules } = incidentRows(
      [
        alert('Slow', { severity: 'warning', service: 'api_gateway' }, S),
        alert('Down', { severity: 'critical', service: 'api_gateway', schedule: 'data' }, S + 10 * M),
        alert('Errors', { severity: 'high', service: 'workflow_engine' }, S, ['silence-1']),
        alert('Older', { severity: 'critical' }, S),
        alert('Lost', { severity: 'info', schedule: 'nope' }, S),
      ],
      definitions,
      now
    );
    expect(rows.map((r) => r.alert)).toEqual(['Older', 'Down', 'Errors', 'Slow', 'Lost']);
    const down = rows[1];
    expect(down).toMatchObject({
      severity: 'sev1',
      service: 'api_gateway',
      started: S + 10 * M,
      state: 'firing',
      ackDeadline: S + 15 * M,
      respondDeadline: S + 25 * M,
      escalateAt: S + 40 * M,
      // 10 minutes running, 5m acknowledge deadline passed unacknowledged
      escalationLevel: 2,
      escalationRole: 'on-call secondary',
      // 'data' rotates daily from Jan 5: k = 0 -> xi
      onCall: 'xi',
      secondaryOnCall: 'yu',
      schedule: 'data',
      summary: 'Down summary',
      ackRemaining: -300,
    });
    // silenced = acknowledged; 20 minutes of sev2 (escalate 2h) stays with the primary
    expect(rows[2]).toMatchObject({
      state: 'acknowledged',
      acknowledged: true,
      ackRemaining: null,
      escalationLevel: 1,
      onCall: 'ana',
    });
    // the first schedule answers when the alert names none
    expect(rows[3]).toMatchObject({ severity: 'sev3', onCall: 'ana', schedule: 'platform', ackRemaining: 40 * 60 });
    expect(rows[4]).toMatchObject({ severity: 'sev4', onCall: null, schedule: '' });
    expect(unknownSchedules).toEqual(['nope']);
  });

  it('has no on-call person without schedules', () => {
    const { rows } = incidentRows([alert('A', { severity: 'page' }, S)], emptyDefinitions(), S);
    expect(rows[0].onCall).toBeNull();
  });
});
