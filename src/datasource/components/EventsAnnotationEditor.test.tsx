import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { setBackendSrv, setTemplateSrv, type BackendSrv, type TemplateSrv } from '@grafana/runtime';
import {
  fakeBackendSrv,
  fakeTemplateSrv,
  installLayoutShims,
  instanceSettings,
} from '../../../tests/unit/frontend/editors/support';
import { HeadroomDataSource } from '../datasource';
import { EventsAnnotationEditor } from './EventsAnnotationEditor';

installLayoutShims();
setBackendSrv(fakeBackendSrv() as unknown as BackendSrv);
setTemplateSrv(fakeTemplateSrv() as unknown as TemplateSrv);
const datasource = new HeadroomDataSource(instanceSettings());

describe('EventsAnnotationEditor', () => {
  it('edits the events query: kinds, service, SLO and schedule', async () => {
    const onChange = jest.fn();
    render(
      <EventsAnnotationEditor
        query={{ refId: 'Anno', queryType: 'events', kinds: ['status', 'handoff'] }}
        onChange={onChange}
        onRunQuery={() => {}}
        datasource={datasource}
      />
    );
    await act(async () => {});
    expect(screen.getByText('SLO status changes')).toBeInTheDocument();
    for (const label of ['Service', 'SLO', 'Schedule']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    fireEvent.click(screen.getAllByRole('button', { name: /remove/i })[0]);
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'Anno', queryType: 'events', kinds: ['handoff'] });
  });

  it('turns a query of another type into the default events query', async () => {
    const onChange = jest.fn();
    render(
      <EventsAnnotationEditor
        query={{ refId: 'Anno', queryType: 'slo', series: ['sli'] }}
        onChange={onChange}
        onRunQuery={() => {}}
        datasource={datasource}
      />
    );
    await act(async () => {});
    expect(screen.getByText('SLO status changes')).toBeInTheDocument();
    fireEvent.click(screen.getAllByRole('button', { name: /remove/i })[0]);
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'Anno',
      queryType: 'events',
      kinds: ['fastBurn', 'handoff', 'deployment'],
    });
  });
});
