/**
 * JSON Schema (draft-07) of a headroom/v1 definitions file.
 * The parser validates each item against its part with ajv (so one broken item never hides the others);
 * the frontend's code editor uses DEFINITIONS_SCHEMA as a whole for completion and hover help.
 * Rules that need more than a schema (selectors, duration minimums, shift coverage, unique ids) live in
 * validate.ts. Keep this file free of imports: the browser bundle loads it.
 */

export const ID_PATTERN = '^[a-z0-9-]+$';
export const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ms|s|m|h|d|w|y))+$';
export const WINDOW_PATTERN = '^(calendar-month|calendar-quarter|(\\d+(\\.\\d+)?(ms|s|m|h|d|w|y))+)$';
export const TIME_OF_DAY_PATTERN = '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$';
export const LABEL_NAME_PATTERN = '^[a-zA-Z_][a-zA-Z0-9_]*$';
/** a date, or a date-time that says its zone (a zone-less time would silently mean the server's zone) */
export const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$';

/** What each pattern means, for error messages ("must be <hint>"). */
export const PATTERN_HINTS: Record<string, string> = {
  [ID_PATTERN]: 'lowercase letters, digits and "-" only',
  [DURATION_PATTERN]: 'a duration such as 5m, 1h30m, 7d or 1w',
  [WINDOW_PATTERN]: 'a rolling duration such as 28d or 30d, or calendar-month or calendar-quarter',
  [TIME_OF_DAY_PATTERN]: 'a UTC time of day "HH:MM" from "00:00" to "24:00"',
  [LABEL_NAME_PATTERN]: 'a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)',
  [INSTANT_PATTERN]: 'an ISO 8601 date or date-time with a zone, such as "2026-01-05T00:00:00Z"',
};

const id = { type: 'string', pattern: ID_PATTERN, description: 'Unique id: lowercase letters, digits and "-".' };
const duration = (description: string) => ({ type: 'string', pattern: DURATION_PATTERN, description });
const percent = (description: string) => ({ type: 'number', minimum: 0, maximum: 100, description });
const nonEmpty = (description: string) => ({ type: 'string', minLength: 1, description });
const selector = (description: string) => ({ type: 'string', minLength: 1, description });
const instant = (description: string) => ({ type: 'string', pattern: INSTANT_PATTERN, description });
const labels = {
  type: 'object',
  description: 'Extra labels carried onto every series of this item.',
  propertyNames: { pattern: LABEL_NAME_PATTERN },
  additionalProperties: { type: ['string', 'number', 'boolean'] },
};

export const SLO_SCHEMA = {
  type: 'object',
  required: ['id', 'service', 'objective', 'sli'],
  additionalProperties: false,
  properties: {
    id,
    service: nonEmpty("Service this SLO belongs to (matches the dashboards' `service` variable)."),
    name: { type: 'string', description: 'Display name; defaults to the id.' },
    description: { type: 'string' },
    objective: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 100,
      description: 'Percent of good events, e.g. 99.9. 100 is not allowed: it leaves no error budget.',
    },
    window: {
      type: 'string',
      pattern: WINDOW_PATTERN,
      default: '30d',
      description: 'Rolling window (at least 1h, e.g. 28d, 30d) or calendar-month | calendar-quarter.',
    },
    sli: {
      type: 'object',
      additionalProperties: false,
      description: 'Exactly one of `events` or `latency`.',
      properties: {
        events: {
          type: 'object',
          additionalProperties: false,
          required: ['total'],
          description: 'Counter selectors: exactly one of `bad` or `good`, and `total`.',
          properties: {
            bad: selector('Counter selector of bad events, e.g. http_requests_total{code=~"5.."}'),
            good: selector('Counter selector of good events.'),
            total: selector('Counter selector of all events.'),
          },
        },
        latency: {
          type: 'object',
          additionalProperties: false,
          required: ['histogram', 'threshold'],
          properties: {
            histogram: selector('Histogram selector without the _bucket/_count suffix.'),
            threshold: {
              type: 'number',
              exclusiveMinimum: 0,
              description: "Seconds; must be one of the histogram's bucket boundaries (le).",
            },
          },
        },
      },
    },
    labels,
  },
};

const burn = (description: string) => ({
  type: 'object',
  additionalProperties: false,
  description,
  properties: {
    budget: { type: 'number', exclusiveMinimum: 0, maximum: 100, description: "Percent of the window's error budget." },
    within: duration('Time in which that much budget is spent.'),
  },
});

export const POLICY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description:
    'Error budget policy (handbook defaults: warning at 80% consumed, fast burn 2% in 1h, slow burn 5% in 1d).',
  properties: {
    warningConsumed: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 100,
      description: 'Percent of budget consumed that means "warning".',
    },
    fastBurn: burn('Page when this much budget burns this fast (default 2% within 1h).'),
    slowBurn: burn('Ticket when this much budget burns this fast (default 5% within 1d).'),
  },
};

export const CAPACITY_SCHEMA = {
  type: 'object',
  required: ['id', 'resource', 'usage', 'capacity'],
  additionalProperties: false,
  properties: {
    id,
    name: { type: 'string' },
    resource: { type: 'string', enum: ['cpu', 'memory', 'disk', 'network', 'custom'] },
    usage: nonEmpty('PromQL of the amount used.'),
    capacity: nonEmpty('PromQL of the amount available, in the same unit as usage.'),
    thresholds: {
      type: 'object',
      additionalProperties: false,
      description: 'Percent utilisation; defaults by resource (cpu 70/85, memory 75/90, disk 80/90, network 70/85).',
      properties: {
        warning: percent('Warning at this % utilisation.'),
        critical: percent('Critical at this % utilisation.'),
      },
    },
    labels,
  },
};

export const BUFFER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'Headroom buffer policy (handbook: minimum 30%, target 50%, alert below 20%, peak 3x average).',
  properties: {
    minimum: percent('Always keep this % headroom.'),
    target: percent('Aim for this % headroom.'),
    alert: percent('Alert below this % headroom.'),
    peakMultiplier: { type: 'number', minimum: 1, description: 'Peak load as a multiple of the average.' },
  },
};

const members = { type: 'array', items: nonEmpty('Member name.') };

export const SCHEDULE_SCHEMA = {
  type: 'object',
  required: ['id', 'handoff', 'rotation'],
  additionalProperties: false,
  properties: {
    id,
    name: { type: 'string' },
    handoff: instant('Rotation epoch, e.g. "2026-01-05T00:00:00Z".'),
    rotation: duration('The primary moves on every rotation, e.g. 1w.'),
    members: { ...members, description: 'Used when no shifts are given.' },
    timeZone: { type: 'string', description: 'IANA zone for display only; all rules are UTC.' },
    shifts: {
      type: 'array',
      description: 'Follow-the-sun shifts covering the whole UTC day, each [start, end).',
      items: {
        type: 'object',
        required: ['name', 'start', 'end', 'members'],
        additionalProperties: false,
        properties: {
          name: nonEmpty('Shift name, e.g. eu.'),
          start: { type: 'string', pattern: TIME_OF_DAY_PATTERN },
          end: { type: 'string', pattern: TIME_OF_DAY_PATTERN },
          members: { ...members, minItems: 1 },
        },
      },
    },
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        required: ['start', 'end', 'member'],
        additionalProperties: false,
        properties: {
          start: instant('Start of the override.'),
          end: instant('End of the override (exclusive).'),
          member: nonEmpty('Who is primary instead.'),
          shift: { type: 'string', description: 'Shift name; omitted = every shift.' },
        },
      },
    },
  },
};

const responseTimes = {
  type: 'object',
  additionalProperties: false,
  properties: {
    acknowledge: duration('Time to acknowledge.'),
    respond: duration('Time to initial response.'),
    escalate: duration('Escalate if unresolved after this long.'),
  },
};

export const RESPONSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'Response times per severity (handbook defaults; missing values keep their default).',
  properties: { sev1: responseTimes, sev2: responseTimes, sev3: responseTimes, sev4: responseTimes },
};

export const COST_SCHEMA = {
  type: 'object',
  required: ['unitPrices'],
  additionalProperties: false,
  properties: {
    unitPrices: {
      type: 'object',
      description: 'Price per unit-hour of capacity, by capacity id.',
      additionalProperties: { type: 'number', minimum: 0 },
    },
    currency: { type: 'string', minLength: 1, default: 'USD' },
    requests: selector('Counter selector of requests, for cost per request.'),
  },
};

/** Top level only; items and sections are checked one by one with the schemas above. */
export const TOP_LEVEL_SCHEMA = {
  type: 'object',
  required: ['apiVersion'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'headroom/v1' },
    slos: { type: 'array' },
    policy: {},
    capacity: { type: 'array' },
    buffer: {},
    oncall: { type: 'array' },
    response: {},
    cost: {},
  },
};

/** The whole file, for editors. */
export const DEFINITIONS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Headroom definitions (headroom/v1)',
  ...TOP_LEVEL_SCHEMA,
  properties: {
    apiVersion: { const: 'headroom/v1' },
    slos: { type: 'array', items: SLO_SCHEMA },
    policy: POLICY_SCHEMA,
    capacity: { type: 'array', items: CAPACITY_SCHEMA },
    buffer: BUFFER_SCHEMA,
    oncall: { type: 'array', items: SCHEDULE_SCHEMA },
    response: RESPONSE_SCHEMA,
    cost: COST_SCHEMA,
  },
};
