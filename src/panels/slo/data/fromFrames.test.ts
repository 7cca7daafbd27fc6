import { createDataFrame, DataFrame, FieldType } from '@grafana/data';
import { framesToSlos as fromDataFrames, normaliseWindow } from './fromFrames';
import { Frame } from '../../../core/frame';
import { toDataFrames } from '../../shared/testing/dataFrames';
import { burnBadges, selectSlos, serviceLink } from './select';
import { DEFAULT_BURN_BADGES, DEFAULT_SLO_OPTIONS } from '../types';
import { DEMO_SLOS, sloCatalogFrame, sloSeriesFrame, sloSeriesFrames } from '../testing/frames';

/** backend-form frames go through createDataFrame, as a DataFrame would arrive */
const framesToSlos = (frames: Array<Frame | DataFrame>) => fromDataFrames(frames.map((f) => ('length' in f ? f : toDataFrames([f])[0])));

const END = Date.UTC(2026, 1, 3, 12);
const [gateway, workflow] = DEMO_SLOS;

describe('framesToSlos', () => {
  it('reads the current values of time-series frames (last non-null point) and keeps the budget history', () => {
    const frames = sloSeriesFrames(gateway, END, 8);
    const [slo] = framesToSlos(frames);
    expect(slo).toMatchObject({
      id: 'api-gateway-availability',
      service: 'api_gateway',
      objective: 0.9999,
      sli: 0.99993,
      budgetRemaining: 0.31,
      budgetRemainingMinutes: 1.3,
      status: 'ok',
      timeToExhaustion: 4 * 86400 + 3 * 3600,
    });
    expect(slo.burnRates).toEqual({ '1h': 2.1, '6h': 1.4, '1d': 0.9, '3d': 0.8 });
    expect(slo.budgetHistory.map((p) => p.v)).toEqual(gateway.history);
    expect(slo.budgetHistory[7].t).toBe(END);
  });

  it('skips trailing nulls for the current value but treats a null timeToExhaustion at the end as "not burning"', () => {
    const times = [END - 2 * 3600_000, END - 3600_000, END];
    const frames = [
      sloSeriesFrame('sli', gateway, times, [0.999, 0.998, null]),
      sloSeriesFrame('timeToExhaustion', gateway, times, [3600, 7200, null]),
    ];
    const [slo] = framesToSlos(frames);
    expect(slo.sli).toBe(0.998);
    expect(slo.timeToExhaustion).toBeNull();
  });

  it('reads the catalog table, and table values win over series while series add the sparkline', () => {
    const catalog = sloCatalogFrame([{ ...gateway, budgetRemaining: 0.25 }]);
    const series = sloSeriesFrames(gateway, END, 8).filter((f) => f.name === 'budgetRemaining');
    const [slo] = framesToSlos([...series, catalog]);
    expect(slo.name).toBe('API gateway availability');
    expect(slo.window).toBe('30d');
    expect(slo.budgetRemaining).toBe(0.25);
    expect(slo.burnRates['1h']).toBe(2.1);
    expect(slo.budgetHistory).toHaveLength(8);
  });

  it('accepts other spellings: percent objective, string status, snake_case and burn_rate_60m columns', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'id', type: FieldType.string, values: ['checkout'] },
        { name: 'service', type: FieldType.string, values: ['shop'] },
        { name: 'objective', type: FieldType.number, values: [99.9] },
        { name: 'current_sli', type: FieldType.number, values: [99.95], config: { unit: 'percent' } },
        { name: 'budget_remaining', type: FieldType.number, values: [50], config: { unit: 'percent' } },
        { name: 'burn_rate_60m', type: FieldType.number, values: [15] },
        { name: 'status', type: FieldType.string, values: ['Warning'] },
      ],
    });
    const [slo] = framesToSlos([frame]);
    expect(slo).toMatchObject({ id: 'checkout', objective: expect.closeTo(0.999, 12), sli: expect.closeTo(0.9995, 12), budgetRemaining: 0.5, status: 'warning' });
    expect(burnBadges(slo, DEFAULT_BURN_BADGES)[0]).toMatchObject({ window: '1h', value: 15, level: 'alerting' });
  });

  it('derives a status when none is given: depleted at <= 0, warning at <= 20% left', () => {
    const make = (slo: string, budgetRemaining: number | null) => sloSeriesFrame('budgetRemaining', { ...gateway, slo }, [END], [budgetRemaining]);
    const statuses = framesToSlos([make('a', 0.5), make('b', 0.2), make('c', 0), make('d', null)]).map((s) => s.status);
    expect(statuses).toEqual(['ok', 'warning', 'depleted', 'unknown']);
  });

  it('ignores frames without slo labels or id column', () => {
    const frame = createDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [END] }, { name: 'value', type: FieldType.number, values: [1] }] });
    expect(framesToSlos([frame])).toEqual([]);
  });
});

describe('normaliseWindow', () => {
  it.each([
    ['60m', '1h'],
    ['1h', '1h'],
    ['24h', '1d'],
    ['72h', '3d'],
    ['30m', '30m'],
    ['odd', 'odd'],
  ])('%s -> %s', (input, output) => expect(normaliseWindow(input)).toBe(output));
});

describe('burnBadges', () => {
  it('colours against each window\'s alert factor: >= factor alerting, >= 1x elevated, else ok', () => {
    const slo = framesToSlos(sloSeriesFrames({ ...workflow, burnRates: { '1h': 14.4, '6h': 5.99, '1d': 0.99 } }, END, 2))[0];
    expect(burnBadges(slo, DEFAULT_BURN_BADGES).map((b) => [b.window, b.level])).toEqual([
      ['1h', 'alerting'],
      ['6h', 'elevated'],
      ['1d', 'ok'],
      ['3d', 'none'],
    ]);
  });
});

describe('selectSlos', () => {
  const all = framesToSlos([sloCatalogFrame(DEMO_SLOS)]);
  const ids = (options: Partial<typeof DEFAULT_SLO_OPTIONS>) => selectSlos(all, { ...DEFAULT_SLO_OPTIONS, ...options }).map((s) => s.id);

  it('sorts worst first: critical, depleted, warning, then ok by least budget left', () => {
    expect(ids({ sort: 'worst' })).toEqual([
      'workflow-engine-availability',
      'workflow-engine-latency',
      'agent-manager-latency',
      'api-gateway-availability',
      'notification-service-availability',
    ]);
  });

  it('sorts by burn pressure (burn rate over its factor) and by name', () => {
    expect(ids({ sort: 'burn' })[0]).toBe('workflow-engine-availability');
    // agent manager's 6h burn 6.3x is 1.05 of its 6x factor; workflow latency's 3d 1.02x is 1.02 of 1x
    expect(ids({ sort: 'burn' }).slice(1, 3)).toEqual(['agent-manager-latency', 'workflow-engine-latency']);
    expect(ids({ sort: 'name' })[0]).toBe('agent-manager-latency');
  });

  it('filters by text over id, name and service, and hides ok SLOs on request', () => {
    expect(ids({ filter: 'WORKFLOW' })).toEqual(['workflow-engine-availability', 'workflow-engine-latency']);
    expect(ids({ filter: 'delivery' })).toEqual(['notification-service-availability']);
    expect(ids({ onlyProblems: true })).toHaveLength(3);
  });
});

describe('serviceLink', () => {
  it('links to the service dashboard with the service variable set', () => {
    expect(serviceLink('/d/headroom-service', 'api_gateway')).toBe('/d/headroom-service?var-service=api_gateway');
    expect(serviceLink('/d/x?orgId=1', 'a b')).toBe('/d/x?orgId=1&var-service=a%20b');
    expect(serviceLink('', 'api_gateway')).toBeUndefined();
    expect(serviceLink('/d/x', undefined)).toBeUndefined();
    expect(serviceLink('/d/headroom-service', 'api_gateway', { from: 'now-7d', to: 'now' })).toBe('/d/headroom-service?var-service=api_gateway&from=now-7d&to=now');
  });
});
