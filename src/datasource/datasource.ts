import type { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import type { HeadroomQuery } from '../core/query';
import { annotationSupport } from './annotations';
import { DEFAULT_QUERY } from './query/defaults';
import { interpolateQuery } from './query/interpolate';
import { migrateQuery } from './query/migrate';
import { isQueryRunnable } from './query/validation';
import type { CapacityResourceInfo, HeadroomDataSourceOptions, ScheduleInfo, SloInfo } from './types';
import { HeadroomVariableSupport } from './variables';

export class HeadroomDataSource extends DataSourceWithBackend<HeadroomQuery, HeadroomDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<HeadroomDataSourceOptions>) {
    super(instanceSettings);
    this.variables = new HeadroomVariableSupport(this);
    this.annotations = annotationSupport;
  }

  getDefaultQuery(_app: CoreApp): Partial<HeadroomQuery> {
    return { ...DEFAULT_QUERY };
  }

  /** Only complete queries go to the backend (an empty series list would only produce an error). */
  filterQuery(query: HeadroomQuery): boolean {
    return isQueryRunnable(migrateQuery(query));
  }

  /** Old query shapes are migrated and template variables resolved before the backend sees the query. */
  applyTemplateVariables(query: HeadroomQuery, scopedVars: ScopedVars): HeadroomQuery {
    const templateSrv = getTemplateSrv();
    return interpolateQuery(migrateQuery(query), (text, format) => templateSrv.replace(text, scopedVars, format));
  }

  // Pickers and variables read the definitions through the backend's resource endpoints.
  getSlos(): Promise<SloInfo[]> {
    return this.getResource<SloInfo[]>('slos');
  }

  getServices(): Promise<string[]> {
    return this.getResource<string[]>('services');
  }

  getCapacityResources(): Promise<CapacityResourceInfo[]> {
    return this.getResource<CapacityResourceInfo[]>('resources');
  }

  getSchedules(): Promise<ScheduleInfo[]> {
    return this.getResource<ScheduleInfo[]>('schedules');
  }
}
