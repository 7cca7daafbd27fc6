/**
 * Decides whether a query is complete enough to run (datasource.filterQuery) and, for the editor, what is
 * missing. Template variables (`$window`, `${slo}`) are accepted as is: they are resolved at query time.
 */
import { parseDuration } from '../../core/duration';
import type { ForecastOptions, HeadroomQuery } from '../../core/query';
import { QUERY_TYPES } from './descriptions';

const KNOWN_TYPES = new Set<string>(QUERY_TYPES.map((t) => t.value));

function isVariable(text: string): boolean {
  return text.includes('$');
}

function badDuration(text: string | undefined): boolean {
  return text !== undefined && text !== '' && !isVariable(text) && parseDuration(text) === undefined;
}

/** Problems that keep the query from running, each naming the field; empty when the query can run. */
export function queryProblems(query: HeadroomQuery): string[] {
  const problems: string[] = [];
  if (!query.queryType || !KNOWN_TYPES.has(query.queryType)) {
    return [`Choose a query type${query.queryType ? ` ("${query.queryType}" is unknown)` : ''}`];
  }
  switch (query.queryType) {
    case 'slo':
      if (!query.series?.length) {
        problems.push('Series: choose at least one series');
      }
      for (const w of query.burnRateWindows ?? []) {
        if (badDuration(w)) {
          problems.push(`Burn-rate windows: "${w}" is not a duration (e.g. 5m, 1h, 3d)`);
        }
      }
      break;
    case 'capacity':
      if (!query.series?.length) {
        problems.push('Series: choose at least one series');
      }
      problems.push(...forecastProblems(query.forecast));
      break;
    case 'capacityCatalog':
      problems.push(...forecastProblems(query.forecast));
      break;
    case 'events':
      if (query.kinds && query.kinds.length === 0) {
        problems.push('Events: choose at least one kind');
      }
      break;
  }
  return problems;
}

function forecastProblems(forecast: ForecastOptions | undefined): string[] {
  const problems: string[] = [];
  if (forecast?.growth !== undefined && !(Number.isFinite(forecast.growth) && forecast.growth > -100)) {
    problems.push(`Growth: "${forecast.growth}" is not a percent per month (e.g. 25)`);
  }
  if (badDuration(forecast?.horizon)) {
    problems.push(`Forecast horizon: "${forecast?.horizon}" is not a duration (e.g. 7d, 30d)`);
  }
  if (badDuration(forecast?.season)) {
    problems.push(`Forecast season: "${forecast?.season}" is not a duration (e.g. 1d, 1w)`);
  }
  if (badDuration(forecast?.training)) {
    problems.push(`Forecast training: "${forecast?.training}" is not a duration (e.g. 14d)`);
  }
  return problems;
}

export function isQueryRunnable(query: HeadroomQuery): boolean {
  return queryProblems(query).length === 0;
}
