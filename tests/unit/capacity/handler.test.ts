/**
 * The capacity handlers over a scripted MetricSource (unit test: the real Prometheus is in
 * tests/integration/capacity-prometheus.test.ts). Usage grows exactly linearly, so the linear forecast and
 * its crossing times are known in closed form.
 */
import { handleCapacity, handleCapacityCatalog } from '../../../src/backend/handlers/capacity';
import type { QueryContext } from '../../../src/backend/handlers/types';
import { createLogger } from '../../../src/backend/logger';
import { emptyDefinitions, type CapacityDefinition, type LoadedDefinitions } from '../../../src/core/definitions/model';
import { QueryError, upstreamError } from '../../../src/core/errors';
import type { Frame } from '../../../src/core/frame';
import { gridTimes, type MetricSource, type Series, type TimeGrid } from '../../../src/core/source';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = 1_780_000_000_000 - (1_780_000_000_000 % DAY); // a UTC midnight
const T0 = NOW - 10 * DAY;

/** expression -> series as functions of time (null = no sample) */
type Script = Record<string, Array<{ labels: Record<string, string>; at: (t: number) => number | null }> | Error>;

function source(script: Script, calls: string[] = []): MetricSource {
  return {
    kind: 'prometheus',
    describe: () => 'scripted',
    health: async () => 'ok',
    stepIncreases: async () => [],
    windowIncrease: async () => null,
    labelValues: async () => [],
    rangeQuery: async (expr: string, grid: TimeGrid): Promise<Series[]> => {
      calls.push(`${expr} ${grid.step}`);
      const entry = script[expr];
      if (entry instanceof Error) {
        throw entry;
      }
      const times = gridTimes(grid);
      // like Prometheus: no samples in the future
      return (entry ?? []).map((s) => ({ labels: s.labels, values: times.map((t) => (t > NOW ? null : s.at(t))) }));
    },
  };
}

function def(
  id: string,
  resource: CapacityDefinition['resource'],
  usage: string,
  capacity: string,
  warning: number,
  critical: number
) {
  return {
    id,
    name: id,
    resource,
    usage,
    capacity,
    thresholds: { warning, critical },
    labels: {},
    origin: `test capacity ${id}`,
  };
}

// cpu: 2 + 0.1 per day of 10 cores -> 20% at T0, +1%/day; warning 70% is reached 50 days after T0
const cpuUsage = (t: number) => 2 + (0.1 * (t - T0)) / DAY;
// disk per node: db-1 flat at 50%, db-2 from 60% growing 1%/day (warning 80% 20 days after T0, critical 90% after 30)
const diskUsage: Record<string, (t: number) => number> = {
  'db-1': () => 500,
  'db-2': (t) => 600 + (10 * (t - T0)) / DAY,
};
const DEFS = [
  def('cluster-cpu', 'cpu', 'cpu_used', 'cpu_total', 70, 85),
  def('db-disk', 'disk', 'disk_used', 'disk_size', 80, 90),
];
const SCRIPT: Script = {
  cpu_used: [{ labels: {}, at: cpuUsage }],
  cpu_total: [{ labels: {}, at: () => 10 }],
  disk_used: Object.entries(diskUsage).map(([instance, at]) => ({ labels: { __name__: 'disk_used', instance }, at })),
  disk_size: ['db-2', 'db-1'].map((instance) => ({ labels: { __name__: 'disk_size', instance }, at: () => 1000 })),
};

function context(
  query: Record<string, unknown>,
  metrics: MetricSource,
  options: Partial<QueryContext> = {}
): QueryContext {
  const definitions: LoadedDefinitions = { definitions: { ...emptyDefinitions(), capacity: DEFS }, errors: [] };
  return {
    refId: 'A',
    queryType: String(query.queryType ?? 'capacity'),
    query,
    range: { from: NOW - DAY, to: NOW + 10 * DAY },
    grid: { start: NOW - DAY, end: NOW + 10 * DAY, step: HOUR },
    intervalMs: HOUR,
    maxDataPoints: 1000,
    metrics,
    definitions,
    now: NOW,
    signal: new AbortController().signal,
    log: createLogger('test', 'error', () => undefined),
    ...options,
  };
}

const values = (frame: Frame) => frame.fields[1].values as Array<number | null>;
const find = (frames: Frame[], series: string, labels: Record<string, string>) =>
  frames.find(
    (f) => f.fields[1].name === series && Object.entries(labels).every(([k, v]) => f.fields[1].labels?.[k] === v)
  )!;

describe('capacity query', () => {
  it('returns every default series per resource x instance with resource, kind and instance labels', async () => {
    const frames = await handleCapacity(context({ queryType: 'capacity' }, source(SCRIPT)));
    // 11 default series (growthWhatIf is opt-in) x (1 cpu + 2 disk instances), less the second disk
    // instance's two threshold lines: those are the resource's, drawn once
    expect(frames).toHaveLength(31);
    const u = find(frames, 'utilization', { resource: 'db-disk', instance: 'db-2' });
    expect(u.fields[1].labels).toEqual({ resource: 'db-disk', kind: 'disk', instance: 'db-2' });
    expect(u.fields[1].config?.unit).toBe('percentunit');
    expect(u.meta?.type).toBe('timeseries-multi');
  });

  it('utilization, headroom, thresholds and status on the view grid; nothing measured after now', async () => {
    const frames = await handleCapacity(context({ queryType: 'capacity', resource: 'db-disk' }, source(SCRIPT)));
    const times = frames[0].fields[0].values as number[];
    const at = times.indexOf(NOW);
    const u2 = (s: string) => find(frames, s, { instance: 'db-2' });
    const db2 = (s: string) => values(u2(s));
    expect(db2('utilization')[at]).toBeCloseTo(0.7, 12);
    expect(db2('headroom')[at]).toBeCloseTo(0.3, 12);
    const line = (s: string) => frames.filter((f) => f.fields[1].name === s);
    expect(line('warning')).toHaveLength(1);
    expect(line('critical')).toHaveLength(1);
    expect(line('warning')[0].fields[1].labels).toEqual({ resource: 'db-disk', kind: 'disk' });
    expect(line('warning')[0].fields[1].config?.displayNameFromDS).toBe('db-disk warning');
    expect(u2('utilization').fields[1].config?.displayNameFromDS).toBe('db-2 utilization');
    expect(values(line('warning')[0]).every((v) => v === 0.8)).toBe(true);
    expect(values(line('critical')[0]).every((v) => v === 0.9)).toBe(true);
    expect(db2('status')[at]).toBe(0);
    expect(db2('utilization')[at + 1]).toBeNull();
    expect(db2('status')[at + 1]).toBeNull();
    // peak-adjusted with the handbook's 3x
    expect(db2('peakUtilization')[at]).toBeCloseTo(2.1, 12);
  });

  it('linear forecast from the last sample on, crossing times in closed form', async () => {
    const frames = await handleCapacity(
      context({ queryType: 'capacity', resource: 'db-disk', forecast: { method: 'linear' } }, source(SCRIPT))
    );
    const times = frames[0].fields[0].values as number[];
    const u2 = (s: string) => find(frames, s, { instance: 'db-2' });
    const db2 = (s: string) => values(u2(s));
    const now = times.indexOf(NOW);
    expect(db2('forecast')[now - 1]).toBeNull();
    expect(db2('forecast')[now]).toBeCloseTo(0.7, 9);
    const last = times.length - 1;
    expect(db2('forecast')[last]).toBeCloseTo(0.7 + 0.01 * 10, 9);
    // exact data: the band collapses onto the line
    expect(db2('forecastUpper')[last]! - db2('forecastLower')[last]!).toBeLessThan(1e-9);
    // warning (80%) 10 days after now, critical (90%) 20 days after now (within the 30d horizon)
    expect(db2('timeToWarning')[now]).toBeCloseTo(10 * 86400, 3);
    expect(db2('timeToCritical')[now]).toBeCloseTo(20 * 86400, 3);
    expect(db2('timeToWarning')[last]).toBe(0);
    expect(db2('timeToCritical')[last]).toBeCloseTo(10 * 86400, 3);
    // db-1 is flat: never crosses
    expect(values(find(frames, 'timeToWarning', { instance: 'db-1' }))[now]).toBeNull();
  });

  it('a horizon shorter than the crossing gives null', async () => {
    const frames = await handleCapacity(
      context(
        {
          queryType: 'capacity',
          resource: 'db-disk',
          series: ['timeToCritical'],
          forecast: { method: 'linear', horizon: '15d' },
        },
        source(SCRIPT)
      )
    );
    expect(values(find(frames, 'timeToCritical', { instance: 'db-2' })).every((v) => v === null)).toBe(true);
  });

  it('growthWhatIf compounds the handbook growth monthly (cpu: requests +25%/month)', async () => {
    const frames = await handleCapacity(
      context(
        { queryType: 'capacity', resource: 'cluster-cpu', series: ['growthWhatIf'], forecast: { horizon: '60d' } },
        source(SCRIPT),
        { range: { from: NOW, to: NOW + 30 * DAY }, grid: { start: NOW, end: NOW + 30 * DAY, step: DAY } }
      )
    );
    const g = values(frames[0]);
    // base: mean utilisation of the last day of training = 0.3 - half a day of 1%/day growth
    const base = 0.3 - 0.005;
    expect(g[0]).toBeCloseTo(base, 3);
    expect(g[30]).toBeCloseTo(base * 1.25, 3);
    expect(frames[0].fields[1].config?.description).toBe('what-if: requests +25%/month, compounding monthly');
  });

  it('a range that ends in the past is trained up to its end and forecasts from there', async () => {
    const end = NOW - 5 * DAY;
    const frames = await handleCapacity(
      context({ queryType: 'capacity', resource: 'cluster-cpu', series: ['utilization', 'forecast'] }, source(SCRIPT), {
        range: { from: end - DAY, to: end },
        grid: { start: end - DAY, end, step: HOUR },
      })
    );
    const forecast = values(frames[1]);
    expect(forecast.slice(0, -1).every((v) => v === null)).toBe(true);
    expect(forecast[forecast.length - 1]).toBeCloseTo(cpuUsage(end) / 10, 9);
  });

  it('peak factor: the handbook multiplier by default, the measured peak/average with forecast.peak = "measured"', async () => {
    const wavy: Script = {
      ...SCRIPT,
      cpu_used: [{ labels: {}, at: (t) => 4 + 2 * Math.sin((2 * Math.PI * t) / DAY) }],
    };
    const query = (peak?: string) =>
      handleCapacity(
        context(
          {
            queryType: 'capacity',
            resource: 'cluster-cpu',
            series: ['utilization', 'peakUtilization'],
            forecast: { peak },
          },
          source(wavy)
        )
      );
    const ratio = async (peak?: string) => {
      const [u, p] = await query(peak);
      const at = (u.fields[0].values as number[]).indexOf(NOW);
      return values(p)[at]! / values(u)[at]!;
    };
    expect(await ratio()).toBeCloseTo(3, 12);
    // 4 days of 4 + 2 sin: mean 0.4, max 0.6 of capacity
    expect(await ratio('measured')).toBeCloseTo(1.5, 3);
  });

  it('several capacity series are matched to usage by labels; an unmatched usage series gets a notice', async () => {
    const script: Script = {
      ...SCRIPT,
      disk_size: [
        { labels: { instance: 'db-2' }, at: () => 2000 },
        { labels: { instance: 'db-3' }, at: () => 1000 },
      ],
    };
    const frames = await handleCapacity(
      context({ queryType: 'capacity', resource: 'db-disk', series: ['utilization'] }, source(script))
    );
    const db1 = find(frames, 'utilization', { instance: 'db-1' });
    const db2 = find(frames, 'utilization', { instance: 'db-2' });
    const at = (db2.fields[0].values as number[]).indexOf(NOW);
    expect(values(db2)[at]).toBeCloseTo(0.35, 12);
    expect(values(db1).every((v) => v === null)).toBe(true);
    expect(db1.meta?.notices?.map((n) => n.text)).toContain(
      'db-disk: no capacity series with the labels of usage {instance="db-1"}'
    );
  });

  it('training window: 28 days at 30 minutes for linear, 4 seasons for holt-winters (5 minutes for 4 days, 30 for 4 weeks)', async () => {
    const calls: string[] = [];
    await handleCapacity(context({ queryType: 'capacity', resource: 'cluster-cpu' }, source(SCRIPT, calls)));
    expect(calls).toContain(`cpu_used ${30 * 60_000}`);
    calls.length = 0;
    await handleCapacity(
      context(
        { queryType: 'capacity', resource: 'cluster-cpu', forecast: { method: 'holt-winters', season: '1d' } },
        source(SCRIPT, calls)
      )
    );
    expect(calls).toContain(`cpu_used ${5 * 60_000}`);
    calls.length = 0;
    await handleCapacity(
      context(
        { queryType: 'capacity', resource: 'cluster-cpu', forecast: { method: 'holt-winters', season: '1w' } },
        source(SCRIPT, calls)
      )
    );
    expect(calls).toContain(`cpu_used ${30 * 60_000}`);
  });
});

describe('capacity catalog', () => {
  it('a row per resource x instance with status, buffer status, times and a sentence', async () => {
    const [frame] = await handleCapacityCatalog(
      context({ queryType: 'capacityCatalog', forecast: { method: 'linear' } }, source(SCRIPT))
    );
    const column = (name: string) => frame.fields.find((f) => f.name === name)!.values;
    expect(frame.meta?.type).toBe('table');
    expect(column('id')).toEqual(['cluster-cpu', 'db-disk', 'db-disk']);
    expect(column('instance')).toEqual(['', 'db-1', 'db-2']);
    expect(column('utilization')[2]).toBeCloseTo(0.7, 9);
    expect(column('headroom')[2]).toBeCloseTo(0.3, 9);
    // headroom 80% ok, 50% at the target, 30% at the minimum
    expect(column('bufferStatus')).toEqual(['ok', 'ok', 'below target']);
    // the minimum those are measured against (definitions' buffer.minimum, handbook 30%), right after them
    expect(column('bufferMinimum')).toEqual([0.3, 0.3, 0.3]);
    expect(frame.fields.map((f) => f.name).indexOf('bufferMinimum')).toBe(frame.fields.map((f) => f.name).indexOf('bufferStatus') + 1);
    expect(column('status')).toEqual([0, 0, 0]);
    expect(column('timeToWarning')[2]).toBeCloseTo(10 * 86400, 3);
    expect(column('forecastMethod')).toEqual(['linear', 'linear', 'linear']);
    expect(column('summary')).toEqual([
      'cluster-cpu is at 30%, stays below 70% for the next 30d',
      'db-disk on db-1 is at 50%, stays below 80% for the next 30d',
      'db-disk on db-2 reaches 80% in 10 days and 90% in 20 days',
    ]);
  });
});

describe('capacity catalog buffer minimum', () => {
  it('is the definitions\' buffer.minimum, and the buffer status is measured against it', async () => {
    const ctx = context({ queryType: 'capacityCatalog', forecast: { method: 'linear' } }, source(SCRIPT));
    ctx.definitions.definitions.buffer = { minimum: 60, target: 70, alert: 40, peakMultiplier: 3 };
    const [frame] = await handleCapacityCatalog(ctx);
    const column = (name: string) => frame.fields.find((f) => f.name === name)!.values;
    // headroom 80%, 50%, 30% against minimum 60% and alert 40%
    expect(column('bufferStatus')).toEqual(['ok', 'below minimum', 'alert']);
    expect(column('bufferMinimum')).toEqual([0.6, 0.6, 0.6]);
  });
});

describe('default forecast (trend)', () => {
  it('is trend; on exactly linear growth the straight fit wins over compounding (closer to the samples)', async () => {
    const [frame] = await handleCapacityCatalog(context({ queryType: 'capacityCatalog' }, source(SCRIPT)));
    const column = (name: string) => frame.fields.find((f) => f.name === name)!.values;
    expect(column('forecastMethod')).toEqual(['trend', 'trend', 'trend']);
    // db-2 grows 1 point a day from 70%: 80% in 10 days, 90% in 20 (compounding would say 80% in 8.7 days)
    expect(column('timeToWarning')[2]).toBeCloseTo(10 * 86400, 0);
    expect(column('timeToCritical')[2]).toBeCloseTo(20 * 86400, 0);
    expect(column('timeToWarning')[1]).toBeNull();
  });
});

describe('bad input', () => {
  it('an unknown resource is a 404 naming the defined ones', async () => {
    const error = await handleCapacity(context({ queryType: 'capacity', resource: 'nope' }, source(SCRIPT))).catch(
      (e) => e
    );
    expect(error).toBeInstanceOf(QueryError);
    expect(error.status).toBe(404);
    expect(error.message).toBe('capacity resource "nope" is not defined (defined: cluster-cpu, db-disk)');
  });

  it('bad forecast options name the field', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ method: 'arima' }, /forecast.method must be one of trend, linear, holt-winters/],
      [{ horizon: 'soon' }, /forecast.horizon must be a duration/],
      [{ method: 'holt-winters', training: '1d' }, /forecast.training \(1d\) must cover at least 2 seasons/],
      [{ growth: 'lots' }, /forecast.growth must be a percentage/],
    ];
    for (const [forecast, message] of cases) {
      const error = await handleCapacity(context({ queryType: 'capacity', forecast }, source(SCRIPT))).catch((e) => e);
      expect(error.status).toBe(400);
      expect(error.message).toMatch(message);
    }
    const error = await handleCapacity(
      context({ queryType: 'capacity', series: ['utilisation'] }, source(SCRIPT))
    ).catch((e) => e);
    expect(error.message).toMatch(/unknown capacity series "utilisation"/);
  });

  it('capacity 0 or missing and negative usage give null points and a notice, not an error', async () => {
    const script: Script = {
      ...SCRIPT,
      cpu_total: [{ labels: {}, at: (t) => (t >= NOW - 2 * HOUR ? 0 : 10) }],
      disk_used: [{ labels: { instance: 'db-1' }, at: (t) => (t >= NOW - HOUR ? -5 : 500) }],
      disk_size: [],
    };
    const frames = await handleCapacity(context({ queryType: 'capacity', series: ['utilization'] }, source(script)));
    const cpu = find(frames, 'utilization', { resource: 'cluster-cpu' });
    const times = cpu.fields[0].values as number[];
    expect(values(cpu)[times.indexOf(NOW)]).toBeNull();
    expect(values(cpu)[times.indexOf(NOW - 3 * HOUR)]).toBeCloseTo(0.2 + 0.01 * (10 - 3 / 24), 9);
    expect(cpu.meta?.notices?.map((n) => n.text)).toContain(
      'cluster-cpu: capacity is 0, negative or missing at 3 points'
    );
    const disk = find(frames, 'utilization', { resource: 'db-disk' });
    expect(values(disk).every((v) => v === null)).toBe(true);
    expect(disk.meta?.notices?.map((n) => n.text)).toContain(
      'db-disk: capacity query returned no series (capacity missing)'
    );
  });

  it('a PromQL error names the resource and expression; other resources still answer', async () => {
    const script: Script = {
      ...SCRIPT,
      disk_used: upstreamError('Prometheus at http://p failed query disk_used: parse error', 400),
    };
    const frames = await handleCapacity(context({ queryType: 'capacity', series: ['utilization'] }, source(script)));
    expect(frames.map((f) => f.fields[1].labels?.resource)).toEqual(['cluster-cpu']);
    expect(frames[0].meta?.notices).toContainEqual({
      severity: 'error',
      text: 'capacity "db-disk" usage query disk_used: Prometheus at http://p failed query disk_used: parse error',
    });
    const alone = await handleCapacity(context({ queryType: 'capacity', resource: 'db-disk' }, source(script))).catch(
      (e) => e
    );
    expect(alone).toBeInstanceOf(QueryError);
    expect(alone.source).toBe('downstream');
    expect(alone.message).toMatch(/^capacity "db-disk" usage query disk_used: /);
  });

  it('too little history for the season: Holt without season, with a notice on the frame', async () => {
    const script: Script = { ...SCRIPT, cpu_used: [{ labels: {}, at: (t) => (t < NOW - DAY ? null : cpuUsage(t)) }] };
    const frames = await handleCapacity(
      context(
        { queryType: 'capacity', resource: 'cluster-cpu', series: ['forecast'], forecast: { method: 'holt-winters' } },
        source(script)
      )
    );
    expect(frames[0].meta?.notices?.[0].text).toBe(
      "cluster-cpu: only 1d of history, holt-winters needs 2 seasons (2d): used Holt's trend method without season"
    );
    expect(frames[0].meta?.custom?.forecastMethod).toBe('holt');
  });
});
