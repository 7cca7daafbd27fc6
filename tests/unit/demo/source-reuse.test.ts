import { DemoSource } from '../../../src/demo/source';

const HOUR = 3_600_000;
const grid = { start: 1_767_225_600_000, end: 1_767_225_600_000 + 24 * HOUR, step: 15 * 60_000 };
const selector = 'http_requests_total{service="api_gateway",code=~"5.."}';
const expr = 'sum by (node) (node_cpu_usage_cores)';

describe('demo source: reused results', () => {
  it('answers step increases again with the values a fresh source computes, as a copy the caller owns', async () => {
    const source = new DemoSource();
    const first = await source.stepIncreases(selector, grid);
    first.fill(-1);
    const again = await source.stepIncreases(selector, grid);
    expect(again).toEqual(await new DemoSource().stepIncreases(selector, grid));
    expect(again.some((v) => v !== null && v > 0)).toBe(true);
    expect(await source.stepIncreases('no_such_metric_total', grid)).toEqual(again.map(() => null));
  });

  it('answers PromQL again with the series a fresh source computes, as copies the caller owns', async () => {
    const source = new DemoSource();
    const first = await source.rangeQuery(expr, grid);
    expect(first.length).toBeGreaterThan(1);
    first[0].values.fill(-1);
    first[0].labels.node = 'changed';
    expect(await source.rangeQuery(expr, grid)).toEqual(await new DemoSource().rangeQuery(expr, grid));
  });
});
