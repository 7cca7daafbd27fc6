import type { DataSourceInstanceSettings, DataSourceSettings } from '@grafana/data';
import type { HeadroomDataSourceOptions, HeadroomSecureJsonData } from '../../src/datasource/types';

/**
 * The Headroom data source's settings as Grafana hands them to the frontend, for the jsdom tests and the
 * Chromium hosts (tests/e2e) alike: no test framework here, so a browser bundle can import it.
 */

export type HeadroomSettings = DataSourceSettings<HeadroomDataSourceOptions, HeadroomSecureJsonData>;

/** What a data source instance (query editors, the data source class) is built from. */
export function instanceSettings(uid = 'headroom'): DataSourceInstanceSettings<HeadroomDataSourceOptions> {
  return {
    id: 1,
    uid,
    type: 'headroom-slo-datasource',
    name: 'Headroom',
    access: 'proxy',
    readOnly: false,
    jsonData: {},
    meta: {
      id: 'headroom-slo-datasource',
      name: 'Headroom SLO',
      info: { logos: { small: 'public/plugins/headroom-slo-datasource/img/logo.svg', large: '' } },
    } as DataSourceInstanceSettings['meta'],
  };
}

/** What the config editor edits (Grafana's data source page), a new data source unless `patch` says otherwise. */
export function dataSourceSettings(patch: Partial<HeadroomSettings> = {}): HeadroomSettings {
  return {
    id: 1,
    uid: 'headroom',
    orgId: 1,
    name: 'Headroom',
    type: 'headroom-slo-datasource',
    typeName: 'Headroom SLO',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    withCredentials: false,
    readOnly: false,
    jsonData: {},
    secureJsonFields: {},
    ...patch,
  } as HeadroomSettings;
}
