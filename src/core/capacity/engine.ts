/**
 * The capacity engine: from the usage and capacity series of one definition (already fetched, over the
 * view grid and over the training window) to per-instance results, time-series frames and catalog rows.
 * No I/O; src/backend/handlers/capacity.ts fetches and calls it.
 *
 * Semantics (DESIGN.md "capacity" plus what the design leaves to us):
 * - Series pairing: usage and capacity series are matched by their label sets (ignoring __name__); a single
 *   capacity series serves every usage series. One instance = one usage series.
 * - The forecast is of utilisation (usage / capacity) over the training window, anchored at its last sample.
 *   `forecast*` points are the view-grid times from that sample (inclusive) to sample + horizon: a range that
 *   ends in the future shows the forecast after "now"; a range that ends in the past is trained on data up
 *   to its end, so it shows the forecast from its last sample where that overlaps the range.
 * - `timeToWarning/Critical` at time t: seconds from t until the latest forecast first reaches the line
 *   (0 once it has), null when it does not within the horizon. Points before the last sample count down to
 *   the same crossing.
 * - `status`: per utilisation point, see capacityStatus; null where there is no utilisation.
 * - `peakUtilization`: utilisation x peak factor, the definitions' buffer.peakMultiplier (handbook 3x) or,
 *   with forecast.peak = "measured", the training window's max / mean utilisation.
 * - `growthWhatIf`: from the last sample on, the mean utilisation of the last season (or day) of training,
 *   compounded monthly at the handbook's growth for the kind (requests 25%, users 20%, data 30%).
 */
import type { CapacityDefinition, HeadroomBufferPolicy } from '../definitions/model';
import type { Series } from '../source';
import { tableFrame, timeSeriesFrame, type FieldConfig, type Frame, type Notice } from '../frame';
import type { CapacitySeriesName } from '../query';
import { crossingTime, type Forecast, type ForecastPoint, type ForecastSettings } from './forecast';
import { memoizedForecast } from './forecast-memo';
import {
  bufferStatus,
  capacitySentence,
  capacityStatus,
  compoundGrowth,
  HANDBOOK_GROWTH,
  peakToAverage,
  utilization,
  type BufferStatus,
} from './headroom';

export interface CapacityOptions extends ForecastSettings {
  peak: 'handbook' | 'measured';
  /** percent per month; undefined = handbook default for the kind */
  growth?: number;
}

/** A usage/capacity pair of aligned values, with the usage series' labels. */
export interface SeriesPair {
  labels: Record<string, string>;
  usage: Array<number | null>;
  capacity: Array<number | null>;
}

export const labelKey = (labels: Record<string, string>) =>
  JSON.stringify(
    Object.keys(labels)
      .filter((k) => k !== '__name__')
      .sort()
      .map((k) => [k, labels[k]])
  );

const withoutName = (labels: Record<string, string>) => {
  const { __name__: _ignored, ...rest } = labels;
  return rest;
};

/** Matches usage to capacity series (see the module comment); problems become notices, not errors. */
export function pairSeries(
  usage: Series[],
  capacity: Series[],
  length: number
): { pairs: SeriesPair[]; notices: string[] } {
  const empty = () => new Array<number | null>(length).fill(null);
  const notices: string[] = [];
  if (usage.length === 0) {
    notices.push('usage query returned no series');
  }
  if (capacity.length === 0) {
    notices.push('capacity query returned no series (capacity missing)');
  }
  const usageSeries = usage.length > 0 ? usage : [{ labels: {}, values: empty() }];
  if (capacity.length <= 1) {
    const c = capacity[0]?.values ?? empty();
    return {
      pairs: usageSeries.map((u) => ({ labels: withoutName(u.labels), usage: u.values, capacity: c })),
      notices,
    };
  }
  const byKey = new Map(capacity.map((c) => [labelKey(c.labels), c.values]));
  const pairs = usageSeries.map((u) => {
    const c = byKey.get(labelKey(u.labels));
    if (!c) {
      notices.push(`no capacity series with the labels of usage ${labelText(withoutName(u.labels))}`);
    }
    return { labels: withoutName(u.labels), usage: u.values, capacity: c ?? empty() };
  });
  return { pairs, notices };
}

/** {instance="db-2"} style text, or "(no labels)". */
export function labelText(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '(no labels)' : `{${keys.map((k) => `${k}="${labels[k]}"`).join(', ')}}`;
}

/** Short name of an instance for sentences and the catalog: its `instance` label, else its label values. */
export function instanceName(labels: Record<string, string>): string {
  if (labels.instance) {
    return labels.instance;
  }
  return Object.keys(labels)
    .sort()
    .map((k) => labels[k])
    .join('/');
}

export interface InstanceResult {
  definition: CapacityDefinition;
  labels: Record<string, string>;
  /** utilisation on the view grid (undefined for the catalog, which has no view) */
  view?: Array<number | null>;
  /** last training sample: time and utilisation */
  last?: { time: number; utilization: number };
  forecast?: Forecast;
  warningAt: number | null;
  criticalAt: number | null;
  peakFactor: number;
  growthBase?: number;
  growthPercent: number;
  notices: string[];
}

/**
 * Evaluates one instance: utilisation on both grids, the forecast from the training window and its
 * threshold crossings.
 */
export function evaluateInstance(input: {
  definition: CapacityDefinition;
  labels: Record<string, string>;
  view?: SeriesPair;
  training: SeriesPair;
  trainingTimes: number[];
  options: CapacityOptions;
  buffer: HeadroomBufferPolicy;
  notices: string[];
}): InstanceResult {
  const { definition, options } = input;
  const notices = [...input.notices];
  const train = utilization(input.training.usage, input.training.capacity);
  notices.push(...train.problems.map((p) => `training window: ${p}`));
  let view: Array<number | null> | undefined;
  if (input.view) {
    const v = utilization(input.view.usage, input.view.capacity);
    notices.push(...v.problems);
    view = v.values;
  }
  const { forecast, notices: forecastNotices } = memoizedForecast(input.trainingTimes, train.values, options);
  notices.push(...forecastNotices);
  let last: InstanceResult['last'];
  for (let i = train.values.length - 1; i >= 0; i--) {
    const u = train.values[i];
    if (u !== null) {
      last = { time: input.trainingTimes[i], utilization: u };
      break;
    }
  }
  let peakFactor = input.buffer.peakMultiplier;
  if (options.peak === 'measured') {
    const measured = peakToAverage(train.values);
    if (measured === undefined) {
      notices.push(`no measured peak-to-average ratio (no positive utilisation); used the multiplier ${peakFactor}x`);
    } else {
      peakFactor = measured;
    }
  }
  // growth base: the mean over the last season of training (the last day for linear), so a daily wave does not bias it
  let growthBase: number | undefined;
  if (last) {
    const from = last.time - options.season;
    let sum = 0;
    let n = 0;
    train.values.forEach((u, i) => {
      if (u !== null && input.trainingTimes[i] > from) {
        sum += u;
        n++;
      }
    });
    growthBase = sum / n;
  }
  const thresholds = definition.thresholds;
  return {
    definition,
    labels: input.labels,
    view,
    last,
    forecast,
    warningAt: forecast ? crossingTime(forecast, thresholds.warning / 100) : null,
    criticalAt: forecast ? crossingTime(forecast, thresholds.critical / 100) : null,
    peakFactor,
    growthBase,
    growthPercent: options.growth ?? HANDBOOK_GROWTH[definition.resource].percent,
    notices,
  };
}

const FRACTION: FieldConfig = { unit: 'percentunit', min: 0 };
const SECONDS: FieldConfig = { unit: 's', min: 0 };

const secondsUntil = (at: number | null, t: number) => (at === null ? null : Math.max(0, at - t) / 1000);

const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);

/** The threshold lines: the resource's, the same for each of its instances. */
const THRESHOLD_LINES: ReadonlySet<CapacitySeriesName> = new Set(['warning', 'critical']);

/**
 * Time-series frames of one instance for the requested series, on the view grid `times`. The threshold lines
 * are the resource's (labelled without the instance, named after the resource): `withThresholds` is true for
 * one instance of a resource only, so a panel of six nodes draws one warning line, not six on top of each other.
 */
export function instanceFrames(
  result: InstanceResult,
  times: number[],
  series: CapacitySeriesName[],
  buffer: HeadroomBufferPolicy,
  withThresholds = true
): Frame[] {
  const def = result.definition;
  const resourceLabels = { ...def.labels, resource: def.id, kind: def.resource };
  const labels = { ...def.labels, ...result.labels, resource: def.id, kind: def.resource };
  const u = result.view ?? times.map(() => null);
  // the forecast at each point, only when a forecast series is asked for (an object per point)
  let forecastPoints: Array<ForecastPoint | null> | undefined;
  const forecastAt = () => (forecastPoints ??= times.map((t) => result.forecast?.at(t) ?? null));
  const map = (f: (value: number) => number) => u.map((v) => (v === null ? null : f(v)));
  const build: Record<CapacitySeriesName, () => [Array<number | null>, FieldConfig]> = {
    utilization: () => [u, FRACTION],
    headroom: () => [map((v) => 1 - v), FRACTION],
    warning: () => [times.map(() => def.thresholds.warning / 100), FRACTION],
    critical: () => [times.map(() => def.thresholds.critical / 100), FRACTION],
    forecast: () => [forecastAt().map((p) => p?.value ?? null), FRACTION],
    forecastLower: () => [forecastAt().map((p) => p?.lower ?? null), FRACTION],
    forecastUpper: () => [forecastAt().map((p) => p?.upper ?? null), FRACTION],
    timeToWarning: () => [times.map((t) => secondsUntil(result.warningAt, t)), SECONDS],
    timeToCritical: () => [times.map((t) => secondsUntil(result.criticalAt, t)), SECONDS],
    status: () => [map((v) => capacityStatus(v, def.thresholds, buffer)), { min: 0, max: 2, decimals: 0 }],
    peakUtilization: () => [
      map((v) => v * result.peakFactor),
      { ...FRACTION, description: `utilization x ${Number(result.peakFactor.toFixed(2))} (peak factor)` },
    ],
    growthWhatIf: () => {
      const { last, growthBase } = result;
      const values = times.map((t) =>
        last && growthBase !== undefined && t >= last.time
          ? compoundGrowth(growthBase, result.growthPercent, t - last.time)
          : null
      );
      const driver = HANDBOOK_GROWTH[def.resource].driver;
      return [
        values,
        { ...FRACTION, description: `what-if: ${driver} +${result.growthPercent}%/month, compounding monthly` },
      ];
    },
  };
  const notices: Notice[] = result.notices.map((text) => ({ severity: 'warning', text: `${def.id}: ${text}` }));
  const emitted = withThresholds ? series : series.filter((name) => !THRESHOLD_LINES.has(name));
  return emitted.map((name, i) => {
    const [raw, config] = build[name]();
    // frames never carry NaN or Infinity (see frame.ts)
    const values = raw.every(finiteOrNull) ? raw : raw.map((v) => (finiteOrNull(v) ? v : null));
    const meta =
      i === 0
        ? {
            ...(notices.length > 0 ? { notices } : {}),
            ...(result.forecast
              ? { custom: { forecastMethod: result.forecast.method, forecast: result.forecast.description } }
              : {}),
          }
        : undefined;
    // Legends read "node-1 utilization" (or "Cluster CPU utilization", "CPU per node warning"), not the label set.
    const line = THRESHOLD_LINES.has(name);
    const owner = !line && Object.keys(result.labels).length > 0 ? instanceName(result.labels) : def.name;
    return timeSeriesFrame(
      name,
      times,
      values,
      line ? resourceLabels : labels,
      {
        ...config,
        displayNameFromDS: `${owner} ${name}`,
      },
      meta
    );
  });
}

/** A catalog row's values for one instance. */
export interface CatalogRow {
  id: string;
  name: string;
  kind: string;
  instance: string;
  utilization: number | null;
  headroom: number | null;
  status: number | null;
  bufferStatus: BufferStatus | null;
  /** the policy's minimum buffer (fraction), what "below minimum" is measured against */
  bufferMinimum: number;
  timeToWarning: number | null;
  timeToCritical: number | null;
  forecastMethod: string;
  summary: string;
}

export function catalogRow(result: InstanceResult, buffer: HeadroomBufferPolicy, horizon: number): CatalogRow {
  const def = result.definition;
  const u = result.last?.utilization ?? null;
  const from = result.last?.time ?? 0;
  const timeToWarning = secondsUntil(result.warningAt, from);
  const timeToCritical = secondsUntil(result.criticalAt, from);
  const instance = instanceName(result.labels);
  return {
    id: def.id,
    name: def.name,
    kind: def.resource,
    instance,
    utilization: u,
    headroom: u === null ? null : 1 - u,
    status: u === null ? null : capacityStatus(u, def.thresholds, buffer),
    bufferStatus: u === null ? null : bufferStatus(1 - u, buffer),
    bufferMinimum: buffer.minimum / 100,
    timeToWarning,
    timeToCritical,
    forecastMethod: result.forecast?.method ?? 'none',
    summary: capacitySentence({
      name: def.name,
      instance: instance || undefined,
      utilization: u,
      thresholds: def.thresholds,
      timeToWarning,
      timeToCritical,
      horizon,
    }),
  };
}

/** The capacityCatalog table: a row per resource x instance. */
export function catalogFrame(rows: CatalogRow[], notices: Notice[]): Frame {
  const column = <K extends keyof CatalogRow>(name: K, type: 'string' | 'number', config?: FieldConfig) => ({
    name,
    type,
    values: rows.map((r) => r[name]),
    ...(config ? { config } : {}),
  });
  return tableFrame(
    'capacityCatalog',
    [
      column('id', 'string'),
      column('name', 'string'),
      column('kind', 'string'),
      column('instance', 'string'),
      column('utilization', 'number', FRACTION),
      column('headroom', 'number', FRACTION),
      column('status', 'number', { min: 0, max: 2, decimals: 0 }),
      column('bufferStatus', 'string'),
      column('bufferMinimum', 'number', FRACTION),
      column('timeToWarning', 'number', SECONDS),
      column('timeToCritical', 'number', SECONDS),
      column('forecastMethod', 'string'),
      column('summary', 'string'),
    ],
    notices.length > 0 ? { notices } : undefined
  );
}
