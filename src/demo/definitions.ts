/**
 * The AI Workflow Processing Platform's default definitions file (headroom/v1), written from the operations
 * handbook. One source: the demo data source uses it as is, and `tsx src/demo/cli.ts definitions` prints it
 * for provisioning (docker compose mounts the printed file). Capacity PromQL uses only the subset the
 * embedded demo source understands (src/demo/README.md), so it works against both Prometheus and the demo.
 */
export const DEMO_DEFINITIONS_YAML = `# AI Workflow Processing Platform: SLOs, error budget policy, capacity, on-call and cost.
# Numbers from the operations handbook ("Platform SLOs", "Capacity Thresholds", "On-Call Procedures").
# Throughput targets (documented, not SLOs): api_gateway > 20,000 req/s (peak 60,000), workflow_engine
# 5,000 req/s (peak 15,000), agent_manager 2,000 req/s, notification_service 10,000 notifications/s.
# A latency target "p95 < 300 ms" is the SLI "95% of requests faster than 0.3 s" with objective 95.
apiVersion: headroom/v1
slos:
  # --- api_gateway: 99.99% (4.32 min/month), p95 < 100 ms, p99 < 200 ms
  - id: api-gateway-availability
    service: api_gateway
    name: API gateway availability
    objective: 99.99
    window: 30d
    sli:
      events:
        bad: http_requests_total{service="api_gateway",code=~"5.."}
        total: http_requests_total{service="api_gateway"}
    labels: {tier: critical}
  - id: api-gateway-latency-p95
    service: api_gateway
    name: API gateway p95 < 100 ms
    objective: 95
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="api_gateway"}
        threshold: 0.1
    labels: {tier: critical}
  - id: api-gateway-latency-p99
    service: api_gateway
    name: API gateway p99 < 200 ms
    objective: 99
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="api_gateway"}
        threshold: 0.2
    labels: {tier: critical}
  # --- workflow_engine: 99.95% (21.6 min/month), p95 < 300 ms, p99 < 500 ms
  - id: workflow-engine-availability
    service: workflow_engine
    name: Workflow engine availability
    objective: 99.95
    window: 30d
    sli:
      events:
        bad: http_requests_total{service="workflow_engine",code=~"5.."}
        total: http_requests_total{service="workflow_engine"}
    labels: {tier: critical}
  - id: workflow-engine-availability-monthly
    service: workflow_engine
    name: Workflow engine availability (calendar month, for the monthly report)
    objective: 99.95
    window: calendar-month
    sli:
      events:
        bad: http_requests_total{service="workflow_engine",code=~"5.."}
        total: http_requests_total{service="workflow_engine"}
    labels: {tier: critical}
  - id: workflow-engine-latency-p95
    service: workflow_engine
    name: Workflow engine p95 < 300 ms
    objective: 95
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="workflow_engine"}
        threshold: 0.3
    labels: {tier: critical}
  - id: workflow-engine-latency-p99
    service: workflow_engine
    name: Workflow engine p99 < 500 ms
    objective: 99
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="workflow_engine"}
        threshold: 0.5
    labels: {tier: critical}
  # --- agent_manager: 99.9% (43.2 min/month), p95 < 500 ms, p99 < 1 s
  - id: agent-manager-availability
    service: agent_manager
    name: Agent manager availability
    objective: 99.9
    window: 30d
    sli:
      events:
        bad: http_requests_total{service="agent_manager",code=~"5.."}
        total: http_requests_total{service="agent_manager"}
    labels: {tier: standard}
  - id: agent-manager-latency-p95
    service: agent_manager
    name: Agent manager p95 < 500 ms
    objective: 95
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="agent_manager"}
        threshold: 0.5
    labels: {tier: standard}
  - id: agent-manager-latency-p99
    service: agent_manager
    name: Agent manager p99 < 1 s
    objective: 99
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="agent_manager"}
        threshold: 1
    labels: {tier: standard}
  # --- notification_service: 99.5% (216 min/month), p95 < 1 s, p99 < 2 s
  - id: notification-service-availability
    service: notification_service
    name: Notification service availability
    objective: 99.5
    window: 30d
    sli:
      events:
        bad: http_requests_total{service="notification_service",code=~"5.."}
        total: http_requests_total{service="notification_service"}
    labels: {tier: standard}
  - id: notification-service-latency-p95
    service: notification_service
    name: Notification service p95 < 1 s
    objective: 95
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="notification_service"}
        threshold: 1
    labels: {tier: standard}
  - id: notification-service-latency-p99
    service: notification_service
    name: Notification service p99 < 2 s
    objective: 99
    window: 30d
    sli:
      latency:
        histogram: http_request_duration_seconds{service="notification_service"}
        threshold: 2
    labels: {tier: standard}

# Handbook "SLO Monitoring": budget depletion warning at 80% consumed, fast burn 2%/1h, slow burn 5%/1d.
policy:
  warningConsumed: 80
  fastBurn: {budget: 2, within: 1h}
  slowBurn: {budget: 5, within: 1d}

# Handbook "Capacity Thresholds" (warning/critical % utilisation) and headroom buffer policy.
capacity:
  - id: cluster-cpu
    name: Cluster CPU
    resource: cpu
    usage: sum(node_cpu_usage_cores)
    capacity: sum(node_cpu_capacity_cores)
    thresholds: {warning: 70, critical: 85}
  - id: cluster-memory
    name: Cluster memory
    resource: memory
    usage: sum(node_memory_used_bytes)
    capacity: sum(node_memory_capacity_bytes)
    thresholds: {warning: 75, critical: 90}
  - id: node-cpu
    name: CPU per node
    resource: cpu
    usage: sum by (node) (node_cpu_usage_cores)
    capacity: sum by (node) (node_cpu_capacity_cores)
    thresholds: {warning: 70, critical: 85}
  - id: node-memory
    name: Memory per node
    resource: memory
    usage: sum by (node) (node_memory_used_bytes)
    capacity: sum by (node) (node_memory_capacity_bytes)
    thresholds: {warning: 75, critical: 90}
  - id: node-disk
    name: Disk per node
    resource: disk
    usage: sum by (node) (node_disk_used_bytes)
    capacity: sum by (node) (node_disk_capacity_bytes)
    thresholds: {warning: 80, critical: 90}
  - id: node-network
    name: Network transmit per node
    resource: network
    usage: sum by (node) (node_network_transmit_bytes_per_second)
    capacity: sum by (node) (node_network_capacity_bytes_per_second)
    thresholds: {warning: 70, critical: 85}
  - id: object-storage
    name: Artifact object storage
    resource: disk
    usage: sum(storage_used_bytes)
    capacity: sum(storage_capacity_bytes)
    thresholds: {warning: 80, critical: 90}
  - id: database-connections
    name: Database connections per instance
    resource: custom
    usage: sum by (instance) (db_connections_active)
    capacity: sum by (instance) (db_connections_max)
    thresholds: {warning: 70, critical: 85}
buffer: {minimum: 30, target: 50, alert: 20, peakMultiplier: 3}

# Handbook "On-Call Schedule": follow-the-sun shifts, weekly round-robin rotation, secondary = next member.
oncall:
  - id: platform
    name: Platform on-call
    handoff: "2026-01-05T00:00:00Z"
    rotation: 1w
    timeZone: UTC
    shifts:
      - {name: us, start: "00:00", end: "08:00", members: [ana, ben, carlos]}
      - {name: eu, start: "08:00", end: "16:00", members: [chen, dana, elif]}
      - {name: apac, start: "16:00", end: "24:00", members: [eli, fay, hiro]}

# Handbook "On-Call Expectations" (sev3 escalation "next business day" as 24h; sev4 has no handbook numbers).
response:
  sev1: {acknowledge: 5m, respond: 15m, escalate: 30m}
  sev2: {acknowledge: 15m, respond: 30m, escalate: 2h}
  sev3: {acknowledge: 1h, respond: 4h, escalate: 24h}
  sev4: {acknowledge: 24h, respond: 72h, escalate: 1w}

# Unit prices per hour of each capacity resource's unit (cores, bytes, bytes/s, connections):
# $0.04 per core-hour, $0.005 per GiB-hour of memory, $0.10 per TiB-hour of disk, $0.02 per Gbit/s-hour.
cost:
  currency: USD
  requests: http_requests_total{service="api_gateway"}
  unitPrices:
    cluster-cpu: 0.04
    cluster-memory: 4.6566e-12
    object-storage: 9.095e-14
    node-disk: 9.095e-14
`;
