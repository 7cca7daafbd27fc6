/**
 * Template variables: `service`, `slo`, `resource` and `schedule` values from the backend's resource
 * endpoints. The slo list can be narrowed to one service (which may itself be a variable, e.g. `$service`).
 */
import {
  CustomVariableSupport,
  type DataQueryRequest,
  type DataQueryResponse,
  type MetricFindValue,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { from, map, type Observable } from 'rxjs';
import type { HeadroomDataSource } from './datasource';
import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { HeadroomVariableQuery } from './types';

export async function variableValues(
  ds: HeadroomDataSource,
  query: HeadroomVariableQuery,
  service?: string
): Promise<MetricFindValue[]> {
  switch (query.kind) {
    case 'service':
      return (await ds.getServices()).map((s) => ({ text: s, value: s }));
    case 'slo':
      return (await ds.getSlos())
        .filter((slo) => !service || slo.service === service)
        .map((slo) => ({ text: slo.id, value: slo.id }));
    case 'resource':
      return (await ds.getCapacityResources()).map((r) => ({ text: r.id, value: r.id }));
    case 'schedule':
      return (await ds.getSchedules()).map((s) => ({ text: s.id, value: s.id }));
    default:
      throw new Error(
        `Unknown variable kind "${String((query as { kind?: unknown }).kind)}": use service, slo, resource or schedule`
      );
  }
}

export class HeadroomVariableSupport extends CustomVariableSupport<HeadroomDataSource, HeadroomVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly ds: HeadroomDataSource) {
    super();
  }

  query(request: DataQueryRequest<HeadroomVariableQuery>): Observable<DataQueryResponse> {
    const query = request.targets[0];
    const service = query.service ? getTemplateSrv().replace(query.service, request.scopedVars) : undefined;
    return from(variableValues(this.ds, query, service)).pipe(map((data) => ({ data })));
  }
}
