import React, { useState } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setBackendSrv, type BackendSrv } from '@grafana/runtime';
import { dataSourceSettings, type HeadroomSettings } from '../../../tests/support/datasource-settings';
import { fakeBackendSrv, installLayoutShims, resourceResponder } from '../../../tests/unit/frontend/editors/support';
import { ConfigEditor } from './ConfigEditor';

// Monaco does not run in jsdom (and its package has no CommonJS entry): the code editor is a textarea here,
// as in Grafana's own tests. The real editor, with its line markers, is rendered in Chromium by
// tests/e2e/editors.test.ts.
jest.mock('@grafana/ui', () => {
  const actual = jest.requireActual('@grafana/ui');
  const { createElement } = jest.requireActual('react');
  return {
    ...actual,
    CodeEditor: (props: { value: string; onChange?: (v: string) => void }) =>
      createElement('textarea', {
        'aria-label': 'Definitions YAML',
        value: props.value,
        onChange: (e: { currentTarget: { value: string } }) => props.onChange?.(e.currentTarget.value),
      }),
  };
});

installLayoutShims();

const BAD_YAML = `apiVersion: headroom/v1
slos:
  - id: api-gw
    service: api_gateway
    objective: 150
`;

let backend = fakeBackendSrv();
beforeEach(() => {
  backend = fakeBackendSrv(
    resourceResponder({
      'validate?source=jsonData.definitions': (req: { data?: unknown }) =>
        req.data === BAD_YAML
          ? {
              valid: false,
              errors: [
                {
                  source: 'jsonData.definitions',
                  path: 'slos[0]',
                  itemId: 'api-gw',
                  line: 5,
                  message: 'objective must be between 0 and 100 (got 150)',
                },
              ],
              counts: { slos: 0, capacity: 0, oncall: 0 },
            }
          : { valid: true, errors: [], counts: { slos: 4, capacity: 3, oncall: 1 } },
    })
  );
  setBackendSrv(backend as unknown as BackendSrv);
});

/** Holds the settings like Grafana's data source page does, and exposes the latest. */
const section = (name: string) => within(screen.getByRole('region', { name }));

function setup(initial: HeadroomSettings = dataSourceSettings()) {
  const seen: HeadroomSettings[] = [];
  function Host() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(o) => {
          seen.push(o);
          setOptions(o);
        }}
      />
    );
  }
  render(<Host />);
  return { latest: () => seen[seen.length - 1], seen };
}

describe('ConfigEditor', () => {
  it('explains that an empty URL means the demo platform, and hides the note once a URL is set', () => {
    const { latest } = setup();
    expect(screen.getByText('Empty URL: the embedded demo platform')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Prometheus URL/), { target: { value: ' http://prometheus:9090 ' } });
    expect(latest().url).toBe('http://prometheus:9090');
    expect(screen.queryByText('Empty URL: the embedded demo platform')).not.toBeInTheDocument();
  });

  it('keeps the basic auth password in secureJsonData only', () => {
    const { latest } = setup();
    fireEvent.click(section('Metrics').getByRole('radio', { name: 'Basic auth' }));
    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'grafana' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
    const o = latest();
    expect(o.basicAuth).toBe(true);
    expect(o.basicAuthUser).toBe('grafana');
    expect(o.secureJsonData).toEqual(expect.objectContaining({ basicAuthPassword: 's3cret' }));
    expect(JSON.stringify(o.jsonData)).not.toContain('s3cret');
  });

  it('stores a bearer token as a secret and clears it when switching to no authentication', () => {
    const { latest } = setup(dataSourceSettings({ secureJsonFields: { bearerToken: true } }));
    expect(section('Metrics').getByRole('radio', { name: 'Bearer token' })).toBeChecked();
    expect(section('Metrics').getByLabelText(/^Token/)).toHaveValue('configured');
    fireEvent.click(section('Metrics').getByRole('radio', { name: 'No authentication' }));
    expect(latest().secureJsonFields.bearerToken).toBe(false);
    expect(latest().secureJsonData?.bearerToken).toBe('');
    expect(section('Metrics').queryByLabelText(/^Token/)).not.toBeInTheDocument();
  });

  it('sets the timeout in seconds and ignores values that are not positive', () => {
    const { latest } = setup();
    fireEvent.change(screen.getByLabelText(/^Timeout \(seconds\)/), { target: { value: '45' } });
    expect(latest().jsonData.timeoutSeconds).toBe(45);
    fireEvent.change(screen.getByLabelText(/^Timeout \(seconds\)/), { target: { value: '-3' } });
    expect(latest().jsonData.timeoutSeconds).toBeUndefined();
  });

  it('validates the stored definitions with the backend and lists each error at its line', async () => {
    setup(dataSourceSettings({ jsonData: { definitions: BAD_YAML } }));
    const list = await screen.findByRole('list', { name: 'Definition errors' }, { timeout: 4000 });
    expect(within(list).getByText('Line 5')).toBeInTheDocument();
    expect(list).toHaveTextContent('slos[0] "api-gw": objective must be between 0 and 100 (got 150)');
    const request = backend.requests.find((r) => r.url.includes('/validate'));
    expect(request).toMatchObject({
      method: 'POST',
      url: '/api/datasources/uid/headroom/resources/validate?source=jsonData.definitions',
      data: BAD_YAML,
    });
  });

  it('validates again after an edit, once typing pauses', async () => {
    const { latest } = setup(dataSourceSettings({ jsonData: { definitions: 'apiVersion: headroom/v1\n' } }));
    await waitFor(() => expect(screen.getByTestId('definitions-status')).toHaveTextContent('Valid'), { timeout: 4000 });
    fireEvent.change(screen.getByLabelText('Definitions YAML'), { target: { value: BAD_YAML.slice(0, 40) } });
    fireEvent.change(screen.getByLabelText('Definitions YAML'), { target: { value: BAD_YAML } });
    expect(latest().jsonData.definitions).toBe(BAD_YAML);
    expect(screen.getByTestId('definitions-status')).toHaveTextContent('Checking');
    expect(await screen.findByText('Line 5', {}, { timeout: 4000 })).toBeInTheDocument();
    // the half-typed text was never sent: only the first text and the final one
    expect(backend.requests.filter((r) => r.url.includes('/validate')).map((r) => r.data)).toEqual([
      'apiVersion: headroom/v1\n',
      BAD_YAML,
    ]);
  });

  it('says when the definitions are valid, with what they define', async () => {
    setup(dataSourceSettings({ jsonData: { definitions: 'apiVersion: headroom/v1\nslos: []\n' } }));
    await waitFor(
      () =>
        expect(screen.getByTestId('definitions-status')).toHaveTextContent(
          'Valid: 4 SLOs, 3 capacity resources, 1 on-call schedules'
        ),
      {
        timeout: 4000,
      }
    );
  });

  it('shows why validation could not run', async () => {
    backend = fakeBackendSrv(
      resourceResponder({
        'validate?source=jsonData.definitions': Object.assign(new Error('x'), {
          data: { message: 'plugin unavailable' },
        }),
      })
    );
    setBackendSrv(backend as unknown as BackendSrv);
    setup(dataSourceSettings({ jsonData: { definitions: 'apiVersion: headroom/v1\n' } }));
    await waitFor(
      () =>
        expect(screen.getByTestId('definitions-status')).toHaveTextContent('Could not validate: plugin unavailable'),
      { timeout: 4000 }
    );
  });

  it('does not call the backend without inline definitions', async () => {
    setup();
    expect(screen.getByTestId('definitions-status')).toHaveTextContent('No inline definitions');
    await new Promise((r) => setTimeout(r, 800));
    expect(backend.requests).toHaveLength(0);
  });

  it('sets the definitions path and the Alertmanager URL and bearer token', () => {
    const { latest } = setup();
    fireEvent.change(screen.getByLabelText(/^Definitions path/), { target: { value: '/etc/headroom' } });
    fireEvent.change(screen.getByLabelText('Alertmanager URL'), { target: { value: 'http://am:9093' } });
    fireEvent.click(section('Alertmanager').getByRole('radio', { name: 'Bearer token' }));
    fireEvent.change(section('Alertmanager').getByLabelText(/^Token/), { target: { value: 'am-token' } });
    const o = latest();
    expect(o.jsonData).toEqual(
      expect.objectContaining({ definitionsPath: '/etc/headroom', alertmanagerUrl: 'http://am:9093' })
    );
    expect(o.secureJsonData?.alertmanagerBearerToken).toBe('am-token');
    expect(JSON.stringify(o.jsonData)).not.toContain('am-token');
  });

  it('lists problems of the definitions files the backend loaded from the path', async () => {
    backend = fakeBackendSrv(
      resourceResponder({
        'definitions/errors': [
          { source: 'jsonData.definitions', path: 'slos[0]', message: 'inline, shown by the editor' },
          {
            source: '/etc/headroom/slos.yaml',
            path: 'slos[1]',
            itemId: 'db',
            line: 12,
            message: 'window must be a duration',
            text: '/etc/headroom/slos.yaml:12: slos[1] "db": window must be a duration',
          },
        ],
      })
    );
    setBackendSrv(backend as unknown as BackendSrv);
    setup(dataSourceSettings({ jsonData: { definitionsPath: '/etc/headroom' } }));
    const list = await screen.findByRole('list', { name: 'Definitions file errors' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual(['/etc/headroom/slos.yaml:12: slos[1] "db": window must be a duration']);
    expect(backend.requests[0]).toMatchObject({
      method: 'GET',
      url: '/api/datasources/uid/headroom/resources/definitions/errors',
    });
  });

  it('shows a configured Alertmanager password as set and can reset it', () => {
    const { latest } = setup(
      dataSourceSettings({
        jsonData: { alertmanagerBasicAuthUser: 'ops' },
        secureJsonFields: { alertmanagerPassword: true },
      })
    );
    const password = section('Alertmanager').getByLabelText('Password');
    expect(password).toHaveValue('configured');
    fireEvent.click(section('Alertmanager').getByRole('button', { name: /reset/i }));
    expect(latest().secureJsonFields.alertmanagerPassword).toBe(false);
  });
});
