/**
 * OpenSLO v1 -> model. An `SLO` document with a ratioMetric indicator over Prometheus (inline, per
 * objective, or by `indicatorRef` to an `SLI` document in the same file) becomes one SLO per objective.
 * Queries may be bare counter selectors (`counter: true`) or rate/increase of one selector, optionally summed.
 * Refused with a named error: thresholdMetric, raw ratios, gauges (`counter: false`), non-Prometheus sources,
 * Timeslices budgeting, and windows Headroom cannot compute exactly (rolling months, calendar years).
 * Other kinds (Service, DataSource, AlertPolicy, ...) are valid OpenSLO and are ignored.
 */
import { parseDuration } from '../duration';
import { extractCounterSelector } from '../promql/counter-query';
import {
  emptyDefinitions,
  type LoadedDefinitions,
  type SliDefinition,
  type SloDefinition,
  type SloWindow,
} from './model';
import { isMapping, show, type PathSegment, type Reporter } from './reporter';
import { slugId } from './sloth';
import { checked, originOf, percentToFraction, toLabels } from './validate';

type Raw = Record<string, unknown>;
type Fail = (field: PathSegment[], message: string) => void;

const HOUR = 3_600_000;
const DEFAULT_WINDOW: SloWindow = { kind: 'rolling', ms: 30 * 86_400_000, text: '30d' };

/** `slis`: the SLI documents of the same file by metadata.name, for `indicatorRef`. */
export function mapOpenSloDocument(doc: Raw, r: Reporter, slis: Map<string, Raw>): LoadedDefinitions {
  const definitions = emptyDefinitions();
  const metadata = isMapping(doc.metadata) ? doc.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const baseId = name ? slugId(name) : undefined;
  const spec = isMapping(doc.spec) ? doc.spec : undefined;
  const docPlace = { item: [], itemId: baseId };
  if (!name || !baseId) {
    r.error(docPlace, ['metadata', 'name'], `metadata.name is required (got ${show(metadata.name)})`);
    return { definitions, errors: r.errors };
  }
  if (!spec) {
    r.error(docPlace, ['spec'], `spec must be a mapping (got ${show(doc.spec)})`);
    return { definitions, errors: r.errors };
  }
  // what every objective shares: service, budgeting, window, a list of objectives
  const window = checked(r, docPlace, (fail) => {
    if (typeof spec.service !== 'string' || spec.service.trim() === '') {
      fail(['spec', 'service'], `spec.service is required (got ${show(spec.service)})`);
    }
    if (spec.budgetingMethod !== undefined && spec.budgetingMethod !== 'Occurrences') {
      fail(
        ['spec', 'budgetingMethod'],
        `spec.budgetingMethod ${show(spec.budgetingMethod)} is not supported: Headroom counts events (Occurrences)`
      );
    }
    if (!Array.isArray(spec.objectives) || spec.objectives.length === 0) {
      fail(['spec', 'objectives'], 'spec.objectives must be a non-empty list');
    }
    return mapTimeWindow(spec.timeWindow, fail);
  });
  if (!window) {
    return { definitions, errors: r.errors };
  }
  const objectives = spec.objectives as unknown[];
  const labels = toLabels(metadata.labels);
  const origin = originOf(r.locate([]));
  objectives.forEach((raw, i) => {
    const objective = isMapping(raw) ? raw : {};
    const suffix =
      objectives.length > 1 ? slugId(String(objective.name ?? objective.displayName ?? i)) || String(i) : '';
    const id = suffix ? `${baseId}-${suffix}` : baseId;
    const slo = checked(r, { item: [], itemId: id }, (fail): SloDefinition => {
      const target = mapTarget(objective, ['spec', 'objectives', i], fail);
      const own = objective.indicator !== undefined || objective.indicatorRef !== undefined;
      const sli = mapIndicator(own ? objective : spec, own ? ['spec', 'objectives', i] : ['spec'], slis, fail);
      return {
        id,
        service: spec.service as string,
        name: String(objective.displayName ?? metadata.displayName ?? name),
        ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
        objective: target!,
        window,
        sli: sli!,
        labels,
        ...origin,
      };
    });
    if (slo) {
      definitions.slos.push(slo);
    }
  });
  return { definitions, errors: r.errors };
}

/** target (fraction) or targetPercent -> fraction; 0 < objective < 1. */
function mapTarget(objective: Raw, field: PathSegment[], fail: Fail): number | undefined {
  const fraction = objective.target;
  const percent = objective.targetPercent;
  if (fraction !== undefined && percent !== undefined) {
    fail(field, 'objective must have either target or targetPercent, not both');
    return undefined;
  }
  if (fraction === undefined && percent === undefined) {
    fail(field, 'objective needs target (e.g. 0.999) or targetPercent (e.g. 99.9)');
    return undefined;
  }
  const [key, value, scale] = fraction !== undefined ? ['target', fraction, 1] : ['targetPercent', percent, 100];
  if (typeof value !== 'number' || !(value > 0 && value < scale)) {
    const why = value === scale ? ': an objective of 100% leaves no error budget' : '';
    fail([...field, key], `${key} must be a number between 0 and ${scale} (got ${show(value)})${why}`);
    return undefined;
  }
  return scale === 100 ? percentToFraction(value) : value;
}

function mapTimeWindow(raw: unknown, fail: Fail): SloWindow | undefined {
  if (raw === undefined) {
    return DEFAULT_WINDOW;
  }
  const field = ['spec', 'timeWindow'];
  if (!Array.isArray(raw) || raw.length !== 1 || !isMapping(raw[0])) {
    fail(field, 'spec.timeWindow must be a list of exactly one window');
    return undefined;
  }
  const tw = raw[0];
  const duration = String(tw.duration ?? '');
  const match = /^(\d+)([mhdwMQY])$/.exec(duration);
  if (!match) {
    fail(
      [...field, 0, 'duration'],
      `timeWindow duration must be a shorthand such as 28d, 1M or 1Q (got ${show(tw.duration)})`
    );
    return undefined;
  }
  const calendar = tw.calendar !== undefined || tw.isRolling === false;
  if (calendar) {
    const zone = isMapping(tw.calendar) ? tw.calendar.timeZone : undefined;
    if (zone !== undefined && zone !== 'UTC' && zone !== 'Etc/UTC') {
      fail(
        [...field, 0, 'calendar', 'timeZone'],
        `calendar.timeZone must be UTC: Headroom's calendar windows start at 00:00 UTC (got ${show(zone)})`
      );
      return undefined;
    }
    if (duration === '1M') {
      return { kind: 'calendar-month', text: 'calendar-month' };
    }
    if (duration === '1Q' || duration === '3M') {
      return { kind: 'calendar-quarter', text: 'calendar-quarter' };
    }
    fail(
      [...field, 0, 'duration'],
      `calendar windows must be 1M (calendar-month) or 1Q (calendar-quarter) (got ${show(duration)})`
    );
    return undefined;
  }
  if (/[MQY]$/.test(duration)) {
    fail(
      [...field, 0, 'duration'],
      `rolling windows in months, quarters or years have no fixed length; use days such as 30d or 90d (got ${show(duration)})`
    );
    return undefined;
  }
  const ms = parseDuration(duration)!;
  if (ms < HOUR) {
    fail([...field, 0, 'duration'], `timeWindow duration must be at least 1h (got ${show(duration)})`);
    return undefined;
  }
  return { kind: 'rolling', ms, text: duration };
}

/** `holder` has `indicator` (inline SLI: {metadata, spec}) or `indicatorRef` (name of an SLI document). */
function mapIndicator(
  holder: Raw,
  field: PathSegment[],
  slis: Map<string, Raw>,
  fail: Fail
): SliDefinition | undefined {
  let spec: Raw | undefined;
  let at: PathSegment[];
  if (holder.indicator !== undefined) {
    at = [...field, 'indicator', 'spec'];
    spec = isMapping(holder.indicator) && isMapping(holder.indicator.spec) ? holder.indicator.spec : undefined;
  } else if (typeof holder.indicatorRef === 'string') {
    at = [...field, 'indicatorRef'];
    const ref = slis.get(holder.indicatorRef);
    if (!ref) {
      fail(at, `indicatorRef "${holder.indicatorRef}" does not name an SLI document in this file`);
      return undefined;
    }
    spec = isMapping(ref.spec) ? ref.spec : undefined;
  } else {
    fail(field, 'needs indicator or indicatorRef');
    return undefined;
  }
  if (!spec) {
    fail(at, 'indicator spec must be a mapping with ratioMetric');
    return undefined;
  }
  if (spec.thresholdMetric !== undefined) {
    fail(
      [...at, 'thresholdMetric'],
      'thresholdMetric is not supported: Headroom needs event counters; for latency use ratioMetric with good: <histogram>_bucket{le="T"} and total: <histogram>_count'
    );
    return undefined;
  }
  const ratio = spec.ratioMetric;
  if (!isMapping(ratio)) {
    fail(at, 'indicator needs ratioMetric (good or bad, and total)');
    return undefined;
  }
  const ratioField = [...at, 'ratioMetric'];
  if (ratio.raw !== undefined) {
    fail([...ratioField, 'raw'], 'ratioMetric.raw is not supported: Headroom needs good or bad and total counters');
    return undefined;
  }
  if (ratio.counter === false) {
    fail(
      [...ratioField, 'counter'],
      'ratioMetric with counter: false is not supported: Headroom needs monotonically increasing counters'
    );
    return undefined;
  }
  if ((ratio.good === undefined) === (ratio.bad === undefined)) {
    fail(ratioField, 'ratioMetric must have exactly one of good or bad, and total');
    return undefined;
  }
  const which = ratio.good !== undefined ? 'good' : 'bad';
  const numerator = metricQuery(ratio[which], [...ratioField, which], fail);
  const total = metricQuery(ratio.total, [...ratioField, 'total'], fail);
  if (numerator === undefined || total === undefined) {
    return undefined;
  }
  return which === 'good' ? { kind: 'events', good: numerator, total } : { kind: 'events', bad: numerator, total };
}

function metricQuery(raw: unknown, field: PathSegment[], fail: Fail): string | undefined {
  const source = isMapping(raw) && isMapping(raw.metricSource) ? raw.metricSource : undefined;
  if (!source) {
    fail(field, `${field[field.length - 1]} needs metricSource with type: Prometheus and spec.query`);
    return undefined;
  }
  if (source.type !== undefined && String(source.type).toLowerCase() !== 'prometheus') {
    fail(
      [...field, 'metricSource', 'type'],
      `metricSource.type ${show(source.type)} is not supported: only Prometheus`
    );
    return undefined;
  }
  const spec = isMapping(source.spec) ? source.spec : {};
  const query = spec.query ?? spec.promql;
  if (typeof query !== 'string' || query.trim() === '') {
    fail([...field, 'metricSource', 'spec'], `metricSource.spec.query is required (got ${show(query)})`);
    return undefined;
  }
  const extracted = extractCounterSelector(query, { allowBareSelector: true });
  if (!extracted.ok) {
    fail([...field, 'metricSource', 'spec', 'query'], `query: ${extracted.error} (got ${show(query)})`);
    return undefined;
  }
  return extracted.selector;
}
