import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';

import {
  DEFAULT_BUFFER,
  DEFAULT_POLICY,
  DEFAULT_RESPONSE,
  formatDefinitionError,
  type DefinitionError,
  type LoadedDefinitions,
} from '../../../src/core/definitions/model';
import { mergeDefinitions, parseDefinitions } from '../../../src/core/definitions/parse';
import { DEFINITIONS_SCHEMA } from '../../../src/core/definitions/schema';
import { DEMO_DEFINITIONS_YAML } from '../../../src/demo/definitions';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The DESIGN.md example, verbatim in substance. */
const DESIGN_EXAMPLE = `apiVersion: headroom/v1
slos:
  - id: api-gateway-availability          # unique, [a-z0-9-]+
    service: api_gateway
    name: API gateway availability         # optional
    objective: 99.99                        # percent of good events
    window: 30d                             # rolling (e.g. 7d, 28d, 30d) or calendar-month | calendar-quarter
    sli:
      events:                               # counter selectors; either bad or good, and total
        bad: http_requests_total{service="api_gateway",code=~"5.."}
        total: http_requests_total{service="api_gateway"}
    labels: {tier: critical}                # optional, carried onto every series
  - id: api-gateway-latency
    service: api_gateway
    objective: 99                           # 99% of requests faster than the threshold
    sli:
      latency:
        histogram: http_request_duration_seconds{service="api_gateway"}  # *_bucket / *_count implied
        threshold: 0.2                      # seconds; must be a bucket boundary (le)
policy:                                     # error budget policy; these are the defaults
  warningConsumed: 80                       # % of budget consumed -> warning (freeze risky changes)
  fastBurn: {budget: 2, within: 1h}         # 2% of budget in 1h -> page
  slowBurn: {budget: 5, within: 1d}         # 5% of budget in 1d -> ticket
capacity:
  - id: cluster-cpu
    resource: cpu                           # cpu | memory | disk | network | custom
    usage: sum(rate(node_cpu_seconds_total{mode!="idle"}[5m]))   # PromQL
    capacity: count(node_cpu_seconds_total{mode="idle"})           # PromQL, same unit as usage
    thresholds: {warning: 70, critical: 85} # % utilization; defaults by resource below
oncall:
  - id: platform
    handoff: "2026-01-05T00:00:00Z"         # rotation epoch (UTC)
    rotation: 1w                            # primary moves on every rotation
    members: [ana, ben, chen, dana]         # used when no shifts are given
    shifts:                                 # follow-the-sun; [start, end) in UTC, each with its own members
      - {name: us,   start: "00:00", end: "08:00", members: [ana, ben]}
      - {name: eu,   start: "08:00", end: "16:00", members: [chen, dana]}
      - {name: apac, start: "16:00", end: "24:00", members: [eli, fay]}
    overrides:
      - {start: "2026-02-01T00:00:00Z", end: "2026-02-02T00:00:00Z", member: ben, shift: us}
response:                                   # per severity: acknowledge / respond / escalate
  sev1: {acknowledge: 5m, respond: 15m, escalate: 30m}
  sev2: {acknowledge: 15m, respond: 30m, escalate: 2h}
  sev3: {acknowledge: 1h, respond: 4h, escalate: 24h}
`;

const formatted = (loaded: LoadedDefinitions) => loaded.errors.map(formatDefinitionError);

/** A headroom/v1 text with one SLO whose fields are overridden by `slo` (YAML flow mapping body). */
function oneSlo(fields: string): string {
  return `apiVersion: headroom/v1
slos:
  - {id: good-one, service: s, objective: 99.9, sli: {events: {bad: errors_total, total: requests_total}}}
  - {id: api-gw, service: api_gateway, ${fields}}
`;
}

function onlyError(loaded: LoadedDefinitions): DefinitionError {
  expect(loaded.errors).toHaveLength(1);
  return loaded.errors[0];
}

describe('headroom/v1: the DESIGN.md example', () => {
  const loaded = parseDefinitions(DESIGN_EXAMPLE, 'definitions.yaml');

  it('has no errors and normalises every item', () => {
    expect(loaded.errors).toEqual([]);
    const [availability, latency] = loaded.definitions.slos;
    expect(availability).toMatchObject({
      id: 'api-gateway-availability',
      service: 'api_gateway',
      name: 'API gateway availability',
      objective: 0.9999,
      window: { kind: 'rolling', ms: 30 * DAY, text: '30d' },
      sli: {
        kind: 'events',
        bad: 'http_requests_total{service="api_gateway", code=~"5.."}',
        total: 'http_requests_total{service="api_gateway"}',
      },
      labels: { tier: 'critical' },
      origin: 'definitions.yaml slos[0]',
      at: { source: 'definitions.yaml', path: 'slos[0]', line: 3 },
    });
    expect(latency).toMatchObject({
      id: 'api-gateway-latency',
      name: 'api-gateway-latency', // defaults to the id
      objective: 0.99,
      window: { kind: 'rolling', ms: 30 * DAY, text: '30d' }, // default window
      sli: { kind: 'latency', histogram: 'http_request_duration_seconds{service="api_gateway"}', threshold: 0.2 },
      labels: {},
    });
    expect(loaded.definitions.policy).toEqual(DEFAULT_POLICY);
    expect(loaded.definitions.capacity).toEqual([
      expect.objectContaining({
        id: 'cluster-cpu',
        name: 'cluster-cpu',
        resource: 'cpu',
        thresholds: { warning: 70, critical: 85 },
      }),
    ]);
    const [platform] = loaded.definitions.oncall;
    expect(platform).toMatchObject({
      id: 'platform',
      handoff: Date.UTC(2026, 0, 5),
      rotation: 7 * DAY,
      members: ['ana', 'ben', 'chen', 'dana'],
      shifts: [
        { name: 'us', startMinute: 0, endMinute: 480, members: ['ana', 'ben'] },
        { name: 'eu', startMinute: 480, endMinute: 960, members: ['chen', 'dana'] },
        { name: 'apac', startMinute: 960, endMinute: 1440, members: ['eli', 'fay'] },
      ],
      overrides: [{ start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 1, 2), member: 'ben', shift: 'us' }],
    });
    expect(loaded.definitions.response).toEqual(DEFAULT_RESPONSE); // sev4 filled from the handbook
    expect(loaded.definitions.buffer).toEqual(DEFAULT_BUFFER);
    expect(loaded.definitions.cost).toBeUndefined();
  });

  it('an empty text is an empty, valid definitions file', () => {
    expect(parseDefinitions('', 'x')).toMatchObject({
      errors: [],
      definitions: { slos: [], capacity: [], oncall: [] },
    });
    expect(parseDefinitions('# nothing yet\n', 'x').errors).toEqual([]);
  });
});

describe('headroom/v1: every error names source, item, id, field, value and line; valid items keep working', () => {
  it('objective out of range, in the DESIGN.md wording', () => {
    const loaded = parseDefinitions(oneSlo('objective: 150, sli: {events: {bad: e, total: t}}'), 'defs.yaml');
    expect(onlyError(loaded)).toEqual({
      source: 'defs.yaml',
      path: 'slos[1]',
      field: 'slos[1].objective',
      itemId: 'api-gw',
      line: 4,
      message: 'objective must be between 0 and 100 (got 150)',
    });
    expect(formatDefinitionError(loaded.errors[0])).toBe(
      'defs.yaml:4: slos[1] "api-gw": objective must be between 0 and 100 (got 150)'
    );
    expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['good-one']);
  });

  it('objective 100 explains that there is no budget', () => {
    const loaded = parseDefinitions(oneSlo('objective: 100, sli: {events: {bad: e, total: t}}'), 'd');
    expect(onlyError(loaded).message).toBe(
      'objective must be below 100 (got 100): an objective of 100% leaves no error budget'
    );
  });

  it.each([
    ['objective: 0, sli: {events: {bad: e, total: t}}', 'objective must be between 0 and 100 (got 0)'],
    ['objective: "99.9%", sli: {events: {bad: e, total: t}}', 'objective must be a number (got "99.9%")'],
    ['objective: 99, window: 30m, sli: {events: {bad: e, total: t}}', 'window must be at least 1h (got "30m")'],
    [
      'objective: 99, window: monthly, sli: {events: {bad: e, total: t}}',
      'window must be a rolling duration such as 28d or 30d, or calendar-month or calendar-quarter (got "monthly")',
    ],
    ['objective: 99, sli: {events: {bad: e, good: g, total: t}}', 'sli.events must have either bad or good, not both'],
    ['objective: 99, sli: {events: {total: t}}', 'sli.events needs bad or good (and total)'],
    ['objective: 99, sli: {events: {bad: e}}', 'sli.events.total is required'],
    ['objective: 99, sli: {}', 'sli needs events (bad or good, and total) or latency (histogram and threshold)'],
    [
      'objective: 99, sli: {events: {bad: e, total: t}, latency: {histogram: h, threshold: 1}}',
      'sli must have either events or latency, not both',
    ],
    [
      'objective: 99, sli: {events: {bad: "sum(rate(e[5m]))", total: t}}',
      'sli.events.bad is not a PromQL selector like metric{label="value"}: expected the end of the selector (functions are not allowed here, only a selector) at column 4, found "(rate(e[5m])" (got "sum(rate(e[5m]))")',
    ],
    [
      'objective: 99, sli: {latency: {histogram: h_bucket, threshold: 0.2}}',
      'sli.latency.histogram must name the histogram without its _bucket suffix (use h)',
    ],
    [
      'objective: 99, sli: {latency: {histogram: h, threshold: 0}}',
      'sli.latency.threshold must be greater than 0 (got 0)',
    ],
    [
      'objective: 99, sli: {latency: {histogram: "{le=\\"1\\"}", threshold: 1}}',
      'sli.latency.histogram needs a metric name: _bucket and _count are appended to it (got "{le=\\"1\\"}")',
    ],
    [
      'objective: 99, objectve: 98, sli: {events: {bad: e, total: t}}',
      'unknown field "objectve" (did you mean "objective"?)',
    ],
    [
      'objective: 99, sli: {events: {bad: e, total: t}}, labels: {tier-1: x}',
      'labels: "tier-1" is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)',
    ],
  ])('%s -> %s', (fields, message) => {
    const loaded = parseDefinitions(oneSlo(fields), 'd');
    expect(onlyError(loaded)).toMatchObject({ source: 'd', path: 'slos[1]', itemId: 'api-gw', line: 4, message });
    expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['good-one']);
  });

  it('one pass shows every problem of an item: schema and rules beyond it', () => {
    const loaded = parseDefinitions(
      oneSlo('objectve: 99, window: 30m, sli: {events: {bad: "x{", good: y, total: t}}'),
      'd'
    );
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'objective is required',
      'unknown field "objectve" (did you mean "objective"?)',
      'window must be at least 1h (got "30m")',
      'sli.events must have either bad or good, not both',
    ]);
    const capacity = parseDefinitions(
      'apiVersion: headroom/v1\ncapacity: [{id: c, resource: cpu, usage: 1, capacity: c, thresholds: {warning: 90}}]\n',
      'd'
    );
    expect(capacity.errors.map((e) => e.message)).toEqual([
      'usage must be a string (got 1)',
      'thresholds.warning (90) must be below thresholds.critical (85); cpu defaults are 70/85',
    ]);
    expect(capacity.definitions.capacity).toEqual([]);
  });

  it('a missing or malformed id still names the item by index', () => {
    const loaded = parseDefinitions(
      `apiVersion: headroom/v1
slos:
  - service: s
    objective: 99
    sli: {events: {bad: e, total: t}}
  - id: Bad_Id
    service: s
    objective: 99
    sli: {events: {bad: e, total: t}}
`,
      'd'
    );
    expect(formatted(loaded)).toEqual([
      'd:3: slos[0]: id is required',
      'd:6: slos[1] "Bad_Id": id must be lowercase letters, digits and "-" only (got "Bad_Id")',
    ]);
  });

  it('points the line at the offending field inside a block mapping', () => {
    const loaded = parseDefinitions(
      `apiVersion: headroom/v1
slos:
  - id: a
    service: s
    objective: 99
    sli:
      events:
        bad: "x{"
        total: t
`,
      'd'
    );
    expect(onlyError(loaded)).toMatchObject({ line: 8, field: 'slos[0].sli.events.bad' });
  });

  it('capacity: resource enum, non-empty queries, thresholds by kind and warning < critical', () => {
    const loaded = parseDefinitions(
      `apiVersion: headroom/v1
capacity:
  - {id: mem, resource: memory, usage: u, capacity: c}
  - {id: disk, resource: disk, usage: u, capacity: c, thresholds: {critical: 95}}
  - {id: ram, resource: ram, usage: u, capacity: c}
  - {id: empty, resource: cpu, usage: "", capacity: c}
  - {id: inverted, resource: cpu, usage: u, capacity: c, thresholds: {warning: 90}}
  - {id: over, resource: network, usage: u, capacity: c, thresholds: {warning: 70, critical: 120}}
`,
      'c.yaml'
    );
    expect(loaded.definitions.capacity.map((c) => [c.id, c.thresholds])).toEqual([
      ['mem', { warning: 75, critical: 90 }],
      ['disk', { warning: 80, critical: 95 }],
    ]);
    expect(formatted(loaded)).toEqual([
      'c.yaml:5: capacity[2] "ram": resource must be one of cpu, memory, disk, network, custom (got "ram")',
      'c.yaml:6: capacity[3] "empty": usage must not be empty',
      'c.yaml:7: capacity[4] "inverted": thresholds.warning (90) must be below thresholds.critical (85); cpu defaults are 70/85',
      'c.yaml:8: capacity[5] "over": thresholds.critical must be between 0 and 100 (got 120)',
    ]);
  });

  it('on-call: a gap in the day names the hours; overlaps, bad shifts and overrides are named', () => {
    const loaded = parseDefinitions(
      `apiVersion: headroom/v1
oncall:
  - id: gap
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    shifts:
      - {name: us, start: "00:00", end: "06:00", members: [a]}
      - {name: eu, start: "08:00", end: "24:00", members: [b]}
  - id: overlap
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    shifts:
      - {name: us, start: "00:00", end: "09:00", members: [a]}
      - {name: eu, start: "08:00", end: "24:00", members: [b]}
  - id: backwards
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1d
    shifts:
      - {name: night, start: "22:00", end: "06:00", members: [a]}
  - id: bad-override
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    members: [a, b]
    overrides:
      - {start: "2026-02-02T00:00:00Z", end: "2026-02-01T00:00:00Z", member: b}
      - {start: "2026-02-01T00:00:00Z", end: "2026-02-02T00:00:00Z", member: b, shift: us}
  - id: nobody
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
  - id: local-time
    handoff: "2026-01-05T00:00:00"
    rotation: 1w
    members: [a]
  - id: zone
    handoff: "2026-01-05"
    rotation: 1w
    members: [a]
    timeZone: Mars/Olympus
  - id: ok
    handoff: "2026-01-05"
    rotation: 12h
    members: [a]
    timeZone: Europe/Berlin
    shifts:
      - {name: day, start: "06:00", end: "18:00", members: [a]}
      - {name: night-1, start: "18:00", end: "24:00", members: [b]}
      - {name: night-2, start: "00:00", end: "06:00", members: [b]}
    overrides:
      - {start: "2026-02-01T20:00:00Z", end: "2026-02-02T02:00:00Z", member: c, shift: night-2}
  - id: override-outside
    handoff: "2026-01-05"
    rotation: 1w
    shifts:
      - {name: us, start: "00:00", end: "08:00", members: [a]}
      - {name: eu, start: "08:00", end: "24:00", members: [b]}
    overrides:
      - {start: "2026-02-01T10:00:00Z", end: "2026-02-01T14:00:00Z", member: c, shift: us}
      - {start: "2026-02-01T08:00:00Z", end: "2026-02-02T00:00:00Z", member: c, shift: us}
      - {start: "2026-02-01T07:59:00Z", end: "2026-02-01T08:00:00Z", member: c, shift: us}
`,
      'o.yaml'
    );
    expect(formatted(loaded)).toEqual([
      'o.yaml:6: oncall[0] "gap": nobody on call from 06:00 to 08:00 UTC: shifts must cover the whole day',
      'o.yaml:12: oncall[1] "overlap": shifts "us" and "eu" overlap from 08:00 to 09:00 UTC',
      'o.yaml:19: oncall[2] "backwards": shifts[0] "night": start (22:00) must be before end (06:00); split a shift that crosses midnight in two',
      'o.yaml:25: oncall[3] "bad-override": overrides[0]: start (2026-02-02T00:00:00Z) must be before end (2026-02-01T00:00:00Z)',
      'o.yaml:26: oncall[3] "bad-override": overrides[1]: unknown shift "us" (this schedule has no shifts)',
      'o.yaml:27: oncall[4] "nobody": members must not be empty when no shifts are given',
      'o.yaml:31: oncall[5] "local-time": handoff must be an ISO 8601 date or date-time with a zone, such as "2026-01-05T00:00:00Z" (got "2026-01-05T00:00:00")',
      'o.yaml:38: oncall[6] "zone": timeZone must be an IANA time zone such as Europe/Berlin (got "Mars/Olympus")',
      'o.yaml:57: oncall[8] "override-outside": overrides[0]: 2026-02-01T10:00:00Z to 2026-02-01T14:00:00Z never falls in shift "us" (00:00-08:00 UTC), so it would change nothing',
      'o.yaml:58: oncall[8] "override-outside": overrides[1]: 2026-02-01T08:00:00Z to 2026-02-02T00:00:00Z never falls in shift "us" (00:00-08:00 UTC), so it would change nothing',
    ]);
    const [ok] = loaded.definitions.oncall;
    expect(ok).toMatchObject({
      id: 'ok',
      rotation: 12 * HOUR,
      timeZone: 'Europe/Berlin',
      handoff: Date.UTC(2026, 0, 5),
    });
    expect(ok.shifts.map((s) => [s.name, s.startMinute, s.endMinute])).toEqual([
      ['day', 360, 1080],
      ['night-1', 1080, 1440],
      ['night-2', 0, 360],
    ]);
  });

  it('shift times must be HH:MM, with 24:00 only as an end', () => {
    const loaded = parseDefinitions(
      `apiVersion: headroom/v1
oncall:
  - id: x
    handoff: "2026-01-05"
    rotation: 1w
    shifts:
      - {name: a, start: "0:00", end: "25:00", members: [a]}
`,
      'o'
    );
    expect(formatted(loaded)).toEqual([
      'o:7: oncall[0] "x": shifts[0].start must be a UTC time of day "HH:MM" from "00:00" to "24:00" (got "0:00")',
      'o:7: oncall[0] "x": shifts[0].end must be a UTC time of day "HH:MM" from "00:00" to "24:00" (got "25:00")',
    ]);
    const startAtMidnight = parseDefinitions(
      `apiVersion: headroom/v1
oncall:
  - {id: x, handoff: "2026-01-05", rotation: 1w, shifts: [{name: a, start: "24:00", end: "24:00", members: [a]}]}
`,
      'o'
    );
    expect(formatted(startAtMidnight)[0]).toContain('start (24:00) must be before end (24:00)');
  });

  it('sections: broken policy, buffer or response fall back to the defaults with an error; valid ones are used', () => {
    const broken = parseDefinitions(
      `apiVersion: headroom/v1
policy:
  warningConsumed: 180
  fastBurn: {budget: 2, within: soon}
buffer: {minimum: 10, target: 50, alert: 20}
response:
  sev1: {acknowledge: 30m, respond: 15m}
  sev5: {acknowledge: 1m}
`,
      'p'
    );
    expect(formatted(broken)).toEqual([
      'p:3: policy: warningConsumed must be between 0 and 100 (got 180)',
      'p:4: policy: fastBurn.within must be a duration such as 5m, 1h30m, 7d or 1w (got "soon")',
      'p:5: buffer: buffer must satisfy alert <= minimum <= target (got alert 20, minimum 10, target 50)',
      'p:8: response: unknown field "sev5" (did you mean "sev1"?)',
    ]);
    expect(broken.definitions.policy).toEqual(DEFAULT_POLICY);
    expect(broken.definitions.buffer).toEqual(DEFAULT_BUFFER);
    expect(broken.definitions.response).toEqual(DEFAULT_RESPONSE);

    const custom = parseDefinitions(
      `apiVersion: headroom/v1
policy: {warningConsumed: 75, slowBurn: {within: 2d}}
buffer: {peakMultiplier: 2.5}
response:
  sev4: {acknowledge: 12h}
`,
      'p'
    );
    expect(custom.errors).toEqual([]);
    expect(custom.definitions.policy).toEqual({
      warningConsumed: 75,
      fastBurn: { budget: 2, within: HOUR },
      slowBurn: { budget: 5, within: 2 * DAY },
    });
    expect(custom.definitions.buffer).toEqual({ minimum: 30, target: 50, alert: 20, peakMultiplier: 2.5 });
    expect(custom.definitions.response.sev4).toEqual({ acknowledge: 12 * HOUR, respond: 72 * HOUR, escalate: 7 * DAY });
    expect(custom.definitions.response.sev1).toEqual(DEFAULT_RESPONSE.sev1);

    const inverted = parseDefinitions(
      `apiVersion: headroom/v1
response:
  sev1: {acknowledge: 30m}
`,
      'p'
    );
    expect(formatted(inverted)).toEqual([
      'p:3: response: sev1 must satisfy acknowledge <= respond <= escalate (got 30m, 15m, 30m)',
    ]);
  });

  it('cost: prices per capacity id, currency default, requests selector', () => {
    const loaded = mergeDefinitions([
      parseDefinitions(
        `apiVersion: headroom/v1
capacity:
  - {id: cluster-cpu, resource: cpu, usage: u, capacity: c}
cost:
  unitPrices: {cluster-cpu: 0.031, gpu: 2.5}
  requests: http_requests_total{service="api_gateway"}
`,
        'cost.yaml'
      ),
    ]);
    expect(loaded.definitions.cost).toEqual({
      unitPrices: { 'cluster-cpu': 0.031 },
      currency: 'USD',
      requests: 'http_requests_total{service="api_gateway"}',
    });
    expect(formatted(loaded)).toEqual([
      'cost.yaml:4: cost: unitPrices.gpu: no valid capacity resource has the id "gpu"',
    ]);
    const negative = parseDefinitions(
      `apiVersion: headroom/v1
cost: {currency: EUR, unitPrices: {x: -1}}
`,
      'c'
    );
    expect(formatted(negative)).toEqual(['c:2: cost: unitPrices.x must be at least 0 (got -1)']);
    expect(negative.definitions.cost).toBeUndefined();
  });

  it('unknown top-level keys and wrongly typed sections are reported without losing the rest', () => {
    const loaded = parseDefinitions(
      `apiVersion: headroom/v1
slo:
  - id: a
capacity: {id: x}
slos:
  - {id: kept, service: s, objective: 99, sli: {events: {bad: e, total: t}}}
`,
      't'
    );
    expect(formatted(loaded)).toEqual([
      't:2: slo: unknown field "slo" (did you mean "slos"?)',
      't:4: capacity: capacity must be a list (got a mapping)',
    ]);
    expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['kept']);
  });

  it('ids are unique per kind within a file and across merged files', () => {
    const a = parseDefinitions(
      `apiVersion: headroom/v1
slos:
  - {id: same, service: s, objective: 99, sli: {events: {bad: e, total: t}}}
  - {id: same, service: s, objective: 98, sli: {events: {bad: e, total: t}}}
capacity:
  - {id: same, resource: cpu, usage: u, capacity: c}
`,
      'a.yaml'
    );
    expect(formatted(a)).toEqual([
      'a.yaml:4: slos[1] "same": id "same" is already used by a.yaml:3 slos[0]; this one is ignored',
    ]);
    expect(a.definitions.slos.map((s) => s.objective)).toEqual([0.99]);
    expect(a.definitions.capacity).toHaveLength(1); // another kind may reuse an id

    const b = parseDefinitions(
      `apiVersion: headroom/v1
slos:
  - {id: other, service: s, objective: 99, sli: {events: {bad: e, total: t}}}
  - {id: same, service: s, objective: 97, sli: {events: {bad: e, total: t}}}
`,
      'b.yaml'
    );
    const merged = mergeDefinitions([a, b]);
    expect(formatted(merged).slice(1)).toEqual([
      'b.yaml:4: slos[1] "same": id "same" is already used by a.yaml:3 slos[0]; this one is ignored',
    ]);
    expect(merged.definitions.slos.map((s) => `${s.id}@${s.objective}`)).toEqual(['same@0.99', 'other@0.99']);
    // merging is idempotent: merging the merged result again reports nothing new
    expect(mergeDefinitions([merged]).errors).toEqual(merged.errors);
  });

  it('singleton sections given in two files: the first wins, the second is named', () => {
    const a = parseDefinitions('apiVersion: headroom/v1\npolicy: {warningConsumed: 70}\n', 'a.yaml');
    const b = parseDefinitions('apiVersion: headroom/v1\npolicy: {warningConsumed: 90}\n', 'b.yaml');
    const merged = mergeDefinitions([a, b]);
    expect(merged.definitions.policy.warningConsumed).toBe(70);
    expect(formatted(merged)).toEqual([
      'b.yaml:2: policy: policy is given twice (first in a.yaml:2 policy); the first one is used',
    ]);
  });
});

describe('document level', () => {
  it('a YAML syntax error is one error with its line', () => {
    const loaded = parseDefinitions('apiVersion: headroom/v1\nslos:\n  - id: a\n    sli: {events: [1\n', 'y.yaml');
    const error = onlyError(loaded);
    expect(error).toMatchObject({ source: 'y.yaml', path: '(document)', line: 5 });
    expect(error.message).toMatch(/^YAML syntax error: /);
    expect(error.message).not.toContain('\n');
  });

  it('duplicate keys are a YAML error with the line of the duplicate', () => {
    const error = onlyError(parseDefinitions('apiVersion: headroom/v1\nslos: []\nslos: []\n', 'y'));
    expect(error).toMatchObject({ line: 3, message: 'YAML syntax error: Map keys must be unique (line 3, column 1)' });
  });

  it.each([
    [
      'apiVersion: headroom/v2\nslos: []\n',
      'y:1: apiVersion: apiVersion must be headroom/v1 (also accepted: openslo/v1, sloth.slok.dev/v1, or Sloth\'s version: prometheus/v1) (got "headroom/v2")',
    ],
    [
      'slos: []\n',
      "y:1: (document): apiVersion is required: headroom/v1 (also accepted: openslo/v1, sloth.slok.dev/v1, or Sloth's version: prometheus/v1)",
    ],
    [
      '- a\n- b\n',
      'y:1: (document): a definitions document must be a mapping starting with apiVersion: headroom/v1 (got a list)',
    ],
    [
      'apiVersion: openslo/v1alpha\nkind: SLO\n',
      'y:1: apiVersion: apiVersion "openslo/v1alpha" is not supported: only openslo/v1',
    ],
    [
      'version: prometheus/v2\n',
      'y:1: version: version "prometheus/v2" is not supported: Sloth specs use version: prometheus/v1',
    ],
  ])('%j is refused by name', (text, message) => {
    expect(formatted(parseDefinitions(text, 'y'))).toEqual([message]);
  });

  it('one broken document of a stream does not hide the others', () => {
    const loaded = parseDefinitions(
      `apiVersion: headroom/v1
slos:
  - {id: first, service: s, objective: 99, sli: {events: {bad: e, total: t}}}
---
apiVersion: headroom/v1
slos: [ {id: broken
---
apiVersion: headroom/v1
slos:
  - {id: third, service: s, objective: 150, sli: {events: {bad: e, total: t}}}
  - {id: fourth, service: s, objective: 99, sli: {events: {bad: e, total: t}}}
`,
      'm.yaml'
    );
    expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['first', 'fourth']);
    expect(loaded.errors.map((e) => [e.path, e.line])).toEqual([
      ['documents[1]', 7],
      ['documents[2].slos[0]', 10],
    ]);
    expect(loaded.definitions.slos[1].origin).toBe('m.yaml documents[2].slos[1]');
  });

  it('never throws, whatever the input', () => {
    for (const text of [
      'apiVersion: headroom/v1\noncall: [null, 1, []]\ncapacity: [null, x]\nslos: [[], true]\n',
      '',
      '\0',
      '---\n---\n',
      '&a [*a]',
      '!!binary AAAA',
      'a: !!int x',
      '{',
      'apiVersion: headroom/v1\nslos: [1, null, "x", []]\n',
    ]) {
      expect(() => parseDefinitions(text, 'z')).not.toThrow();
    }
    expect(formatted(parseDefinitions('apiVersion: headroom/v1\nslos: [1, null]\n', 'z'))).toEqual([
      'z:2: slos[0]: value must be a mapping (got 1)',
      'z:2: slos[1]: value must be a mapping (got nothing)',
    ]);
  });
});

describe("the demo platform's definitions", () => {
  it('load with no errors and every section filled', () => {
    const loaded = mergeDefinitions([parseDefinitions(DEMO_DEFINITIONS_YAML, 'demo')]);
    expect(loaded.errors.map(formatDefinitionError)).toEqual([]);
    expect(loaded.definitions.slos.length).toBeGreaterThan(0);
    expect(loaded.definitions.capacity.length).toBeGreaterThan(0);
    expect(loaded.definitions.oncall.length).toBeGreaterThan(0);
  });
});

describe('safety', () => {
  it('an alias bomb ("billion laughs") is refused with an error instead of expanding', () => {
    let text = 'apiVersion: headroom/v1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) {
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    }
    expect(parseDefinitions(text, 'bomb.yaml').errors).toEqual([
      {
        source: 'bomb.yaml',
        path: '(document)',
        line: 1,
        message: 'cannot read YAML: Excessive alias count indicates a resource exhaustion attack',
      },
    ]);
  });
});

describe('DEFINITIONS_SCHEMA (exported for editors)', () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true });
  const validate = ajv.compile(DEFINITIONS_SCHEMA);
  const toJs = (text: string) => parseYaml(text);

  it('is a strict draft-07 schema that accepts the DESIGN.md example and the demo definitions', () => {
    expect(validate(toJs(DESIGN_EXAMPLE))).toBe(true);
    expect(validate(toJs(DEMO_DEFINITIONS_YAML))).toBe(true);
    expect(JSON.parse(JSON.stringify(DEFINITIONS_SCHEMA))).toEqual(DEFINITIONS_SCHEMA);
  });

  it('rejects what the parser rejects at the schema level', () => {
    expect(validate(toJs(oneSlo('objective: 150, sli: {events: {bad: e, total: t}}')))).toBe(false);
    expect(validate(toJs('apiVersion: headroom/v1\ncapacity: [{id: x, resource: ram, usage: u, capacity: c}]\n'))).toBe(
      false
    );
    expect(validate(toJs('apiVersion: headroom/v2\n'))).toBe(false);
  });
});
