import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { editorTestDatasource } from '../../../tests/unit/frontend/editors/support';
import { VariableQueryEditor } from './VariableQueryEditor';

const datasource = editorTestDatasource();

function setup(query: object) {
  const onChange = jest.fn();
  render(
    <VariableQueryEditor query={query as never} onChange={onChange} onRunQuery={() => {}} datasource={datasource} />
  );
  return onChange;
}

describe('VariableQueryEditor', () => {
  it('offers services, SLOs, resources and schedules; services by default', () => {
    const onChange = setup({ refId: 'v' });
    expect(screen.getByRole('radio', { name: 'Services' })).toBeChecked();
    fireEvent.click(screen.getByRole('radio', { name: 'Schedules' }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', kind: 'schedule' });
    expect(screen.queryByLabelText('Service')).not.toBeInTheDocument();
  });

  it('narrows SLOs to a service, which can be $service', async () => {
    const onChange = setup({ refId: 'v', kind: 'slo' });
    await act(async () => {});
    fireEvent.click(screen.getByLabelText('Service'));
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('$serviceTemplate variable')
    );
    fireEvent.click(screen.getAllByRole('option').find((o) => o.textContent?.startsWith('$service'))!);
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', kind: 'slo', service: '$service' });
  });
});
