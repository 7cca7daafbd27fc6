/**
 * Test factories: frames in the shapes the SLO panel accepts, built with the backend's own frame constructors
 * (src/core/frame.ts) so they are what the data source sends. Unit tests turn them into DataFrames with
 * @grafana/data's createDataFrame (../../shared/testing/dataFrames.ts); the Chromium render tests (tests/e2e)
 * send them through Grafana's JSON wire form and @grafana/runtime. No @grafana/data here: it needs a window.
 */
import { Frame, tableFrame, timeSeriesFrame } from '../../../core/frame';

export interface SloFixture {
  slo: string;
  service: string;
  name?: string;
  window?: string;
  objective: number;
  sli: number | null;
  budgetRemaining: number | null;
  budgetRemainingMinutes?: number | null;
  burnRates?: Record<string, number | null>;
  status?: number;
  timeToExhaustion?: number | null;
  /** budgetRemaining over the range, oldest first (defaults to a flat line at budgetRemaining) */
  history?: number[];
}

const HOUR = 3_600_000;

/** One time-series frame (`timeseries-multi`) as the `slo` query returns it. */
export function sloSeriesFrame(series: string, fixture: SloFixture, times: number[], values: Array<number | null>, extraLabels: Record<string, string> = {}): Frame {
  return { ...timeSeriesFrame(series, times, values, { slo: fixture.slo, service: fixture.service, ...extraLabels }), refId: 'B' };
}

/** All series of one SLO as time-series frames ending at `end`, one point per hour. */
export function sloSeriesFrames(fixture: SloFixture, end: number, points = 24): Frame[] {
  const times = Array.from({ length: points }, (_, i) => end - (points - 1 - i) * HOUR);
  const history = fixture.history ?? times.map(() => fixture.budgetRemaining);
  const flat = (v: number | null | undefined) => times.map(() => (v === undefined ? null : v));
  const frames = [
    sloSeriesFrame('sli', fixture, times, flat(fixture.sli)),
    sloSeriesFrame('objective', fixture, times, flat(fixture.objective)),
    sloSeriesFrame('budgetRemaining', fixture, times, times.map((_, i) => history[Math.round((i * (history.length - 1)) / Math.max(1, times.length - 1))] ?? null)),
    sloSeriesFrame('budgetRemainingMinutes', fixture, times, flat(fixture.budgetRemainingMinutes)),
    sloSeriesFrame('timeToExhaustion', fixture, times, flat(fixture.timeToExhaustion ?? null)),
  ];
  if (fixture.status !== undefined) {
    frames.push(sloSeriesFrame('status', fixture, times, flat(fixture.status)));
  }
  for (const [window, rate] of Object.entries(fixture.burnRates ?? {})) {
    frames.push(sloSeriesFrame('burnRate', fixture, times, flat(rate), { window }));
  }
  return frames;
}

/** The `sloCatalog` table: a row per SLO. */
export function sloCatalogFrame(fixtures: SloFixture[], burnWindows = ['5m', '30m', '1h', '6h', '1d', '3d']): Frame {
  const column = <T extends string | number | null>(pick: (f: SloFixture) => T) => fixtures.map(pick);
  return {
    ...tableFrame('sloCatalog', [
      { name: 'slo', type: 'string' as const, values: column((f) => f.slo) },
      { name: 'name', type: 'string' as const, values: column((f) => f.name ?? f.slo) },
      { name: 'service', type: 'string' as const, values: column((f) => f.service) },
      { name: 'objective', type: 'number' as const, values: column((f) => f.objective), config: { unit: 'percentunit' } },
      { name: 'window', type: 'string' as const, values: column((f) => f.window ?? '30d') },
      { name: 'sli', type: 'number' as const, values: column((f) => f.sli), config: { unit: 'percentunit' } },
      { name: 'budgetRemaining', type: 'number' as const, values: column((f) => f.budgetRemaining), config: { unit: 'percentunit' } },
      { name: 'budgetRemainingMinutes', type: 'number' as const, values: column((f) => f.budgetRemainingMinutes ?? null), config: { unit: 'm' } },
      ...burnWindows.map((w) => ({ name: `burnRate${w}`, type: 'number' as const, values: column((f) => f.burnRates?.[w] ?? null) })),
      { name: 'status', type: 'number' as const, values: column((f) => f.status ?? null) },
      { name: 'timeToExhaustion', type: 'number', values: column((f) => f.timeToExhaustion ?? null), config: { unit: 's' } },
    ]),
    refId: 'A',
  };
}

/** The simulated platform's SLOs in four different states (used for screenshots and ordering tests). */
export const DEMO_SLOS: SloFixture[] = [
  {
    slo: 'api-gateway-availability',
    service: 'api_gateway',
    name: 'API gateway availability',
    objective: 0.9999,
    sli: 0.99993,
    budgetRemaining: 0.31,
    budgetRemainingMinutes: 1.3,
    burnRates: { '1h': 2.1, '6h': 1.4, '1d': 0.9, '3d': 0.8 },
    status: 0,
    timeToExhaustion: 4 * 86400 + 3 * 3600,
    history: [0.62, 0.6, 0.57, 0.52, 0.47, 0.41, 0.36, 0.31],
  },
  {
    slo: 'workflow-engine-availability',
    service: 'workflow_engine',
    name: 'Workflow engine availability',
    objective: 0.9995,
    sli: 0.99921,
    budgetRemaining: -0.58,
    budgetRemainingMinutes: 0,
    burnRates: { '1h': 22.5, '6h': 9.8, '1d': 4.2, '3d': 2.2 },
    status: 3,
    timeToExhaustion: null,
    history: [0.4, 0.33, 0.21, 0.05, -0.12, -0.3, -0.45, -0.58],
  },
  {
    slo: 'agent-manager-latency',
    service: 'agent_manager',
    name: 'Agent manager latency < 300 ms',
    objective: 0.99,
    sli: 0.9917,
    budgetRemaining: 0.17,
    budgetRemainingMinutes: 73,
    burnRates: { '1h': 7.1, '6h': 6.3, '1d': 1.6, '3d': 1.1 },
    status: 1,
    timeToExhaustion: 11 * 3600 + 20 * 60,
    history: [0.5, 0.46, 0.41, 0.38, 0.31, 0.26, 0.21, 0.17],
  },
  {
    slo: 'notification-service-availability',
    service: 'notification_service',
    name: 'Notification delivery',
    objective: 0.999,
    sli: 0.99991,
    budgetRemaining: 0.91,
    budgetRemainingMinutes: 39.3,
    burnRates: { '1h': 0.2, '6h': 0.4, '1d': 0.3, '3d': 0.1 },
    status: 0,
    timeToExhaustion: null,
    history: [0.95, 0.95, 0.94, 0.93, 0.93, 0.92, 0.91, 0.91],
  },
  {
    slo: 'workflow-engine-latency',
    service: 'workflow_engine',
    name: 'Workflow engine latency < 300 ms',
    objective: 0.99,
    sli: 0.9899,
    budgetRemaining: -0.01,
    budgetRemainingMinutes: 0,
    burnRates: { '1h': 1.3, '6h': 1.2, '1d': 1.1, '3d': 1.02 },
    status: 2,
    timeToExhaustion: null,
    history: [0.2, 0.16, 0.12, 0.09, 0.06, 0.03, 0.01, -0.01],
  },
];

/** The executive dashboard's queries: the catalog (A) plus budgetRemaining series (B). */
export function demoSloFrames(end: number): Frame[] {
  return [
    sloCatalogFrame(DEMO_SLOS),
    ...DEMO_SLOS.map((f) => {
      const [budget] = sloSeriesFrames(f, end, 48).filter((frame) => frame.name === 'budgetRemaining');
      return budget;
    }),
  ];
}
