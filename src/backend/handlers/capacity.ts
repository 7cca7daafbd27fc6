/**
 * The `capacity` and `capacityCatalog` query types (DESIGN.md): fetch each capacity definition's usage and
 * capacity over the view grid and over a training window, then let src/core/capacity/engine.ts compute.
 *
 * Training window: `forecast.training`, default 28d for trend and linear (whole weeks) and 4 seasons for Holt-Winters,
 * ending at the end of the time range or now, whichever is earlier. It is queried at the smallest step of
 * 5m, 10m, 15m, 30m, 1h, ... that keeps it under 2000 points (and divides the season for Holt-Winters),
 * so the forecast does not change with the dashboard's zoom.
 */
import type { QueryContext, QueryHandler } from './types';
import { formatDefinitionError, type CapacityDefinition } from '../../core/definitions/model';
import type { Frame, Notice } from '../../core/frame';
import { badQuery, notFound, QueryError } from '../../core/errors';
import { formatDuration, parseDuration } from '../../core/duration';
import { gridLength, gridTimes, type Series, type TimeGrid } from '../../core/source';
import { CAPACITY_SERIES, type CapacitySeriesName } from '../../core/query';
import {
  catalogFrame,
  catalogRow,
  evaluateInstance,
  instanceFrames,
  labelKey,
  pairSeries,
  type CapacityOptions,
  type InstanceResult,
  type SeriesPair,
} from '../../core/capacity/engine';

const MINUTE = 60_000;
const DAY = 86_400_000;
const TRAINING_STEPS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);
const MAX_TRAINING_POINTS = 2000;
const MAX_HORIZON = 366 * DAY;
/** growthWhatIf is opt-in; every other series is returned by default */
const DEFAULT_SERIES = CAPACITY_SERIES.filter((s) => s !== 'growthWhatIf');

interface ParsedOptions extends CapacityOptions {
  training: number;
  trainingStep: number;
}

function durationField(forecast: Record<string, unknown>, field: string, fallback: string): number {
  const raw = forecast[field] ?? fallback;
  const ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
  if (ms === undefined) {
    throw badQuery(`forecast.${field} must be a duration like "30d" (got ${JSON.stringify(raw)})`);
  }
  return ms;
}

function oneOf<T extends string>(
  forecast: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  fallback: T
): T {
  const raw = forecast[field] ?? fallback;
  if (!allowed.includes(raw as T)) {
    throw badQuery(`forecast.${field} must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`);
  }
  return raw as T;
}

/** Forecast options of the query JSON (src/core/query.ts ForecastOptions), checked and defaulted. */
export function parseForecastOptions(query: Record<string, unknown>): ParsedOptions {
  const raw = query.forecast ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw badQuery(
      `forecast must be an object like {"method": "linear", "horizon": "30d"} (got ${JSON.stringify(raw)})`
    );
  }
  const forecast = raw as Record<string, unknown>;
  const method = oneOf(forecast, 'method', ['trend', 'linear', 'holt-winters'] as const, 'trend');
  const seasonality = oneOf(forecast, 'seasonality', ['additive', 'multiplicative'] as const, 'additive');
  const peak = oneOf(forecast, 'peak', ['handbook', 'measured'] as const, 'handbook');
  const horizon = durationField(forecast, 'horizon', '30d');
  if (horizon > MAX_HORIZON) {
    throw badQuery(`forecast.horizon must be at most 366d (got ${JSON.stringify(forecast.horizon)})`);
  }
  const season = durationField(forecast, 'season', '1d');
  // Four whole weeks: enough for the weekly profile of trend (and for a plain line, over which the daily and
  // weekly cycles cancel); a line over a few days follows the weekday/weekend swing.
  const defaultTraining = method === 'holt-winters' ? 4 * season : TREND_TRAINING;
  const training = forecast.training === undefined ? defaultTraining : durationField(forecast, 'training', '');
  if (method === 'holt-winters' && training < 2 * season) {
    throw badQuery(
      `forecast.training (${formatDuration(training)}) must cover at least 2 seasons of forecast.season ` +
        `(${formatDuration(season)}) for holt-winters`
    );
  }
  const trainingStep = TRAINING_STEPS.find(
    (step) =>
      training / step <= MAX_TRAINING_POINTS &&
      (method !== 'holt-winters' || (season % step === 0 && season / step >= 2))
  );
  if (trainingStep === undefined) {
    throw badQuery(
      `forecast.season ${formatDuration(season)} with forecast.training ${formatDuration(training)}: no step of ` +
        `${TRAINING_STEPS.map(formatDuration).join(', ')} divides the season into at least 2 points within ${MAX_TRAINING_POINTS} points`
    );
  }
  let growth: number | undefined;
  if (forecast.growth !== undefined) {
    if (typeof forecast.growth !== 'number' || !Number.isFinite(forecast.growth) || forecast.growth <= -100) {
      throw badQuery(
        `forecast.growth must be a percentage per month above -100 (got ${JSON.stringify(forecast.growth)})`
      );
    }
    growth = forecast.growth;
  }
  return { method, seasonality, peak, horizon, season, training, trainingStep, growth };
}

function parseSeries(query: Record<string, unknown>): CapacitySeriesName[] {
  const raw = query.series;
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return DEFAULT_SERIES;
  }
  const list = Array.isArray(raw) ? raw : [raw];
  for (const name of list) {
    if (!CAPACITY_SERIES.includes(name as CapacitySeriesName)) {
      throw badQuery(
        `series: unknown capacity series ${JSON.stringify(name)} (expected some of: ${CAPACITY_SERIES.join(', ')})`
      );
    }
  }
  return list as CapacitySeriesName[];
}

/** The definitions a query asks for (`resource` id; omitted = all); unknown or invalid ids are named errors. */
function selectDefinitions(ctx: QueryContext): CapacityDefinition[] {
  const all = ctx.definitions.definitions.capacity;
  const wanted = ctx.query.resource;
  if (wanted === undefined || wanted === null || wanted === '') {
    return all;
  }
  if (typeof wanted !== 'string') {
    throw badQuery(`resource must be a capacity id (a string), got ${JSON.stringify(wanted)}`);
  }
  const found = all.find((d) => d.id === wanted);
  if (found) {
    return [found];
  }
  const invalid = ctx.definitions.errors.filter((e) => e.path.startsWith('capacity') && e.itemId === wanted);
  if (invalid.length > 0) {
    throw badQuery(invalid.map(formatDefinitionError).join('; '));
  }
  throw notFound(
    `capacity resource "${wanted}" is not defined (defined: ${all.map((d) => d.id).join(', ') || 'none'})`
  );
}

function definitionNotices(ctx: QueryContext): Notice[] {
  return ctx.definitions.errors
    .filter((e) => e.path.startsWith('capacity'))
    .map((e) => ({ severity: 'warning', text: formatDefinitionError(e) }));
}

/** Default training window of the trend and linear methods: four whole weeks. */
const TREND_TRAINING = 28 * DAY;

function trainingGrid(ctx: QueryContext, options: ParsedOptions): TimeGrid {
  const step = options.trainingStep;
  const end = Math.floor(Math.min(ctx.range.to, ctx.now) / step) * step;
  return { start: end - Math.ceil(options.training / step) * step, end, step };
}

async function fetchPairs(ctx: QueryContext, def: CapacityDefinition, grid: TimeGrid) {
  const run = async (role: 'usage' | 'capacity', expr: string): Promise<Series[]> => {
    try {
      return await ctx.metrics.rangeQuery(expr, grid, ctx.signal);
    } catch (e) {
      if (e instanceof QueryError) {
        throw new QueryError(`capacity "${def.id}" ${role} query ${expr}: ${e.message}`, e.status, e.source);
      }
      throw e;
    }
  };
  const [usage, capacity] = await Promise.all([run('usage', def.usage), run('capacity', def.capacity)]);
  return pairSeries(usage, capacity, gridLength(grid));
}

/** Results per instance of one definition: on the `training` grid always, on the view grid when `withView`. */
async function evaluateDefinition(
  ctx: QueryContext,
  def: CapacityDefinition,
  options: ParsedOptions,
  training: TimeGrid,
  withView: boolean
): Promise<InstanceResult[]> {
  const [train, view] = await Promise.all([
    fetchPairs(ctx, def, training),
    withView ? fetchPairs(ctx, def, ctx.grid) : Promise.resolve(undefined),
  ]);
  const trainingTimes = gridTimes(training);
  const emptyPair = (labels: Record<string, string>, length: number): SeriesPair => ({
    labels,
    usage: new Array(length).fill(null),
    capacity: new Array(length).fill(null),
  });
  const viewByKey = new Map((view?.pairs ?? []).map((p) => [labelKey(p.labels), p]));
  const keys = new Set([...train.pairs.map((p) => labelKey(p.labels)), ...viewByKey.keys()]);
  const trainByKey = new Map(train.pairs.map((p) => [labelKey(p.labels), p]));
  const viewLength = withView ? gridLength(ctx.grid) : 0;
  return [...keys].map((key) => {
    const t = trainByKey.get(key);
    const v = viewByKey.get(key);
    const labels = (t ?? v)!.labels;
    return evaluateInstance({
      definition: def,
      labels,
      view: withView ? (v ?? emptyPair(labels, viewLength)) : undefined,
      training: t ?? emptyPair(labels, trainingTimes.length),
      trainingTimes,
      options,
      buffer: ctx.definitions.definitions.buffer,
      // the same pairing problems usually show on both grids: name each once
      notices: [...new Set([...train.notices, ...(view?.notices ?? [])])],
    });
  });
}

/**
 * evaluateDefinition shared with the other queries about the same resource, forecast options and grids
 * (ctx.shared): the resource's panel, the catalog and the summary ask the same.
 */
function sharedEvaluation(
  ctx: QueryContext,
  def: CapacityDefinition,
  options: ParsedOptions,
  withView: boolean
): Promise<InstanceResult[]> {
  const training = trainingGrid(ctx, options);
  const evaluate = (signal: AbortSignal) => evaluateDefinition({ ...ctx, signal }, def, options, training, withView);
  const { shared } = ctx;
  if (!shared) {
    return evaluate(ctx.signal);
  }
  const grids = [training, ...(withView ? [ctx.grid] : [])].map((g) => `${g.start}|${g.end}|${g.step}`);
  const buffer = ctx.definitions.definitions.buffer;
  const key = `capacity|${shared.id(def)}|${shared.id(buffer)}|${JSON.stringify(options)}|${grids.join('|')}`;
  return shared.get(key, evaluate);
}

/**
 * Evaluates every selected definition. A failing query fails the whole query when it is the only
 * resource (or all fail); otherwise that resource gets a notice and the others still answer.
 */
async function evaluateAll(ctx: QueryContext, defs: CapacityDefinition[], options: ParsedOptions, withView: boolean) {
  const settled = await Promise.allSettled(defs.map((d) => sharedEvaluation(ctx, d, options, withView)));
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failures.length > 0 && (failures.length === defs.length || !failures.every((f) => f instanceof QueryError))) {
    throw failures[0];
  }
  const notices: Notice[] = failures.map((f) => ({ severity: 'error', text: (f as QueryError).message }));
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  return { results, notices };
}

export const handleCapacity: QueryHandler = async (ctx) => {
  const options = parseForecastOptions(ctx.query);
  const series = parseSeries(ctx.query);
  const defs = selectDefinitions(ctx);
  const buffer = ctx.definitions.definitions.buffer;
  const { results, notices } = await evaluateAll(ctx, defs, options, true);
  const times = gridTimes(ctx.grid);
  // results come grouped by resource: its threshold lines go with its first instance
  const frames: Frame[] = results.flatMap((r, i) =>
    instanceFrames(r, times, series, buffer, i === 0 || results[i - 1].definition !== r.definition)
  );
  const extra = [...definitionNotices(ctx), ...notices];
  if (extra.length > 0) {
    if (frames.length === 0) {
      return [{ name: 'capacity', meta: { notices: extra }, fields: [] }];
    }
    const meta = frames[0].meta ?? {};
    frames[0].meta = { ...meta, notices: [...extra, ...(meta.notices ?? [])] };
  }
  return frames;
};

export const handleCapacityCatalog: QueryHandler = async (ctx) => {
  const options = parseForecastOptions(ctx.query);
  const defs = selectDefinitions(ctx);
  const buffer = ctx.definitions.definitions.buffer;
  const { results, notices } = await evaluateAll(ctx, defs, options, false);
  const resultNotices: Notice[] = results.flatMap((r) =>
    r.notices.map((text) => ({ severity: 'warning' as const, text: `${r.definition.id}: ${text}` }))
  );
  return [
    catalogFrame(
      results.map((r) => catalogRow(r, buffer, options.horizon)),
      [...definitionNotices(ctx), ...notices, ...resultNotices]
    ),
  ];
};
