import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import { services } from '../../src/backend/protocol/protos';
import type {
  CallResourceResponse,
  CheckHealthResponse,
  DataResponse,
  DataSourceInstanceSettings,
  QueryDataResponse,
} from '../../src/backend/protocol/types';
import { decodeFrame, type DecodedFrame } from './frames';

/**
 * Plays Grafana against the built backend executable: starts it with Grafana's environment, reads the
 * go-plugin handshake, and offers one typed call per service. Needs `npm run build:backend` (or `npm run build`).
 *
 *   const grafana = await startBackend();
 *   const res = await grafana.query({ settings: { url: '' }, queries: [{ refId: 'A', queryType: 'slo', json: { slo: 'x' } }], from, to });
 *   res.A.frames[0].fields ...; res.A.error; res.A.status
 *   await grafana.stop();
 */
export const DIST = path.resolve(__dirname, '../../dist');
export const DEFAULT_EXECUTABLE = path.join(DIST, 'gpx_headroom_linux_amd64');

export interface StartOptions {
  /** executable to run; default dist/gpx_headroom_linux_amd64 */
  executable?: string;
  /** extra/overriding environment (set a key to undefined to remove it, e.g. the cookie) */
  env?: Record<string, string | undefined>;
  /** PATH for the child; default the test's own PATH */
  path?: string;
  /** ms to wait for the handshake line; default 20 s */
  handshakeTimeoutMs?: number;
}

/** Data source settings as a test writes them; turned into DataSourceInstanceSettings. */
export interface TestSettings {
  /** '' (default) = the embedded demo platform */
  url?: string;
  uid?: string;
  name?: string;
  jsonData?: Record<string, unknown>;
  /** raw jsonData bytes (for malformed-settings tests); wins over jsonData */
  rawJsonData?: string;
  secureJsonData?: Record<string, string>;
  basicAuthEnabled?: boolean;
  basicAuthUser?: string;
  /** default: derived from the settings, so changed settings make a new instance */
  lastUpdatedMS?: number;
}

export interface TestQuery {
  refId: string;
  queryType?: string;
  /** the query's own fields; refId and queryType are added */
  json?: Record<string, unknown>;
  /** raw DataQuery.json bytes, sent as they are (malformed-JSON tests) */
  rawJson?: string | Buffer;
  maxDataPoints?: number;
  intervalMS?: number;
  /** per-query time range; default the request's from/to */
  from?: number;
  to?: number;
}

export interface QueryRequest {
  settings?: TestSettings;
  queries: TestQuery[];
  /** epoch ms; default the last hour */
  from?: number;
  to?: number;
}

export interface QueryResult {
  frames: DecodedFrame[];
  error?: string;
  status: number;
  errorSource?: string;
  raw: DataResponse;
}

export interface ResourceRequest {
  settings?: TestSettings;
  path: string;
  method?: string;
  body?: string | Buffer | object;
  headers?: Record<string, string>;
}

export interface HealthResult {
  status: 'UNKNOWN' | 'OK' | 'ERROR';
  message: string;
  details: any;
}

export interface ResourceResult {
  code: number;
  headers: Record<string, string[]>;
  body: Buffer;
  text: string;
  /** the body parsed as JSON (throws when it is not JSON) */
  json: any;
}

export interface LogLine {
  '@level': string;
  '@message': string;
  '@timestamp': string;
  '@module': string;
  [key: string]: unknown;
}

export interface Cancellable<T> {
  result: Promise<T>;
  cancel(): void;
}

export interface GrafanaHarness {
  address: string;
  port: number;
  process: ChildProcess;
  /** every stderr line so far (raw) */
  stderr: string[];
  /** stderr lines that are hclog JSON */
  logs(): LogLine[];
  /** resolves when a log line matching `predicate` appears (rejects after timeoutMs) */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** grpc.health.v1.Health/Check */
  health(service?: string): Promise<string>;
  checkHealth(settings?: TestSettings): Promise<HealthResult>;
  /** CheckHealth that the test can cancel, as Grafana does when a request is abandoned */
  checkHealthCancellable(settings?: TestSettings): Cancellable<HealthResult>;
  query(request: QueryRequest): Promise<Record<string, QueryResult>>;
  queryCancellable(request: QueryRequest): Cancellable<Record<string, QueryResult>>;
  callResource(request: ResourceRequest): Promise<ResourceResult>;
  collectMetrics(): Promise<string>;
  /** GRPCController/Shutdown (resolves when the reply arrives, not when the process exits) */
  shutdown(): Promise<void>;
  /** resolves with the exit code (null = killed by a signal) once the process has exited */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** the exit, or 'deadline' when the process is still running after `ms` */
  exitedWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number } | 'deadline'>;
  /** shutdown if still running (SIGKILL after 5 s), close the clients */
  stop(): Promise<void>;
}

export function toInstanceSettings(s: TestSettings = {}): DataSourceInstanceSettings {
  const jsonData = s.rawJsonData ?? JSON.stringify(s.jsonData ?? {});
  const fingerprint = crypto
    .createHash('sha256')
    .update(JSON.stringify([s.url ?? '', jsonData, s.secureJsonData ?? {}, s.basicAuthEnabled, s.basicAuthUser]))
    .digest();
  return {
    id: 1,
    name: s.name ?? 'Headroom',
    url: s.url ?? '',
    user: '',
    database: '',
    basicAuthEnabled: s.basicAuthEnabled ?? false,
    basicAuthUser: s.basicAuthUser ?? '',
    jsonData: Buffer.from(jsonData),
    decryptedSecureJsonData: s.secureJsonData ?? {},
    lastUpdatedMS: s.lastUpdatedMS ?? fingerprint.readUInt32BE(0),
    uid: s.uid ?? 'headroom',
    apiVersion: '',
  };
}

/**
 * Settings are values (tests and the bench make a new object for a change), so each one is converted once:
 * building the instance settings hashes and serializes them, which cost the load bench's Grafana more than a call.
 */
const contexts = new WeakMap<TestSettings, ReturnType<typeof buildPluginContext>>();

function pluginContext(settings?: TestSettings) {
  if (!settings) {
    return buildPluginContext(settings);
  }
  let context = contexts.get(settings);
  if (!context) {
    context = buildPluginContext(settings);
    contexts.set(settings, context);
  }
  return context;
}

function buildPluginContext(settings?: TestSettings) {
  return {
    orgId: 1,
    pluginId: 'headroom-slo-datasource',
    user: { login: 'admin', name: 'admin', email: 'admin@localhost', role: 'Admin' },
    dataSourceInstanceSettings: toInstanceSettings(settings),
    grafanaConfig: {},
    pluginVersion: '0.1.0',
    userAgent: 'Grafana/12.3.0 (linux; amd64)',
    apiVersion: '',
    namespace: 'default',
  };
}

/** Grafana's environment for a backend plugin (grafana-backend-protocol.md §2, §6), nothing of the host's but PATH/HOME. */
export function grafanaEnvironment(options: StartOptions = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    PATH: options.path ?? process.env.PATH,
    HOME: process.env.HOME,
    grafana_plugin_type: 'datasource',
    PLUGIN_PROTOCOL_VERSIONS: '2',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    GF_VERSION: '12.3.0',
    GF_EDITION: 'Open Source',
    GF_PLUGIN_APP_CLIENT_SECRET: '',
    ...options.env,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

/** The QueryDataRequest Grafana sends for `request` (one per panel refresh). */
export function queryDataRequest(request: QueryRequest) {
  const to = request.to ?? Date.now();
  const from = request.from ?? to - 3_600_000;
  return {
    pluginContext: pluginContext(request.settings),
    headers: {},
    queries: request.queries.map((q) => ({
      refId: q.refId,
      queryType: q.queryType ?? '',
      maxDataPoints: q.maxDataPoints ?? 1000,
      intervalMS: q.intervalMS ?? 15_000,
      timeRange: { fromEpochMS: q.from ?? from, toEpochMS: q.to ?? to },
      json:
        q.rawJson !== undefined
          ? Buffer.from(q.rawJson)
          : Buffer.from(
              JSON.stringify({
                refId: q.refId,
                queryType: q.queryType,
                datasource: { type: 'headroom-slo-datasource', uid: 'headroom' },
                ...q.json,
              })
            ),
    })),
    format: 'ARROW',
  };
}

/** A QueryDataResponse by refId; frames are decoded when a test reads them. */
export function queryResults(res: QueryDataResponse): Record<string, QueryResult> {
  const decoded: Record<string, DecodedFrame[]> = {};
  return Object.fromEntries(
    Object.entries(res.responses).map(([refId, r]) => [
      refId,
      {
        // lazily, so the load bench's client does not spend the CPU Grafana would
        get frames(): DecodedFrame[] {
          return (decoded[refId] ??= r.frames.map((f) => decodeFrame(f)));
        },
        error: r.error || undefined,
        status: r.status,
        errorSource: r.errorSource || undefined,
        raw: r,
      },
    ])
  );
}

/** The CallResourceRequest Grafana sends for a request to /api/datasources/uid/headroom/resources/<path>. */
export function callResourceRequest({
  settings,
  path: resourcePath,
  method = 'GET',
  body,
  headers = {},
}: ResourceRequest) {
  const bytes =
    body === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    pluginContext: pluginContext(settings),
    path: resourcePath,
    method,
    url: `/api/datasources/uid/headroom/resources/${resourcePath}`,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { values: [v] }])),
    body: bytes,
  };
}

/** The streamed CallResourceResponse messages as one HTTP response (code and headers from the first). */
export function resourceResult(resourcePath: string, parts: CallResourceResponse[]): ResourceResult {
  const first = parts[0];
  if (!first) {
    throw new Error(`CallResource ${resourcePath}: no response message`);
  }
  const all = Buffer.concat(parts.map((p) => Buffer.from(p.body ?? [])));
  const text = all.toString('utf8');
  return {
    code: first.code,
    headers: Object.fromEntries(Object.entries(first.headers ?? {}).map(([k, v]) => [k, v.values])),
    body: all,
    text,
    get json() {
      return JSON.parse(text);
    },
  };
}

function promisify<Req, Res>(client: grpc.Client, method: string, request: Req): Cancellable<Res> {
  let call: grpc.ClientUnaryCall | undefined;
  const result = new Promise<Res>((resolve, reject) => {
    call = (client as any)[method](request, (error: grpc.ServiceError | null, response: Res) =>
      error ? reject(error) : resolve(response)
    );
  });
  return { result, cancel: () => call?.cancel() };
}

/** Starts the executable and resolves once the handshake line has been read. */
export async function startBackend(options: StartOptions = {}): Promise<GrafanaHarness> {
  const executable = options.executable ?? DEFAULT_EXECUTABLE;
  if (!fs.existsSync(executable)) {
    throw new Error(`${executable} does not exist: run \`npm run build:backend\` (or \`npm run build\`) first`);
  }
  const child = spawn(executable, [], { env: grafanaEnvironment(options), stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  const stdout: string[] = [];
  const logWaiters: Array<{ predicate: (l: LogLine) => boolean; resolve: (l: LogLine) => void }> = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    const parsed = parseLog(line);
    if (parsed) {
      for (const w of [...logWaiters]) {
        if (w.predicate(parsed)) {
          logWaiters.splice(logWaiters.indexOf(w), 1);
          w.resolve(parsed);
        }
      }
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() }))
  );
  const handshake = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `no handshake from ${executable} within ${options.handshakeTimeoutMs ?? 20000} ms\n${stderr.join('\n')}`
          )
        ),
      options.handshakeTimeoutMs ?? 20000
    );
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      stdout.push(line);
      resolve(line);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new HandshakeError(`${executable} exited with ${code} before the handshake`, code, stderr));
    });
  });
  const match = /^1\|2\|tcp\|(127\.0\.0\.1:(\d+))\|grpc$/.exec(handshake);
  if (!match) {
    child.kill('SIGKILL');
    throw new Error(`unexpected handshake line "${handshake}"`);
  }
  const address = match[1];
  const defs = services();
  const credentials = grpc.credentials.createInsecure();
  // Grafana's gRPC client (grpc-go) grows its HTTP/2 receive window with the traffic (BDP estimation, up to
  // 16 MB); grpc-js keeps 64 KB unless told, which would make large answers wait on window updates here only.
  // Nor does grpc-go keep a channelz registry unless asked; grpc-js's costs every call.
  const channelOptions = { 'grpc-node.flow_control_window': 16 * 1024 * 1024, 'grpc.enable_channelz': 0 };
  const clients = {
    health: new defs.health(address, credentials, channelOptions),
    controller: new defs.controller(address, credentials, channelOptions),
    data: new defs.data(address, credentials, channelOptions),
    diagnostics: new defs.diagnostics(address, credentials, channelOptions),
    resource: new defs.resource(address, credentials, channelOptions),
  };
  const closeClients = () => Object.values(clients).forEach((c) => c.close());

  const healthCall = (settings?: TestSettings): Cancellable<HealthResult> => {
    const call = promisify<unknown, CheckHealthResponse>(clients.diagnostics, 'CheckHealth', {
      pluginContext: pluginContext(settings),
      headers: {},
    });
    return {
      cancel: call.cancel,
      result: call.result.then((r) => ({
        status: r.status,
        message: r.message,
        details: r.jsonDetails?.length ? JSON.parse(Buffer.from(r.jsonDetails).toString('utf8')) : {},
      })),
    };
  };

  const queryCall = (request: QueryRequest): Cancellable<Record<string, QueryResult>> => {
    const call = promisify<unknown, QueryDataResponse>(clients.data, 'QueryData', queryDataRequest(request));
    return { cancel: call.cancel, result: call.result.then(queryResults) };
  };

  const harness: GrafanaHarness = {
    address,
    port: Number(match[2]),
    process: child,
    stderr,
    logs: () => stderr.map(parseLog).filter((l): l is LogLine => l !== undefined),
    waitForLog: (predicate, timeoutMs = 10_000) => {
      const existing = harness.logs().find(predicate);
      if (existing) {
        return Promise.resolve(existing);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching log line within ${timeoutMs} ms:\n${stderr.join('\n')}`)),
          timeoutMs
        );
        logWaiters.push({
          predicate,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
    health: (service = 'plugin') =>
      promisify<unknown, { status: string }>(clients.health, 'Check', { service }).result.then((r) => r.status),
    checkHealth: (settings) => healthCall(settings).result,
    checkHealthCancellable: healthCall,
    query: (request) => queryCall(request).result,
    queryCancellable: queryCall,
    callResource: (request) =>
      new Promise<ResourceResult>((resolve, reject) => {
        const stream = (clients.resource as any).CallResource(
          callResourceRequest(request)
        ) as grpc.ClientReadableStream<CallResourceResponse>;
        const parts: CallResourceResponse[] = [];
        stream.on('data', (part: CallResourceResponse) => parts.push(part));
        stream.on('error', reject);
        stream.on('end', () => {
          try {
            resolve(resourceResult(request.path, parts));
          } catch (error) {
            reject(error);
          }
        });
      }),
    collectMetrics: () =>
      promisify<unknown, { metrics: { prometheus: Buffer } }>(clients.diagnostics, 'CollectMetrics', {
        pluginContext: pluginContext(),
      }).result.then((r) => Buffer.from(r.metrics?.prometheus ?? []).toString('utf8')),
    shutdown: () => promisify<unknown, unknown>(clients.controller, 'Shutdown', {}).result.then(() => undefined),
    exited: () => exit,
    exitedWithin: (ms) => within(exit, ms),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await within(harness.shutdown(), 1000).catch(() => undefined);
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exit;
        clearTimeout(killer);
      }
      closeClients();
    },
  };
  return harness;
}

export class HandshakeError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string[]
  ) {
    super(`${message}\n${stderr.join('\n')}`);
  }
}

/** `promise`, or 'deadline' after `ms` (the timer is cleared either way so Jest can exit). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function parseLog(line: string): LogLine | undefined {
  if (!line.startsWith('{')) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(line);
    return typeof parsed['@message'] === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
