/**
 * headroom/v1 documents -> model. Each item (SLO, capacity resource, schedule) is checked on its own:
 * first against its JSON schema, then by the rules a schema cannot express. A broken item is dropped with
 * its errors; a broken section (policy, buffer, response, cost) falls back to the handbook defaults.
 */
import { formatDuration, parseDuration } from '../duration';
import { formatSelector, parseSelector, type Selector } from '../promql/selector';
import {
  DEFAULT_BUFFER,
  DEFAULT_POLICY,
  DEFAULT_RESPONSE,
  DEFAULT_THRESHOLDS,
  emptyDefinitions,
  type CapacityDefinition,
  type CostDefinition,
  type DeclaredSection,
  type DefinitionLocation,
  type ErrorBudgetPolicy,
  type HeadroomBufferPolicy,
  type LoadedDefinitions,
  type OverrideDefinition,
  type ResourceKind,
  type ResponseTimes,
  type ScheduleDefinition,
  type Severity,
  type ShiftDefinition,
  type SliDefinition,
  type SloDefinition,
  type SloWindow,
} from './model';
import { formatPath, isMapping, show, type PathSegment, type Place, type Reporter } from './reporter';
import { checkSchema, type SchemaPart } from './schema-check';

type Raw = Record<string, unknown>;
type Fail = (field: PathSegment[], message: string) => void;

const HOUR = 3_600_000;
const MINUTES_PER_DAY = 1440;

/** One headroom/v1 document (already known to be a mapping with the right apiVersion). */
export function validateHeadroomDocument(doc: Raw, r: Reporter): LoadedDefinitions {
  const definitions = emptyDefinitions();
  const declared: LoadedDefinitions['declared'] = {};
  const top = checkSchema('top', doc);
  // top-level problems (unknown keys, a section of the wrong type) skip that key only
  const badKeys = new Set<string>();
  for (const problem of top) {
    const key = String(problem.field[0] ?? '');
    badKeys.add(key);
    r.error({ item: problem.field.slice(0, 1) }, [], problem.message);
  }
  const has = (key: string) => doc[key] !== undefined && doc[key] !== null && !badKeys.has(key);

  if (has('slos')) {
    definitions.slos = collect(doc.slos as unknown[], (raw, i) => validateSlo(raw, i, r));
  }
  if (has('capacity')) {
    definitions.capacity = collect(doc.capacity as unknown[], (raw, i) => validateCapacity(raw, i, r));
  }
  if (has('oncall')) {
    definitions.oncall = collect(doc.oncall as unknown[], (raw, i) => validateSchedule(raw, i, r));
  }
  const section = <T>(key: DeclaredSection, build: (raw: Raw, fail: Fail) => T | undefined, fallback: T): T => {
    if (!has(key)) {
      return fallback;
    }
    declared[key] = r.locate([key]);
    const place = { item: [key] };
    if (!schemaCheck(r, place, key, doc[key]).ok) {
      return fallback;
    }
    return checked(r, place, (fail) => build(doc[key] as Raw, fail)) ?? fallback;
  };
  definitions.policy = section('policy', buildPolicy, DEFAULT_POLICY);
  definitions.buffer = section('buffer', buildBuffer, DEFAULT_BUFFER);
  definitions.response = section('response', buildResponse, DEFAULT_RESPONSE);
  const cost = section<CostDefinition | undefined>('cost', buildCost, undefined);
  if (cost) {
    definitions.cost = cost;
  }
  return { definitions, errors: r.errors, declared };
}

function collect<T>(items: unknown[], build: (raw: unknown, index: number) => T | undefined): T[] {
  const out: T[] = [];
  items.forEach((raw, index) => {
    const item = build(raw, index);
    if (item !== undefined) {
      out.push(item);
    }
  });
  return out;
}

/**
 * Schema problems of an item, reported; and a test of which fields are free of them, so the rules
 * beyond the schema still run on the clean fields and one pass shows every problem of the item.
 */
function schemaCheck(r: Reporter, place: Place, part: SchemaPart, value: unknown) {
  const problems = checkSchema(part, value);
  for (const problem of problems) {
    r.error(place, problem.field, problem.message);
  }
  const overlaps = (a: PathSegment[], b: PathSegment[]) =>
    a.every((s, i) => i >= b.length || b[i] === s) || b.every((s, i) => i >= a.length || a[i] === s);
  const mapping = isMapping(value);
  return {
    ok: problems.length === 0,
    isMapping: mapping,
    /** the item is a mapping and nothing is wrong at or under any of these fields */
    clean: (...fields: PathSegment[][]) => mapping && fields.every((f) => !problems.some((p) => overlaps(p.field, f))),
  };
}

function idOf(raw: unknown): string | undefined {
  const id = raw && typeof raw === 'object' ? (raw as Raw).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Runs `build` with a `fail` that records errors for `place`; the result is kept only if nothing failed. */
export function checked<T>(r: Reporter, place: Place, build: (fail: Fail) => T): T | undefined {
  let ok = true;
  const value = build((field, message) => {
    ok = false;
    r.error(place, field, message);
  });
  return ok ? value : undefined;
}

type Clean = (...fields: PathSegment[][]) => boolean;

/**
 * The life of one item: its schema, then `rules` on the fields the schema found clean (so one pass reports
 * every problem), and the model item — which `rules` returns as a builder — only if nothing failed.
 */
function validateItem<T>(
  r: Reporter,
  item: [string, number],
  part: SchemaPart,
  raw: unknown,
  rules: (raw: Raw, clean: Clean, fail: Fail) => (origin: Origin) => T
): T | undefined {
  const place = { item, itemId: idOf(raw) };
  const schema = schemaCheck(r, place, part, raw);
  if (!schema.isMapping) {
    return undefined;
  }
  const build = checked(r, place, (fail) => rules(raw as Raw, schema.clean, fail));
  return schema.ok && build ? build(originOf(r.locate(item))) : undefined;
}

export interface Origin {
  origin: string;
  at: DefinitionLocation;
}

/** The model's `origin` ("file.yaml slos[2]") and `at` of an item. */
export function originOf(at: DefinitionLocation): Origin {
  return { origin: `${at.source} ${at.path}`, at };
}

// ---------------------------------------------------------------- SLOs

function validateSlo(raw: unknown, index: number, r: Reporter): SloDefinition | undefined {
  return validateItem(r, ['slos', index], 'slo', raw, (slo, clean, fail) => {
    const window = clean(['window']) ? parseWindow(String(slo.window ?? '30d'), ['window'], fail) : undefined;
    const sli = clean(['sli']) ? buildSli(slo.sli as Raw, fail) : undefined;
    return (origin) => ({
      id: slo.id as string,
      service: slo.service as string,
      name: (slo.name as string | undefined) || (slo.id as string),
      ...(slo.description !== undefined ? { description: slo.description as string } : {}),
      objective: percentToFraction(slo.objective as number),
      window: window!,
      sli: sli!,
      labels: toLabels(slo.labels),
      ...origin,
    });
  });
}

/** "30d" -> rolling 30 days; "calendar-month" | "calendar-quarter"; rolling windows must be >= 1h. */
function parseWindow(text: string, field: PathSegment[], fail: Fail): SloWindow | undefined {
  if (text === 'calendar-month' || text === 'calendar-quarter') {
    return { kind: text, text } as SloWindow;
  }
  const ms = parseDuration(text);
  if (ms === undefined) {
    fail(
      field,
      `${formatPath(field)} must be a rolling duration such as 30d, or calendar-month or calendar-quarter (got ${show(text)})`
    );
    return undefined;
  }
  if (ms < HOUR) {
    fail(field, `${formatPath(field)} must be at least 1h (got ${show(text)})`);
    return undefined;
  }
  return { kind: 'rolling', ms, text: text.trim() };
}

function buildSli(sli: Raw, fail: Fail): SliDefinition | undefined {
  const events = sli.events as Raw | undefined;
  const latency = sli.latency as Raw | undefined;
  if (events && latency) {
    fail(['sli'], 'sli must have either events or latency, not both');
    return undefined;
  }
  if (events) {
    return eventsSli(events, ['sli', 'events'], fail);
  }
  if (latency) {
    const histogram = histogramSelector(latency.histogram as string, ['sli', 'latency', 'histogram'], fail);
    return histogram === undefined ? undefined : { kind: 'latency', histogram, threshold: latency.threshold as number };
  }
  fail(['sli'], 'sli needs events (bad or good, and total) or latency (histogram and threshold)');
  return undefined;
}

/** Exactly one of bad/good, plus total; each a counter selector. */
function eventsSli(events: Raw, field: PathSegment[], fail: Fail): SliDefinition | undefined {
  const name = formatPath(field);
  if (events.bad !== undefined && events.good !== undefined) {
    fail(field, `${name} must have either bad or good, not both`);
    return undefined;
  }
  if (events.bad === undefined && events.good === undefined) {
    fail(field, `${name} needs bad or good (and total)`);
    return undefined;
  }
  const which = events.bad !== undefined ? 'bad' : 'good';
  const numerator = counterSelector(events[which] as string, [...field, which], fail);
  const total = counterSelector(events.total as string, [...field, 'total'], fail);
  if (numerator === undefined || total === undefined) {
    return undefined;
  }
  return which === 'bad' ? { kind: 'events', bad: numerator, total } : { kind: 'events', good: numerator, total };
}

/** A selector, printed back in canonical form; the error quotes the parser's complaint. */
function counterSelector(text: string, field: PathSegment[], fail: Fail): string | undefined {
  const selector = selectorOf(text, field, fail);
  return selector && formatSelector(selector);
}

function selectorOf(text: string, field: PathSegment[], fail: Fail): Selector | undefined {
  const parsed = parseSelector(text);
  if (!parsed.ok) {
    fail(
      field,
      `${formatPath(field)} is not a PromQL selector like metric{label="value"}: ${parsed.error} (got ${show(text)})`
    );
    return undefined;
  }
  return parsed.selector;
}

function histogramSelector(text: string, field: PathSegment[], fail: Fail): string | undefined {
  const selector = selectorOf(text, field, fail);
  if (!selector) {
    return undefined;
  }
  const name = formatPath(field);
  const metric = selector.metric;
  if (!metric) {
    fail(field, `${name} needs a metric name: _bucket and _count are appended to it (got ${show(text)})`);
    return undefined;
  }
  const suffix = /_(bucket|count|sum)$/.exec(metric);
  if (suffix) {
    fail(
      field,
      `${name} must name the histogram without its _${suffix[1]} suffix (use ${metric.slice(0, suffix.index)})`
    );
    return undefined;
  }
  return formatSelector(selector);
}

/** 99.99 -> 0.9999 (not 0.9998999999999999): objectives are decimal percentages, keep them decimal. */
export function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/**
 * Labels as Prometheus accepts them: values become strings (lists, as OpenSLO allows, are joined with ","),
 * and characters a label name cannot have become "_" (headroom/v1's schema already refuses those names;
 * Sloth and OpenSLO files may carry them).
 */
export function toLabels(raw: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (isMapping(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      const name = k.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(\d)/, '_$1');
      labels[name] = Array.isArray(v) ? v.map(String).join(',') : String(v);
    }
  }
  return labels;
}

// ---------------------------------------------------------------- sections

function durationField(text: unknown, field: PathSegment[], fail: Fail): number | undefined {
  const ms = parseDuration(String(text));
  if (ms === undefined) {
    fail(field, `${formatPath(field)} must be a duration such as 5m or 1h (got ${show(text)})`);
  }
  return ms;
}

function buildPolicy(raw: Raw, fail: Fail): ErrorBudgetPolicy {
  const burn = (key: 'fastBurn' | 'slowBurn') => {
    const given = (raw[key] ?? {}) as Raw;
    const within =
      given.within === undefined ? DEFAULT_POLICY[key].within : durationField(given.within, [key, 'within'], fail);
    return { budget: (given.budget as number | undefined) ?? DEFAULT_POLICY[key].budget, within: within ?? 0 };
  };
  const policy = {
    warningConsumed: (raw.warningConsumed as number | undefined) ?? DEFAULT_POLICY.warningConsumed,
    fastBurn: burn('fastBurn'),
    slowBurn: burn('slowBurn'),
  };
  if (policy.fastBurn.within >= policy.slowBurn.within && policy.fastBurn.within > 0) {
    fail(
      ['fastBurn', 'within'],
      `fastBurn.within (${formatDuration(policy.fastBurn.within)}) must be shorter than slowBurn.within (${formatDuration(policy.slowBurn.within)})`
    );
  }
  return policy;
}

function buildBuffer(raw: Raw, fail: Fail): HeadroomBufferPolicy {
  const buffer = { ...DEFAULT_BUFFER, ...(raw as Partial<HeadroomBufferPolicy>) };
  if (!(buffer.alert <= buffer.minimum && buffer.minimum <= buffer.target)) {
    fail(
      [],
      `buffer must satisfy alert <= minimum <= target (got alert ${buffer.alert}, minimum ${buffer.minimum}, target ${buffer.target})`
    );
  }
  return buffer;
}

function buildResponse(raw: Raw, fail: Fail): Record<Severity, ResponseTimes> {
  const response = { ...DEFAULT_RESPONSE };
  for (const sev of Object.keys(DEFAULT_RESPONSE) as Severity[]) {
    const given = (raw[sev] ?? {}) as Raw;
    const times = { ...DEFAULT_RESPONSE[sev] };
    for (const key of ['acknowledge', 'respond', 'escalate'] as const) {
      if (given[key] !== undefined) {
        times[key] = durationField(given[key], [sev, key], fail) ?? times[key];
      }
    }
    if (!(times.acknowledge <= times.respond && times.respond <= times.escalate)) {
      const t = (ms: number) => formatDuration(ms);
      fail(
        [sev],
        `${sev} must satisfy acknowledge <= respond <= escalate (got ${t(times.acknowledge)}, ${t(times.respond)}, ${t(times.escalate)})`
      );
    }
    response[sev] = times;
  }
  return response;
}

function buildCost(raw: Raw, fail: Fail): CostDefinition {
  const cost: CostDefinition = {
    unitPrices: { ...(raw.unitPrices as Record<string, number>) },
    currency: (raw.currency as string | undefined) ?? 'USD',
  };
  if (raw.requests !== undefined) {
    const requests = counterSelector(raw.requests as string, ['requests'], fail);
    if (requests) {
      cost.requests = requests;
    }
  }
  return cost;
}

// ---------------------------------------------------------------- capacity

function validateCapacity(raw: unknown, index: number, r: Reporter): CapacityDefinition | undefined {
  return validateItem(r, ['capacity', index], 'capacity', raw, (item, clean, fail) => {
    const resource = item.resource as ResourceKind;
    const thresholds = { ...DEFAULT_THRESHOLDS[resource], ...(item.thresholds as object) };
    if (clean(['resource'], ['thresholds']) && thresholds.warning >= thresholds.critical) {
      fail(
        ['thresholds'],
        `thresholds.warning (${thresholds.warning}) must be below thresholds.critical (${thresholds.critical}); ${resource} defaults are ${DEFAULT_THRESHOLDS[resource].warning}/${DEFAULT_THRESHOLDS[resource].critical}`
      );
    }
    return (origin) => ({
      id: item.id as string,
      name: (item.name as string | undefined) || (item.id as string),
      resource,
      usage: (item.usage as string).trim(),
      capacity: (item.capacity as string).trim(),
      thresholds,
      labels: toLabels(item.labels),
      ...origin,
    });
  });
}

// ---------------------------------------------------------------- on-call

function validateSchedule(raw: unknown, index: number, r: Reporter): ScheduleDefinition | undefined {
  return validateItem(r, ['oncall', index], 'schedule', raw, (item, clean, fail) => {
    const handoff = clean(['handoff']) ? instant(item.handoff as string, ['handoff'], fail) : undefined;
    const rotation = clean(['rotation']) ? durationField(item.rotation, ['rotation'], fail) : undefined;
    const members = (item.members as string[] | undefined) ?? [];
    const shiftsClean = clean(['shifts']);
    const shifts = shiftsClean ? buildShifts((item.shifts as Raw[] | undefined) ?? [], fail) : [];
    if (shiftsClean && clean(['members']) && shifts.length === 0 && members.length === 0) {
      fail(['members'], 'members must not be empty when no shifts are given');
    }
    const overrides =
      shiftsClean && clean(['overrides'])
        ? buildOverrides((item.overrides as Raw[] | undefined) ?? [], shifts, fail)
        : [];
    const timeZone = item.timeZone as string | undefined;
    if (clean(['timeZone']) && timeZone !== undefined && !isTimeZone(timeZone)) {
      fail(['timeZone'], `timeZone must be an IANA time zone such as Europe/Berlin (got ${show(timeZone)})`);
    }
    return (origin) => ({
      id: item.id as string,
      name: (item.name as string | undefined) || (item.id as string),
      handoff: handoff ?? 0,
      rotation: rotation ?? 0,
      members,
      shifts,
      overrides,
      ...(timeZone !== undefined ? { timeZone } : {}),
      ...origin,
    });
  });
}

function instant(text: string, field: PathSegment[], fail: Fail): number | undefined {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    fail(field, `${formatPath(field)} is not a valid date (got ${show(text)})`);
    return undefined;
  }
  return ms;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Shifts must each be [start, end) with start < end, must not overlap, and together cover the whole UTC day. */
function buildShifts(raw: Raw[], fail: Fail): ShiftDefinition[] {
  const shifts = raw.map((s) => ({
    name: s.name as string,
    startMinute: minuteOf(s.start as string),
    endMinute: minuteOf(s.end as string),
    members: s.members as string[],
  }));
  if (shifts.length === 0) {
    return shifts;
  }
  let ok = true;
  const names = new Set<string>();
  shifts.forEach((s, i) => {
    if (names.has(s.name)) {
      fail(['shifts', i, 'name'], `shifts[${i}]: shift name "${s.name}" is used twice`);
      ok = false;
    }
    names.add(s.name);
    if (s.startMinute >= s.endMinute) {
      fail(
        ['shifts', i],
        `shifts[${i}] "${s.name}": start (${hhmm(s.startMinute)}) must be before end (${hhmm(s.endMinute)}); split a shift that crosses midnight in two`
      );
      ok = false;
    }
  });
  if (!ok) {
    return shifts;
  }
  const sorted = [...shifts].sort((a, b) => a.startMinute - b.startMinute);
  let cursor = 0;
  let previous: ShiftDefinition | undefined;
  for (const shift of sorted) {
    if (shift.startMinute > cursor) {
      fail(
        ['shifts'],
        `nobody on call from ${hhmm(cursor)} to ${hhmm(shift.startMinute)} UTC: shifts must cover the whole day`
      );
    } else if (previous && shift.startMinute < cursor) {
      fail(
        ['shifts'],
        `shifts "${previous.name}" and "${shift.name}" overlap from ${hhmm(shift.startMinute)} to ${hhmm(Math.min(cursor, shift.endMinute))} UTC`
      );
    }
    if (shift.endMinute > cursor) {
      cursor = shift.endMinute;
      previous = shift;
    }
  }
  if (cursor < MINUTES_PER_DAY) {
    fail(['shifts'], `nobody on call from ${hhmm(cursor)} to 24:00 UTC: shifts must cover the whole day`);
  }
  return shifts;
}

/** Whether [start, end) meets any daily occurrence of the shift's hours. */
function meetsShift(start: number, end: number, shift: ShiftDefinition): boolean {
  const day = MINUTES_PER_DAY * 60_000;
  if (end - start >= day) {
    return true;
  }
  for (let d = Math.floor(start / day); d * day < end; d++) {
    const from = d * day + shift.startMinute * 60_000;
    const to = d * day + shift.endMinute * 60_000;
    if (from < end && start < to) {
      return true;
    }
  }
  return false;
}

function buildOverrides(raw: Raw[], shifts: ShiftDefinition[], fail: Fail): OverrideDefinition[] {
  const out: OverrideDefinition[] = [];
  raw.forEach((o, i) => {
    const start = instant(o.start as string, ['overrides', i, 'start'], fail);
    const end = instant(o.end as string, ['overrides', i, 'end'], fail);
    if (start !== undefined && end !== undefined && start >= end) {
      fail(['overrides', i], `overrides[${i}]: start (${o.start}) must be before end (${o.end})`);
    }
    const shift = o.shift as string | undefined;
    const named = shifts.find((s) => s.name === shift);
    if (shift !== undefined && !named) {
      const known = shifts.map((s) => s.name);
      fail(
        ['overrides', i, 'shift'],
        `overrides[${i}]: unknown shift "${shift}"${known.length ? ` (shifts: ${known.join(', ')})` : ' (this schedule has no shifts)'}`
      );
    } else if (named && start !== undefined && end !== undefined && start < end && !meetsShift(start, end, named)) {
      fail(
        ['overrides', i],
        `overrides[${i}]: ${o.start} to ${o.end} never falls in shift "${named.name}" (${hhmm(named.startMinute)}-${hhmm(named.endMinute)} UTC), so it would change nothing`
      );
    }
    out.push({
      start: start ?? 0,
      end: end ?? 0,
      member: o.member as string,
      ...(shift !== undefined ? { shift } : {}),
    });
  });
  return out;
}
