import React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import { createDataFrame, createTheme, FieldType } from '@grafana/data';
import { ClockProvider } from '../shared/clock';
import { panelProps } from '../shared/testing/panelProps';
import { toDataFrames } from '../shared/testing/dataFrames';
import { OncallPanel } from './components/OncallPanel';
import { framesToOncall, stripSegments, toSeverity } from './data/fromFrames';
import { migrateOncallOptions } from './migrations';
import { DEMO_SHIFTS, incidentsFrame, NOW, oncallFrame } from './testing/frames';
import { DEFAULT_ONCALL_OPTIONS, OncallPanelOptions } from './types';

const theme = createTheme({ colors: { mode: 'dark' } });
const M = 60_000;
const options = (o: Partial<OncallPanelOptions> = {}) => ({ ...DEFAULT_ONCALL_OPTIONS, ...o });
function rgb(color: string): string {
  const probe = document.createElement('div');
  probe.style.color = color;
  return probe.style.color;
}
const board = (now: number, o: Partial<OncallPanelOptions> = {}, width = 1000) => (
  <ClockProvider now={now}>
    <OncallPanel {...panelProps([oncallFrame(), incidentsFrame()], options(o), { width, height: 600 })} />
  </ClockProvider>
);

describe('framesToOncall', () => {
  it('groups shifts by schedule, finds the active one, the next handoff and who takes over', () => {
    const { schedules } = framesToOncall(toDataFrames([oncallFrame()]));
    expect(schedules.map((s) => s.id)).toEqual(['platform', 'database']);
    const [platform, database] = schedules;
    expect(platform.active?.name).toBe('eu');
    expect(platform.nextHandoff).toBe(Date.UTC(2026, 1, 3, 16));
    expect(platform.nextShift?.name).toBe('apac');
    expect(platform.nextShift?.primary).toBe('fay');
    // no nextHandoff column value: the end of the active shift; a single rotation hands over to nextPrimary
    expect(database.nextHandoff).toBe(DEMO_SHIFTS[3].shiftEnd);
    expect(database.nextShift).toBeUndefined();
  });

  it('places shifts on the UTC day strip, splitting one across midnight', () => {
    const shift = (startH: number, hours: number) => ({ name: 'x', active: false, start: Date.UTC(2026, 1, 3, startH), end: Date.UTC(2026, 1, 3, startH) + hours * 3_600_000 });
    expect(stripSegments(shift(8, 8))).toEqual([[8 / 24, 16 / 24]]);
    expect(stripSegments(shift(16, 8))).toEqual([[16 / 24, 1]]);
    expect(stripSegments(shift(20, 8))).toEqual([
      [20 / 24, 1],
      [0, expect.closeTo(4 / 24, 12)],
    ]);
    expect(stripSegments(shift(0, 24 * 7))).toEqual([[0, 1]]);
  });

  it('maps alert severities as DESIGN.md says and reads ISO times', () => {
    expect(['critical', 'page', 'high', 'error', 'warning', 'info', 'SEV2'].map(toSeverity)).toEqual(['sev1', 'sev1', 'sev2', 'sev2', 'sev3', 'sev4', 'sev2']);
    const frame = createDataFrame({
      fields: [
        { name: 'alertname', type: FieldType.string, values: ['X'] },
        { name: 'severity', type: FieldType.string, values: ['critical'] },
        { name: 'ack_deadline', type: FieldType.string, values: ['2026-02-03T12:05:00Z'] },
      ],
    });
    expect(framesToOncall([frame]).incidents[0]).toMatchObject({ alert: 'X', severity: 'sev1', ackDeadline: NOW + 5 * M, acknowledged: false });
  });
});

describe('OncallPanel', () => {
  it('shows who is on call now per schedule, the handoff countdown and the next primary', () => {
    render(board(NOW));
    const [platform, database] = screen.getAllByTestId('oncall-schedule').map((s) => within(s));
    expect(platform.getByTestId('oncall-primary')).toHaveTextContent('chen');
    expect(platform.getByTestId('oncall-secondary')).toHaveTextContent('dana');
    expect(platform.getByTestId('oncall-handoff')).toHaveTextContent('4:00:00');
    expect(platform.getByTestId('oncall-next')).toHaveTextContent('next fay (APAC)');
    expect(database.getByTestId('oncall-next')).toHaveTextContent('next hana');
    // the strip: three shifts, EU active, the now marker at 12:00 = 50%
    const segments = platform.getAllByTestId('oncall-segment');
    expect(segments.map((s) => s.textContent)).toEqual(['US · ben', 'EU · chen', 'APAC · fay']);
    expect(segments.map((s) => s.getAttribute('data-active'))).toEqual(['false', 'true', 'false']);
    expect(segments[1]).toHaveStyle({ left: `${(8 / 24) * 100}%` });
    expect(platform.getByTestId('oncall-now')).toHaveStyle({ left: '50%' });
  });

  it('lists incidents by severity with acknowledge countdowns, red when missed', () => {
    render(board(NOW));
    const rows = screen.getAllByTestId('oncall-incident');
    expect(rows.map((r) => within(r).getByTestId('incident-severity').textContent)).toEqual(['SEV1', 'SEV1', 'SEV2', 'SEV3']);
    expect(rows.map((r) => within(r).getByTestId('incident-severity').style.background)).toEqual(
      [theme.colors.error.main, theme.colors.error.main, theme.visualization.getColorByName('orange'), theme.visualization.getColorByName('yellow')].map(rgb)
    );
    const [missed, acked, sev2, sev3] = rows.map((r) => within(r));
    expect(missed.getByText('WorkflowEngineFastBurn')).toBeInTheDocument();
    expect(missed.getByTestId('incident-ack')).toHaveTextContent('ack missed 2:00 ago');
    expect(missed.getByTestId('incident-ack').style.color).toBe(rgb(theme.colors.error.text));
    expect(missed.getByTestId('incident-level')).toHaveTextContent('L2');
    expect(missed.getByTestId('incident-oncall')).toHaveTextContent('chen');
    expect(acked.getByTestId('incident-ack')).toHaveTextContent('acknowledged');
    expect(sev2.getByTestId('incident-ack')).toHaveTextContent('ack in 7:30');
    expect(sev2.getByTestId('incident-ack')).toHaveAttribute('data-missed', 'false');
    expect(sev3.getByTestId('incident-ack')).toHaveTextContent('ack in 40:00');
  });

  it('counts down as the clock moves', () => {
    let now = NOW + 7 * M;
    const { rerender } = render(board(now));
    const sev2 = () => within(screen.getAllByTestId('oncall-incident')[2]).getByTestId('incident-ack');
    expect(sev2()).toHaveTextContent('ack in 0:30');
    now += 45_000;
    rerender(board(now));
    expect(sev2()).toHaveTextContent('ack missed 0:15 ago');
    expect(screen.getAllByTestId('oncall-schedule')[0]).toHaveTextContent('Handoff in 3:52:15');
  });

  it('says when the handoff is already past (data older than the clock)', () => {
    render(board(Date.UTC(2026, 1, 3, 16, 2)));
    expect(screen.getAllByTestId('oncall-schedule')[0]).toHaveTextContent('Handoff due 2:00 ago');
  });

  it('ticks with a running clock', () => {
    jest.useFakeTimers();
    let now = NOW;
    render(
      <ClockProvider now={() => now} tickMs={1000}>
        <OncallPanel {...panelProps([oncallFrame(), incidentsFrame()], options(), { width: 1000 })} />
      </ClockProvider>
    );
    expect(screen.getAllByTestId('oncall-handoff')[0]).toHaveTextContent('4:00:00');
    now += 5000;
    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getAllByTestId('oncall-handoff')[0]).toHaveTextContent('3:59:55');
    jest.useRealTimers();
  });

  it('caps and filters, and says so when there are no incidents', () => {
    const { unmount } = render(board(NOW, { maxIncidents: 2, scheduleFilter: 'data' }));
    expect(screen.getAllByTestId('oncall-incident')).toHaveLength(2);
    expect(screen.getByText(/most urgent 2 shown/)).toBeInTheDocument();
    expect(screen.getAllByTestId('oncall-schedule').map((s) => s.getAttribute('data-schedule'))).toEqual(['database']);
    unmount();
    render(
      <ClockProvider now={NOW}>
        <OncallPanel {...panelProps([oncallFrame(), incidentsFrame([])], options())} />
      </ClockProvider>
    );
    expect(screen.getByTestId('oncall-no-incidents')).toHaveTextContent('No active incidents');
  });

  it('shows what it expects without frames, and migrates old options', () => {
    render(<OncallPanel {...panelProps([], options())} />);
    expect(screen.getByText('No on-call data')).toBeInTheDocument();
    expect(migrateOncallOptions({ id: 1, options: { schedule: 'platform', limit: 5 } } as never)).toEqual({ ...DEFAULT_ONCALL_OPTIONS, scheduleFilter: 'platform', maxIncidents: 5 });
  });
});
