import { formatDefinitionError, type LoadedDefinitions } from '../core/definitions/model';
import { QueryError, upstreamError } from '../core/errors';
import type { Instance } from './instance';
import { redact } from './logger';
import type { CheckHealthResponse } from './protocol/types';
import { authHeaders, type HttpTarget } from './settings';
import { parseJson, request } from './sources/http';

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

/** GET `path` of `target`; every way it can fail but an HTTP status becomes a message naming `what` and the URL. */
async function get(target: HttpTarget, path: string, timeoutMs: number, signal: AbortSignal, what: string) {
  const where = `${what} at ${target.url}`;
  const outcome = await request(`${target.url}${path}`, {
    headers: { Accept: 'application/json', ...authHeaders(target) },
    timeoutMs,
    signal,
  });
  switch (outcome.kind) {
    case 'answer':
      if (outcome.status === 401 || outcome.status === 403) {
        throw upstreamError(authProblem(outcome.status, where, target), outcome.status);
      }
      return outcome;
    case 'cancelled':
      throw new QueryError('health check cancelled', 499);
    case 'timeout':
      throw upstreamError(
        `${where} did not answer within ${timeoutMs / 1000} s (timeout; raise jsonData.timeoutSeconds or check the network)`
      );
    case 'tooLarge':
      throw upstreamError(`${where} answered more than ${outcome.limit} bytes to GET ${path}`);
    case 'network':
      throw upstreamError(`cannot connect to ${where}: ${outcome.reason}`);
  }
}

function authProblem(status: number, where: string, target: HttpTarget): string {
  const configured = target.bearerToken
    ? 'the bearer token'
    : target.basicAuth
      ? `basic auth user "${target.basicAuth.user}"`
      : 'no credentials';
  const hint =
    target.bearerToken || target.basicAuth
      ? 'check the credentials in the data source settings'
      : 'configure basic auth or a bearer token in the data source settings';
  return `${where} refused access (HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}) with ${configured}: ${hint}`;
}

/** Probes /api/v1/status/buildinfo, which every Prometheus-compatible API answers with {status, data.version}. */
export async function probePrometheus(target: HttpTarget, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const path = '/api/v1/status/buildinfo';
  const { status, text } = await get(target, path, timeoutMs, signal, 'Prometheus');
  const json = parseJson(text) as { status?: string; data?: { version?: string } } | undefined;
  if (!json || typeof json !== 'object' || json.status !== 'success' || typeof json.data !== 'object') {
    const looksLike = /^\s*</.test(text) ? 'an HTML page' : json ? 'JSON of another shape' : 'a non-JSON body';
    throw upstreamError(
      `${target.url} is not a Prometheus API: GET ${path} answered HTTP ${status} with ${looksLike} (the URL must be the Prometheus base URL, e.g. http://prometheus:9090)`
    );
  }
  const version = json.data?.version ? ` ${json.data.version}` : '';
  return `Prometheus${version} at ${target.url}`;
}

/** Probes Alertmanager's API v2 status endpoint. */
export async function probeAlertmanager(target: HttpTarget, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const path = '/api/v2/status';
  const { ok, status, text } = await get(target, path, timeoutMs, signal, 'Alertmanager');
  const json = parseJson(text) as { versionInfo?: { version?: string } } | undefined;
  if (!ok || !json || typeof json !== 'object' || !('versionInfo' in json)) {
    throw upstreamError(
      `${target.url} is not an Alertmanager API v2: GET ${path} answered HTTP ${status} (the URL must be the Alertmanager base URL, e.g. http://alertmanager:9093)`
    );
  }
  const version = json.versionInfo?.version ? ` ${json.versionInfo.version}` : '';
  return `Alertmanager${version} at ${target.url}`;
}
