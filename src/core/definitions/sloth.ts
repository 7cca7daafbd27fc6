/**
 * Sloth SLO specs -> model. Two spellings of the same thing are accepted:
 *   version: prometheus/v1              (service, labels, slos[].sli.events.error_query/total_query)
 *   apiVersion: sloth.slok.dev/v1, kind: PrometheusServiceLevel  (the same under `spec`, camelCase)
 * Sloth queries are PromQL templates over `[{{.window}}]`; Headroom keeps only the counter selectors
 * (it computes its own increases over every window), so each query must be a rate/increase of one selector,
 * optionally summed. The usual Sloth latency shape `count - bucket{le="T"}` over `count` becomes a latency SLI.
 * Alerting settings are ignored: Headroom's burn-rate alerts follow the definitions' `policy`. Window: 30d,
 * Sloth's default SLO period.
 */
import { extractCounterSelector, splitDifference } from '../promql/counter-query';
import { formatSelector, parseSelector, type LabelMatcher } from '../promql/selector';
import { emptyDefinitions, type LoadedDefinitions, type SliDefinition, type SloDefinition } from './model';
import { isMapping, show, type PathSegment, type Reporter } from './reporter';
import { checked, originOf, percentToFraction, toLabels } from './validate';

type Raw = Record<string, unknown>;

const SLOTH_WINDOW = { kind: 'rolling' as const, ms: 30 * 86_400_000, text: '30d' };

/** `crd`: the Kubernetes PrometheusServiceLevel form (fields under `spec`, camelCase query names). */
export function mapSlothDocument(doc: Raw, r: Reporter, crd: boolean): LoadedDefinitions {
  const definitions = emptyDefinitions();
  const base: PathSegment[] = crd ? ['spec'] : [];
  const body = (crd ? doc.spec : doc) as Raw | undefined;
  if (!isMapping(body)) {
    r.error({ item: base }, [], `${crd ? 'spec' : 'document'} must be a mapping with service and slos`);
    return { definitions, errors: r.errors };
  }
  const service = body.service;
  if (typeof service !== 'string' || service.trim() === '') {
    r.error({ item: [...base, 'service'] }, [], `Sloth service is required (got ${show(service)})`);
    return { definitions, errors: r.errors };
  }
  if (!Array.isArray(body.slos)) {
    r.error({ item: [...base, 'slos'] }, [], `Sloth slos must be a list (got ${show(body.slos)})`);
    return { definitions, errors: r.errors };
  }
  const common = toLabels(body.labels);
  body.slos.forEach((raw, index) => {
    const slo = mapSlothSlo(raw, [...base, 'slos', index], service, common, crd, r);
    if (slo) {
      definitions.slos.push(slo);
    }
  });
  return { definitions, errors: r.errors };
}

function mapSlothSlo(
  raw: unknown,
  item: PathSegment[],
  service: string,
  common: Record<string, string>,
  crd: boolean,
  r: Reporter
): SloDefinition | undefined {
  const slo = (raw ?? {}) as Raw;
  const name = typeof slo.name === 'string' ? slo.name : undefined;
  const id = name ? slugId(`${service}-${name}`) : undefined;
  const place = { item, itemId: id };
  if (!isMapping(raw)) {
    r.error(place, [], `Sloth SLO must be a mapping (got ${show(raw)})`);
    return undefined;
  }
  return checked(r, place, (fail): SloDefinition => {
    if (!name || !id) {
      fail(['name'], `name is required (got ${show(slo.name)})`);
    }
    const objective = slo.objective;
    if (typeof objective !== 'number' || !(objective > 0 && objective < 100)) {
      const why = objective === 100 ? ': an objective of 100% leaves no error budget' : '';
      fail(['objective'], `objective must be a number between 0 and 100 (got ${show(objective)})${why}`);
    }
    const sli = mapSlothSli((slo.sli ?? {}) as Raw, crd, fail);
    return {
      id: id!,
      service,
      name: name!,
      ...(typeof slo.description === 'string' ? { description: slo.description } : {}),
      objective: percentToFraction(objective as number),
      window: SLOTH_WINDOW,
      sli: sli!,
      labels: { ...common, ...toLabels(slo.labels) },
      ...originOf(r.locate(item)),
    };
  });
}

function mapSlothSli(
  sli: Raw,
  crd: boolean,
  fail: (field: PathSegment[], message: string) => void
): SliDefinition | undefined {
  const key = (snake: string, camel: string) => (crd ? camel : snake);
  if (sli.raw !== undefined) {
    fail(
      ['sli', 'raw'],
      `sli.raw (${key('error_ratio_query', 'errorRatioQuery')}) is not supported: Headroom needs event counters, use sli.events`
    );
    return undefined;
  }
  if (sli.plugin !== undefined) {
    fail(
      ['sli', 'plugin'],
      'sli.plugin is not supported: Sloth SLI plugins generate PromQL Headroom cannot read; use sli.events'
    );
    return undefined;
  }
  const events = sli.events as Raw | undefined;
  if (!events || typeof events !== 'object') {
    fail(['sli'], 'sli.events is required');
    return undefined;
  }
  const errorKey = key('error_query', 'errorQuery');
  const totalKey = key('total_query', 'totalQuery');
  const errorQuery = events[errorKey];
  const totalQuery = events[totalKey];
  for (const [k, q] of [
    [errorKey, errorQuery],
    [totalKey, totalQuery],
  ] as const) {
    if (typeof q !== 'string' || q.trim() === '') {
      fail(['sli', 'events', k], `sli.events.${k} is required (got ${show(q)})`);
      return undefined;
    }
  }
  const total = extractCounterSelector(totalQuery as string, { allowBareSelector: false });
  if (!total.ok) {
    fail(['sli', 'events', totalKey], `sli.events.${totalKey}: ${total.error} (got ${show(totalQuery)})`);
    return undefined;
  }
  const bad = extractCounterSelector(errorQuery as string, { allowBareSelector: false });
  if (bad.ok) {
    return { kind: 'events', bad: bad.selector, total: total.selector };
  }
  const latency = latencyFromDifference(errorQuery as string, total.selector);
  if (latency) {
    return latency;
  }
  fail(
    ['sli', 'events', errorKey],
    `sli.events.${errorKey}: ${bad.error}, or rate(x_count[{{.window}}]) - rate(x_bucket{le="T"}[{{.window}}]) for latency (got ${show(errorQuery)})`
  );
  return undefined;
}

/**
 * Sloth's latency pattern: error = count - bucket{le="T"}, total = count, all with the same other matchers.
 * That is exactly Headroom's latency SLI {histogram: x{...}, threshold: T}.
 */
function latencyFromDifference(errorQuery: string, totalSelector: string): SliDefinition | undefined {
  const parts = splitDifference(errorQuery);
  if (!parts) {
    return undefined;
  }
  const count = extractCounterSelector(parts[0], { allowBareSelector: false });
  const bucket = extractCounterSelector(parts[1], { allowBareSelector: false });
  if (!count.ok || !bucket.ok) {
    return undefined;
  }
  const c = parseSelector(count.selector);
  const b = parseSelector(bucket.selector);
  if (!c.ok || !b.ok || !c.selector.metric?.endsWith('_count') || !b.selector.metric?.endsWith('_bucket')) {
    return undefined;
  }
  const base = c.selector.metric.slice(0, -'_count'.length);
  const le = b.selector.matchers.filter((m) => m.name === 'le');
  const threshold = le.length === 1 && le[0].op === '=' ? Number(le[0].value) : NaN;
  const same = (x: LabelMatcher[], y: LabelMatcher[]) => matcherKey(x) === matcherKey(y);
  if (
    b.selector.metric !== `${base}_bucket` ||
    !(threshold > 0) ||
    !same(
      c.selector.matchers,
      b.selector.matchers.filter((m) => m.name !== 'le')
    )
  ) {
    return undefined;
  }
  if (count.selector !== totalSelector) {
    return undefined;
  }
  return { kind: 'latency', histogram: formatSelector({ metric: base, matchers: c.selector.matchers }), threshold };
}

const matcherKey = (matchers: LabelMatcher[]) =>
  matchers
    .map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`)
    .sort()
    .join(',');

/** "My Service-requests_availability" -> "my-service-requests-availability" (ids are [a-z0-9-]+). */
export function slugId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}
