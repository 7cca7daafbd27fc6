import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { editorTestDatasource } from '../../../tests/unit/frontend/editors/support';
import { EventsAnnotationEditor } from './EventsAnnotationEditor';

const datasource = editorTestDatasource();

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
