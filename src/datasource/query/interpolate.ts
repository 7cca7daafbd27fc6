/**
 * Template variables in every field of a query. `replace` is Grafana's template service; list fields expand
 * multi-value variables into several entries (`$windows` = 1h,6h -> ["1h", "6h"]).
 */
import type { HeadroomQuery } from '../../core/query';

export type Replace = (text: string, format?: string) => string;

const LIST_FIELDS = ['series', 'burnRateWindows', 'kinds'] as const;
const TEXT_FIELDS = ['service', 'slo', 'resource', 'schedule', 'severity'] as const;

export function interpolateQuery(query: HeadroomQuery, replace: Replace): HeadroomQuery {
  const out: Record<string, unknown> = { ...query };
  for (const field of TEXT_FIELDS) {
    const value = out[field];
    if (typeof value === 'string' && value !== '') {
      out[field] = replace(value);
    }
  }
  for (const field of LIST_FIELDS) {
    const value = out[field];
    if (Array.isArray(value)) {
      out[field] = value.flatMap((item: string) =>
        replace(item, 'csv')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      );
    }
  }
  if ('forecast' in query && query.forecast) {
    const forecast: Record<string, unknown> = { ...query.forecast };
    for (const key of ['horizon', 'season', 'training', 'method', 'seasonality']) {
      if (typeof forecast[key] === 'string' && forecast[key] !== '') {
        forecast[key] = replace(forecast[key] as string);
      }
    }
    out.forecast = forecast;
  }
  return out as unknown as HeadroomQuery;
}
