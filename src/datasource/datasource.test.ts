import { lastValueFrom } from 'rxjs';
import { CoreApp, type DataQueryRequest } from '@grafana/data';
import { instanceSettings } from '../../tests/support/datasource-settings';
import { fakeBackendSrv, fakeTemplateSrv } from '../../tests/unit/frontend/editors/support';
import { setBackendSrv, setTemplateSrv, type BackendSrv, type TemplateSrv } from '@grafana/runtime';
import { HeadroomDataSource } from './datasource';
import type { HeadroomVariableQuery } from './types';
import type { HeadroomVariableSupport } from './variables';

const backend = fakeBackendSrv();
setBackendSrv(backend as unknown as BackendSrv);
setTemplateSrv(fakeTemplateSrv({ service: 'api_gateway', windows: ['1h', '6h'] }) as unknown as TemplateSrv);

const ds = new HeadroomDataSource(instanceSettings());

function variableRequest(target: HeadroomVariableQuery): DataQueryRequest<HeadroomVariableQuery> {
  return { targets: [target], scopedVars: {} } as unknown as DataQueryRequest<HeadroomVariableQuery>;
}

describe('HeadroomDataSource', () => {
  it('defaults a new query to the SLI and budget left of every SLO', () => {
    expect(ds.getDefaultQuery(CoreApp.PanelEditor)).toEqual({ queryType: 'slo', series: ['sli', 'budgetRemaining'] });
  });

  it('runs only complete queries, migrating old shapes first', () => {
    expect(ds.filterQuery({ refId: 'A', queryType: 'slo', series: ['sli'] })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', queryType: 'slo', series: [] })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', series: 'sli' } as never)).toBe(true);
  });

  it('migrates and interpolates before the query reaches the backend', () => {
    const out = ds.applyTemplateVariables(
      { refId: 'A', sloId: 'x', service: '$service', series: 'burnRate', burnRateWindows: ['$windows'] } as never,
      {}
    );
    expect(out).toEqual({
      refId: 'A',
      queryType: 'slo',
      slo: 'x',
      service: 'api_gateway',
      series: ['burnRate'],
      burnRateWindows: ['1h', '6h'],
    });
  });

  it('reads the resource endpoints of this data source', async () => {
    await expect(ds.getServices()).resolves.toEqual(['api_gateway', 'workflow_engine']);
    expect(backend.requests.at(-1)).toMatchObject({
      method: 'GET',
      url: '/api/datasources/uid/headroom/resources/services',
    });
  });

  describe('variables', () => {
    const run = async (q: HeadroomVariableQuery) =>
      (await lastValueFrom((ds.variables as HeadroomVariableSupport).query(variableRequest(q)))).data;

    it('offers services, slos, resources and schedules', async () => {
      expect(await run({ refId: 'v', kind: 'service' })).toEqual([
        { text: 'api_gateway', value: 'api_gateway' },
        { text: 'workflow_engine', value: 'workflow_engine' },
      ]);
      expect((await run({ refId: 'v', kind: 'slo' })).map((v: { value: string }) => v.value)).toEqual([
        'api-gateway-availability',
        'api-gateway-latency',
        'workflow-engine-success',
      ]);
      expect(await run({ refId: 'v', kind: 'resource' })).toEqual([
        { text: 'cluster-cpu', value: 'cluster-cpu' },
        { text: 'db-disk', value: 'db-disk' },
      ]);
      expect(await run({ refId: 'v', kind: 'schedule' })).toEqual([{ text: 'platform', value: 'platform' }]);
    });

    it('narrows slos to a service, which may be a variable', async () => {
      expect(
        (await run({ refId: 'v', kind: 'slo', service: 'workflow_engine' })).map((v: { value: string }) => v.value)
      ).toEqual(['workflow-engine-success']);
      expect(
        (await run({ refId: 'v', kind: 'slo', service: '$service' })).map((v: { value: string }) => v.value)
      ).toEqual(['api-gateway-availability', 'api-gateway-latency']);
    });
  });

  describe('annotations', () => {
    const anno = ds.annotations!;
    it('default to every kind of event', () => {
      expect(anno.getDefaultQuery!()).toMatchObject({
        queryType: 'events',
        kinds: ['status', 'fastBurn', 'handoff', 'deployment'],
      });
    });
    it('always run the events query type', () => {
      const base = { name: 'x', enable: true, iconColor: 'red' };
      expect(
        anno.prepareQuery!({ ...base, target: { refId: 'Anno', queryType: 'events', kinds: ['handoff'] } })
      ).toEqual({
        refId: 'Anno',
        queryType: 'events',
        kinds: ['handoff'],
      });
      expect(
        anno.prepareQuery!({ ...base, target: { refId: 'Anno', queryType: 'slo', service: 'api_gateway' } })
      ).toMatchObject({
        queryType: 'events',
        service: 'api_gateway',
      });
      expect(anno.prepareQuery!({ ...base })).toBeUndefined();
    });
  });
});
