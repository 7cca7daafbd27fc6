/**
 * Oracle for the linear capacity forecast: a real Prometheus (Debian's 2.42) holding gauge history the test
 * writes. The capacity handler, reading through PrometheusSource, must forecast exactly what Prometheus's own
 * predict_linear(usage[W], h) answers at the end of the training window W, for every h, and its time to
 * warning must be where predict_linear reaches the warning line. Samples sit on the 5-minute training grid,
 * so the range query hands the handler the same samples predict_linear sees (2.42's range is closed [t-W, t]).
 * The smoothing recursions are checked against Prometheus's holt_winters() (Holt's method) on the same data.
 */
import { startPrometheus, type TestPrometheus } from '../support/prometheus';
import { handleCapacity, handleCapacityCatalog } from '../../src/backend/handlers/capacity';
import type { QueryContext } from '../../src/backend/handlers/types';
import { createLogger } from '../../src/backend/logger';
import { PrometheusSource } from '../../src/backend/sources/prometheus';
import { emptyDefinitions, type CapacityDefinition } from '../../src/core/definitions/model';
import { QueryError } from '../../src/core/errors';
import type { Frame } from '../../src/core/frame';
import { smooth } from '../../src/core/capacity/holt-winters';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 0, 10); // "now" of the queries
const START = END - 2 * DAY;
const SIZE = 1000;

/** disk usage per node: a trend with a daily wave and deterministic jitter, so the fit is not trivial */
const usage: Record<string, (t: number) => number> = {
  'db-1': (t) => 300 + (2 * (t - START)) / HOUR + 30 * Math.sin((2 * Math.PI * t) / DAY) + 7 * Math.sin(t / 7_777_777),
  'db-2': (t) => 650 + (0.1 * (t - START)) / HOUR + 10 * Math.cos((2 * Math.PI * t) / DAY),
};

function openMetrics(): string {
  const lines: string[] = ['# TYPE disk_used gauge'];
  for (const [instance, f] of Object.entries(usage)) {
    for (let t = START; t <= END; t += 5 * MIN) {
      lines.push(`disk_used{instance="${instance}"} ${f(t)} ${t / 1000}`);
    }
  }
  lines.push('# TYPE disk_size gauge');
  for (const instance of Object.keys(usage)) {
    for (let t = START; t <= END; t += 5 * MIN) {
      lines.push(`disk_size{instance="${instance}"} ${SIZE} ${t / 1000}`);
    }
  }
  return lines.join('\n') + '\n# EOF\n';
}

const DISK: CapacityDefinition = {
  id: 'db-disk',
  name: 'disk',
  resource: 'disk',
  usage: 'disk_used',
  capacity: 'disk_size',
  thresholds: { warning: 80, critical: 90 },
  labels: {},
  origin: 'test',
};
const BROKEN: CapacityDefinition = { ...DISK, id: 'broken', usage: 'sum(rate(disk_used[5m]' };

let prom: TestPrometheus;
const log = createLogger('test', 'error', () => undefined);

beforeAll(async () => {
  prom = await startPrometheus({ openMetrics: openMetrics() });
}, 120_000);

afterAll(async () => {
  await prom?.stop();
});

function context(query: Record<string, unknown>, capacity: CapacityDefinition[]): QueryContext {
  return {
    refId: 'A',
    queryType: String(query.queryType),
    query,
    range: { from: END - 6 * HOUR, to: END + 30 * DAY },
    grid: { start: END - 6 * HOUR, end: END + 30 * DAY, step: 6 * HOUR },
    intervalMs: 6 * HOUR,
    maxDataPoints: 200,
    metrics: new PrometheusSource({ url: prom.url, timeoutMs: 10_000, log }),
    definitions: { definitions: { ...emptyDefinitions(), capacity }, errors: [] },
    now: END,
    signal: new AbortController().signal,
    log,
  };
}

async function predictLinear(instance: string, window: string, seconds: number): Promise<number> {
  const [sample] = await prom.query(`predict_linear(disk_used{instance="${instance}"}[${window}], ${seconds})`, END);
  return Number(sample.value[1]);
}

const seriesOf = (frames: Frame[], name: string, instance: string) =>
  frames.find((f) => f.fields[1].name === name && f.fields[1].labels?.instance === instance)!;

describe('capacity forecast against Prometheus', () => {
  it.each([
    ['db-1', '1d'],
    ['db-2', '1d'],
    ['db-1', '2d'],
  ])(
    '%s, training %s: forecast = predict_linear(disk_used[W], h) at every future grid point',
    async (instance, training) => {
      const frames = await handleCapacity(
        context(
          { queryType: 'capacity', series: ['forecast', 'timeToWarning'], forecast: { method: 'linear', training } },
          [DISK]
        )
      );
      const forecast = seriesOf(frames, 'forecast', instance);
      const times = forecast.fields[0].values as number[];
      const values = forecast.fields[1].values as Array<number | null>;
      let compared = 0;
      for (let i = 0; i < times.length; i++) {
        if (times[i] < END) {
          expect(values[i]).toBeNull();
          continue;
        }
        const expected = await predictLinear(instance, training, (times[i] - END) / 1000);
        expect(Math.abs(values[i]! * SIZE - expected)).toBeLessThan(1e-9 * Math.abs(expected));
        compared++;
      }
      expect(compared).toBe(121);
    }
  );

  it('time to warning is where predict_linear reaches 80% of capacity', async () => {
    const frames = await handleCapacity(
      context({ queryType: 'capacity', series: ['timeToWarning'], forecast: { method: 'linear', training: '2d' } }, [
        DISK,
      ])
    );
    const ttw = seriesOf(frames, 'timeToWarning', 'db-1');
    const times = ttw.fields[0].values as number[];
    const seconds = (ttw.fields[1].values as number[])[times.indexOf(END)];
    expect(seconds).toBeGreaterThan(0);
    expect(await predictLinear('db-1', '2d', seconds)).toBeCloseTo(0.8 * SIZE, 6);
    // db-2 stays below 80% for the 30 days: Prometheus agrees
    expect(
      (seriesOf(frames, 'timeToWarning', 'db-2').fields[1].values as Array<number | null>)[times.indexOf(END)]
    ).toBeNull();
    expect(await predictLinear('db-2', '2d', 30 * 86400)).toBeLessThan(0.8 * SIZE);
  });

  it('catalog through Prometheus: utilisation of the last sample and a sentence per node', async () => {
    const [table] = await handleCapacityCatalog(
      context({ queryType: 'capacityCatalog', forecast: { training: '2d' } }, [DISK])
    );
    const column = (name: string) => table.fields.find((f) => f.name === name)!.values;
    expect(column('instance')).toEqual(['db-1', 'db-2']);
    expect(column('utilization')[0]).toBeCloseTo(usage['db-1'](END) / SIZE, 12);
    expect(column('summary')[0]).toMatch(/^disk on db-1 reaches 80% in \d+ days( and 90% in \d+ days)?$/);
  });

  it("the smoothing recursions equal Prometheus's holt_winters(v[W], sf, tf) (Holt: level y0, trend y1 - y0, from y1)", async () => {
    const [series] = await prom.queryRange('disk_used{instance="db-1"}', END - DAY, END, 5 * MIN);
    const x = Float64Array.from(series.values.map(([, v]) => Number(v)));
    expect(x.length).toBe(289);
    for (const [sf, tf] of [
      [0.3, 0.1],
      [0.8, 0.5],
    ]) {
      const fit = smooth(
        x,
        { period: 0, seasonality: 'additive' },
        { alpha: sf, beta: tf, gamma: 0 },
        { level: x[0], trend: x[1] - x[0], season: [], first: 1 }
      );
      const [sample] = await prom.query(`holt_winters(disk_used{instance="db-1"}[1d], ${sf}, ${tf})`, END);
      expect(Math.abs(fit.level - Number(sample.value[1]))).toBeLessThan(1e-9 * fit.level);
    }
  });

  it('a PromQL syntax error is a downstream error naming the resource and the expression', async () => {
    const error = await handleCapacity(context({ queryType: 'capacity', resource: 'broken' }, [DISK, BROKEN])).catch(
      (e) => e
    );
    expect(error).toBeInstanceOf(QueryError);
    expect(error.source).toBe('downstream');
    expect(error.message).toContain('capacity "broken" usage query sum(rate(disk_used[5m]');
    expect(error.message).toMatch(/parse error/);
  });
});
