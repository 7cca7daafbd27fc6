import { headroomDashboardQueries, interpolate } from '../support/dashboards';
import { startBackend, type GrafanaHarness } from '../support/harness';

/**
 * "Dashboards are full on first open": every Headroom query of the four provisioned dashboards, sent through
 * the backend executable as Grafana sends it, answers on the embedded demo platform with data and no error.
 */
const queries = headroomDashboardQueries();

function hasData(frames: Array<{ fields: Array<{ type: string; values: unknown[] }> }>): boolean {
  return frames.some((frame) =>
    frame.fields.some((field) => field.type !== 'time' && field.values.some((v) => v !== null && v !== undefined))
  );
}

describe('every dashboard query on the demo platform', () => {
  let grafana: GrafanaHarness;
  beforeAll(async () => {
    grafana = await startBackend();
  });
  afterAll(async () => {
    await grafana?.stop();
  });

  it('finds the queries of all four dashboards', () => {
    expect(new Set(queries.map((q) => q.dashboard))).toEqual(
      new Set(['headroom-executive', 'headroom-service', 'headroom-infrastructure', 'headroom-oncall'])
    );
    expect(queries.length).toBeGreaterThan(25);
  });

  it.each(queries.map((q) => [`${q.dashboard} ${q.where}`, q] as const))('%s answers with data', async (_name, q) => {
    if (q.query.resourcePath) {
      const res = await grafana.callResource({ path: String(q.query.resourcePath) });
      expect(res.code).toBe(200);
      expect(res.json.length).toBeGreaterThan(0);
      return;
    }
    const now = Date.now();
    const query = interpolate(q.query, { service: 'api_gateway', datasource: 'headroom' });
    const res = await grafana.query({
      queries: [
        {
          refId: String(query.refId ?? 'A'),
          queryType: String(query.queryType),
          json: query,
          maxDataPoints: 400,
          intervalMS: 60_000,
        },
      ],
      from: now + q.fromOffsetMs,
      to: now + q.toOffsetMs,
    });
    const result = Object.values(res)[0];
    expect({ error: result.error, status: result.status }).toEqual({ error: undefined, status: 200 });
    // An annotation may truthfully have no events in the range (e.g. no fast burn this week); panels must show data.
    if (!q.where.startsWith('annotation')) {
      expect(hasData(result.frames)).toBe(true);
    }
  });

  it('the executive summary numbers are the reductions of the catalogs they summarise', async () => {
    const now = Date.now();
    const res = await grafana.query({
      queries: ['summary', 'sloCatalog', 'capacityCatalog', 'incidents'].map((queryType) => ({ refId: queryType, queryType, json: {} })),
      from: now - 86_400_000,
      to: now,
    });
    const one = (name: string) => res.summary.frames[0].fields.find((f) => f.name === name)!.values[0] as number;
    const col = (refId: string, name: string) => res[refId].frames[0].fields.find((f) => f.name === name)!.values as number[];
    const sli = col('sloCatalog', 'sli');
    const objective = col('sloCatalog', 'objective');
    const meeting = sli.filter((v, i) => v !== null && v >= objective[i]).length;
    expect(one('slosTotal')).toBe(sli.length);
    expect(one('slosMeetingObjective')).toBe(meeting);
    expect(one('slosMeetingObjectivePercent')).toBeCloseTo(meeting / sli.filter((v) => v !== null).length, 12);
    expect(one('worstBudgetRemaining')).toBe(Math.min(...col('sloCatalog', 'budgetRemaining').filter((v) => v !== null)));
    expect(one('worstHeadroom')).toBe(Math.min(...col('capacityCatalog', 'headroom').filter((v) => v !== null)));
    expect(one('activeIncidents')).toBe(col('incidents', 'alert').length);
  });
});
