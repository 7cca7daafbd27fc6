import { formatDefinitionError, type LoadedDefinitions } from '../core/definitions/model';
import { QueryError } from '../core/errors';
import type { Instance } from './instance';
import { redact } from './logger';
import type { CheckHealthResponse } from './protocol/types';
import { authHeaders, type HttpTarget } from './settings';

/**
 * CheckHealth ("Save & test"): is the metrics API there, does Alertmanager answer (when configured), and are
 * the definitions usable.
 *
 * Definitions policy: status ERROR when there are errors and not one valid item is left (nothing would work);
 * otherwise OK, with the problems listed after the summary ("3 definition problems: ...") and in
 * jsonDetails.definitionErrors, because valid items keep working beside broken ones.
 * Every message names the URL it probed and never a secret.
 */
export async function checkHealth(instance: Instance, signal: AbortSignal): Promise<CheckHealthResponse> {
  const { settings } = instance;
  const parts: string[] = [];
  try {
    if (instance.demo) {
      parts.push('Embedded demo platform');
    } else {
      parts.push(await probePrometheus(settings, settings.timeoutMs, signal));
    }
    if (settings.alertmanager) {
      parts.push(await probeAlertmanager(settings.alertmanager, settings.timeoutMs, signal));
    }
  } catch (e) {
    return response('ERROR', e instanceof Error ? e.message : String(e), {});
  }

  const loaded = instance.definitions();
  const { definitions, errors } = loaded;
  const validItems = definitions.slos.length + definitions.capacity.length + definitions.oncall.length;
  const summary = definitionsSummary(loaded);
  const details = { definitionErrors: errors.map((e) => ({ ...e, text: formatDefinitionError(e) })) };
  if (errors.length > 0 && validItems === 0) {
    return response('ERROR', `${parts.join('; ')}: definitions unusable, ${problemList(loaded)}`, details);
  }
  const hint =
    validItems === 0 && errors.length === 0
      ? '. No definitions yet: add them under "Definitions" (YAML or a definitionsPath)'
      : '';
  const message = `${parts.join('; ')}: ${summary}` + (errors.length ? `. ${problemList(loaded)}` : hint);
  return response('OK', message, details);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function definitionsSummary({ definitions }: LoadedDefinitions): string {
  return `${plural(definitions.slos.length, 'SLO')}, ${plural(definitions.capacity.length, 'resource')}, ${plural(definitions.oncall.length, 'schedule')}`;
}

function problemList({ errors }: LoadedDefinitions): string {
  const shown = errors.slice(0, 5).map(formatDefinitionError);
  const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : '';
  return `${plural(errors.length, 'definition problem')}: ${shown.join('; ')}${more}`;
}

function response(status: 'OK' | 'ERROR', message: string, details: object): CheckHealthResponse {
  return { status, message: redact(message), jsonDetails: Buffer.from(redact(JSON.stringify(details))) };
}

/** GET with auth headers and a timeout that also follows Grafana's cancellation. */
async function get(target: HttpTarget, path: string, timeoutMs: number, signal: AbortSignal, what: string) {
  const url = `${target.url}${path}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      headers: { Accept: 'application/json', ...authHeaders(target) },
      signal: AbortSignal.any([signal, timeout]),
      redirect: 'follow',
    });
    return { res, body: await res.text() };
  } catch (e) {
    throw new QueryError(connectionProblem(e, what, target.url, timeoutMs, timeout.aborted), 502, 'downstream');
  }
}

function connectionProblem(e: unknown, what: string, url: string, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) {
    return `${what} at ${url} did not answer within ${timeoutMs / 1000} s (timeout; raise jsonData.timeoutSeconds or check the network)`;
  }
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${what} at ${url}: connection refused (is it running, and is the port right?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${what} at ${url}: host name not found`;
    case 'ECONNRESET':
      return `${what} at ${url} closed the connection`;
    default:
      if (cause?.code?.startsWith('ERR_TLS') || /certificate/i.test(cause?.message ?? '')) {
        return `cannot connect to ${what} at ${url}: TLS problem (${cause?.message})`;
      }
      return `cannot connect to ${what} at ${url}: ${cause?.message ?? (e as Error).message}`;
  }
}

function authProblem(status: number, what: string, url: string, target: HttpTarget): string {
  const configured = target.bearerToken
    ? 'the bearer token'
    : target.basicAuth
      ? `basic auth user "${target.basicAuth.user}"`
      : 'no credentials';
  const hint =
    target.bearerToken || target.basicAuth
      ? 'check the credentials in the data source settings'
      : 'configure basic auth or a bearer token in the data source settings';
  return `${what} at ${url} refused access (HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}) with ${configured}: ${hint}`;
}

/** Probes /api/v1/status/buildinfo, which every Prometheus-compatible API answers with {status, data.version}. */
export async function probePrometheus(target: HttpTarget, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const what = 'Prometheus';
  const path = '/api/v1/status/buildinfo';
  const { res, body } = await get(target, path, timeoutMs, signal, what);
  if (res.status === 401 || res.status === 403) {
    throw new QueryError(authProblem(res.status, what, target.url, target), res.status, 'downstream');
  }
  let json: { status?: string; data?: { version?: string } } | undefined;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (!json || typeof json !== 'object' || json.status !== 'success' || typeof json.data !== 'object') {
    const looksLike = /^\s*</.test(body) ? 'an HTML page' : json ? 'JSON of another shape' : 'a non-JSON body';
    throw new QueryError(
      `${target.url} is not a Prometheus API: GET ${path} answered HTTP ${res.status} with ${looksLike} (the URL must be the Prometheus base URL, e.g. http://prometheus:9090)`,
      502,
      'downstream'
    );
  }
  const version = json.data?.version ? ` ${json.data.version}` : '';
  return `Prometheus${version} at ${target.url}`;
}

/** Probes Alertmanager's API v2 status endpoint. */
export async function probeAlertmanager(target: HttpTarget, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const what = 'Alertmanager';
  const path = '/api/v2/status';
  const { res, body } = await get(target, path, timeoutMs, signal, what);
  if (res.status === 401 || res.status === 403) {
    throw new QueryError(authProblem(res.status, what, target.url, target), res.status, 'downstream');
  }
  let json: { versionInfo?: { version?: string } } | undefined;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (!res.ok || !json || typeof json !== 'object' || !('versionInfo' in json)) {
    throw new QueryError(
      `${target.url} is not an Alertmanager API v2: GET ${path} answered HTTP ${res.status} (the URL must be the Alertmanager base URL, e.g. http://alertmanager:9093)`,
      502,
      'downstream'
    );
  }
  const version = json.versionInfo?.version ? ` ${json.versionInfo.version}` : '';
  return `Alertmanager${version} at ${target.url}`;
}
