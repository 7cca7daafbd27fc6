/**
 * An error that belongs to one query (or one health check), never to the whole RPC.
 * `status` is HTTP-like (400 bad query, 404 unknown id, 502/504 upstream); `source` tells Grafana
 * whether the plugin or the system behind it (Prometheus, Alertmanager) is at fault.
 */
export type ErrorSource = 'plugin' | 'downstream';

export class QueryError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly source: ErrorSource = 'plugin'
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

export const badQuery = (message: string) => new QueryError(message, 400, 'plugin');
export const notFound = (message: string) => new QueryError(message, 404, 'plugin');
export const upstreamError = (message: string, status = 502) => new QueryError(message, status, 'downstream');
