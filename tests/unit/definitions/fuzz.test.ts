import fc from 'fast-check';
import { stringify } from 'yaml';

import type { LoadedDefinitions } from '../../../src/core/definitions/model';
import { mergeDefinitions, parseDefinitions } from '../../../src/core/definitions/parse';

/**
 * Property tests: whatever the text, parsing never throws, every rejection says where and what, and the
 * model that comes out only holds items that satisfy the contract. 2,000 cases in all.
 */

const FIELD_NAMES = [
  'apiVersion',
  'version',
  'kind',
  'slos',
  'policy',
  'capacity',
  'oncall',
  'response',
  'buffer',
  'cost',
  'id',
  'service',
  'objective',
  'window',
  'sli',
  'events',
  'bad',
  'good',
  'total',
  'latency',
  'histogram',
  'threshold',
  'labels',
  'resource',
  'usage',
  'thresholds',
  'warning',
  'critical',
  'handoff',
  'rotation',
  'members',
  'shifts',
  'start',
  'end',
  'name',
  'overrides',
  'member',
  'shift',
  'sev1',
  'acknowledge',
  'respond',
  'escalate',
  'unitPrices',
  'metadata',
  'spec',
  'indicator',
  'ratioMetric',
  'objectives',
  'target',
  'timeWindow',
  'duration',
  'error_query',
  'total_query',
  'timeZone',
];
const SCALARS = fc.oneof(
  fc.constantFrom(
    'headroom/v1',
    'prometheus/v1',
    'openslo/v1',
    'SLO',
    '30d',
    '1h',
    '0s',
    'calendar-month',
    '24:00',
    '08:00',
    '2026-01-05T00:00:00Z',
    'cpu',
    'ram',
    'x{a="b"}',
    'sum(rate(x[{{.window}}]))',
    'a-b',
    'UTC',
    ''
  ),
  fc.double({ noNaN: false }),
  fc.integer({ min: -200, max: 200 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 })
);
const { value: VALUE } = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthSize: 'small', withCrossShrink: true },
    SCALARS,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELD_NAMES), tie('value'), { maxKeys: 6 })
  ),
}));

/** Checks the contract of a parse result; returns it for further checks. */
function checkContract(loaded: LoadedDefinitions, text: string): LoadedDefinitions {
  const lines = text.split('\n').length;
  for (const e of loaded.errors) {
    expect(e.source).toBeTruthy();
    expect(e.path).toBeTruthy();
    expect(e.message).toBeTruthy();
    expect(e.message).not.toMatch(/\(got undefined\)|\[object Object\]/);
    if (e.line !== undefined) {
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lines + 1);
    }
  }
  const { slos, capacity, oncall } = loaded.definitions;
  for (const list of [slos, capacity, oncall]) {
    expect(new Set(list.map((i) => i.id)).size).toBe(list.length);
    list.forEach((i) => expect(i.id).toMatch(/^[a-z0-9-]+$/));
  }
  for (const slo of slos) {
    expect(slo.objective).toBeGreaterThan(0);
    expect(slo.objective).toBeLessThan(1);
    if (slo.window.kind === 'rolling') {
      expect(slo.window.ms).toBeGreaterThanOrEqual(3_600_000);
    }
  }
  for (const c of capacity) {
    expect(c.thresholds.warning).toBeLessThan(c.thresholds.critical);
  }
  for (const s of oncall) {
    expect(s.members.length + s.shifts.length).toBeGreaterThan(0);
    expect(Number.isFinite(s.handoff)).toBe(true);
    expect(s.rotation).toBeGreaterThan(0);
  }
  return loaded;
}

const parses = (text: string) => {
  let loaded: LoadedDefinitions | undefined;
  expect(() => {
    loaded = mergeDefinitions([parseDefinitions(text, 'fuzz.yaml')]);
  }).not.toThrow();
  return checkContract(loaded!, text);
};

const VALID = `apiVersion: headroom/v1
slos:
  - id: api-gateway-availability
    service: api_gateway
    objective: 99.99
    window: 30d
    sli:
      events:
        bad: http_requests_total{service="api_gateway",code=~"5.."}
        total: http_requests_total{service="api_gateway"}
capacity:
  - {id: cluster-cpu, resource: cpu, usage: "sum(rate(x[5m]))", capacity: "count(y)"}
oncall:
  - id: platform
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    shifts:
      - {name: us, start: "00:00", end: "08:00", members: [ana, ben]}
      - {name: eu, start: "08:00", end: "24:00", members: [chen]}
response:
  sev1: {acknowledge: 5m, respond: 15m, escalate: 30m}
`;

describe('definitions fuzz', () => {
  it('random YAML-shaped documents never throw and every rejection has a path and a message', () => {
    const doc = fc.oneof(
      VALUE,
      fc
        .dictionary(fc.constantFrom(...FIELD_NAMES), VALUE, { maxKeys: 8 })
        .map((d) => ({ apiVersion: 'headroom/v1', ...d })),
      fc
        .array(fc.dictionary(fc.constantFrom(...FIELD_NAMES), VALUE, { maxKeys: 8 }), { maxLength: 4 })
        .map((slos) => ({ apiVersion: 'headroom/v1', slos })),
      fc
        .dictionary(fc.constantFrom(...FIELD_NAMES), VALUE, { maxKeys: 8 })
        .map((d) => ({ version: 'prometheus/v1', service: 's', ...d })),
      fc
        .dictionary(fc.constantFrom(...FIELD_NAMES), VALUE, { maxKeys: 8 })
        .map((d) => ({ apiVersion: 'openslo/v1', kind: 'SLO', ...d }))
    );
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 3 }), (docs) => {
        parses(docs.map((d) => stringify(d)).join('---\n'));
      }),
      { numRuns: 900 }
    );
  });

  it('random edits of a valid file never throw and keep lines inside the text', () => {
    const edit = fc.record({
      at: fc.nat(),
      cut: fc.nat({ max: 12 }),
      insert: fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom(':', '- ', '{', '"', '\n  ', '---\n', '&a', '*a', '!!', '#')
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = VALID;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        }
        parses(text);
      }),
      { numRuns: 700 }
    );
  });

  it('valid items keep working beside any number of broken ones', () => {
    const junk = fc.dictionary(fc.constantFrom(...FIELD_NAMES), VALUE, { maxKeys: 6 });
    const entry = fc.oneof(
      fc.record({ kind: fc.constant('valid' as const), objective: fc.double({ min: 0.01, max: 99.99, noNaN: true }) }),
      fc.record({ kind: fc.constant('junk' as const), body: junk })
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const slos = entries.map(
          (e, i) =>
            e.kind === 'valid'
              ? { id: `valid-${i}`, service: 's', objective: e.objective, sli: { events: { bad: 'e', total: 't' } } }
              : { ...e.body, id: `junk-${i}`, objective: 150 } // an objective of 150 makes every junk item invalid
        );
        const loaded = parses(stringify({ apiVersion: 'headroom/v1', slos }));
        const expected = entries.flatMap((e, i) => (e.kind === 'valid' ? [`valid-${i}`] : []));
        expect(loaded.definitions.slos.map((s) => s.id)).toEqual(expected);
        const junkIds = entries.flatMap((e, i) => (e.kind === 'junk' ? [`junk-${i}`] : []));
        expect([...new Set(loaded.errors.map((e) => e.itemId))]).toEqual(junkIds);
      }),
      { numRuns: 400 }
    );
  });
});
