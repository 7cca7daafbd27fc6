/**
 * A small definitions file on the demo platform's series: one item of each kind (two SLOs, one of each SLI
 * kind), so that a query costs milliseconds instead of the full demo's seconds. Used where many queries run:
 * the query fuzzing (tests/unit/fuzz) and the soak (bench/soak.ts).
 */
export const SMALL_DEFINITION_IDS = {
  availability: 'gw-availability',
  latency: 'gw-latency',
  resource: 'cluster-cpu',
  schedule: 'platform',
} as const;

export const SMALL_DEFINITIONS = `apiVersion: headroom/v1
slos:
  - id: ${SMALL_DEFINITION_IDS.availability}
    service: api_gateway
    objective: 99.9
    window: 7d
    sli: {events: {bad: 'http_requests_total{service="api_gateway",code=~"5.."}', total: 'http_requests_total{service="api_gateway"}'}}
  - id: ${SMALL_DEFINITION_IDS.latency}
    service: api_gateway
    objective: 99
    window: 7d
    sli: {latency: {histogram: 'http_request_duration_seconds{service="api_gateway"}', threshold: 0.2}}
capacity:
  - id: ${SMALL_DEFINITION_IDS.resource}
    resource: cpu
    usage: sum(node_cpu_usage_cores)
    capacity: sum(node_cpu_capacity_cores)
oncall:
  - id: ${SMALL_DEFINITION_IDS.schedule}
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    members: [ana, ben, chen]
cost:
  currency: USD
  requests: http_requests_total{service="api_gateway"}
  unitPrices: {${SMALL_DEFINITION_IDS.resource}: 0.04}
`;
