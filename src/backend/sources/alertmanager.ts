import type { Alert, AlertSource } from '../../core/source';
import { badQuery, type QueryError, upstreamError } from '../../core/errors';
import { redact, registerSecret, type Logger } from '../logger';

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
  /** base URL without credentials or trailing slash: safe for messages and logs */
  private readonly baseUrl: string;
  private readonly authorization?: string;

  /** set when options.url is not a URL: every request answers with it (a constructor never throws) */
  private readonly urlError?: QueryError;

  constructor(readonly options: AlertmanagerOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      this.urlError = badQuery('jsonData.alertmanagerUrl is not a valid URL (e.g. http://alertmanager:9093)');
      url = new URL('http://invalid.invalid');
    }
    // fetch refuses URLs with credentials; credentials in the URL become basic auth unless settings give some.
    const urlUser = decodeURIComponent(url.username);
    const urlPassword = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    this.baseUrl = url.toString().replace(/\/+$/, '');
    const basic = options.basicAuth ?? (urlUser ? { user: urlUser, password: urlPassword } : undefined);
    if (options.bearerToken) {
      registerSecret(options.bearerToken);
      this.authorization = `Bearer ${options.bearerToken}`;
    } else if (basic) {
      registerSecret(basic.password);
      this.authorization = `Basic ${Buffer.from(`${basic.user}:${basic.password}`).toString('base64')}`;
    }
  }

  describe(): string {
    return `Alertmanager at ${this.baseUrl}`;
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
    if (this.urlError) {
      throw this.urlError;
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.authorization) {
      headers.Authorization = this.authorization;
    }
    const endpoint = path.split('?')[0];
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (e) {
      if (signal?.aborted) {
        throw signal.reason ?? e;
      }
      if (timeout.aborted) {
        throw upstreamError(`${this.describe()} did not answer ${endpoint} within ${this.options.timeoutMs} ms`, 504);
      }
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw upstreamError(
        `${this.describe()} is unreachable: ${cause?.code ?? cause?.message ?? (e as Error).message}`
      );
    }
    const text = await response.text();
    if (!response.ok) {
      this.options.log.warn('Alertmanager request failed', { url: this.baseUrl + endpoint, status: response.status });
      const hint = response.status === 401 || response.status === 403 ? ' (check the Alertmanager credentials)' : '';
      throw upstreamError(
        `${this.describe()} answered ${endpoint} with HTTP ${response.status}${hint}: ${redact(text.slice(0, 200).trim())}`
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw upstreamError(
        `${this.describe()} answered ${endpoint} with invalid JSON: ${redact(text.slice(0, 100).trim())}`
      );
    }
  }
}
