import type { SloDefinition } from '../definitions/model';
import { badQuery } from '../errors';
import { deriveSelector, formatSelector, parseSelector, type LabelMatcher } from '../promql/selector';

/** The counter selectors of one SLI: `bad` or `good` (the other is derived from `total`). */
export interface SliSelectors {
  bad?: string;
  good?: string;
  total: string;
}

/**
 * Latency SLIs count good events from the histogram bucket at the threshold and all events from `_count`.
 * Exporters spell whole-number bucket bounds either "1" (Go) or "1.0" (Python), so both are matched.
 */
export function sliSelectors(slo: SloDefinition): SliSelectors {
  if (slo.sli.kind === 'events') {
    return { bad: slo.sli.bad, good: slo.sli.bad ? undefined : slo.sli.good, total: slo.sli.total };
  }
  const { histogram, threshold } = slo.sli;
  const parsed = parseSelector(histogram);
  if (!parsed.ok || !parsed.selector.metric) {
    throw badQuery(
      `${slo.origin} "${slo.id}": sli.latency.histogram must be a metric selector (${parsed.ok ? 'no metric name' : parsed.error})`
    );
  }
  const base = parsed.selector;
  const le: LabelMatcher = Number.isInteger(threshold)
    ? { name: 'le', op: '=~', value: `${threshold}|${threshold}\\.0` }
    : { name: 'le', op: '=', value: String(threshold) };
  const matchers = base.matchers.filter((m) => m.name !== 'le');
  return {
    good: formatSelector(deriveSelector({ ...base, matchers }, `${base.metric}_bucket`, [le])),
    total: formatSelector(deriveSelector({ ...base, matchers }, `${base.metric}_count`)),
  };
}

/** PromQL of the SLI's error ratio over a window, as Prometheus would evaluate it (for notices and the oracle). */
export function errorRatioQuery(selectors: SliSelectors, range: string): string {
  const total = `sum(increase(${selectors.total}[${range}]))`;
  const bad = selectors.bad
    ? `sum(increase(${selectors.bad}[${range}]))`
    : `(${total} - sum(increase(${selectors.good}[${range}])))`;
  return `${bad} / ${total}`;
}
