import { migrateQuery, needsMigration } from './migrate';

describe('migrateQuery', () => {
  it('returns a current query unchanged (same object, so the editor does not re-save it)', () => {
    const q = { refId: 'A', queryType: 'slo' as const, slo: 'x', series: ['sli' as const] };
    expect(migrateQuery(q)).toBe(q);
  });

  it('renames sloId, resourceId, scheduleId and windows', () => {
    expect(migrateQuery({ refId: 'A', queryType: 'slo', sloId: 'api', windows: ['1h'] })).toEqual({
      refId: 'A',
      queryType: 'slo',
      slo: 'api',
      burnRateWindows: ['1h'],
    });
    expect(migrateQuery({ refId: 'A', queryType: 'capacity', resourceId: 'cpu' })).toEqual({
      refId: 'A',
      queryType: 'capacity',
      resource: 'cpu',
    });
    expect(migrateQuery({ refId: 'A', queryType: 'oncall', scheduleId: 'platform' })).toEqual({
      refId: 'A',
      queryType: 'oncall',
      schedule: 'platform',
    });
  });

  it('keeps the new field when both old and new are present', () => {
    expect(migrateQuery({ refId: 'A', queryType: 'slo', sloId: 'old', slo: 'new' })).toEqual({
      refId: 'A',
      queryType: 'slo',
      slo: 'new',
    });
  });

  it('splits comma-separated series, windows and kinds into lists', () => {
    expect(migrateQuery({ refId: 'A', queryType: 'slo', series: 'sli, burnRate', burnRateWindows: '5m,1h' })).toEqual({
      refId: 'A',
      queryType: 'slo',
      series: ['sli', 'burnRate'],
      burnRateWindows: ['5m', '1h'],
    });
    expect(migrateQuery({ refId: 'A', queryType: 'events', kinds: 'status' })).toEqual({
      refId: 'A',
      queryType: 'events',
      kinds: ['status'],
    });
  });

  it('turns a forecast method string into forecast options', () => {
    expect(migrateQuery({ refId: 'A', queryType: 'capacity', forecast: 'holt-winters' })).toEqual({
      refId: 'A',
      queryType: 'capacity',
      forecast: { method: 'holt-winters' },
    });
  });

  it('gives a query without queryType the slo type of the first release', () => {
    expect(migrateQuery({ refId: 'B', sloId: 'api', series: 'sli' })).toEqual({
      refId: 'B',
      queryType: 'slo',
      slo: 'api',
      series: ['sli'],
    });
  });

  it('is idempotent', () => {
    const once = migrateQuery({ refId: 'B', sloId: 'api', series: 'sli' });
    expect(needsMigration(once)).toBe(false);
    expect(migrateQuery(once)).toBe(once);
  });
});
