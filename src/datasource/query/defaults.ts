/**
 * Defaults that make a new panel show data at once: an SLO query for the SLI and the budget left of every
 * SLO, and per query type the fields a user most likely wants when switching to it.
 */
import type { HeadroomQuery, QueryType } from '../../core/query';

export const DEFAULT_QUERY: Partial<HeadroomQuery> = { queryType: 'slo', series: ['sli', 'budgetRemaining'] };

export const DEFAULT_FORECAST = { method: 'trend', horizon: '30d' } as const;
export const DEFAULT_SEASON = '1d';

/** The query a user gets when switching to `queryType`; keeps refId, service and hide. */
export function queryForType(query: HeadroomQuery, queryType: QueryType): HeadroomQuery {
  const base = { refId: query.refId, service: query.service, ...('hide' in query ? { hide: query.hide } : {}) };
  switch (queryType) {
    case 'slo':
      return { ...base, queryType, series: ['sli', 'budgetRemaining'] };
    case 'burnAlert':
      return { ...base, queryType, severity: 'page' };
    case 'capacity':
      return {
        ...base,
        queryType,
        series: ['utilization', 'warning', 'critical', 'forecast'],
        forecast: { ...DEFAULT_FORECAST },
      };
    case 'capacityCatalog':
      return { ...base, queryType, forecast: { ...DEFAULT_FORECAST } };
    case 'events':
      return { ...base, queryType, kinds: ['status', 'fastBurn', 'handoff', 'deployment'] };
    default:
      return { ...base, queryType };
  }
}

/** Keys Grafana puts on every query; a query with nothing else is blank (a new query without our defaults). */
const GRAFANA_KEYS = new Set(['refId', 'datasource', 'hide', 'key', 'queryType']);

/** A blank query (e.g. added where getDefaultQuery was not consulted) becomes the default query. */
export function withDefaults(query: HeadroomQuery): HeadroomQuery {
  const blank =
    Object.keys(query).every((k) => GRAFANA_KEYS.has(k)) &&
    (query.queryType === undefined || query.queryType === 'slo');
  return blank ? ({ ...query, ...DEFAULT_QUERY, series: ['sli', 'budgetRemaining'] } as HeadroomQuery) : query;
}
