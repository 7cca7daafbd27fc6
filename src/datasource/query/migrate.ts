/**
 * Query migration: dashboards saved with an older query shape keep working. Each rule recognises an old
 * shape by its fields (the query JSON has no version number) and rewrites it to the current one; a query
 * already in the current shape is returned unchanged (same object), so callers can tell whether to save.
 *
 * Old shapes handled:
 *  - `sloId`, `resourceId`, `scheduleId` -> `slo`, `resource`, `schedule`
 *  - `series`, `burnRateWindows`, `kinds` given as one comma-separated string -> arrays
 *  - `windows` -> `burnRateWindows`
 *  - `forecast` given as a method name string -> `{ method }`
 *  - no `queryType` -> `slo` (the only query type of the first release)
 */
import type { HeadroomQuery } from '../../core/query';

type Loose = Record<string, unknown> & { refId: string };

const RENAMED: Array<[string, string]> = [
  ['sloId', 'slo'],
  ['resourceId', 'resource'],
  ['scheduleId', 'schedule'],
  ['windows', 'burnRateWindows'],
];
const LIST_FIELDS = ['series', 'burnRateWindows', 'kinds'];

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function needsMigration(query: { refId: string }): boolean {
  const loose = query as Loose;
  return (
    loose.queryType === undefined ||
    RENAMED.some(([from]) => from in loose) ||
    LIST_FIELDS.some((f) => typeof loose[f] === 'string') ||
    typeof loose.forecast === 'string'
  );
}

export function migrateQuery<Q extends { refId: string }>(query: Q): HeadroomQuery {
  const loose = query as Loose;
  if (!needsMigration(query)) {
    return query as unknown as HeadroomQuery;
  }
  const out: Loose = { ...loose };
  for (const [from, to] of RENAMED) {
    if (from in out) {
      if (out[to] === undefined && out[from] !== undefined && out[from] !== '') {
        out[to] = out[from];
      }
      delete out[from];
    }
  }
  for (const field of LIST_FIELDS) {
    if (typeof out[field] === 'string') {
      out[field] = splitList(out[field] as string);
    }
  }
  if (typeof out.forecast === 'string') {
    out.forecast = { method: out.forecast };
  }
  if (out.queryType === undefined) {
    out.queryType = 'slo';
  }
  return out as unknown as HeadroomQuery;
}
