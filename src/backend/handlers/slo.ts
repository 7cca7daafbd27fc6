import type { QueryContext, QueryHandler } from './types';
import { tableFrame, timeSeriesFrame, type FieldConfig, type Frame, type Notice } from '../../core/frame';
import { badQuery, notFound, QueryError } from '../../core/errors';
import { formatDefinitionError, type SloDefinition } from '../../core/definitions/model';
import { formatDuration, parseDuration } from '../../core/duration';
import { DEFAULT_BURN_RATE_WINDOWS, SLO_SERIES, type SloSeriesName } from '../../core/query';
import { SloEngine, type Severity } from '../../core/slo/engine';
import { errorRatioQuery, sliSelectors } from '../../core/slo/sli';
import { STATUS } from '../../core/slo/budget';

/** Field config per series (units are Grafana unit ids; burn rates use a custom "×" suffix). */
const STATUS_MAPPINGS = [
  {
    type: 'value',
    options: {
      [STATUS.ok]: { text: 'ok', color: 'green', index: 0 },
      [STATUS.warning]: { text: 'warning', color: 'orange', index: 1 },
      [STATUS.depleted]: { text: 'depleted', color: 'red', index: 2 },
      [STATUS.critical]: { text: 'critical', color: 'dark-red', index: 3 },
    },
  },
];

const SERIES_CONFIG: Record<SloSeriesName, FieldConfig> = {
  sli: { unit: 'percentunit', decimals: 3 },
  objective: { unit: 'percentunit', decimals: 3 },
  budgetRemaining: { unit: 'percentunit' },
  budgetConsumed: { unit: 'percentunit' },
  budgetRemainingMinutes: { unit: 'm' },
  burnRate: { unit: 'suffix:×', decimals: 2 },
  status: { unit: 'none', min: 0, max: 3, mappings: STATUS_MAPPINGS },
  timeToExhaustion: { unit: 's' },
  eventsBad: { unit: 'short' },
  eventsTotal: { unit: 'short' },
};

const DEFAULT_SERIES: SloSeriesName[] = [...SLO_SERIES];

/** `slo`: one time-series frame per SLO × series (× window for burnRate). */
export const handleSlo: QueryHandler = async (ctx) => {
  const series = parseSeries(ctx.query.series);
  const burnWindows = parseWindows(ctx.query.burnRateWindows);
  const { slos, notices } = selectSlos(ctx);
  const results = await Promise.all(
    slos.map((slo) =>
      engineFor(ctx, slo).evaluate({ series, burnWindows: burnWindows.map((w) => w.ms), signal: ctx.signal })
    )
  );
  const frames: Frame[] = [];
  for (const result of results) {
    const { slo } = result;
    const labels = sloLabels(slo);
    // the PromQL Prometheus would evaluate for the same SLI (rolling windows only; calendar ones vary per point)
    const query =
      slo.window.kind === 'rolling' ? `1 - (${errorRatioQuery(sliSelectors(slo), slo.window.text)})` : undefined;
    for (const name of series) {
      if (name === 'burnRate') {
        result.burnRates.forEach((b, i) => {
          const window = burnWindows[i].text;
          frames.push(
            timeSeriesFrame(
              'burnRate',
              result.times,
              b.values,
              { ...labels, window },
              {
                ...SERIES_CONFIG.burnRate,
                displayNameFromDS: `${slo.id} burnRate ${window}`,
              }
            )
          );
        });
        continue;
      }
      const values = result.series[name];
      if (values) {
        frames.push(
          timeSeriesFrame(
            name,
            result.times,
            values,
            labels,
            { ...SERIES_CONFIG[name], displayNameFromDS: `${slo.id} ${name}` },
            {
              executedQueryString: name === 'sli' ? query : undefined,
            }
          )
        );
      }
    }
  }
  return withNotices(frames, notices);
};

/** `sloCatalog`: one table row per SLO, evaluated at the end of the time range (or now, if earlier). */
export const handleSloCatalog: QueryHandler = async (ctx) => {
  const { slos, notices } = selectSlos(ctx);
  const step = ctx.grid.step;
  const at = Math.floor(Math.min(ctx.range.to, ctx.now) / step) * step;
  const grid = { start: at, end: at, step };
  const catalogWindows = ['1h', '6h', '1d', '3d'];
  const rows = await Promise.all(
    slos.map(async (slo) => {
      try {
        const result = await engineFor(ctx, slo, grid).evaluate({
          series: ['sli', 'budgetRemaining', 'budgetRemainingMinutes', 'burnRate', 'status', 'timeToExhaustion'],
          burnWindows: catalogWindows.map((w) => parseDuration(w)!),
          signal: ctx.signal,
        });
        const last = (values: Array<number | null> | undefined) => values?.[0] ?? null;
        return { slo, result, last };
      } catch (e) {
        if (e instanceof QueryError && e.source === 'plugin') {
          notices.push({ severity: 'error', text: e.message });
          return { slo, result: undefined, last: () => null };
        }
        throw e;
      }
    })
  );
  const column = (
    name: string,
    type: 'string' | 'number',
    values: Array<string | number | null>,
    config?: FieldConfig
  ) => ({
    name,
    type,
    values,
    config,
  });
  const burn = (w: number) => rows.map((r) => r.result?.burnRates[w]?.values[0] ?? null);
  const frame = tableFrame('slo catalog', [
    column(
      'id',
      'string',
      rows.map((r) => r.slo.id)
    ),
    column(
      'name',
      'string',
      rows.map((r) => r.slo.name)
    ),
    column(
      'service',
      'string',
      rows.map((r) => r.slo.service)
    ),
    column(
      'objective',
      'number',
      rows.map((r) => r.slo.objective),
      SERIES_CONFIG.objective
    ),
    column(
      'window',
      'string',
      rows.map((r) => r.slo.window.text)
    ),
    column(
      'sli',
      'number',
      rows.map((r) => r.last(r.result?.series.sli)),
      SERIES_CONFIG.sli
    ),
    column(
      'budgetRemaining',
      'number',
      rows.map((r) => r.last(r.result?.series.budgetRemaining)),
      SERIES_CONFIG.budgetRemaining
    ),
    column(
      'budgetRemainingMinutes',
      'number',
      rows.map((r) => r.last(r.result?.series.budgetRemainingMinutes)),
      SERIES_CONFIG.budgetRemainingMinutes
    ),
    ...catalogWindows.map((w, i) => column(`burnRate${w}`, 'number', burn(i), SERIES_CONFIG.burnRate)),
    column(
      'status',
      'number',
      rows.map((r) => r.last(r.result?.series.status)),
      SERIES_CONFIG.status
    ),
    column(
      'timeToExhaustion',
      'number',
      rows.map((r) => r.last(r.result?.series.timeToExhaustion)),
      SERIES_CONFIG.timeToExhaustion
    ),
  ]);
  frame.meta!.custom = { evaluatedAt: at };
  return withNotices([frame], notices);
};

/** `burnAlert`: 1 while the multi-window multi-burn-rate condition of the severity holds, 0 when not. */
export const handleBurnAlert: QueryHandler = async (ctx) => {
  const severity = ctx.query.severity ?? 'page';
  if (severity !== 'page' && severity !== 'ticket') {
    throw badQuery(`severity must be "page" or "ticket" (got ${JSON.stringify(severity)})`);
  }
  const { slos, notices } = selectSlos(ctx);
  const frames = await Promise.all(
    slos.map(async (slo) => {
      const engine = engineFor(ctx, slo);
      const values = await engine.alert(severity as Severity);
      return timeSeriesFrame(
        'firing',
        engine.times,
        values,
        { ...sloLabels(slo), severity: severity as string },
        {
          unit: 'none',
          min: 0,
          max: 1,
          displayNameFromDS: `${slo.id} ${severity} burn alert`,
        }
      );
    })
  );
  return withNotices(frames, notices);
};

// --- helpers -----------------------------------------------------------------------------------------

/** The SLO's engine on the grid, shared with the other queries about the same SLO and grid (ctx.shared). */
export function engineFor(ctx: QueryContext, slo: SloDefinition, grid = ctx.grid): SloEngine {
  const policy = ctx.definitions.definitions.policy;
  const create = (signal: AbortSignal) => new SloEngine(ctx.metrics, slo, policy, grid, signal);
  const { shared } = ctx;
  if (!shared) {
    return create(ctx.signal);
  }
  return shared.get(`slo|${shared.id(slo)}|${shared.id(policy)}|${grid.start}|${grid.end}|${grid.step}`, create);
}

function sloLabels(slo: SloDefinition): Record<string, string> {
  return { ...slo.labels, slo: slo.id, service: slo.service };
}

/**
 * The SLOs a query asks for: `slo` (an id) or all, narrowed by `service`. An id that is broken in the
 * definitions answers 400 with the definitions error; an unknown id 404 naming it. Definitions errors of
 * SLOs not asked for by id become a warning notice, so valid SLOs keep working beside broken ones.
 */
export function selectSlos(ctx: QueryContext): { slos: SloDefinition[]; notices: Notice[] } {
  const { definitions, errors } = ctx.definitions;
  const id = ctx.query.slo;
  const service = ctx.query.service;
  if (id !== undefined && typeof id !== 'string') {
    throw badQuery(`slo must be an SLO id string (got ${JSON.stringify(id)})`);
  }
  if (service !== undefined && typeof service !== 'string') {
    throw badQuery(`service must be a string (got ${JSON.stringify(service)})`);
  }
  const sloErrors = errors.filter((e) => e.path.startsWith('slos'));
  if (id) {
    const slo = definitions.slos.find((s) => s.id === id);
    if (!slo) {
      const broken = sloErrors.filter((e) => e.itemId === id);
      if (broken.length > 0) {
        throw badQuery(broken.map(formatDefinitionError).join('; '));
      }
      const known = definitions.slos.map((s) => s.id).join(', ') || 'none';
      throw notFound(`SLO "${id}" is not defined (defined: ${known})`);
    }
    return { slos: [slo], notices: [] };
  }
  // "All" and "$__all"-style values from template variables mean no filter.
  const all = !service || service === '*' || service === '$__all' || service === 'All';
  const slos = definitions.slos.filter((s) => all || s.service === service);
  const notices: Notice[] = sloErrors.map((e) => ({ severity: 'warning', text: formatDefinitionError(e) }));
  return { slos, notices };
}

function withNotices(frames: Frame[], notices: Notice[]): Frame[] {
  if (notices.length > 0 && frames.length > 0) {
    frames[0].meta = { ...frames[0].meta, notices: [...(frames[0].meta?.notices ?? []), ...notices] };
  }
  return frames;
}

function parseSeries(raw: unknown): SloSeriesName[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return DEFAULT_SERIES;
  }
  if (!Array.isArray(raw)) {
    throw badQuery(`series must be a list of: ${SLO_SERIES.join(', ')} (got ${JSON.stringify(raw)})`);
  }
  for (const s of raw) {
    if (!SLO_SERIES.includes(s)) {
      throw badQuery(`series: unknown series ${JSON.stringify(s)} (expected: ${SLO_SERIES.join(', ')})`);
    }
  }
  return raw as SloSeriesName[];
}

function parseWindows(raw: unknown): Array<{ text: string; ms: number }> {
  const list =
    raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0) ? DEFAULT_BURN_RATE_WINDOWS : raw;
  if (!Array.isArray(list)) {
    throw badQuery(`burnRateWindows must be a list of durations like "1h" (got ${JSON.stringify(raw)})`);
  }
  return list.map((w) => {
    const ms = typeof w === 'string' ? parseDuration(w) : undefined;
    if (ms === undefined) {
      throw badQuery(`burnRateWindows: ${JSON.stringify(w)} is not a duration (e.g. "5m", "1h", "3d")`);
    }
    return { text: formatDuration(ms), ms };
  });
}
