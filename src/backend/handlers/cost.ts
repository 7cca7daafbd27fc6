import { costPerHour, costPerMillionRequests, type PricedResource } from '../../core/cost';
import { badQuery } from '../../core/errors';
import { timeSeriesFrame, type Frame } from '../../core/frame';
import { gridTimes } from '../../core/source';
import type { QueryHandler } from './types';

/** Grafana's currency unit ids for the common currencies; others get the code as a suffix. */
function currencyUnit(currency: string): string {
  return ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'INR'].includes(currency)
    ? `currency${currency}`
    : `suffix: ${currency}`;
}

/** `cost`: infrastructure cost per hour and per million requests, from the definitions' `cost:` section. */
export const handleCost: QueryHandler = async (ctx) => {
  const { definitions } = ctx.definitions;
  const cost = definitions.cost;
  if (!cost || Object.keys(cost.unitPrices).length === 0) {
    throw badQuery(
      'no cost section in the definitions: add `cost: {currency: USD, unitPrices: {<capacity id>: <price per unit-hour>}}`'
    );
  }
  const times = gridTimes(ctx.grid);
  const priced: PricedResource[] = await Promise.all(
    Object.entries(cost.unitPrices).map(async ([id, unitPrice]) => {
      // The parser keeps only prices of known capacity ids.
      const resource = definitions.capacity.find((c) => c.id === id)!;
      const series = await ctx.metrics.rangeQuery(resource.capacity, ctx.grid, ctx.signal);
      const capacity = times.map((_, i) => {
        const values = series.map((s) => s.values[i]).filter((v): v is number => v !== null && v !== undefined);
        return values.length ? values.reduce((a, b) => a + b, 0) : null;
      });
      return { id, unitPrice, capacity };
    })
  );
  const hourly = costPerHour(priced, times.length);
  const labels = { currency: cost.currency };
  const unit = currencyUnit(cost.currency);
  const frames: Frame[] = [
    timeSeriesFrame('costPerHour', times, hourly, labels, { unit, displayName: 'Cost per hour' }),
  ];
  if (cost.requests) {
    const requests = await ctx.metrics.stepIncreases(cost.requests, ctx.grid, ctx.signal);
    frames.push(
      timeSeriesFrame(
        'costPerMillionRequests',
        times,
        costPerMillionRequests(hourly, requests, ctx.grid.step),
        labels,
        {
          unit,
          displayName: 'Cost per million requests',
        }
      )
    );
  }
  return frames;
};
