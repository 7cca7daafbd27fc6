import React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import { createDataFrame, createTheme, FieldType, LoadingState } from '@grafana/data';
import { CapacityPanel } from './components/CapacityPanel';
import { framesToCapacity } from './data/fromFrames';
import { selectCapacity } from './data/select';
import { migrateCapacityOptions } from './migrations';
import {
  capacityCatalogFrame,
  CapacityFixture,
  capacitySeriesFrames,
  DEMO_CAPACITY,
  demoCapacityFrames,
} from './testing/frames';
import { CapacityPanelOptions, DEFAULT_CAPACITY_OPTIONS } from './types';
import { panelProps } from '../shared/testing/panelProps';
import { toDataFrames } from '../shared/testing/dataFrames';

const END = Date.UTC(2026, 1, 3, 12);
const options = (o: Partial<CapacityPanelOptions> = {}) => ({ ...DEFAULT_CAPACITY_OPTIONS, ...o });
const [diskDb2, , memory] = DEMO_CAPACITY;
const theme = createTheme({ colors: { mode: 'dark' } });
function rgb(color: string): string {
  const probe = document.createElement('div');
  probe.style.color = color;
  return probe.style.color;
}

describe('framesToCapacity', () => {
  it('reads one row per resource x instance from the series, with values at the last sample', () => {
    const rows = framesToCapacity(toDataFrames(demoCapacityFrames(END)));
    expect(rows.map((r) => [r.resource, r.instance])).toEqual([
      ['disk-db', 'db-2'],
      ['cluster-cpu', undefined],
      ['cluster-memory', undefined],
      ['disk-db', 'db-1'],
    ]);
    const disk = rows[0];
    expect(disk).toMatchObject({
      kind: 'disk',
      utilization: 0.74,
      warning: 0.8,
      critical: 0.9,
      status: 'ok',
      timeToWarning: 5 * 86400,
      timeToCritical: 12 * 86400,
    });
    expect(disk.history).toHaveLength(24);
    // forecast starts at the last sample and runs 12 hours past it
    expect(disk.forecast).toHaveLength(13);
    expect(disk.forecast[12]).toEqual({ t: END + 12 * 3_600_000, v: expect.closeTo(0.764, 9) });
    expect(disk.forecastUpper[12].v).toBeCloseTo(0.798, 9);
  });

  it("applies a resource's threshold lines (no instance label) to each of its instances, without a row of their own", () => {
    const [db2, db1] = [DEMO_CAPACITY[0], DEMO_CAPACITY[3]].map((f) => ({ ...f, warning: 0.6, critical: 0.7 }));
    const rows = framesToCapacity(toDataFrames([...capacitySeriesFrames(db2, END), ...capacitySeriesFrames(db1, END)]));
    expect(rows.map((r) => [r.instance, r.warning, r.critical])).toEqual([
      ['db-2', 0.6, 0.7],
      ['db-1', 0.6, 0.7],
    ]);
    // lines alone still name their resource
    const lines = capacitySeriesFrames(db2, END).filter(
      (f) => f.fields[1].name === 'warning' || f.fields[1].name === 'critical'
    );
    expect(framesToCapacity(toDataFrames(lines)).map((r) => [r.resource, r.instance, r.warning])).toEqual([
      ['disk-db', undefined, 0.6],
    ]);
  });

  it('says when a resource crosses its lines, in words', () => {
    const sentences = framesToCapacity(toDataFrames(demoCapacityFrames(END))).map((r) => r.sentence);
    expect(sentences[0]).toBe('disk on db-2 reaches 80% in 5 days and 90% in 12 days');
    expect(sentences[1]).toBe('cluster-cpu reaches 85% in 3 hours');
    expect(sentences[2]).toBe('cluster-memory is at 51%, below warning (75%)');
    expect(sentences[3]).toBe('disk on db-1 is at 93%, above critical (90%)');
  });

  it('joins the catalog table with the series; the catalog summary and values win', () => {
    const frames = [
      capacityCatalogFrame([diskDb2], ['disk on db-2 reaches 80% in 5 days']),
      ...capacitySeriesFrames(diskDb2, END),
    ];
    const [row] = framesToCapacity(toDataFrames(frames));
    expect(row.sentence).toBe('disk on db-2 reaches 80% in 5 days');
    expect(row.history).toHaveLength(24);
  });

  it('takes thresholds from the handbook defaults of the kind when the frames have none', () => {
    const [row] = framesToCapacity(toDataFrames([capacityCatalogFrame([memory])]));
    expect(row).toMatchObject({ warning: 0.75, critical: 0.9, kind: 'memory' });
  });

  it('accepts a table in percent with other column names, and derives the status', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'resource', type: FieldType.string, values: ['gpu'] },
        { name: 'usage', type: FieldType.number, values: [95] },
        { name: 'warning', type: FieldType.number, values: [60] },
        { name: 'critical', type: FieldType.number, values: [90] },
      ],
    });
    const [row] = framesToCapacity([frame]);
    expect(row).toMatchObject({ utilization: 0.95, warning: 0.6, critical: 0.9, status: 'critical' });
  });
});

describe('selectCapacity', () => {
  const rows = framesToCapacity(toDataFrames(demoCapacityFrames(END)));
  const order = (o: Partial<CapacityPanelOptions>) =>
    selectCapacity(rows, options(o)).map((r) => `${r.resource}/${r.instance ?? ''}`);
  it('sorts worst first, then by the nearest forecast crossing', () => {
    expect(order({ sort: 'worst' })).toEqual(['disk-db/db-1', 'cluster-cpu/', 'disk-db/db-2', 'cluster-memory/']);
    expect(order({ sort: 'soonest' })).toEqual(['cluster-cpu/', 'disk-db/db-2', 'disk-db/db-1', 'cluster-memory/']);
  });
  it('filters by text and hides quiet resources on request', () => {
    expect(order({ filter: 'db-2' })).toEqual(['disk-db/db-2']);
    expect(order({ onlyProblems: true })).not.toContain('cluster-memory/');
  });
});

describe('CapacityPanel', () => {
  it('shows a row per resource with the utilization bar, its marks, the sentence and the status', () => {
    render(<CapacityPanel {...panelProps(demoCapacityFrames(END), options(), { width: 1200, height: 400 })} />);
    const rows = screen.getAllByTestId('capacity-row');
    expect(rows.map((r) => r.getAttribute('data-instance') || r.getAttribute('data-resource'))).toEqual([
      'db-1',
      'cluster-cpu',
      'db-2',
      'cluster-memory',
    ]);
    const db2 = within(rows[2]);
    expect(db2.getByTestId('capacity-utilization')).toHaveTextContent('74% used');
    expect(db2.getByTestId('capacity-fill')).toHaveStyle({ width: '74%' });
    expect(db2.getByTestId('mark-warning')).toHaveStyle({ left: '80%' });
    expect(db2.getByTestId('mark-critical')).toHaveStyle({ left: '90%' });
    expect(db2.getByTestId('mark-buffer')).toHaveStyle({ left: '50%' });
    expect(db2.getByTestId('capacity-sentence')).toHaveTextContent(
      'disk on db-2 reaches 80% in 5 days and 90% in 12 days'
    );
    expect(db2.getByTestId('capacity-status')).toHaveTextContent('ok');
    expect(within(rows[0]).getByTestId('capacity-status')).toHaveTextContent('critical');
    // bar colours follow the status: red critical, orange warning, green ok
    expect(rows.map((r) => within(r).getByTestId('capacity-fill').style.background)).toEqual(
      [theme.colors.error.main, theme.colors.warning.main, theme.colors.success.main, theme.colors.success.main].map(
        rgb
      )
    );
    expect(db2.getByRole('img', { name: 'disk utilization and forecast' })).toBeInTheDocument();
  });

  it('moves the buffer mark with the option and drops chart and status chip when narrow', () => {
    render(
      <CapacityPanel
        {...panelProps(demoCapacityFrames(END), options({ bufferTarget: 30 }), { width: 400, height: 300 })}
      />
    );
    expect(screen.getAllByTestId('mark-buffer')[0]).toHaveStyle({ left: '70%' });
    expect(screen.queryAllByTestId('capacity-status')).toHaveLength(0);
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.getAllByTestId('capacity-sentence')).toHaveLength(4);
  });

  it('shows the empty state with the expected frame shape, and errors', () => {
    const { rerender } = render(<CapacityPanel {...panelProps([], options())} />);
    expect(screen.getByText('No capacity data')).toBeInTheDocument();
    rerender(
      <CapacityPanel
        {...panelProps([], options(), {
          state: LoadingState.Error,
          errors: [{ message: 'capacity[0] "cpu": usage: parse error' }],
        })}
      />
    );
    expect(screen.getByRole('alert')).toHaveTextContent('usage: parse error');
  });

  it('migrates old option names', () => {
    expect(
      migrateCapacityOptions({ id: 1, options: { sortBy: 'soonest', showForecast: false, bufferTarget: 0.4 } } as never)
    ).toEqual({
      ...DEFAULT_CAPACITY_OPTIONS,
      sort: 'soonest',
      showChart: false,
      bufferTarget: 40,
    });
  });
});

describe('headroom buffer below the minimum', () => {
  // the demo platform's node-4 disk: 79.6% used is under the 80% warning line (status ok) but leaves 20.4% headroom,
  // below the handbook's 30% minimum buffer; node-1 keeps 40% (below the 50% target only, which needs no flag)
  const node = (instance: string, used: number, bufferStatus: string, timeToWarning: number): CapacityFixture => ({
    resource: 'node-disk',
    kind: 'disk',
    instance,
    name: 'Disk per node',
    utilization: [used - 0.01, used],
    warning: 0.8,
    critical: 0.9,
    timeToWarning,
    timeToCritical: null,
    status: 0,
    bufferStatus,
    bufferMinimum: 0.3,
  });
  const node4 = node('node-4', 0.796, 'below minimum', 13 * 3600);
  const node1 = node('node-1', 0.6, 'below target', 6 * 3600);
  const rowOf = (instance: string) =>
    screen.getAllByTestId('capacity-row').find((r) => r.getAttribute('data-instance') === instance)!;

  it('shows a "buffer < 30%" badge beside the ok status, and draws the row with warning emphasis', () => {
    render(
      <CapacityPanel {...panelProps([capacityCatalogFrame([node1, node4])], options(), { width: 1200, height: 400 })} />
    );
    const row4 = within(rowOf('node-4'));
    expect(row4.getByTestId('capacity-status')).toHaveTextContent('ok');
    // not "80% used" beside an ok status: the whole percent would read as reaching the 80% line
    expect(row4.getByTestId('capacity-utilization')).toHaveTextContent('79.6% used');
    const badge = row4.getByRole('note', { name: 'Headroom buffer 20.4% is below the 30% minimum' });
    expect(badge).toHaveTextContent('buffer < 30%');
    // the bar keeps the threshold colour, the row's edge takes the worse of status and buffer
    expect(row4.getByTestId('capacity-fill').style.background).toBe(rgb(theme.colors.success.main));
    expect(rowOf('node-4')).toHaveStyle({ borderLeftColor: theme.colors.warning.main });

    const row1 = within(rowOf('node-1'));
    expect(row1.getByTestId('capacity-status')).toHaveTextContent('ok');
    expect(row1.queryByTestId('capacity-buffer')).toBeNull();
    expect(row1.queryByRole('note')).toBeNull();
    expect(rowOf('node-1')).toHaveStyle({ borderLeftColor: theme.colors.success.main });
  });

  it('says the current buffer and the minimum in the tooltip (on keyboard focus too)', async () => {
    render(<CapacityPanel {...panelProps([capacityCatalogFrame([node4])], options(), { width: 1200, height: 400 })} />);
    act(() => screen.getByTestId('capacity-buffer').focus());
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Headroom buffer 20.4% is below the 30% minimum. Status follows the thresholds (warning at 80%).'
    );
  });

  it('sorts and filters by the emphasis: below the minimum counts as needing attention', () => {
    const rows = framesToCapacity(toDataFrames([capacityCatalogFrame([node1, node4])]));
    expect(rows.map((r) => [r.instance, r.status, r.bufferStatus, r.emphasis])).toEqual([
      ['node-1', 'ok', 'below target', 'ok'],
      ['node-4', 'ok', 'below minimum', 'warning'],
    ]);
    // node-1 reaches warning sooner, yet node-4 is the one below the minimum buffer now
    expect(selectCapacity(rows, options({ sort: 'worst' })).map((r) => r.instance)).toEqual(['node-4', 'node-1']);
    expect(selectCapacity(rows, options({ onlyProblems: true, sort: 'name' })).map((r) => r.instance)).toEqual([
      'node-1',
      'node-4',
    ]);
  });

  it('uses the catalog minimum when the definitions set another', () => {
    render(
      <CapacityPanel
        {...panelProps(
          [capacityCatalogFrame([{ ...node1, bufferStatus: 'below minimum', bufferMinimum: 0.45 }])],
          options(),
          { width: 800, height: 300 }
        )}
      />
    );
    expect(screen.getByRole('note', { name: 'Headroom buffer 40% is below the 45% minimum' })).toHaveTextContent(
      'buffer < 45%'
    );
  });

  it('derives the buffer from utilization against the handbook minimum when the frames carry none, and shows it when narrow', () => {
    render(<CapacityPanel {...panelProps(demoCapacityFrames(END), options(), { width: 400, height: 300 })} />);
    // db-2 at 74% keeps 26%, memory at 51% keeps 49%
    expect(
      within(rowOf('db-2')).getByRole('note', { name: 'Headroom buffer 26% is below the 30% minimum' })
    ).toBeInTheDocument();
    const memory = screen
      .getAllByTestId('capacity-row')
      .find((r) => r.getAttribute('data-resource') === 'cluster-memory')!;
    expect(within(memory).queryByRole('note')).toBeNull();
  });
});
