/**
 * The on-call query types through the built backend as Grafana calls it (tests/support/harness.ts): definitions
 * from jsonData, a real Alertmanager from jsonData.alertmanagerUrl, frames decoded from Arrow. When Alertmanager
 * stops, the incidents query answers with a downstream error naming it and the plugin process keeps serving.
 */
import { LIVE_SHARE_MS } from '../../src/backend/handlers';
import { startBackend, type GrafanaHarness } from '../support/harness';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager';
import { rows } from '../support/frames';
import { DemoAlertSource } from '../../src/demo/source';

const M = 60_000;
const H = 60 * M;
const at = (iso: string) => Date.parse(`${iso}Z`);

const DEFINITIONS = `apiVersion: headroom/v1
oncall:
  - id: platform
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    shifts:
      - {name: us, start: "00:00", end: "08:00", members: [ana, ben]}
      - {name: eu, start: "08:00", end: "16:00", members: [chen, dana]}
      - {name: apac, start: "16:00", end: "24:00", members: [eli, fay]}
    overrides:
      - {start: "2026-01-12T08:00:00Z", end: "2026-01-12T12:00:00Z", member: gus, shift: eu}
`;

describe('on-call queries through the plugin', () => {
  let grafana: GrafanaHarness;
  let am: TestAlertmanager;
  let settings: { url: string; jsonData: Record<string, unknown> };

  beforeAll(async () => {
    [grafana, am] = await Promise.all([startBackend(), startAlertmanager()]);
    settings = { url: '', jsonData: { definitions: DEFINITIONS, alertmanagerUrl: am.url } };
    const now = Date.now();
    await am.postAlerts([
      // 10 minutes old: past the sev1 acknowledge deadline (5m), well before its escalate time (30m)
      {
        labels: { alertname: 'Down', severity: 'critical', service: 'api_gateway' },
        startsAt: new Date(now - 10 * M).toISOString(),
        endsAt: new Date(now + H).toISOString(),
      },
      {
        labels: { alertname: 'Acked', severity: 'critical', service: 'api_gateway' },
        startsAt: new Date(now - 11 * M).toISOString(),
        endsAt: new Date(now + H).toISOString(),
      },
    ]);
    await am.silence({ alertname: 'Acked' }, new Date(now - M), new Date(now + H));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([grafana?.stop(), am?.stop()]);
  });

  it('answers the oncall table at the end of the range, override included', async () => {
    // Monday 2026-01-12 09:00 is k = 1: us ben, eu dana (but gus by override until 12:00), apac fay
    const res = await grafana.query({
      settings,
      queries: [{ refId: 'A', queryType: 'oncall' }],
      from: at('2026-01-12T03:00'),
      to: at('2026-01-12T09:00'),
    });
    expect(res.A.error).toBeUndefined();
    const table = rows(res.A.frames[0]).map((r) => [
      r.shift,
      r.active,
      r.primary,
      r.secondary,
      r.shiftStart,
      r.nextPrimary,
      r.nextHandoff,
    ]);
    expect(table).toEqual([
      ['us', false, 'ben', 'ana', at('2026-01-13T00:00'), 'ana', at('2026-01-12T12:00')],
      ['eu', true, 'gus', 'chen', at('2026-01-12T08:00'), 'chen', at('2026-01-12T12:00')],
      ['apac', false, 'fay', 'eli', at('2026-01-12T16:00'), 'eli', at('2026-01-12T12:00')],
    ]);
  });

  it('answers availability and handoff annotations, nulls and booleans intact', async () => {
    const res = await grafana.query({
      settings,
      queries: [
        { refId: 'A', queryType: 'availability' },
        { refId: 'B', queryType: 'events', json: { kinds: ['handoff'] } },
      ],
      from: at('2026-01-12T07:00'),
      to: at('2026-01-12T09:00'),
    });
    expect(res.A.error).toBeUndefined();
    // 09:00 Monday of k = 1: gus holds eu by override until 12:00, then dana; gus has no later turn
    const gus = rows(res.A.frames[0]).find((r) => r.member === 'gus');
    expect(gus).toMatchObject({ hoursPrimaryLast30d: 1, onCallNow: true, nextShiftStart: null, nextShiftName: null });
    expect(rows(res.A.frames[0]).find((r) => r.member === 'dana')).toMatchObject({
      onCallNow: false,
      secondaryNow: false,
      nextShiftName: 'eu',
    });
    // handoffs in [07:00, 09:00]: 08:00 us (ben) -> eu (gus by override)
    expect(rows(res.B.frames[0]).map((r) => [r.time, r.title])).toEqual([
      [at('2026-01-12T08:00'), 'On-call handoff platform: ben → gus'],
    ]);
  });

  it('answers incidents from Alertmanager, and a named downstream error once it is gone, staying alive', async () => {
    const live = await grafana.query({ settings, queries: [{ refId: 'A', queryType: 'incidents' }] });
    expect(live.A.error).toBeUndefined();
    // sev1 both, oldest first; the silenced one is acknowledged and stays with the primary
    expect(rows(live.A.frames[0]).map((r) => [r.alert, r.severity, r.state, r.escalationLevel])).toEqual([
      ['Acked', 'sev1', 'acknowledged', 1],
      ['Down', 'sev1', 'firing', 2],
    ]);

    await am.stop();
    // identical live queries share an answer for LIVE_SHARE_MS; the next refresh after that asks Alertmanager
    await new Promise((resolve) => setTimeout(resolve, LIVE_SHARE_MS));
    const gone = await grafana.query({
      settings,
      queries: [
        { refId: 'A', queryType: 'incidents' },
        { refId: 'B', queryType: 'oncall' },
      ],
    });
    expect(gone.A).toMatchObject({
      status: 502,
      errorSource: 'downstream',
      error: `Alertmanager at ${am.url} is unreachable: ECONNREFUSED`,
    });
    // the other query of the same request, and the process, are unaffected
    expect(gone.B.error).toBeUndefined();
    expect(rows(gone.B.frames[0])).toHaveLength(3);
    await expect(grafana.health()).resolves.toBe('SERVING');
  });

  it('answers incidents from the simulated platform in demo mode', async () => {
    // the plugin evaluates at its own clock: the demo's alerts just before and just after the call bracket it
    const names = async () =>
      (await new DemoAlertSource().activeAlerts(Date.now())).map((a) => a.labels.alertname).sort();
    const before = await names();
    const res = await grafana.query({ settings: { url: '' }, queries: [{ refId: 'A', queryType: 'incidents' }] });
    const after = await names();
    expect(res.A.error).toBeUndefined();
    const answered = rows(res.A.frames[0])
      .map((r) => r.alert as string)
      .sort();
    expect([before, after]).toContainEqual(answered);
  });
});
