import type { DataSourceJsonData } from '@grafana/data';
import type { DefinitionError } from '../core/definitions/model';

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
  /** shift names (follow-the-sun); empty for a single rotation */
  shifts: string[];
}

/** POST validate: the definitions text in, its problems out (each with a 1-based line when known). */
export interface ValidateResponse {
  valid: boolean;
  errors: Array<DefinitionError & { text?: string }>;
  counts?: { slos: number; capacity: number; oncall: number };
}

/** Query of a template variable: which list to offer, optionally the SLOs of one service only. */
export interface HeadroomVariableQuery {
  refId: string;
  kind: 'service' | 'slo' | 'resource' | 'schedule';
  service?: string;
}
