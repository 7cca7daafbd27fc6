/**
 * Queries the Headroom data source the way a panel does (POST /api/ds/query), so the pages need no data
 * source instance and show the same numbers as the dashboards.
 */
import { lastValueFrom } from 'rxjs';
import type { DataFrame } from '@grafana/data';
import { getBackendSrv, toDataQueryResponse, type BackendDataSourceResponse } from '@grafana/runtime';
import type { HeadroomQueryBody } from '../core/query';
import { DATASOURCE_TYPE } from './constants';

export interface QueryRange {
  from: string;
  to: string;
}

export async function queryHeadroom(
  datasourceUid: string,
  query: HeadroomQueryBody,
  range: QueryRange = { from: 'now-1h', to: 'now' }
): Promise<DataFrame[]> {
  const response = await lastValueFrom(
    getBackendSrv().fetch<BackendDataSourceResponse>({
      url: '/api/ds/query',
      method: 'POST',
      data: {
        queries: [{ refId: 'A', datasource: { uid: datasourceUid, type: DATASOURCE_TYPE }, ...query }],
        ...range,
      },
      showErrorAlert: false,
    })
  );
  const result = toDataQueryResponse(response);
  const error = result.errors?.[0];
  if (error) {
    throw new Error(error.message ?? 'query failed');
  }
  return result.data as DataFrame[];
}
