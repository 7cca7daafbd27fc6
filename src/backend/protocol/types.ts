/**
 * TypeScript shapes of the pluginv2 messages as @grpc/proto-loader decodes them with LOADER_OPTIONS
 * (keepCase, int64 -> number, enums -> names, defaults filled in). See proto/backend.proto.
 */
export interface DataSourceInstanceSettings {
  id: number;
  name: string;
  url: string;
  user: string;
  database: string;
  basicAuthEnabled: boolean;
  basicAuthUser: string;
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  uid: string;
  apiVersion: string;
}

export interface PluginContext {
  orgId: number;
  pluginId: string;
  user?: { login: string; name: string; email: string; role: string } | null;
  appInstanceSettings?: unknown;
  dataSourceInstanceSettings?: DataSourceInstanceSettings | null;
  grafanaConfig: Record<string, string>;
  pluginVersion: string;
  userAgent: string;
  apiVersion: string;
  namespace: string;
}

export interface DataQuery {
  refId: string;
  maxDataPoints: number;
  intervalMS: number;
  timeRange?: { fromEpochMS: number; toEpochMS: number } | null;
  json: Buffer;
  queryType: string;
}

export interface QueryDataRequest {
  pluginContext?: PluginContext | null;
  headers: Record<string, string>;
  queries: DataQuery[];
  format: string;
}

export interface DataResponse {
  frames: Uint8Array[];
  error?: string;
  jsonMeta?: Uint8Array;
  status: number;
  errorSource?: string;
  format?: 'ARROW' | 'JSON';
}

export interface QueryDataResponse {
  responses: Record<string, DataResponse>;
}

export type HealthStatus = 'UNKNOWN' | 'OK' | 'ERROR';

export interface CheckHealthRequest {
  pluginContext?: PluginContext | null;
  headers: Record<string, string>;
}

export interface CheckHealthResponse {
  status: HealthStatus;
  message: string;
  jsonDetails: Uint8Array;
}

export interface CallResourceRequest {
  pluginContext?: PluginContext | null;
  path: string;
  method: string;
  url: string;
  headers: Record<string, { values: string[] }>;
  body: Buffer;
}

export interface CallResourceResponse {
  code: number;
  headers: Record<string, { values: string[] }>;
  body: Uint8Array;
}
