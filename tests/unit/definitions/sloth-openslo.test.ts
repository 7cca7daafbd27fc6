import { formatDefinitionError, type LoadedDefinitions } from '../../../src/core/definitions/model';
import { parseDefinitions } from '../../../src/core/definitions/parse';

const DAY = 86_400_000;
const formatted = (loaded: LoadedDefinitions) => loaded.errors.map(formatDefinitionError);

// Written from Sloth's published prometheus/v1 spec example (the Kubernetes apiserver SLOs).
const SLOTH_SPEC = `version: "prometheus/v1"
service: "k8s-apiserver"
labels:
  cluster: "valhalla"
  component: "kubernetes"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for Kubernetes apiserver HTTP request responses."
    sli:
      events:
        error_query: sum(rate(apiserver_request_total{code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(apiserver_request_total[{{.window}}]))
    alerting:
      name: K8sApiserverAvailabilityAlert
      labels:
        category: "availability"
      annotations:
        runbook: "https://example.org/runbook.md#alert-name-kubeapierrorshigh"
      page_alert:
        labels:
          severity: critical
      ticket_alert:
        labels:
          severity: warning
  - name: "requests-latency"
    objective: 99
    description: "Common SLO based on latency for Kubernetes apiserver HTTP request responses."
    labels:
      category: latency
    sli:
      events:
        error_query: |
          (
            sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[{{.window}}]))
            -
            sum(rate(apiserver_request_duration_seconds_bucket{le="0.4",verb!="WATCH"}[{{.window}}]))
          )
        total_query: sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[{{.window}}]))
    alerting:
      name: K8sApiserverLatencyAlert
      page_alert:
        labels:
          severity: critical
      ticket_alert:
        disable: true
`;

// The Kubernetes CRD spelling of the same spec (Sloth's PrometheusServiceLevel).
const SLOTH_CRD = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: sloth-slo-my-service
  namespace: monitoring
spec:
  service: "myservice"
  labels:
    owner: "myteam"
  slos:
    - name: "requests-availability"
      objective: 99.9
      description: "Common SLO based on availability for HTTP request responses."
      sli:
        events:
          errorQuery: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
          totalQuery: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
      alerting:
        name: MyServiceHighErrorRate
        pageAlert:
          labels:
            severity: pageteam
        ticketAlert:
          labels:
            severity: "slack"
`;

// Written from the OpenSLO v1 README: an inline ratioMetric over Prometheus, an SLI document used by
// indicatorRef, and the kinds that carry no SLO (Service, DataSource).
const OPENSLO = `apiVersion: openslo/v1
kind: Service
metadata:
  name: web-shop
spec:
  description: The web shop
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus-datasource
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
  labels:
    team: [payments, web]
    tier: "1"
spec:
  description: Successful checkouts
  service: web-shop
  indicator:
    metadata:
      name: checkout-errors
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            metricSourceRef: prometheus-datasource
            spec:
              query: sum(http_requests_total{handler="/checkout",code=~"2..|3.."})
        total:
          metricSource:
            type: Prometheus
            metricSourceRef: prometheus-datasource
            spec:
              query: sum(rate(http_requests_total{handler="/checkout"}[5m]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Checkout success
      target: 0.995
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: search-errors
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        type: Prometheus
        spec:
          query: search_requests_total{status="error"}
    total:
      metricSource:
        type: Prometheus
        spec:
          query: search_requests_total
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-availability
spec:
  service: web-shop
  indicatorRef: search-errors
  timeWindow:
    - duration: 1Q
      calendar:
        startTime: 2026-01-01 00:00:00
        timeZone: UTC
  budgetingMethod: Occurrences
  objectives:
    - displayName: Relaxed
      targetPercent: 99
    - name: strict
      target: 0.999
`;

describe('Sloth', () => {
  it('maps prometheus/v1: events, the count-minus-bucket latency shape, labels, 30d window', () => {
    const loaded = parseDefinitions(SLOTH_SPEC, 'sloth.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.definitions.slos).toEqual([
      expect.objectContaining({
        id: 'k8s-apiserver-requests-availability',
        service: 'k8s-apiserver',
        name: 'requests-availability',
        description: 'Common SLO based on availability for Kubernetes apiserver HTTP request responses.',
        objective: 0.999,
        window: { kind: 'rolling', ms: 30 * DAY, text: '30d' },
        sli: { kind: 'events', bad: 'apiserver_request_total{code=~"(5..|429)"}', total: 'apiserver_request_total' },
        labels: { cluster: 'valhalla', component: 'kubernetes' },
        origin: 'sloth.yaml slos[0]',
      }),
      expect.objectContaining({
        id: 'k8s-apiserver-requests-latency',
        objective: 0.99,
        sli: { kind: 'latency', histogram: 'apiserver_request_duration_seconds{verb!="WATCH"}', threshold: 0.4 },
        labels: { cluster: 'valhalla', component: 'kubernetes', category: 'latency' },
      }),
    ]);
  });

  it('maps the PrometheusServiceLevel CRD (camelCase queries under spec)', () => {
    const loaded = parseDefinitions(SLOTH_CRD, 'crd.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.definitions.slos).toEqual([
      expect.objectContaining({
        id: 'myservice-requests-availability',
        service: 'myservice',
        sli: {
          kind: 'events',
          bad: 'http_request_duration_seconds_count{job="myservice", code=~"(5..|429)"}',
          total: 'http_request_duration_seconds_count{job="myservice"}',
        },
        labels: { owner: 'myteam' },
        origin: 'crd.yaml spec.slos[0]',
      }),
    ]);
  });

  it('refuses what it cannot map, by name, keeping the other SLOs', () => {
    const loaded = parseDefinitions(
      `version: prometheus/v1
service: api
slos:
  - name: raw
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(errors[{{.window}}])) / sum(rate(total[{{.window}}]))
  - name: plugin
    objective: 99
    sli:
      plugin:
        id: sloth-common/kubernetes/apiserver/availability
  - name: ratio-math
    objective: 99
    sli:
      events:
        error_query: sum(rate(a[{{.window}}])) * 2
        total_query: sum(rate(b[{{.window}}]))
  - name: perfect
    objective: 100
    sli:
      events:
        error_query: sum(rate(a[{{.window}}]))
        total_query: sum(rate(b[{{.window}}]))
  - name: fine
    objective: 95
    sli:
      events:
        error_query: sum(increase(a[{{.window}}]))
        total_query: sum(increase(b[{{.window}}]))
`,
      's.yaml'
    );
    expect(formatted(loaded)).toEqual([
      's.yaml:7: slos[0] "api-raw": sli.raw (error_ratio_query) is not supported: Headroom needs event counters, use sli.events',
      's.yaml:12: slos[1] "api-plugin": sli.plugin is not supported: Sloth SLI plugins generate PromQL Headroom cannot read; use sli.events',
      's.yaml:18: slos[2] "api-ratio-math": sli.events.error_query: expected rate(<selector>[{{.window}}]) or increase(...), optionally inside sum(...), or rate(x_count[{{.window}}]) - rate(x_bucket{le="T"}[{{.window}}]) for latency (got "sum(rate(a[{{.window}}])) * 2")',
      's.yaml:21: slos[3] "api-perfect": objective must be a number between 0 and 100 (got 100): an objective of 100% leaves no error budget',
    ]);
    expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['api-fine']);
  });

  it('labels become valid Prometheus labels (names sanitised, values strings)', () => {
    const loaded = parseDefinitions(
      `version: prometheus/v1
service: api
labels: {team-name: core, 1tier: 1}
slos:
  - name: a
    objective: 99
    labels: {on.call: true}
    sli: {events: {error_query: "sum(rate(e[{{.window}}]))", total_query: "sum(rate(t[{{.window}}]))"}}
`,
      's'
    );
    expect(loaded.definitions.slos[0].labels).toEqual({ team_name: 'core', _1tier: '1', on_call: 'true' });
  });

  it('a latency difference whose matchers do not line up is refused, not guessed', () => {
    const loaded = parseDefinitions(
      `version: prometheus/v1
service: api
slos:
  - name: lat
    objective: 99
    sli:
      events:
        error_query: sum(rate(h_count{job="a"}[{{.window}}])) - sum(rate(h_bucket{job="b",le="0.3"}[{{.window}}]))
        total_query: sum(rate(h_count{job="a"}[{{.window}}]))
`,
      's'
    );
    expect(loaded.definitions.slos).toEqual([]);
    expect(loaded.errors[0].field).toBe('slos[0].sli.events.error_query');
  });
});

describe('OpenSLO v1', () => {
  it('maps inline ratioMetric and indicatorRef SLOs, one SLO per objective, and ignores other kinds', () => {
    const loaded = parseDefinitions(OPENSLO, 'openslo.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.definitions.slos).toEqual([
      expect.objectContaining({
        id: 'checkout-availability',
        service: 'web-shop',
        name: 'Checkout success',
        description: 'Successful checkouts',
        objective: 0.995,
        window: { kind: 'rolling', ms: 28 * DAY, text: '28d' },
        sli: {
          kind: 'events',
          good: 'http_requests_total{handler="/checkout", code=~"2..|3.."}',
          total: 'http_requests_total{handler="/checkout"}',
        },
        labels: { team: 'payments,web', tier: '1' },
        origin: 'openslo.yaml documents[2]',
      }),
      expect.objectContaining({
        id: 'search-availability-relaxed',
        objective: 0.99,
        window: { kind: 'calendar-quarter', text: 'calendar-quarter' },
        sli: { kind: 'events', bad: 'search_requests_total{status="error"}', total: 'search_requests_total' },
      }),
      expect.objectContaining({ id: 'search-availability-strict', objective: 0.999 }),
    ]);
  });

  /** One SLO document with `spec` lines replaced. */
  const slo = (spec: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: s
spec:
  service: svc
${spec}`;
  const ratio = `  indicator:
    metadata: {name: i}
    spec:
      ratioMetric:
        counter: true
        bad: {metricSource: {type: Prometheus, spec: {query: errors_total}}}
        total: {metricSource: {type: Prometheus, spec: {query: requests_total}}}
`;

  it.each([
    [
      `${ratio}  objectives: [{target: 0.99}]\n  timeWindow: [{duration: 1M, isRolling: true}]\n`,
      'documents[0] "s": rolling windows in months, quarters or years have no fixed length; use days such as 30d or 90d (got "1M")',
    ],
    [
      `${ratio}  objectives: [{target: 0.99}]\n  timeWindow: [{duration: 1M, calendar: {startTime: "2026-01-01 00:00:00", timeZone: America/New_York}}]\n`,
      'calendar.timeZone must be UTC: Headroom\'s calendar windows start at 00:00 UTC (got "America/New_York")',
    ],
    [
      `${ratio}  objectives: [{target: 0.99}]\n  timeWindow: [{duration: 1Y, isRolling: false}]\n`,
      'calendar windows must be 1M (calendar-month) or 1Q (calendar-quarter) (got "1Y")',
    ],
    [
      `${ratio}  objectives: [{target: 0.99}]\n  budgetingMethod: Timeslices\n`,
      'spec.budgetingMethod "Timeslices" is not supported: Headroom counts events (Occurrences)',
    ],
    [
      `${ratio}  objectives: [{target: 1}]\n`,
      'target must be a number between 0 and 1 (got 1): an objective of 100% leaves no error budget',
    ],
    [
      `${ratio}  objectives: [{target: 0.9, targetPercent: 90}]\n`,
      'objective must have either target or targetPercent, not both',
    ],
    [`${ratio}  objectives: []\n`, 'spec.objectives must be a non-empty list'],
    [
      `  indicatorRef: missing\n  objectives: [{target: 0.99}]\n`,
      'indicatorRef "missing" does not name an SLI document in this file',
    ],
    [
      `  indicator:\n    metadata: {name: i}\n    spec:\n      thresholdMetric:\n        metricSource: {type: Prometheus, spec: {query: "histogram_quantile(0.99, x)"}}\n  objectives: [{op: lt, value: 0.5, target: 0.99}]\n`,
      'thresholdMetric is not supported: Headroom needs event counters; for latency use ratioMetric with good: <histogram>_bucket{le="T"} and total: <histogram>_count',
    ],
    [
      ratio.replace('counter: true', 'counter: false') + '  objectives: [{target: 0.99}]\n',
      'ratioMetric with counter: false is not supported: Headroom needs monotonically increasing counters',
    ],
    [
      ratio.replace('bad: {metricSource: {type: Prometheus', 'bad: {metricSource: {type: Datadog') +
        '  objectives: [{target: 0.99}]\n',
      'metricSource.type "Datadog" is not supported: only Prometheus',
    ],
    [
      `  indicator:\n    metadata: {name: i}\n    spec:\n      ratioMetric:\n        rawType: failure\n        raw: {metricSource: {type: Prometheus, spec: {query: error_ratio}}}\n  objectives: [{target: 0.99}]\n`,
      'ratioMetric.raw is not supported: Headroom needs good or bad and total counters',
    ],
    [
      ratio.replace('query: errors_total', 'query: "sum(rate(a[5m])) / sum(rate(b[5m]))"') +
        '  objectives: [{target: 0.99}]\n',
      'query: expected a counter selector, or rate(<selector>[5m]) / increase(...) optionally inside sum(...)',
    ],
  ])('refuses by name: %#', (spec, message) => {
    const loaded = parseDefinitions(slo(spec), 'o.yaml');
    expect(loaded.definitions.slos).toEqual([]);
    expect(loaded.errors).toHaveLength(1);
    expect(formatDefinitionError(loaded.errors[0])).toContain(message);
    expect(loaded.errors[0]).toMatchObject({
      source: 'o.yaml',
      path: 'documents[0]',
      itemId: expect.stringMatching(/^s/),
    });
    expect(loaded.errors[0].line).toBeGreaterThan(0);
  });

  it('can be mixed with headroom/v1 documents in one stream', () => {
    const loaded = parseDefinitions(
      `${slo(`${ratio}  objectives: [{target: 0.99}]\n`)}---
apiVersion: headroom/v1
slos:
  - {id: native, service: svc, objective: 99.5, sli: {events: {bad: e, total: t}}}
`,
      'mixed.yaml'
    );
    expect(loaded.errors).toEqual([]);
    expect(loaded.definitions.slos.map((s) => [s.id, s.objective])).toEqual([
      ['s', 0.99],
      ['native', 0.995],
    ]);
  });
});
