import { SloEngine } from '../../../src/core/slo/engine';
import { sliSelectors } from '../../../src/core/slo/sli';
import { DEFAULT_POLICY, emptyDefinitions } from '../../../src/core/definitions/model';
import { handleBurnAlert, handleSlo, handleSloCatalog } from '../../../src/backend/handlers/slo';
import type { QueryContext } from '../../../src/backend/handlers/types';
import { createLogger } from '../../../src/backend/logger';
import type { Frame } from '../../../src/core/frame';
import { FakeSource, counter, testSlo as slo, type Samples } from './fake-source';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 1);

/** 1000 requests a minute; `badPerMin(t)` of them bad. 5-minute samples, aligned. */
function traffic(badPerMin: (t: number) => number, days = 3, every = 5 * MIN): { total: Samples[]; bad: Samples[] } {
  const end = T0 + days * DAY;
  return {
    total: [counter(T0, end, every, () => (1000 * every) / MIN)],
    bad: [counter(T0, end, every, (t) => (badPerMin(t) * every) / MIN)],
  };
}

const grid = { start: T0 + DAY, end: T0 + 2 * DAY, step: HOUR };

describe('SloEngine', () => {
  it('exactly on budget: sli = objective, burn rate 1, nothing left, no time to exhaustion', async () => {
    const engine = new SloEngine(new FakeSource(traffic(() => 1)), slo(), DEFAULT_POLICY, grid);
    const r = await engine.evaluate({
      series: ['sli', 'budgetRemaining', 'burnRate', 'status', 'timeToExhaustion', 'objective'],
      burnWindows: [HOUR, DAY],
    });
    expect(r.series.sli!.every((v) => Math.abs(v! - 0.999) < 1e-12)).toBe(true);
    expect(r.series.budgetRemaining!.every((v) => Math.abs(v!) < 1e-9)).toBe(true);
    expect(r.burnRates.map((b) => b.window)).toEqual(['1h', '1d']);
    expect(r.burnRates[0].values.every((v) => Math.abs(v! - 1) < 1e-9)).toBe(true);
    // depleted, and critical: for a 1-day SLO the page factor scales to 2% x 24h/1h = 0.48x, and 1x burns faster
    expect(new Set(r.series.status)).toEqual(new Set([3]));
    expect(r.series.timeToExhaustion!.every((v) => v === null)).toBe(true);
    expect(r.series.objective![0]).toBe(0.999);
  });

  it('answers only the series asked for, and computes the alert of a severity once for all who ask', async () => {
    const engine = new SloEngine(new FakeSource(traffic(() => 1)), slo(), DEFAULT_POLICY, grid);
    const r = await engine.evaluate({ series: ['status'] });
    expect(Object.keys(r.series)).toEqual(['status']);
    // status used the page alert; the events query asks for it again
    expect(engine.alert('page')).toBe(engine.alert('page'));
    expect(await engine.alert('page')).toEqual(r.series.status!.map(() => 1));
  });

  it('burning at 0.1x: 90% left, 1.296 budget minutes of a day, exhaustion in 9 windows', async () => {
    const engine = new SloEngine(new FakeSource(traffic(() => 0.1)), slo(), DEFAULT_POLICY, grid);
    const r = await engine.evaluate({
      series: [
        'budgetRemaining',
        'budgetConsumed',
        'budgetRemainingMinutes',
        'timeToExhaustion',
        'status',
        'eventsBad',
        'eventsTotal',
      ],
    });
    expect(r.series.budgetRemaining![5]).toBeCloseTo(0.9, 9);
    expect(r.series.budgetConsumed![5]).toBeCloseTo(0.1, 9);
    expect(r.series.budgetRemainingMinutes![5]).toBeCloseTo(0.9 * 0.001 * 1440, 9);
    expect(r.series.timeToExhaustion![5]).toBeCloseTo((9 * DAY) / 1000, 3);
    expect(r.series.status![5]).toBe(0);
    expect(r.series.eventsTotal![5]).toBeCloseTo(1440 * 1000, 6);
    expect(r.series.eventsBad![5]).toBeCloseTo(144, 6);
  });

  it('page alert fires on a 20x burn over the last hours of a 30-day SLO and status turns critical once depleted', async () => {
    const spike = T0 + 34 * DAY;
    const data = traffic((t) => (t > spike ? 20 : 0.5), 36, 5 * MIN);
    const src = new FakeSource(data);
    const s = slo({ window: { kind: 'rolling', ms: 30 * DAY, text: '30d' } });
    const g = { start: spike - 2 * HOUR, end: spike + 24 * HOUR, step: HOUR };
    const engine = new SloEngine(src, s, DEFAULT_POLICY, g);
    const page = await engine.alert('page');
    expect(page.slice(0, 3)).toEqual([0, 0, 0]); // 0.5x before the spike
    expect(page[3]).toBe(1); // an hour into the 20x burn: 1h and 5m both above 14.4x
    const r = await engine.evaluate({ series: ['status', 'budgetRemaining'] });
    const firstDepleted = r.series.budgetRemaining!.findIndex((v) => v !== null && v <= 0);
    expect(firstDepleted).toBeGreaterThan(3);
    expect(r.series.status![firstDepleted]).toBe(3);
    expect(r.series.status![2]).toBe(0);
  });

  it('no traffic: every ratio is null, counts are 0', async () => {
    const quiet = {
      total: [counter(T0, T0 + 3 * DAY, 5 * MIN, () => 0)],
      bad: [counter(T0, T0 + 3 * DAY, 5 * MIN, () => 0)],
    };
    const engine = new SloEngine(new FakeSource(quiet), slo(), DEFAULT_POLICY, grid);
    const r = await engine.evaluate({
      series: ['sli', 'budgetRemaining', 'burnRate', 'status', 'eventsTotal'],
      burnWindows: [HOUR],
    });
    expect(new Set(r.series.sli)).toEqual(new Set([null]));
    expect(new Set(r.burnRates[0].values)).toEqual(new Set([null]));
    expect(new Set(r.series.status)).toEqual(new Set([null]));
    expect(new Set(r.series.eventsTotal)).toEqual(new Set([0]));
  });

  it('good-based SLI: bad = total - good', async () => {
    const data = traffic(() => 2);
    const src = new FakeSource({ total: data.total, good: [counter(T0, T0 + 3 * DAY, 5 * MIN, () => 4990)] });
    const engine = new SloEngine(
      src,
      slo({ sli: { kind: 'events', good: 'good', total: 'total' } }),
      DEFAULT_POLICY,
      grid
    );
    const r = await engine.evaluate({ series: ['sli'] });
    expect(r.series.sli![0]).toBeCloseTo(0.998, 12);
  });

  describe('latency SLI', () => {
    const latency = slo({ sli: { kind: 'latency', histogram: 'lat{service="api"}', threshold: 0.25 } });
    const selectors = sliSelectors(latency);

    it('good = _bucket{le="T"}, total = _count', async () => {
      expect(selectors).toEqual({ good: 'lat_bucket{service="api", le="0.25"}', total: 'lat_count{service="api"}' });
      expect(sliSelectors(slo({ sli: { kind: 'latency', histogram: 'lat', threshold: 1 } })).good).toBe(
        'lat_bucket{le=~"1|1\\\\.0"}'
      );
      const src = new FakeSource({
        [selectors.total]: [counter(T0, T0 + 3 * DAY, 5 * MIN, () => 1000)],
        [selectors.good!]: [counter(T0, T0 + 3 * DAY, 5 * MIN, () => 995)],
      });
      const r = await new SloEngine(src, latency, DEFAULT_POLICY, grid).evaluate({ series: ['sli'] });
      expect(r.series.sli![3]).toBeCloseTo(0.995, 12);
    });

    it('a threshold that is not a bucket boundary is a named error listing the boundaries', async () => {
      const src = new FakeSource({
        [selectors.total]: [counter(T0, T0 + 3 * DAY, 5 * MIN, () => 1000)],
        [`les:lat_bucket{service="api"}`]: [[[0, 0.1]], [[0, 0.5]], [[0, 1]]],
      });
      await expect(new SloEngine(src, latency, DEFAULT_POLICY, grid).evaluate({ series: ['sli'] })).rejects.toThrow(
        'test.yaml slos[0] "api-availability": latency threshold 0.25 is not a bucket boundary of lat{service="api"} (le values: 0.1, 0.5, 1)'
      );
    });
  });

  it('named errors: objective 100%, a window shorter than the step', () => {
    const src = new FakeSource({});
    expect(() => new SloEngine(src, slo({ objective: 1 }), DEFAULT_POLICY, grid)).toThrow(
      'objective 100% leaves no error budget'
    );
    expect(() => new SloEngine(src, slo(), DEFAULT_POLICY, { start: 0, end: 4 * DAY, step: 2 * DAY })).toThrow(
      'SLO "api-availability": its window 1d is shorter than the query step 2d'
    );
  });
});

describe('slo handlers', () => {
  function ctx(
    query: Record<string, unknown>,
    source = new FakeSource(traffic(() => 0.1)),
    errors = [] as QueryContext['definitions']['errors']
  ): QueryContext {
    const definitions = emptyDefinitions();
    definitions.slos = [slo(), slo({ id: 'worker-availability', service: 'worker', labels: {} })];
    return {
      refId: 'A',
      queryType: String(query.queryType),
      query,
      range: { from: grid.start, to: grid.end },
      grid,
      intervalMs: HOUR,
      maxDataPoints: 100,
      metrics: source,
      definitions: { definitions, errors },
      now: grid.end + DAY,
      signal: new AbortController().signal,
      log: createLogger('test', 'error', () => undefined),
    };
  }
  const numberField = (f: Frame) => f.fields[1];

  it('slo: one frame per SLO x series (x window for burnRate), with labels, units and display names', async () => {
    const frames = await handleSlo(
      ctx({
        queryType: 'slo',
        slo: 'api-availability',
        series: ['sli', 'burnRate', 'budgetRemainingMinutes'],
        burnRateWindows: ['1h', '6h'],
      })
    );
    expect(frames.map((f) => [f.name, numberField(f).labels])).toEqual([
      ['sli', { tier: 'critical', slo: 'api-availability', service: 'api' }],
      ['burnRate', { tier: 'critical', slo: 'api-availability', service: 'api', window: '1h' }],
      ['burnRate', { tier: 'critical', slo: 'api-availability', service: 'api', window: '6h' }],
      ['budgetRemainingMinutes', { tier: 'critical', slo: 'api-availability', service: 'api' }],
    ]);
    expect(frames[0].meta).toMatchObject({
      type: 'timeseries-multi',
      executedQueryString: '1 - (sum(increase(bad[1d])) / sum(increase(total[1d])))',
    });
    expect(numberField(frames[0]).config).toMatchObject({
      unit: 'percentunit',
      displayNameFromDS: 'api-availability sli',
    });
    expect(numberField(frames[1]).config).toMatchObject({ displayNameFromDS: 'api-availability burnRate 1h' });
    expect(numberField(frames[3]).config!.unit).toBe('m');
    expect(frames[0].fields[0].values).toHaveLength(25);
  });

  it('slo: service filter, all series by default', async () => {
    const frames = await handleSlo(ctx({ queryType: 'slo', service: 'worker' }));
    expect(new Set(frames.map((f) => numberField(f).labels!.slo))).toEqual(new Set(['worker-availability']));
    expect(frames).toHaveLength(9 + 6);
  });

  it('unknown id -> 404 naming it; an id broken in the definitions -> 400 with the formatted error', async () => {
    await expect(handleSlo(ctx({ queryType: 'slo', slo: 'nope' }))).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('SLO "nope" is not defined'),
    });
    const broken = ctx({ queryType: 'slo', slo: 'api-gw' }, undefined, [
      {
        source: 'definitions.yaml',
        path: 'slos[2].objective',
        itemId: 'api-gw',
        line: 7,
        message: 'objective must be between 0 and 100 (got 150)',
      },
    ]);
    await expect(handleSlo(broken)).rejects.toMatchObject({
      status: 400,
      message: 'definitions.yaml:7: slos[2].objective "api-gw": objective must be between 0 and 100 (got 150)',
    });
    await expect(handleSlo(ctx({ queryType: 'slo', series: ['sli', 'bogus'] }))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('"bogus"'),
    });
    await expect(handleSlo(ctx({ queryType: 'slo', burnRateWindows: ['soon'] }))).rejects.toMatchObject({
      status: 400,
    });
  });

  it('sloCatalog: a row per SLO at the end of the range', async () => {
    const [frame] = await handleSloCatalog(ctx({ queryType: 'sloCatalog' }));
    const col = (name: string) => frame.fields.find((f) => f.name === name)!.values;
    expect(col('id')).toEqual(['api-availability', 'worker-availability']);
    expect(col('budgetRemaining')[0]).toBeCloseTo(0.9, 9);
    expect(col('burnRate1h')[0]).toBeCloseTo(0.1, 9);
    expect(col('status')).toEqual([0, 0]);
    expect(frame.meta!.type).toBe('table');
  });

  it('burnAlert: 0/1 frame per SLO', async () => {
    // 0.01x: below every ticket factor scaled to a 1-day SLO (0.1x over 1d, 0.033x over 3d)
    const frames = await handleBurnAlert(
      ctx({ queryType: 'burnAlert', slo: 'api-availability', severity: 'ticket' }, new FakeSource(traffic(() => 0.01)))
    );
    expect(frames).toHaveLength(1);
    expect(numberField(frames[0]).labels).toMatchObject({ severity: 'ticket', slo: 'api-availability' });
    expect(new Set(numberField(frames[0]).values)).toEqual(new Set([0]));
    await expect(handleBurnAlert(ctx({ queryType: 'burnAlert', severity: 'sms' }))).rejects.toMatchObject({
      status: 400,
    });
  });
});
