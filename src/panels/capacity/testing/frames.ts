/**
 * Test factories for the capacity panel, in the backend's frame form (src/core/frame.ts); unit tests convert
 * them with createDataFrame, the Chromium render tests send them through Grafana's JSON wire form.
 */
import { Frame, tableFrame, timeSeriesFrame } from '../../../core/frame';

export interface CapacityFixture {
  resource: string;
  kind: string;
  instance?: string;
  name?: string;
  /** utilization history, oldest first, one point per hour ending at `end` */
  utilization: number[];
  warning: number;
  critical: number;
  /** forecast points after the last sample, one per hour: [value, lower, upper] */
  forecast?: Array<[number, number, number]>;
  /** seconds at the last sample (null = not within the horizon) */
  timeToWarning: number | null;
  timeToCritical: number | null;
  status: number;
  /** the catalog's buffer columns (bufferStatus text, bufferMinimum fraction); without them the panel derives */
  bufferStatus?: string;
  bufferMinimum?: number;
}

const HOUR = 3_600_000;

/** The `capacity` query's frames for one resource: history up to `end`, forecast after it. */
export function capacitySeriesFrames(f: CapacityFixture, end: number): Frame[] {
  const past = f.utilization.map((_, i) => end - (f.utilization.length - 1 - i) * HOUR);
  const future = (f.forecast ?? []).map((_, i) => end + (i + 1) * HOUR);
  const times = [...past, ...future];
  const labels: Record<string, string> = {
    resource: f.resource,
    kind: f.kind,
    ...(f.instance ? { instance: f.instance } : {}),
  };
  const pastOnly = (v: number | null) => times.map((t) => (t <= end ? v : null));
  const futureOnly = (k: 0 | 1 | 2) =>
    times.map((t) =>
      t > end ? (f.forecast![future.indexOf(t)][k] ?? null) : t === end ? f.utilization[f.utilization.length - 1] : null
    );
  const series: Array<[string, Array<number | null>]> = [
    ['utilization', times.map((t, i) => (t <= end ? f.utilization[i] : null))],
    ['warning', times.map(() => f.warning)],
    ['critical', times.map(() => f.critical)],
    ['timeToWarning', pastOnly(f.timeToWarning)],
    ['timeToCritical', pastOnly(f.timeToCritical)],
    ['status', pastOnly(f.status)],
  ];
  if (f.forecast) {
    series.push(['forecast', futureOnly(0)], ['forecastLower', futureOnly(1)], ['forecastUpper', futureOnly(2)]);
  }
  // as the backend sends them: threshold lines are the resource's, labelled without the instance
  const resourceLabels = { resource: f.resource, kind: f.kind };
  return series.map(([name, values]) => ({
    ...timeSeriesFrame(name, times, values, name === 'warning' || name === 'critical' ? resourceLabels : labels, {
      unit: name.startsWith('time') ? 's' : 'percentunit',
    }),
    refId: 'A',
  }));
}

/** The `capacityCatalog` table (the columns Headroom's handler returns). */
export function capacityCatalogFrame(fixtures: CapacityFixture[], summaries: string[] = []): Frame {
  const col = <T extends string | number | null>(
    name: string,
    type: 'string' | 'number',
    pick: (f: CapacityFixture) => T
  ) => ({ name, type, values: fixtures.map(pick) });
  return {
    ...tableFrame('capacityCatalog', [
      col('id', 'string', (f) => f.resource),
      col('name', 'string', (f) => f.name ?? f.resource),
      col('kind', 'string', (f) => f.kind),
      col('instance', 'string', (f) => f.instance ?? ''),
      col('utilization', 'number', (f) => f.utilization[f.utilization.length - 1]),
      col('status', 'number', (f) => f.status),
      ...(fixtures.some((f) => f.bufferStatus !== undefined)
        ? [
            col('bufferStatus', 'string', (f) => f.bufferStatus ?? null),
            col('bufferMinimum', 'number', (f) => f.bufferMinimum ?? null),
          ]
        : []),
      col('timeToWarning', 'number', (f) => f.timeToWarning),
      col('timeToCritical', 'number', (f) => f.timeToCritical),
      ...(summaries.length ? [{ name: 'summary', type: 'string' as const, values: summaries }] : []),
    ]),
    refId: 'A',
  };
}

const ramp = (from: number, to: number, n = 24) =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
const wave = (base: number, amp: number, n = 24) =>
  Array.from({ length: n }, (_, i) => base + amp * Math.sin((i / n) * 2 * Math.PI));

/** A platform's resources in every state: a disk filling up, hot CPU, comfortable memory and network. */
export const DEMO_CAPACITY: CapacityFixture[] = [
  {
    resource: 'disk-db',
    kind: 'disk',
    instance: 'db-2',
    name: 'disk',
    utilization: ramp(0.7, 0.74),
    warning: 0.8,
    critical: 0.9,
    forecast: Array.from({ length: 12 }, (_, i) => [
      0.74 + 0.002 * (i + 1),
      0.73 + 0.001 * (i + 1),
      0.75 + 0.004 * (i + 1),
    ]),
    timeToWarning: 5 * 86400,
    timeToCritical: 12 * 86400,
    status: 0,
  },
  {
    resource: 'cluster-cpu',
    kind: 'cpu',
    name: 'CPU',
    utilization: wave(0.78, 0.08),
    warning: 0.7,
    critical: 0.85,
    forecast: Array.from({ length: 12 }, (_, i) => [0.8 + 0.06 * Math.sin((i / 12) * Math.PI), 0.72, 0.9]),
    timeToWarning: null,
    timeToCritical: 3 * 3600,
    status: 1,
  },
  {
    resource: 'cluster-memory',
    kind: 'memory',
    name: 'memory',
    utilization: wave(0.52, 0.03),
    warning: 0.75,
    critical: 0.9,
    timeToWarning: null,
    timeToCritical: null,
    status: 0,
  },
  {
    resource: 'disk-db',
    kind: 'disk',
    instance: 'db-1',
    name: 'disk',
    utilization: ramp(0.9, 0.93),
    warning: 0.8,
    critical: 0.9,
    timeToWarning: null,
    timeToCritical: null,
    status: 2,
  },
];

export function demoCapacityFrames(end: number): Frame[] {
  return DEMO_CAPACITY.flatMap((f) => capacitySeriesFrames(f, end));
}
