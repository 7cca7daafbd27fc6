/**
 * Incidents against a real Alertmanager (Debian's 0.25): alerts posted with chosen start times and several
 * severities, one acknowledged with a silence, then deadlines and escalation levels evaluated at chosen instants
 * (handbook defaults: sev1 5m/15m/30m, sev2 15m/30m/2h, sev3 1h/4h/24h). Finally Alertmanager is stopped.
 */
import { AlertmanagerSource } from '../../src/backend/sources/alertmanager';
import { handleIncidents } from '../../src/backend/handlers/oncall';
import { createLogger } from '../../src/backend/logger';
import { QueryError } from '../../src/core/errors';
import type { ScheduleDefinition } from '../../src/core/definitions/model';
import { incidentRows } from '../../src/core/oncall/incidents';
import { emptyDefinitions } from '../../src/core/definitions/model';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager';
import { queryContext, rowsOf } from '../unit/oncall/context';
import { platform as fixturePlatform } from '../unit/oncall/fixtures';

const M = 60_000;
const H = 60 * M;
const S = Date.parse('2026-01-05T10:00:00Z'); // a Monday
const iso = (t: number) => new Date(t).toISOString();

// platform without its overrides: 10:00-16:00 on Monday 2026-01-05 is eu, k = 0 -> chen
const platform: ScheduleDefinition = { ...fixturePlatform, overrides: [] };
const data: ScheduleDefinition = { ...platform, id: 'data', name: 'Data', shifts: [], members: ['xi', 'yu'] };
const definitions = { ...emptyDefinitions(), oncall: [platform, data] };

describe('incidents from a real Alertmanager', () => {
  let am: TestAlertmanager;
  let source: AlertmanagerSource;
  let silenceId: string;

  beforeAll(async () => {
    am = await startAlertmanager();
    const endsAt = iso(Date.now() + H); // active for the whole test whatever the clock says
    await am.postAlerts([
      {
        labels: { alertname: 'ApiGatewayDown', severity: 'critical', service: 'api_gateway' },
        annotations: { summary: 'API gateway down' },
        startsAt: iso(S),
        endsAt,
      },
      {
        labels: { alertname: 'WorkflowErrors', severity: 'error', service: 'workflow_engine' },
        annotations: { description: 'errors > 5%' },
        startsAt: iso(S),
        endsAt,
      },
      {
        labels: { alertname: 'AgentLatency', severity: 'warning', service: 'agent_manager', schedule: 'data' },
        startsAt: iso(S),
        endsAt,
      },
      {
        labels: { alertname: 'LogNoise', severity: 'info', service: 'notification_service' },
        startsAt: iso(S),
        endsAt,
      },
      { labels: { alertname: 'DbFailover', severity: 'page', service: 'database' }, startsAt: iso(S + 30 * M), endsAt },
    ]);
    // acknowledging WorkflowErrors = a silence that matches it
    silenceId = await am.silence({ alertname: 'WorkflowErrors' }, new Date(Date.now() - M), new Date(Date.now() + H));
    source = new AlertmanagerSource({
      url: am.url,
      timeoutMs: 5000,
      log: createLogger('test', 'error', () => undefined),
    });
  }, 60_000);

  afterAll(async () => {
    await am?.stop();
  });

  it('reads active alerts with their start times and silences (API v2)', async () => {
    const alerts = await source.activeAlerts(Date.now());
    const byName = Object.fromEntries(alerts.map((a) => [a.labels.alertname, a]));
    expect(Object.keys(byName).sort()).toEqual([
      'AgentLatency',
      'ApiGatewayDown',
      'DbFailover',
      'LogNoise',
      'WorkflowErrors',
    ]);
    expect(byName.ApiGatewayDown.startsAt).toBe(S);
    expect(byName.DbFailover.startsAt).toBe(S + 30 * M);
    expect(byName.WorkflowErrors.silencedBy).toEqual([silenceId]);
    expect(byName.ApiGatewayDown.silencedBy).toEqual([]);
    expect(byName.ApiGatewayDown.annotations.summary).toBe('API gateway down');
    expect(byName.ApiGatewayDown.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    // [minutes after S, levels of ApiGatewayDown (sev1), WorkflowErrors (sev2, acknowledged), AgentLatency (sev3), LogNoise (sev4), DbFailover (sev1, from S+30m)]
    [4, [1, 1, 1, 1, 1]], // DbFailover has not started: -26 min running, level 1
    [5, [2, 1, 1, 1, 1]], // sev1 acknowledge deadline S+5m passes unacknowledged
    [16, [2, 1, 1, 1, 1]], // WorkflowErrors is past its 15m deadline but acknowledged
    [36, [2, 1, 1, 1, 2]], // DbFailover: 6 min unacknowledged
    [60, [2, 1, 2, 1, 2]], // sev3 acknowledge deadline (1h)
    [120, [2, 2, 2, 1, 2]], // sev2 escalate time (2h) reached although acknowledged; 2h is not "over 2 hours"
    [121, [3, 3, 3, 1, 2]], // over 2 hours: engineering manager (not for sev4)
    [151, [4, 3, 3, 1, 3]], // sev1 over 2h30m: VP; DbFailover at 2h01m: manager
  ])('at S+%d min the escalation levels are %j', async (minutes, levels) => {
    const at = S + minutes * M;
    const { rows } = incidentRows(await source.activeAlerts(at), definitions, at);
    const level = (name: string) => rows.find((r) => r.alert === name)!.escalationLevel;
    expect(['ApiGatewayDown', 'WorkflowErrors', 'AgentLatency', 'LogNoise', 'DbFailover'].map(level)).toEqual(levels);
  });

  it('answers the incidents query: columns, deadlines, on-call, sorting and the severity filter', async () => {
    const at = S + 16 * M;
    const ctx = queryContext({
      query: { queryType: 'incidents' },
      definitions,
      range: { from: at - H, to: at },
      now: at,
      alerts: source,
    });
    const [frame] = await handleIncidents(ctx);
    expect(frame.fields.slice(0, 10).map((f) => [f.name, f.type])).toEqual([
      ['alert', 'string'],
      ['severity', 'string'],
      ['service', 'string'],
      ['started', 'time'],
      ['state', 'string'],
      ['ackDeadline', 'time'],
      ['respondDeadline', 'time'],
      ['escalationLevel', 'number'],
      ['onCall', 'string'],
      ['summary', 'string'],
    ]);
    const rows = rowsOf(frame);
    // sev1 first (oldest first), then sev2, sev3, sev4
    expect(rows.map((r) => r.alert)).toEqual([
      'ApiGatewayDown',
      'DbFailover',
      'WorkflowErrors',
      'AgentLatency',
      'LogNoise',
    ]);
    expect(rows[0]).toMatchObject({
      severity: 'sev1',
      service: 'api_gateway',
      started: S,
      state: 'firing',
      ackDeadline: S + 5 * M,
      respondDeadline: S + 15 * M,
      escalationLevel: 2,
      onCall: 'chen', // platform (the first schedule) at 10:16 Monday: eu, k = 0
      secondaryOnCall: 'dana',
      summary: 'API gateway down',
      ackRemaining: -11 * 60,
    });
    expect(rows[2]).toMatchObject({
      severity: 'sev2',
      state: 'acknowledged',
      ackDeadline: S + 15 * M,
      respondDeadline: S + 30 * M,
      escalationLevel: 1,
      summary: 'errors > 5%',
    });
    // AgentLatency names the `data` schedule: no shifts, k = 0 -> xi
    expect(rows[3]).toMatchObject({
      severity: 'sev3',
      ackDeadline: S + H,
      respondDeadline: S + 4 * H,
      onCall: 'xi',
      schedule: 'data',
    });
    expect(rows[4]).toMatchObject({ severity: 'sev4', ackDeadline: S + 24 * H, respondDeadline: S + 72 * H });

    const [sev1] = await handleIncidents({ ...ctx, query: { queryType: 'incidents', severity: 'sev1' } });
    expect(rowsOf(sev1).map((r) => r.alert)).toEqual(['ApiGatewayDown', 'DbFailover']);
    const [service] = await handleIncidents({ ...ctx, query: { queryType: 'incidents', service: 'agent_manager' } });
    expect(rowsOf(service).map((r) => r.alert)).toEqual(['AgentLatency']);
    await expect(handleIncidents({ ...ctx, query: { queryType: 'incidents', severity: 'urgent' } })).rejects.toThrow(
      'severity must be one of sev1, sev2, sev3, sev4 (or a list of them), got "urgent"'
    );
  });

  it('names Alertmanager in a downstream error once it is stopped', async () => {
    await am.stop();
    const failure = source.activeAlerts(Date.now());
    await expect(failure).rejects.toBeInstanceOf(QueryError);
    await expect(failure).rejects.toMatchObject({
      status: 502,
      source: 'downstream',
      message: `Alertmanager at ${am.url} is unreachable: ECONNREFUSED`,
    });
    const ctx = queryContext({
      query: { queryType: 'incidents' },
      definitions,
      range: { from: S, to: S + H },
      alerts: source,
    });
    await expect(handleIncidents(ctx)).rejects.toThrow(`Alertmanager at ${am.url} is unreachable`);
  });
});
