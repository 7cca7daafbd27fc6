import { interpolateQuery, type Replace } from './interpolate';

const vars: Record<string, string[]> = {
  service: ['api_gateway'],
  slo: ['api-latency'],
  windows: ['1h', '6h'],
  horizon: ['7d'],
  res: ['cluster-cpu'],
};
const replace: Replace = (text, format) =>
  text.replace(/\$\{?(\w+)\}?/g, (m, name: string) =>
    vars[name] ? (format === 'csv' ? vars[name].join(',') : vars[name].join('|')) : m
  );

describe('interpolateQuery', () => {
  it('replaces variables in text fields', () => {
    expect(
      interpolateQuery({ refId: 'A', queryType: 'slo', service: '$service', slo: '${slo}', series: ['sli'] }, replace)
    ).toEqual({
      refId: 'A',
      queryType: 'slo',
      service: 'api_gateway',
      slo: 'api-latency',
      series: ['sli'],
    });
  });

  it('expands a multi-value variable in a list into several entries', () => {
    expect(
      interpolateQuery(
        { refId: 'A', queryType: 'slo', series: ['burnRate'], burnRateWindows: ['5m', '$windows'] },
        replace
      )
    ).toMatchObject({
      burnRateWindows: ['5m', '1h', '6h'],
    });
  });

  it('replaces variables inside forecast options and capacity resources', () => {
    expect(
      interpolateQuery(
        {
          refId: 'A',
          queryType: 'capacity',
          resource: '$res',
          series: ['forecast'],
          forecast: { method: 'linear', horizon: '$horizon' },
        },
        replace
      )
    ).toEqual({
      refId: 'A',
      queryType: 'capacity',
      resource: 'cluster-cpu',
      series: ['forecast'],
      forecast: { method: 'linear', horizon: '7d' },
    });
  });

  it('leaves the original query untouched', () => {
    const q = { refId: 'A', queryType: 'oncall' as const, schedule: '$schedule' };
    interpolateQuery(q, () => 'x');
    expect(q.schedule).toBe('$schedule');
  });
});
