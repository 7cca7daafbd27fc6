import { badQuery } from '../core/errors';
import { registerSecret } from './logger';
import type { DataSourceInstanceSettings } from './protocol/types';

/**
 * The data source settings of DESIGN.md, read from Grafana's DataSourceInstanceSettings.
 * Every secret is registered with the logger's redactor the moment it is read, so no log line, error
 * message or resource response can carry it (see redact()).
 */
export interface BasicAuth {
  user: string;
  password: string;
}

export interface HttpTarget {
  url: string;
  basicAuth?: BasicAuth;
  bearerToken?: string;
}

export interface HeadroomSettings {
  uid: string;
  name: string;
  /** '' = the embedded demo platform */
  url: string;
  basicAuth?: BasicAuth;
  bearerToken?: string;
  /** inline YAML definitions (jsonData.definitions) */
  definitions?: string;
  /** file or directory of *.yaml/*.yml on the Grafana server (jsonData.definitionsPath) */
  definitionsPath?: string;
  alertmanager?: HttpTarget;
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;

function optionalString(json: Record<string, unknown>, key: string): string | undefined {
  const value = json[key];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw badQuery(`data source setting jsonData.${key} must be a string (got ${typeof value})`);
  }
  return value;
}

/** The Authorization header's form of a basic-auth pair: an upstream echoing the header must not leak it either. */
function registerBasicAuth(auth: BasicAuth): BasicAuth {
  registerSecret(Buffer.from(`${auth.user}:${auth.password}`).toString('base64'));
  return auth;
}

/** Base URLs are used as prefixes: strip the trailing slash so "/api/v1/..." can be appended. */
function baseUrl(value: string, setting: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (trimmed === '') {
    return '';
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw badQuery(`data source setting ${setting} is not a URL: "${trimmed}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw badQuery(`data source setting ${setting} must be an http:// or https:// URL (got "${parsed.protocol}")`);
  }
  if (parsed.username || parsed.password) {
    // credentials in the URL would leak into messages; they belong in the auth settings
    registerSecret(decodeURIComponent(parsed.password));
    throw badQuery(`data source setting ${setting} must not contain credentials; use the authentication settings`);
  }
  return trimmed;
}

export function parseSettings(ds: DataSourceInstanceSettings): HeadroomSettings {
  const secure = ds.decryptedSecureJsonData ?? {};
  // register first: even a settings error below must not be able to echo a secret
  for (const value of Object.values(secure)) {
    registerSecret(value);
  }
  let json: Record<string, unknown> = {};
  const text = ds.jsonData?.length ? Buffer.from(ds.jsonData).toString('utf8') : '';
  if (text.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw badQuery(`data source jsonData is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      json = parsed as Record<string, unknown>;
    } else if (parsed !== null) {
      throw badQuery('data source jsonData must be a JSON object');
    }
  }

  const timeout = json.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 600) {
    throw badQuery(
      `data source setting jsonData.timeoutSeconds must be a number of seconds in (0, 600] (got ${JSON.stringify(timeout)})`
    );
  }

  const settings: HeadroomSettings = {
    uid: ds.uid,
    name: ds.name,
    url: baseUrl(ds.url ?? '', 'url'),
    definitions: optionalString(json, 'definitions'),
    definitionsPath: optionalString(json, 'definitionsPath')?.trim(),
    timeoutMs: timeout * 1000,
  };
  if (ds.basicAuthEnabled) {
    settings.basicAuth = registerBasicAuth({ user: ds.basicAuthUser ?? '', password: secure.basicAuthPassword ?? '' });
  }
  if (secure.bearerToken) {
    settings.bearerToken = secure.bearerToken;
  }
  const alertmanagerUrl = optionalString(json, 'alertmanagerUrl');
  if (alertmanagerUrl) {
    const target: HttpTarget = { url: baseUrl(alertmanagerUrl, 'jsonData.alertmanagerUrl') };
    const user = optionalString(json, 'alertmanagerBasicAuthUser');
    if (user) {
      target.basicAuth = registerBasicAuth({ user, password: secure.alertmanagerPassword ?? '' });
    }
    if (secure.alertmanagerBearerToken) {
      target.bearerToken = secure.alertmanagerBearerToken;
    }
    settings.alertmanager = target;
  }
  return settings;
}

/** Authorization header for a target (bearer token wins over basic auth, as in Grafana's Prometheus). */
export function authHeaders(target: { basicAuth?: BasicAuth; bearerToken?: string }): Record<string, string> {
  if (target.bearerToken) {
    return { Authorization: `Bearer ${target.bearerToken}` };
  }
  if (target.basicAuth) {
    const token = Buffer.from(`${target.basicAuth.user}:${target.basicAuth.password}`).toString('base64');
    registerSecret(token);
    return { Authorization: `Basic ${token}` };
  }
  return {};
}
