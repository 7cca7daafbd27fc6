import type { Alert, AlertSource } from '../../core/source';
import { badQuery, upstreamError } from '../../core/errors';
import { redact, type Logger } from '../logger';
import { parseJson, request, upstreamAt, type Upstream } from './http';

/**
 * Alertmanager API v2 client (works with Alertmanager 0.25, Debian's version; fields added later are ignored).
 * Errors are per-query downstream errors naming the URL without its credentials: 502 when Alertmanager is
 * unreachable or answers badly, 504 when it does not answer within the timeout.
 */
export interface AlertmanagerOptions {
  url: string;
  basicAuth?: { user: string; password: string };
  bearerToken?: string;
  timeoutMs: number;
  log: Logger;
}

/** The part of API v2's gettableAlert that incidents need. */
interface GettableAlert {
  fingerprint?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  status?: { state?: string; silencedBy?: string[] | null; inhibitedBy?: string[] | null };
}

export class AlertmanagerSource implements AlertSource {
  /** undefined when options.url is not a URL: every request then says so (a constructor never throws) */
  private readonly upstream?: Upstream;

  constructor(readonly options: AlertmanagerOptions) {
    this.upstream = upstreamAt(options.url, options);
  }

  describe(): string {
    // never options.url itself when it is not a URL: it may hold credentials that could not be parsed out
    return this.upstream ? `Alertmanager at ${this.upstream.base}` : 'Alertmanager (URL not valid)';
  }

  /** Active alerts, silenced and inhibited ones included (a silence is how an incident is acknowledged). */
  async activeAlerts(_at: number, signal?: AbortSignal): Promise<Alert[]> {
    const body = await this.get('/api/v2/alerts?active=true&silenced=true&inhibited=true', signal);
    if (!Array.isArray(body)) {
      throw upstreamError(`${this.describe()} answered /api/v2/alerts with something other than a list of alerts`);
    }
    return (body as GettableAlert[])
      .map((a) => ({
        fingerprint: a.fingerprint ?? '',
        labels: a.labels ?? {},
        annotations: a.annotations ?? {},
        startsAt: Date.parse(a.startsAt ?? ''),
        silencedBy: a.status?.silencedBy ?? [],
      }))
      .filter((a) => Number.isFinite(a.startsAt));
  }

  private async get(path: string, signal?: AbortSignal): Promise<unknown> {
    if (!this.upstream) {
      throw badQuery('jsonData.alertmanagerUrl is not a valid URL (e.g. http://alertmanager:9093)');
    }
    const endpoint = path.split('?')[0];
    const outcome = await request(this.upstream.base + path, {
      headers: { Accept: 'application/json', ...this.upstream.auth },
      timeoutMs: this.options.timeoutMs,
      signal,
    });
    switch (outcome.kind) {
      case 'cancelled':
        throw outcome.reason;
      case 'timeout':
        throw upstreamError(`${this.describe()} did not answer ${endpoint} within ${this.options.timeoutMs} ms`, 504);
      case 'tooLarge':
        throw upstreamError(`${this.describe()} answered ${endpoint} with more than ${outcome.limit} bytes`);
      case 'network':
        throw upstreamError(`${this.describe()} is unreachable: ${outcome.code ?? outcome.reason}`);
    }
    const { status, text } = outcome;
    if (!outcome.ok) {
      this.options.log.warn('Alertmanager request failed', { url: this.upstream.base + endpoint, status });
      const hint = status === 401 || status === 403 ? ' (check the Alertmanager credentials)' : '';
      throw upstreamError(
        `${this.describe()} answered ${endpoint} with HTTP ${status}${hint}: ${redact(text.slice(0, 200).trim())}`
      );
    }
    const json = parseJson(text);
    if (json === undefined) {
      throw upstreamError(
        `${this.describe()} answered ${endpoint} with invalid JSON: ${redact(text.slice(0, 100).trim())}`
      );
    }
    return json;
  }
}
