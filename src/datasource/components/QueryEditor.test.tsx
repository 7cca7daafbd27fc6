import React from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { HeadroomQuery } from '../../core/query';
import { editorTestDatasource } from '../../../tests/unit/frontend/editors/support';
import { QUERY_TYPES } from '../query/descriptions';
import { QueryEditor } from './QueryEditor';

const datasource = editorTestDatasource();

function setup(query: HeadroomQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const view = render(
    <QueryEditor query={query} onChange={onChange} onRunQuery={onRunQuery} datasource={datasource} />
  );
  return { onChange, onRunQuery, view };
}

/** Opens a picker and waits until its (asynchronously loaded) options include `until`. */
async function openOptions(label: string, until: string) {
  // let the resource requests answer first (jsdom's list does not re-measure while open)
  await act(async () => {});
  fireEvent.click(screen.getByLabelText(label));
  await waitFor(() =>
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining(until)])
    )
  );
  return screen.getAllByRole('option');
}

describe('QueryEditor', () => {
  it('shows the default SLO query with its series', async () => {
    setup({ refId: 'A', queryType: 'slo', series: ['sli', 'budgetRemaining'] });
    expect(screen.getByLabelText('Query type')).toHaveValue('SLO series');
    expect(screen.getByText('sli')).toBeInTheDocument();
    expect(screen.queryByLabelText('Burn-rate windows')).not.toBeInTheDocument();
  });

  it('offers the SLOs of the chosen service with objective and window, plus template variables', async () => {
    setup({ refId: 'A', queryType: 'slo', service: 'api_gateway', series: ['sli'] });
    const options = await openOptions('SLO', 'API gateway availability');
    const texts = options.map((o) => o.textContent);
    expect(texts.some((t) => t?.includes('API gateway availability') && t.includes('99.99% over 30d'))).toBe(true);
    expect(texts.some((t) => t?.includes('api-gateway-latency'))).toBe(true);
    expect(texts.some((t) => t?.includes('Workflow success'))).toBe(false);
    expect(texts.some((t) => t?.includes('$service'))).toBe(true);
  });

  it('narrows the SLOs by the current value of a $service variable', async () => {
    setup({ refId: 'A', queryType: 'slo', service: '$service', series: ['sli'] });
    const texts = (await openOptions('SLO', 'API gateway availability')).map((o) => o.textContent);
    expect(texts.some((t) => t?.includes('Workflow success'))).toBe(false);
  });

  it('offers template variables in the series list', async () => {
    const { onChange } = setup({ refId: 'A', queryType: 'slo', series: ['sli'] });
    const options = await openOptions('Series', '$slo');
    expect(options.map((o) => o.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('Error budget left')])
    );
    fireEvent.click(options.find((o) => o.textContent?.startsWith('$slo'))!);
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'slo', series: ['sli', '$slo'] });
  });

  it('runs the query after a change that leaves it complete', async () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', queryType: 'slo', series: ['sli'] });
    const options = await openOptions('SLO', 'Workflow success');
    fireEvent.click(options.find((o) => o.textContent?.includes('Workflow success'))!);
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      queryType: 'slo',
      series: ['sli'],
      slo: 'workflow-engine-success',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('switches query type with that type defaults, keeping the service', async () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', queryType: 'slo', service: 'api_gateway', series: ['sli'] });
    const options = await openOptions('Query type', 'Events');
    expect(options.map((o) => o.textContent)).toHaveLength(QUERY_TYPES.length);
    fireEvent.click(options.find((o) => o.textContent?.includes('Capacity series'))!);
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      service: 'api_gateway',
      queryType: 'capacity',
      series: ['utilization', 'warning', 'critical', 'forecast'],
      forecast: { method: 'trend', horizon: '30d' },
    });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('shows burn-rate windows when burnRate is chosen', () => {
    setup({ refId: 'A', queryType: 'slo', series: ['burnRate'], burnRateWindows: ['5m', '1h'] });
    const windows = screen.getByLabelText('Burn-rate windows').closest('div[class]')!.parentElement!;
    expect(within(windows).getByText('5m')).toBeInTheDocument();
  });

  it('explains what is missing and does not run an incomplete query', async () => {
    const { onRunQuery } = setup({ refId: 'A', queryType: 'slo', series: [] });
    expect(screen.getByText('Series: choose at least one series')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('gives a blank query the default series at once', async () => {
    const { onChange } = setup({ refId: 'B' } as HeadroomQuery);
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({ refId: 'B', queryType: 'slo', series: ['sli', 'budgetRemaining'] })
    );
  });

  it('migrates an old query shape on open', async () => {
    const { onChange } = setup({ refId: 'A', sloId: 'api-gateway-latency', series: 'sli,burnRate' } as never);
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({
        refId: 'A',
        queryType: 'slo',
        slo: 'api-gateway-latency',
        series: ['sli', 'burnRate'],
      })
    );
  });

  it('has forecast method, horizon and season for capacity', async () => {
    const { onChange } = setup({
      refId: 'A',
      queryType: 'capacity',
      series: ['forecast'],
      forecast: { method: 'linear', horizon: '30d' },
    });
    expect(screen.queryByLabelText('Season')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: 'Holt-Winters' }));
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ forecast: { method: 'holt-winters', horizon: '30d', season: '1d' } })
    );
    const horizon = screen.getByLabelText('Horizon');
    fireEvent.change(horizon, { target: { value: '7d' } });
    fireEvent.blur(horizon);
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ forecast: { method: 'linear', horizon: '7d' } })
    );
  });

  it('asks for the peak factor and growth only when those series are chosen', () => {
    const { onChange } = setup({ refId: 'A', queryType: 'capacity', series: ['utilization'] });
    expect(screen.queryByRole('radio', { name: 'Measured' })).not.toBeInTheDocument();
    cleanup();
    const next = setup({ refId: 'A', queryType: 'capacity', series: ['peakUtilization', 'growthWhatIf'] });
    fireEvent.click(screen.getByRole('radio', { name: 'Measured' }));
    expect(next.onChange).toHaveBeenLastCalledWith(expect.objectContaining({ forecast: { peak: 'measured' } }));
    const growth = screen.getByLabelText('Growth % / month');
    fireEvent.change(growth, { target: { value: '25' } });
    fireEvent.blur(growth);
    expect(next.onChange).toHaveBeenLastCalledWith(expect.objectContaining({ forecast: { growth: 25 } }));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('offers capacity resources and schedules from the backend', async () => {
    setup({ refId: 'A', queryType: 'capacity', series: ['utilization'] });
    expect((await openOptions('Resource', 'Cluster CPU')).map((o) => o.textContent).join(' ')).toContain('Cluster CPU');
  });

  it.each([
    ['sloCatalog', ['Service']],
    ['burnAlert', ['SLO', 'Service']],
    ['capacityCatalog', ['Horizon']],
    ['oncall', ['Schedule']],
    ['availability', ['Schedule']],
    ['incidents', ['Severity', 'Service']],
    ['events', ['Events', 'SLO', 'Schedule', 'Service']],
    ['summary', ['Query type']],
    ['cost', ['Query type']],
  ] as const)('renders the %s editor', (queryType, labels) => {
    setup({ refId: 'A', queryType } as HeadroomQuery);
    for (const label of labels) {
      expect(screen.getAllByLabelText(label).length).toBeGreaterThan(0);
    }
  });

  it('lists schedules with their shifts', async () => {
    setup({ refId: 'A', queryType: 'oncall' });
    expect((await openOptions('Schedule', 'Platform')).map((o) => o.textContent).join(' ')).toContain(
      'shifts: us, eu, apac'
    );
  });
});
