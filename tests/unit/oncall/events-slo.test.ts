/**
 * SLO annotations of the `events` query: fast-burn periods and status changes, on the demo platform's api_gateway
 * 5xx burst (cycle day 9, 14:00 UTC: 2026-11-18). Oracle: the burnAlert and slo queries of the same SLO on the
 * same grid, whose series the annotations must mark exactly; the run/change extraction on hand-made series.
 */
import { handleEvents, firingPeriods, statusChanges } from '../../../src/backend/handlers/events';
import { handleBurnAlert, handleSlo } from '../../../src/backend/handlers/slo';
import { upstreamError } from '../../../src/core/errors';
import { parseDefinitions } from '../../../src/core/definitions/parse';
import { DEMO_DEFINITIONS_YAML } from '../../../src/demo/definitions';
import { DemoSource } from '../../../src/demo/source';
import { at } from './fixtures';
import { queryContext, rowsOf } from './context';

describe('run and change extraction', () => {
  const t = [0, 1, 2, 3, 4, 5, 6, 7];
  it('marks runs of 1 from their first to their last point', () => {
    expect(firingPeriods(t, [0, 1, 1, 0, null, 1, 1, 1])).toEqual([
      { start: 1, end: 2 },
      { start: 5, end: 7 },
    ]);
    // a null between two firing points splits the run: nothing is known there
    expect(firingPeriods(t, [1, null, 1, 0, 0, 0, 0, 1])).toEqual([
      { start: 0, end: 0 },
      { start: 2, end: 2 },
      { start: 7, end: 7 },
    ]);
  });
  it('marks status changes, skipping points without traffic', () => {
    expect(statusChanges(t, [0, 0, 1, null, 1, 3, null, 0])).toEqual([
      { time: 2, from: 0, to: 1 },
      { time: 5, from: 1, to: 3 },
      { time: 7, from: 3, to: 0 },
    ]);
  });
});

describe('SLO events on the demo platform', () => {
  const loaded = parseDefinitions(DEMO_DEFINITIONS_YAML, 'demo definitions');
  const range = { from: at('2026-11-18T10:00'), to: at('2026-11-18T20:00') };
  const base = { definitions: loaded.definitions, range, metrics: new DemoSource(), step: 60_000 };
  const slo = 'api-gateway-availability';

  it('marks every fast-burn period exactly where the page alert fires', async () => {
    const [events] = await handleEvents(
      queryContext({ ...base, query: { queryType: 'events', kinds: ['fastBurn'], slo } })
    );
    const [alert] = await handleBurnAlert(
      queryContext({ ...base, query: { queryType: 'burnAlert', slo, severity: 'page' } })
    );
    const times = alert.fields[0].values as number[];
    const firing = alert.fields[1].values as Array<number | null>;
    const marked = new Set<number>();
    const rows = rowsOf(events);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.tags).toBe(`fastBurn,slo:${slo},service:api_gateway`);
      times.forEach((time) => time >= (r.time as number) && time <= (r.timeEnd as number) && marked.add(time));
    }
    expect(times.filter((_, i) => firing[i] === 1)).toEqual([...marked].sort((a, b) => a - b));
  });

  it('marks every status change of the status series', async () => {
    // the workflow_engine total outage of cycle day 2, 02:10-02:16 UTC (2026-11-11) moves its SLOs' status
    const outage = { ...base, range: { from: at('2026-11-11T00:00'), to: at('2026-11-11T08:00') } };
    const [events] = await handleEvents(
      queryContext({ ...outage, query: { queryType: 'events', kinds: ['status'], service: 'workflow_engine' } })
    );
    const frames = await handleSlo(
      queryContext({ ...outage, query: { queryType: 'slo', series: ['status'], service: 'workflow_engine' } })
    );
    const names = ['ok', 'warning', 'depleted', 'critical'];
    const expected: string[] = [];
    for (const frame of frames) {
      const id = frame.fields[1].labels!.slo;
      const times = frame.fields[0].values as number[];
      const status = frame.fields[1].values as Array<number | null>;
      let previous: number | null = null;
      status.forEach((v, i) => {
        if (v !== null && previous !== null && v !== previous) {
          expected.push(`${times[i]} ${id} ${names[previous]}→${names[v]}`);
        }
        previous = v ?? previous;
      });
    }
    const seen = rowsOf(events).map((r) => {
      const [, id] = /slo:([^,]+)/.exec(r.tags as string)!;
      const [, fromName, toName] = /: (\w+) → (\w+)$/.exec(r.title as string)!;
      return `${r.time} ${id} ${fromName}→${toName}`;
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('turns an SLO that cannot be evaluated into a notice and keeps the rest', async () => {
    const failing = new DemoSource();
    failing.stepIncreases = () => Promise.reject(upstreamError('Prometheus at http://p:9090 is unreachable'));
    const [events] = await handleEvents(
      queryContext({ ...base, metrics: failing, query: { queryType: 'events', kinds: ['status', 'handoff'], slo } })
    );
    expect(events.meta?.notices?.[0].text).toContain(`SLO "${slo}": `);
    expect(rowsOf(events).every((r) => (r.tags as string).startsWith('handoff'))).toBe(true);
    expect(rowsOf(events).length).toBeGreaterThan(0);
  });
});
