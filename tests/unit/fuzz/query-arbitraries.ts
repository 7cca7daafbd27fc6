import fc from 'fast-check';
import { SMALL_DEFINITION_IDS } from '../../support/small-definitions';

/**
 * fast-check arbitraries for query JSON as Grafana could send it (known and unknown query types, the fields
 * handlers read with values of every type, raw non-JSON bytes, odd time ranges and steps), and the check every
 * answer must pass. Shared by the in-process and the executable fuzz tests.
 */
const QUERY_TYPES = [
  'slo',
  'sloCatalog',
  'burnAlert',
  'capacity',
  'capacityCatalog',
  'oncall',
  'incidents',
  'availability',
  'events',
  'summary',
  'cost',
];
/** field names any query type reads (so values of the wrong type reach each handler's checks) */
const FIELDS = [
  'slo',
  'service',
  'series',
  'burnRateWindows',
  'severity',
  'resource',
  'forecast',
  'schedule',
  'kinds',
  'what',
  'growth',
  'peakFactor',
  'window',
  'at',
];
const WORDS = [
  ...Object.values(SMALL_DEFINITION_IDS),
  'api_gateway',
  'workflow_engine',
  'sli',
  'burnRate',
  'utilization',
  'forecast',
  'page',
  'ticket',
  'sev1',
  'linear',
  'holt-winters',
  'trend',
  '5m',
  '1h',
  '30d',
  '0s',
  '-1h',
  '99999999d',
  '$service',
  '{a,b}',
  'All',
  '',
  '../etc',
  '__proto__',
  'constructor',
];

const scalar = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null)
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('method', 'horizon', 'season', 'peak', 'training', ...FIELDS), tie('value'), {
      maxKeys: 4,
    })
  ),
}));

export const fuzzQuery = fc.record(
  {
    queryType: fc.oneof(
      fc.constantFrom(...QUERY_TYPES),
      fc.constantFrom(...QUERY_TYPES),
      fc.string({ maxLength: 6 }),
      fc.constant(undefined)
    ),
    fields: fc.dictionary(fc.constantFrom(...FIELDS, '__proto__', 'refId', 'datasource', 'hide'), value, {
      maxKeys: 5,
    }),
    raw: fc.option(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('[]', 'null', '1', '"x"', '{', '{"a":')), {
      freq: 8,
    }),
    // short ranges and few points: the fuzz is about validation, not the cost of a 30-day query
    toOffset: fc.integer({ min: -2 * 86_400_000, max: 86_400_000 }),
    span: fc.oneof(fc.integer({ min: -3_600_000, max: 6 * 3_600_000 }), fc.constantFrom(0, 1, NaN)),
    intervalMS: fc.oneof(fc.constantFrom(0, -1, 1, 15_000, 60_000), fc.integer({ min: -1e9, max: 1e9 })),
    maxDataPoints: fc.oneof(fc.constantFrom(0, -5, 1, 2, 100), fc.integer({ min: -1e6, max: 200 })),
  },
  { requiredKeys: ['queryType', 'fields', 'toOffset', 'span', 'intervalMS', 'maxDataPoints'] }
);

export type FuzzQuery = typeof fuzzQuery extends fc.Arbitrary<infer T> ? T : never;

export const NOW = Date.UTC(2026, 10, 20, 12);

export function toDataQuery(q: FuzzQuery, refId: string) {
  const to = NOW + q.toOffset;
  const from = Number.isFinite(q.span) ? to - q.span : to;
  const json = q.raw ?? JSON.stringify({ refId, queryType: q.queryType, ...q.fields });
  return {
    refId,
    queryType: q.queryType ?? '',
    json: Buffer.from(json),
    timeRange: { fromEpochMS: Math.round(from), toEpochMS: Math.round(to) },
    intervalMS: Math.round(q.intervalMS),
    maxDataPoints: Math.round(q.maxDataPoints),
  };
}

/** Checks one answer; returns a description of what is wrong, or undefined. */
export function problem(
  q: FuzzQuery,
  r: { status: number; error?: string; frames: unknown[] } | undefined,
  refId: string
): string | undefined {
  if (!r) {
    return 'no answer';
  }
  if (r.status === 200) {
    return r.error ? `status 200 with error "${r.error}"` : undefined;
  }
  if (!(r.status >= 400 && r.status < 600) || r.status === 500) {
    return `status ${r.status}: ${r.error}`;
  }
  if (!r.error || r.error.trim() === '') {
    return `status ${r.status} without a message`;
  }
  // a rejection names what it is about: the query (refId / type), a field, a value, the JSON or the time range
  const values = Object.values(q.fields).filter((v): v is string => typeof v === 'string' && v.trim().length > 1);
  const names = [
    refId,
    String(q.queryType),
    ...Object.keys(q.fields),
    ...values,
    'query',
    'json',
    'time',
    'range',
    'step',
    'grid',
  ];
  const message = r.error.toLowerCase();
  if (!names.some((n) => n && message.includes(n.toLowerCase()))) {
    return `rejection names nothing of the query: "${r.error}"`;
  }
  return undefined;
}
