import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import { request as undiciRequest } from 'undici';
import { registerSecret } from '../logger';
import { authHeaders, type BasicAuth } from '../settings';

/**
 * HTTP to the upstream APIs (Prometheus, Alertmanager), shared by the sources and the health check: one
 * request with its own timeout that also follows the caller's cancellation, the body read up to a size cap,
 * and every way it can fail sorted once (cancelled, timed out, too large, a network error with a readable
 * reason). Callers word the outcome for their own context (a query, "Save & test") and decide what an HTTP
 * status means for their API. Nothing here puts a credential in a URL it returns or in a reason.
 * Requests go through undici's `request`, not `fetch` (undici's too): the four dashboards opened cold make 249
 * small requests, and fetch's WHATWG streams cost about 0.4 ms of CPU more per request. Redirects are not
 * followed: a 3xx is an answer like any other, so no upstream can send our credentials to another host.
 */

/** Largest answer body read from an upstream; larger ones are refused unread instead of exhausting memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface Upstream {
  /** base URL without credentials, query, fragment or trailing slash: safe for messages and logs */
  base: string;
  /** the Authorization header, if any (bearer token first, then basic auth, then credentials in the URL) */
  auth: Record<string, string>;
}

/** The upstream at `rawUrl`, or undefined when it is not a URL. Its secrets are registered with the redactor. */
export function upstreamAt(
  rawUrl: string,
  credentials: { basicAuth?: BasicAuth; bearerToken?: string }
): Upstream | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  // credentials in the URL become basic auth unless the settings give some, so no URL we use or show holds them
  const inUrl = url.username
    ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : undefined;
  const basicAuth = credentials.basicAuth ?? inUrl;
  registerSecret(credentials.bearerToken);
  registerSecret(basicAuth?.password);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return {
    base: url.toString().replace(/\/+$/, ''),
    auth: authHeaders({ bearerToken: credentials.bearerToken, basicAuth }),
  };
}

export interface Answer {
  kind: 'answer';
  status: number;
  statusText: string;
  ok: boolean;
  contentType: string | null;
  text: string;
}

export type Failure =
  /** the caller's signal aborted (Grafana cancelled) */
  | { kind: 'cancelled'; reason: unknown }
  | { kind: 'timeout' }
  | { kind: 'tooLarge'; limit: number }
  /** `code` is Node's (ECONNREFUSED, ...); `reason` says it in words */
  | { kind: 'network'; code?: string; reason: string };

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** default MAX_RESPONSE_BYTES */
  maxBytes?: number;
}

/** One request: the whole answer (any HTTP status) or the reason there is none. Never throws. */
export async function request(url: string, options: RequestOptions): Promise<Answer | Failure> {
  const { signal } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await undiciRequest(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const header = (name: string) => {
      const value = response.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    };
    const text = await readLimited(response.body, header('content-length'), options.maxBytes ?? MAX_RESPONSE_BYTES);
    return {
      kind: 'answer',
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      ok: response.statusCode >= 200 && response.statusCode < 300,
      contentType: header('content-type'),
      text,
    };
  } catch (e) {
    if (e instanceof ResponseTooLarge) {
      return { kind: 'tooLarge', limit: e.limit };
    }
    if (signal?.aborted) {
      return { kind: 'cancelled', reason: signal.reason };
    }
    if (timeout.aborted) {
      return { kind: 'timeout' };
    }
    return { kind: 'network', ...networkReason(e) };
  }
}

function networkReason(e: unknown): { code?: string; reason: string } {
  // undici's errors carry Node's code themselves; a wrapped one carries it in its cause
  const error = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = error.cause?.code ?? error.code;
  const message = error.cause?.message ?? error.message ?? 'network error';
  switch (code) {
    case 'ECONNREFUSED':
      return { code, reason: 'connection refused (is it running, and is the port right?)' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code, reason: 'host name not found' };
    case 'ECONNRESET':
      return { code, reason: 'connection reset' };
    default:
      if (code?.startsWith('ERR_TLS') || /certificate/i.test(message)) {
        return { code, reason: `TLS problem (${message})` };
      }
      return { code, reason: message };
  }
}

/** The body parsed as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

class ResponseTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response larger than ${limit} bytes`);
  }
}

/** The body as text, refusing (and abandoning the download of) anything over `limit` bytes. */
async function readLimited(body: Readable, contentLength: string | null, limit: number): Promise<string> {
  // an abandoned body emits an abort error; without a listener that error would end the process
  body.on('error', () => undefined);
  if (Number(contentLength) > limit) {
    body.destroy();
    throw new ResponseTooLarge(limit);
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body as AsyncIterable<Buffer>) {
    size += part.byteLength;
    if (size > limit) {
      body.destroy();
      throw new ResponseTooLarge(limit);
    }
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}
