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
