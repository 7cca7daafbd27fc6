import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import {
  locationService,
  setBackendSrv,
  setDataSourceSrv,
  type BackendSrv,
  type DataSourceSrv,
} from '@grafana/runtime';
import { instanceSettings } from '../../../tests/support/datasource-settings';
import { fakeBackendSrv, installLayoutShims } from '../../../tests/unit/frontend/editors/support';
import type { AppJsonData } from '../constants';
import { AppConfig } from './AppConfig';

installLayoutShims();

const HEADROOM = instanceSettings('headroom');
const OTHER = { ...instanceSettings('headroom-staging'), name: 'Headroom staging', id: 2 };
setDataSourceSrv({
  getList: () => [HEADROOM, OTHER],
  getInstanceSettings: (ref?: string | { uid?: string } | null) => {
    const uid = typeof ref === 'string' ? ref : ref?.uid;
    return [HEADROOM, OTHER].find((d) => d.uid === uid || d.name === uid);
  },
  get: async () => {
    throw new Error('not needed');
  },
  reload: async () => {},
  registerRuntimeDataSource: () => {},
} as unknown as DataSourceSrv);

let backend = fakeBackendSrv(() => ({}));
let reload: jest.SpyInstance;
beforeEach(() => {
  backend = fakeBackendSrv(() => ({ message: 'Plugin settings updated' }));
  setBackendSrv(backend as unknown as BackendSrv);
  reload = jest.spyOn(locationService, 'reload').mockImplementation(() => {});
});
afterEach(() => reload.mockRestore());

function renderConfig(meta: Partial<AppPluginMeta<AppJsonData>>) {
  const plugin = {
    meta: { id: 'headroom-sre-app', enabled: false, pinned: false, jsonData: {}, ...meta },
  } as unknown as PluginConfigPageProps<AppPluginMeta<AppJsonData>>['plugin'];
  // Grafana renders plugin pages inside its router
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AppConfig plugin={plugin} query={{}} />
    </MemoryRouter>
  );
}

const section = (name: string) => within(screen.getByRole('region', { name }));

describe('App config page', () => {
  it('enables a disabled app with the default data source, then reloads', async () => {
    renderConfig({ enabled: false });
    expect(screen.getByText('Headroom is disabled')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(backend.requests).toEqual([
      expect.objectContaining({
        url: '/api/plugins/headroom-sre-app/settings',
        method: 'POST',
        data: { enabled: true, pinned: true, jsonData: { datasourceUid: 'headroom' } },
      }),
    ]);
  });

  it('disables an enabled app', async () => {
    renderConfig({ enabled: true, pinned: true, jsonData: { datasourceUid: 'headroom-staging' } });
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(backend.requests[0].data).toEqual({
      enabled: false,
      pinned: false,
      jsonData: { datasourceUid: 'headroom-staging' },
    });
  });

  it('shows why saving failed', async () => {
    backend = fakeBackendSrv(() => {
      throw Object.assign(new Error('Forbidden'), { data: { message: 'Permission denied' } });
    });
    setBackendSrv(backend as unknown as BackendSrv);
    renderConfig({ enabled: false });
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    expect(await screen.findByText('Permission denied')).toBeInTheDocument();
    expect(reload).not.toHaveBeenCalled();
  });

  it('shows the chosen Headroom data source', () => {
    renderConfig({ enabled: true, jsonData: { datasourceUid: 'headroom-staging' } });
    expect(section('Data source').getByText('Headroom staging')).toBeInTheDocument();
  });

  it('links the dashboards and offers provisioning snippets for the demo, Prometheus and the app', () => {
    renderConfig({ enabled: true, jsonData: { datasourceUid: 'headroom-staging' } });
    expect(
      section('Dashboards')
        .getAllByRole('link')
        .map((a) => a.getAttribute('href'))
    ).toEqual(['/d/headroom-executive', '/d/headroom-service', '/d/headroom-infrastructure', '/d/headroom-oncall']);
    const snippets = section('Provisioning');
    // the settings each snippet sets, comments left out ("key: value" per line)
    const settings = (label: RegExp) =>
      (snippets.getByLabelText(label).textContent ?? '')
        .split('\n')
        .map((line) =>
          line
            .replace(/#.*/, '')
            .replace(/^[\s-]+/, '')
            .trim()
        )
        .filter(Boolean);
    expect(settings(/demo platform/)).toEqual([
      'apiVersion: 1',
      'datasources:',
      'name: Headroom',
      'uid: headroom',
      'type: headroom-slo-datasource',
    ]);
    const prometheus = settings(/your Prometheus/);
    expect(prometheus).toEqual(
      expect.arrayContaining([
        'url: http://prometheus:9090',
        'secureJsonData:',
        'basicAuthPassword: $PROMETHEUS_PASSWORD',
      ])
    );
    expect(prometheus.filter((l) => /password|token/i.test(l))).toEqual(['basicAuthPassword: $PROMETHEUS_PASSWORD']);
    expect(settings(/The app/)).toEqual(
      expect.arrayContaining(['type: headroom-sre-app', 'datasourceUid: headroom-staging'])
    );
  });
});
