import type { HeadroomQuery } from '../../core/query';
import { isQueryRunnable, queryProblems } from './validation';
import { DEFAULT_QUERY, queryForType } from './defaults';
import { QUERY_TYPES } from './descriptions';

describe('query validation', () => {
  it('accepts the default query and the default of every query type', () => {
    expect(isQueryRunnable({ refId: 'A', ...DEFAULT_QUERY } as HeadroomQuery)).toBe(true);
    for (const { value } of QUERY_TYPES) {
      expect(queryProblems(queryForType({ refId: 'A', queryType: 'slo' }, value))).toEqual([]);
    }
  });

  it('needs a known query type', () => {
    expect(queryProblems({ refId: 'A' } as HeadroomQuery)).toEqual(['Choose a query type']);
    expect(queryProblems({ refId: 'A', queryType: 'nope' } as unknown as HeadroomQuery)).toEqual([
      'Choose a query type ("nope" is unknown)',
    ]);
  });

  it('needs at least one series for slo and capacity', () => {
    expect(queryProblems({ refId: 'A', queryType: 'slo', series: [] })).toEqual(['Series: choose at least one series']);
    expect(queryProblems({ refId: 'A', queryType: 'capacity' })).toEqual(['Series: choose at least one series']);
  });

  it('names a burn-rate window or forecast duration that is not a duration', () => {
    expect(
      queryProblems({ refId: 'A', queryType: 'slo', series: ['burnRate'], burnRateWindows: ['5m', 'soon'] })
    ).toEqual(['Burn-rate windows: "soon" is not a duration (e.g. 5m, 1h, 3d)']);
    expect(
      queryProblems({ refId: 'A', queryType: 'capacityCatalog', forecast: { horizon: '30 days', season: '1x' } })
    ).toEqual([
      'Forecast horizon: "30 days" is not a duration (e.g. 7d, 30d)',
      'Forecast season: "1x" is not a duration (e.g. 1d, 1w)',
    ]);
  });

  it('needs growth to be a percent per month', () => {
    expect(
      queryProblems({
        refId: 'A',
        queryType: 'capacity',
        series: ['growthWhatIf'],
        forecast: { growth: Number('lots') },
      })
    ).toEqual(['Growth: "NaN" is not a percent per month (e.g. 25)']);
    expect(
      isQueryRunnable({ refId: 'A', queryType: 'capacity', series: ['growthWhatIf'], forecast: { growth: 25 } })
    ).toBe(true);
  });

  it('accepts template variables where a duration is expected', () => {
    expect(isQueryRunnable({ refId: 'A', queryType: 'slo', series: ['burnRate'], burnRateWindows: ['$window'] })).toBe(
      true
    );
    expect(
      isQueryRunnable({ refId: 'A', queryType: 'capacity', series: ['forecast'], forecast: { horizon: '${horizon}' } })
    ).toBe(true);
  });

  it('needs at least one event kind when kinds are given', () => {
    expect(queryProblems({ refId: 'A', queryType: 'events', kinds: [] })).toEqual(['Events: choose at least one kind']);
    expect(isQueryRunnable({ refId: 'A', queryType: 'events' })).toBe(true);
  });
});
