import { QueryError } from '../../core/errors';
import type { Instance } from '../instance';
import { redact, type Logger } from '../logger';
import type { CallResourceRequest, CallResourceResponse } from '../protocol/types';

/**
 * CallResource routing: Grafana forwards /api/datasources/uid/<uid>/resources/<path> here with `path`
 * = the part after "resources/". Handlers register by method + path (segments starting with ":" capture
 * a parameter) and return JSON; this router owns method checks (405), the body limit (413), unknown
 * paths (404), errors (QueryError status, else 500) and redaction of everything it sends back.
 */
export interface ResourceRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  /** body parsed as JSON; throws a 400 QueryError when it is not JSON */
  json(): unknown;
  text(): string;
}

export interface ResourceContext {
  instance: Instance;
  signal: AbortSignal;
  log: Logger;
  now: number;
}

export interface ResourceResult {
  status?: number;
  /** serialised as JSON unless it is a string with `contentType` set */
  body: unknown;
  contentType?: string;
}

export type ResourceHandler = (req: ResourceRequest, ctx: ResourceContext) => Promise<ResourceResult> | ResourceResult;

export const MAX_BODY_BYTES = 1024 * 1024;

interface Route {
  method: string;
  segments: string[];
  handler: ResourceHandler;
}

const routes: Route[] = [];

function split(path: string): string[] {
  return path
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter(Boolean);
}

/** Adds a route; later helpers (rules export, editors) call this from their own module. */
export function registerResource(method: string, path: string, handler: ResourceHandler): void {
  routes.push({ method: method.toUpperCase(), segments: split(path), handler });
}

function match(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i];
    if (want.startsWith(':')) {
      params[want.slice(1)] = decodeURIComponent(segments[i]);
    } else if (want !== segments[i]) {
      return undefined;
    }
  }
  return params;
}

function reply(status: number, body: unknown, contentType = 'application/json'): CallResourceResponse {
  const text = contentType === 'application/json' ? JSON.stringify(body) : String(body);
  return {
    code: status,
    headers: { 'Content-Type': { values: [contentType] } },
    body: Buffer.from(redact(text)),
  };
}

export function errorBody(message: string, status: number) {
  return { error: message, status };
}

export async function routeResource(
  req: CallResourceRequest,
  instance: () => Instance,
  ctx: Omit<ResourceContext, 'instance'>
): Promise<CallResourceResponse> {
  const method = (req.method || 'GET').toUpperCase();
  const [rawPath, rawQuery = ''] = (req.path ?? '').split('?');
  const segments = split(rawPath);
  const candidates = routes.map((r) => ({ route: r, params: match(r, segments) })).filter((c) => c.params);
  if (candidates.length === 0) {
    const known = [...new Set(routes.map((r) => `${r.method} ${r.segments.join('/')}`))].join(', ');
    return reply(404, errorBody(`no resource at path "${rawPath}" (available: ${known})`, 404));
  }
  const found = candidates.find((c) => c.route.method === method);
  if (!found) {
    const allowed = candidates.map((c) => c.route.method).join(', ');
    const res = reply(405, errorBody(`method ${method} not allowed on "${rawPath}" (allowed: ${allowed})`, 405));
    res.headers.Allow = { values: [allowed] };
    return res;
  }
  const body = req.body ?? Buffer.alloc(0);
  if (body.length > MAX_BODY_BYTES) {
    return reply(
      413,
      errorBody(`request body of ${body.length} bytes exceeds the limit of ${MAX_BODY_BYTES} bytes`, 413)
    );
  }
  // Grafana passes the query string in `url` (the path field carries none)
  const urlQuery = (req.url ?? '').includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : rawQuery;
  const request: ResourceRequest = {
    method,
    path: rawPath,
    params: found.params!,
    query: new URLSearchParams(urlQuery),
    body,
    text: () => body.toString('utf8'),
    json: () => {
      try {
        return JSON.parse(body.toString('utf8'));
      } catch (e) {
        throw new QueryError(`request body is not JSON: ${(e as Error).message}`, 400);
      }
    },
  };
  try {
    const result = await found.route.handler(request, { ...ctx, instance: instance() });
    return reply(result.status ?? 200, result.body, result.contentType);
  } catch (e) {
    if (e instanceof QueryError) {
      return reply(e.status, errorBody(e.message, e.status));
    }
    ctx.log.error('resource handler failed', { path: rawPath, error: (e as Error)?.stack ?? String(e) });
    return reply(500, errorBody(`internal error in resource "${rawPath}": ${(e as Error)?.message ?? String(e)}`, 500));
  }
}
