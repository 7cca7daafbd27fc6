/**
 * The validated, normalised model of a headroom/v1 definitions file (see DESIGN.md).
 * Parsing and validation (YAML + schema, Sloth and OpenSLO mapping) produce this; every engine reads only this.
 * Durations are milliseconds; objectives are fractions (99.9% -> 0.999).
 */

export type SloWindow =
  | { kind: 'rolling'; ms: number; text: string }
  | { kind: 'calendar-month'; text: 'calendar-month' }
  | { kind: 'calendar-quarter'; text: 'calendar-quarter' };

export type SliDefinition =
  /** counter selectors; exactly one of bad/good is set */
  | { kind: 'events'; bad?: string; good?: string; total: string }
  /** histogram selector without suffix; good = *_bucket{le="threshold"}, total = *_count */
  | { kind: 'latency'; histogram: string; threshold: number };

export interface SloDefinition {
  id: string;
  service: string;
  name: string;
  description?: string;
  /** fraction, 0 < objective < 1 */
  objective: number;
  window: SloWindow;
  sli: SliDefinition;
  labels: Record<string, string>;
  /** where it came from, for error messages: "definitions.yaml slos[2]" */
  origin: string;
  /** the same, structured (set by the parser; used to report duplicates across files) */
  at?: DefinitionLocation;
}

export interface BurnPolicy {
  /** percent of the window's budget */
  budget: number;
  /** ms */
  within: number;
}

export interface ErrorBudgetPolicy {
  /** percent of budget consumed that means "warning" */
  warningConsumed: number;
  fastBurn: BurnPolicy;
  slowBurn: BurnPolicy;
}

export type ResourceKind = 'cpu' | 'memory' | 'disk' | 'network' | 'custom';

export interface CapacityDefinition {
  id: string;
  name: string;
  resource: ResourceKind;
  /** PromQL; may return several series (one per node etc.) when `capacity` matches them by labels */
  usage: string;
  capacity: string;
  /** percent utilisation */
  thresholds: { warning: number; critical: number };
  labels: Record<string, string>;
  origin: string;
  at?: DefinitionLocation;
}

export interface HeadroomBufferPolicy {
  /** percent headroom: handbook minimum 30, target 50, alert below 20 */
  minimum: number;
  target: number;
  alert: number;
  peakMultiplier: number;
}

export interface ShiftDefinition {
  name: string;
  /** minutes after 00:00 UTC; end may be 1440 */
  startMinute: number;
  endMinute: number;
  members: string[];
}

export interface OverrideDefinition {
  start: number; // epoch ms
  end: number; // epoch ms
  member: string;
  /** shift name; undefined = the schedule without shifts, or every shift */
  shift?: string;
}

export interface ScheduleDefinition {
  id: string;
  name: string;
  /** epoch ms */
  handoff: number;
  /** ms */
  rotation: number;
  members: string[];
  shifts: ShiftDefinition[];
  overrides: OverrideDefinition[];
  /** IANA zone for display only; all rules are UTC */
  timeZone?: string;
  origin: string;
  at?: DefinitionLocation;
}

export type Severity = 'sev1' | 'sev2' | 'sev3' | 'sev4';

export interface ResponseTimes {
  acknowledge: number; // ms
  respond: number; // ms
  escalate: number; // ms
}

export interface CostDefinition {
  /** price per unit-hour of a capacity resource, by capacity id */
  unitPrices: Record<string, number>;
  currency: string;
  /** counter selector of requests, for cost per request */
  requests?: string;
}

export interface Definitions {
  slos: SloDefinition[];
  policy: ErrorBudgetPolicy;
  capacity: CapacityDefinition[];
  buffer: HeadroomBufferPolicy;
  oncall: ScheduleDefinition[];
  response: Record<Severity, ResponseTimes>;
  cost?: CostDefinition;
}

/** One problem found in the definitions; valid items keep working beside it. */
export interface DefinitionError {
  /** file name or "jsonData.definitions" */
  source: string;
  /** the item or section the error belongs to (what gets dropped or defaulted): "slos[2]", "policy" */
  path: string;
  /** the exact field, when there is one: "slos[2].objective" (the message names it relative to `path`) */
  field?: string;
  /** id of the item when it has one */
  itemId?: string;
  /** 1-based line in the source text, when known */
  line?: number;
  message: string;
}

export interface LoadedDefinitions {
  definitions: Definitions;
  errors: DefinitionError[];
  /** where the singleton sections (policy, buffer, response, cost) were given, so a merge can report conflicts */
  declared?: Partial<Record<DeclaredSection, DefinitionLocation>>;
}

export type DeclaredSection = 'policy' | 'buffer' | 'response' | 'cost';

export interface DefinitionLocation {
  source: string;
  path: string;
  line?: number;
}

/** `slos[2] "api-gw": objective must be between 0 and 100 (got 150)` prefixed by the source. */
export function formatDefinitionError(e: DefinitionError): string {
  const item = e.itemId ? ` "${e.itemId}"` : '';
  const at = e.line ? `:${e.line}` : '';
  return `${e.source}${at}: ${e.path}${item}: ${e.message}`;
}

export const DEFAULT_POLICY: ErrorBudgetPolicy = {
  warningConsumed: 80,
  fastBurn: { budget: 2, within: 3_600_000 },
  slowBurn: { budget: 5, within: 86_400_000 },
};

export const DEFAULT_THRESHOLDS: Record<ResourceKind, { warning: number; critical: number }> = {
  cpu: { warning: 70, critical: 85 },
  memory: { warning: 75, critical: 90 },
  disk: { warning: 80, critical: 90 },
  network: { warning: 70, critical: 85 },
  custom: { warning: 70, critical: 85 },
};

export const DEFAULT_BUFFER: HeadroomBufferPolicy = { minimum: 30, target: 50, alert: 20, peakMultiplier: 3 };

const MIN = 60_000;
const HOUR = 60 * MIN;
export const DEFAULT_RESPONSE: Record<Severity, ResponseTimes> = {
  sev1: { acknowledge: 5 * MIN, respond: 15 * MIN, escalate: 30 * MIN },
  sev2: { acknowledge: 15 * MIN, respond: 30 * MIN, escalate: 2 * HOUR },
  sev3: { acknowledge: HOUR, respond: 4 * HOUR, escalate: 24 * HOUR },
  sev4: { acknowledge: 24 * HOUR, respond: 72 * HOUR, escalate: 7 * 24 * HOUR },
};

export function emptyDefinitions(): Definitions {
  return {
    slos: [],
    policy: DEFAULT_POLICY,
    capacity: [],
    buffer: DEFAULT_BUFFER,
    oncall: [],
    response: DEFAULT_RESPONSE,
  };
}
