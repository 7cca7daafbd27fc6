import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { createTheme, LoadingState } from '@grafana/data';
import { SloPanel } from './components/SloPanel';
import { DEFAULT_SLO_OPTIONS, SloPanelOptions } from './types';
import { demoSloFrames, DEMO_SLOS, sloCatalogFrame } from './testing/frames';
import { panelProps } from '../shared/testing/panelProps';
import { migrateSloOptions } from './migrations';
import { plugin } from './module';

const END = Date.UTC(2026, 1, 3, 12);
const theme = createTheme({ colors: { mode: 'dark' } });
const options = (o: Partial<SloPanelOptions> = {}) => ({ ...DEFAULT_SLO_OPTIONS, ...o });

/** jsdom normalises inline colours to rgb(); compare against the theme's colour the same way */
function rgb(color: string): string {
  const probe = document.createElement('div');
  probe.style.color = color;
  return probe.style.color;
}

describe('SloPanel', () => {
  it('shows one card per SLO, worst first, with SLI, objective, budget, minutes and exhaustion', () => {
    render(<SloPanel {...panelProps(demoSloFrames(END), options(), { width: 1200, height: 600 })} />);
    const cards = screen.getAllByTestId('slo-card');
    expect(cards.map((c) => c.getAttribute('data-slo'))).toEqual([
      'workflow-engine-availability',
      'workflow-engine-latency',
      'agent-manager-latency',
      'api-gateway-availability',
      'notification-service-availability',
    ]);
    const gateway = within(cards[3]);
    expect(gateway.getByText('API gateway availability')).toBeInTheDocument();
    expect(gateway.getByTestId('slo-sli')).toHaveTextContent('99.993%');
    expect(gateway.getByTestId('slo-objective')).toHaveTextContent('objective 99.99%');
    expect(gateway.getByTestId('slo-budget')).toHaveTextContent('31% budget left');
    expect(gateway.getByTestId('slo-minutes')).toHaveTextContent('1.3 min');
    expect(gateway.getByTestId('slo-exhaustion')).toHaveTextContent('Exhausted in 4 days 3h');
    expect(gateway.getByTestId('slo-budget-fill')).toHaveStyle({ width: '31%' });

    const workflow = within(cards[0]);
    expect(workflow.getByTestId('slo-status')).toHaveTextContent('critical');
    expect(workflow.getByTestId('slo-budget')).toHaveTextContent('-58% overspent');
    expect(workflow.getByTestId('slo-exhaustion')).toHaveTextContent('Budget exhausted');
    expect(workflow.getByTestId('slo-budget-fill')).toHaveStyle({ width: '0%' });
    // SLI below objective is shown in the error colour
    expect(workflow.getByTestId('slo-sli').style.color).toBe(rgb(theme.colors.error.text));
  });

  it('opens with the count of SLOs in each state, worst first', () => {
    render(<SloPanel {...panelProps(demoSloFrames(END), options(), { width: 1200, height: 600 })} />);
    expect(screen.getByTestId('slo-summary')).toHaveTextContent('5 SLOs1 critical1 depleted1 warning2 ok');
  });

  it('colours burn-rate badges against the alert factors and status chips by status', () => {
    render(<SloPanel {...panelProps(demoSloFrames(END), options(), { width: 1200 })} />);
    const cards = screen.getAllByTestId('slo-card');
    const agent = within(cards[2]);
    expect(agent.getByTestId('burn-1h')).toHaveTextContent('1h 7.1x');
    expect(agent.getByTestId('burn-1h')).toHaveAttribute('data-level', 'elevated');
    expect(agent.getByTestId('burn-6h')).toHaveAttribute('data-level', 'alerting'); // 6.3x >= 6x
    expect(agent.getByTestId('burn-6h').style.color).toBe(rgb(theme.colors.error.main));
    expect(agent.getByTestId('burn-1h').style.color).toBe(rgb(theme.colors.warning.main));
    expect(within(cards[4]).getByTestId('burn-3d')).toHaveAttribute('data-level', 'ok');
    expect(agent.getByTestId('slo-status')).toHaveTextContent('warning');
    expect(agent.getByTestId('slo-status').style.background).toBe(rgb(theme.colors.warning.main));
    expect(within(cards[3]).getByTestId('slo-status').style.background).toBe(rgb(theme.colors.success.main));
  });

  it('links each card to the service dashboard with the service variable and the time range', () => {
    render(<SloPanel {...panelProps(demoSloFrames(END), options())} />);
    expect(screen.getByText('Notification delivery').closest('a')).toHaveAttribute(
      'href',
      `/d/headroom-service?var-service=notification_service&from=${Date.UTC(2026, 0, 1)}&to=${Date.UTC(2026, 0, 2)}`
    );
  });

  it('draws a budget sparkline from the budgetRemaining series', () => {
    const { container } = render(<SloPanel {...panelProps(demoSloFrames(END), options({ layout: 'grid' }))} />);
    expect(container.querySelectorAll('svg[aria-label="budget remaining over the time range"]')).toHaveLength(DEMO_SLOS.length);
  });

  it('filters (with template variables) and hides ok SLOs on request', () => {
    const props = panelProps([sloCatalogFrame(DEMO_SLOS)], options({ filter: '$svc' }));
    props.replaceVariables = (text) => text.replace('$svc', 'agent_manager');
    const { unmount } = render(<SloPanel {...props} />);
    expect(screen.getAllByTestId('slo-card').map((c) => c.getAttribute('data-slo'))).toEqual(['agent-manager-latency']);
    unmount();
    render(<SloPanel {...panelProps([sloCatalogFrame(DEMO_SLOS)], options({ onlyProblems: true }))} />);
    expect(screen.getAllByTestId('slo-card')).toHaveLength(3);
  });

  it('uses rows in a narrow panel (auto layout) and cards when two fit', () => {
    const { unmount } = render(<SloPanel {...panelProps([sloCatalogFrame(DEMO_SLOS)], options(), { width: 400, height: 300 })} />);
    // a 400 px row has no room for badges
    expect(screen.queryAllByTestId('burn-1h')).toHaveLength(0);
    unmount();
    render(<SloPanel {...panelProps([sloCatalogFrame(DEMO_SLOS)], options(), { width: 600, height: 300 })} />);
    expect(screen.getAllByTestId('burn-1h')).toHaveLength(DEMO_SLOS.length);
  });

  it('shows loading, the query error, and what it expects when there is no data', () => {
    const { rerender } = render(<SloPanel {...panelProps([], options(), { state: LoadingState.Loading })} />);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    rerender(<SloPanel {...panelProps([], options(), { state: LoadingState.Error, errors: [{ message: 'slos[2] "api-gw": objective must be between 0 and 100 (got 150)' }] })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('objective must be between 0 and 100');
    rerender(<SloPanel {...panelProps([], options())} />);
    expect(screen.getByText('No SLO data')).toBeInTheDocument();
    expect(screen.getByText(/labelled slo and service/)).toBeInTheDocument();
  });
});

describe('SLO panel options', () => {
  it('migrates legacy option names and fills defaults', () => {
    const migrated = migrateSloOptions({ id: 1, options: { sortBy: 'status', layout: 'cards', burnWindows: '1h, 3d', showSparklines: false } } as never);
    expect(migrated).toEqual({
      ...DEFAULT_SLO_OPTIONS,
      sort: 'worst',
      layout: 'grid',
      burnBadges: [
        { window: '1h', factor: 14.4 },
        { window: '3d', factor: 1 },
      ],
      showSparkline: false,
    });
    expect(migrateSloOptions({ id: 1, options: { sort: 'bogus' } } as never).sort).toBe('worst');
  });

  it('registers editors for every option', () => {
    const paths = plugin.getPanelOptionsSupplier();
    const builder = { items: [] as string[] };
    const fake: Record<string, unknown> = {};
    for (const method of ['addRadio', 'addSelect', 'addTextInput', 'addBooleanSwitch', 'addNumberInput', 'addCustomEditor']) {
      fake[method] = (item: { path: string }) => {
        builder.items.push(item.path);
        return fake;
      };
    }
    paths(fake as never, {} as never);
    expect(builder.items.sort()).toEqual(Object.keys(DEFAULT_SLO_OPTIONS).sort());
  });
});
