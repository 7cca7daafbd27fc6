import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { setBackendSrv, type BackendSrv } from '@grafana/runtime';
import { fakeBackendSrv, installLayoutShims, type FakeRequest } from '../../../tests/unit/frontend/editors/support';
import { answer, CAPACITY_CATALOG, ONCALL, SLO_CATALOG } from '../../../tests/unit/frontend/editors/frames';
import { App } from '../App';
import type { AppRootProps } from '@grafana/data';

installLayoutShims();

type Body = {
  queries: Array<{ queryType: string; datasource: { uid: string; type: string } }>;
  from: string;
  to: string;
};

function backendWith(overrides: Record<string, unknown> = {}) {
  const table: Record<string, unknown> = {
    sloCatalog: [SLO_CATALOG],
    capacityCatalog: [CAPACITY_CATALOG],
    oncall: [ONCALL],
    ...overrides,
  };
  const backend = fakeBackendSrv((req: FakeRequest) => {
    if (req.url !== '/api/ds/query') {
      throw new Error(`unexpected ${req.url}`);
    }
    const { queryType } = (req.data as Body).queries[0];
    const frames = table[queryType];
    if (frames instanceof Error) {
      throw frames;
    }
    return answer(frames as unknown[]);
  });
  setBackendSrv(backend as unknown as BackendSrv);
  return backend;
}

function renderApp(jsonData: Record<string, unknown> = {}, path = '/overview') {
  const props = {
    meta: { id: 'headroom-sre-app', jsonData },
    basename: '/a/headroom-sre-app',
    query: {},
    path,
  } as unknown as AppRootProps;
  return render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <App {...props} />
    </MemoryRouter>
  );
}

const section = (name: string) => within(screen.getByRole('region', { name }));

describe('Overview page', () => {
  it('lists the SLOs worst first with status, objective, budget and a link to the service dashboard', async () => {
    backendWith();
    renderApp();
    await waitFor(() => expect(section('Service level objectives').getAllByRole('row')).toHaveLength(4));
    const rows = section('Service level objectives').getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual([
      'Workflow success',
      'Agent manager latency',
      'API gateway availability',
    ]);
    expect(within(rows[0]).getByText('Critical')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Warning')).toBeInTheDocument();
    expect(within(rows[2]).getByText('OK')).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('99.99% / 30d');
    expect(rows[1]).toHaveTextContent('5 days');
    expect(within(rows[0]).getByRole('link', { name: 'Workflow success' })).toHaveAttribute(
      'href',
      '/d/headroom-service?var-service=workflow_engine'
    );
  });

  it('summarises capacity worst first and shows who is on call now', async () => {
    backendWith();
    renderApp();
    const capacity = await screen.findByText('Database disk on db-1 reaches 90% in 12 days');
    const items = section('Capacity').getAllByRole('listitem');
    expect(items[0]).toContainElement(capacity);
    expect(items[0]).toHaveTextContent('Warning');
    expect(items[1]).toHaveTextContent('Cluster CPU');
    const oncall = await section('On call now').findByText(/eu shift/);
    expect(oncall.parentElement).toHaveTextContent('platform · eu shiftchenprimarydanasecondary');
    const shifts = section('On call now').getByRole('table', { name: 'platform shifts' });
    const rows = within(shifts)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['us00:00–08:00anaben', 'eu08:00–16:00chendana', 'apac16:00–00:00elifay']);
  });

  it('shows the worst eight capacity rows and links the rest to the infrastructure dashboard', async () => {
    const n = 11;
    const column = (name: string, type: string, value: (i: number) => unknown) => ({
      name,
      type,
      values: Array.from({ length: n }, (_, i) => value(i)),
    });
    const many = {
      schema: {
        name: 'capacityCatalog',
        refId: 'A',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'name', type: 'string' },
          { name: 'kind', type: 'string' },
          { name: 'instance', type: 'string' },
          { name: 'utilization', type: 'number' },
          { name: 'status', type: 'number' },
          { name: 'summary', type: 'string' },
        ],
      },
      data: {
        values: [
          column('id', 'string', () => 'cpu'),
          column('name', 'string', () => 'CPU per node'),
          column('kind', 'string', () => 'cpu'),
          column('instance', 'string', (i) => `node-${i}`),
          column('utilization', 'number', (i) => i / 20),
          column('status', 'number', () => 0),
          column('summary', 'string', (i) => `node-${i} sentence`),
        ].map((c) => c.values),
      },
    };
    backendWith({ capacityCatalog: [many] });
    renderApp();
    const link = await screen.findByRole('link', { name: '3 more on the infrastructure dashboard' });
    expect(link).toHaveAttribute('href', '/d/headroom-infrastructure');
    const items = section('Capacity').getAllByRole('listitem');
    expect(items).toHaveLength(8);
    // equal status: the fullest first
    expect(items[0]).toHaveTextContent('node-10');
  });

  it('queries the configured data source for each section', async () => {
    const backend = backendWith();
    renderApp({ datasourceUid: 'other-headroom' });
    await section('On call now').findByText(/eu shift/);
    const bodies = backend.requests.map((r) => r.data as Body);
    expect(bodies.map((b) => b.queries[0].queryType).sort()).toEqual(['capacityCatalog', 'oncall', 'sloCatalog']);
    for (const b of bodies) {
      expect(b.queries[0].datasource).toEqual({ uid: 'other-headroom', type: 'headroom-slo-datasource' });
      expect(b.to).toBe('now');
    }
  });

  it('links the four dashboards', async () => {
    backendWith();
    renderApp();
    await section('On call now').findByText(/eu shift/);
    const nav = within(screen.getByRole('navigation', { name: 'Dashboards' }));
    expect(nav.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/d/headroom-executive',
      '/d/headroom-service',
      '/d/headroom-infrastructure',
      '/d/headroom-oncall',
    ]);
  });

  it('names a failing section and still shows the others', async () => {
    backendWith({
      capacityCatalog: Object.assign(new Error('Bad Request'), {
        data: { results: { A: { error: 'capacity "cluster-cpu": Prometheus answered 503' } } },
      }),
    });
    renderApp({}, '/anything');
    expect(await screen.findByText('capacity "cluster-cpu": Prometheus answered 503')).toBeInTheDocument();
    expect(screen.getByText('Could not load capacity')).toBeInTheDocument();
    expect(await section('On call now').findByText(/eu shift/)).toBeInTheDocument();
  });
});
