import type { DataSourceJsonData } from '@grafana/data';

/** jsonData of the data source (DESIGN.md "Data source settings"). Secrets live in secureJsonData only. */
export interface HeadroomDataSourceOptions extends DataSourceJsonData {
  definitions?: string;
  definitionsPath?: string;
  alertmanagerUrl?: string;
  alertmanagerBasicAuthUser?: string;
  timeoutSeconds?: number;
}

export interface HeadroomSecureJsonData {
  basicAuthPassword?: string;
  bearerToken?: string;
  alertmanagerPassword?: string;
  alertmanagerBearerToken?: string;
}

/** Answers of the backend's resource endpoints (GET slos, services, resources, schedules; POST validate). */
export interface SloInfo {
  id: string;
  service: string;
  name?: string;
  objective: number;
  window: string;
}

export interface CapacityResourceInfo {
  id: string;
  name?: string;
  resource: string;
}

export interface ScheduleInfo {
  id: string;
  name?: string;
  shifts: Array<string | { name: string }>;
}

export interface DefinitionError {
  source?: string;
  path?: string;
  itemId?: string;
  line?: number;
  message: string;
}

export interface ValidateResponse {
  errors: DefinitionError[];
}

/** Query of a template variable: which list to offer, optionally the SLOs of one service only. */
export interface HeadroomVariableQuery {
  refId: string;
  kind: 'service' | 'slo' | 'resource' | 'schedule';
  service?: string;
}
