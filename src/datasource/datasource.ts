import { DataSourceInstanceSettings } from '@grafana/data';
import { DataSourceWithBackend } from '@grafana/runtime';
import type { HeadroomQuery } from '../core/query';
import type { HeadroomDataSourceOptions } from './types';

export class HeadroomDataSource extends DataSourceWithBackend<HeadroomQuery, HeadroomDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<HeadroomDataSourceOptions>) {
    super(instanceSettings);
  }
}
