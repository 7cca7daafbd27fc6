/**
 * The backend's own metrics, served through Diagnostics/CollectMetrics in the Prometheus text format
 * (Grafana exposes them at /metrics/plugins/<id>): queries, errors and durations per queryType,
 * health checks and resource calls.
 */
const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class Metrics {
  private readonly queries = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly health = new Map<string, number>();
  private readonly resources = new Map<string, number>();
  private readonly started = Date.now();

  /** queryType must be a registered one (the dispatcher passes "unknown" otherwise) so clients cannot grow the maps. */
  observeQuery(queryType: string, seconds: number, status: number): void {
    this.queries.set(queryType, (this.queries.get(queryType) ?? 0) + 1);
    if (status >= 400) {
      const key = `${queryType}\u0000${status}`;
      this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
    }
    let h = this.durations.get(queryType);
    if (!h) {
      h = { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(queryType, h);
    }
    DURATION_BUCKETS.forEach((le, i) => {
      if (seconds <= le) {
        h!.buckets[i]++;
      }
    });
    h.sum += seconds;
    h.count++;
  }

  observeHealth(status: string): void {
    this.health.set(status, (this.health.get(status) ?? 0) + 1);
  }

  observeResource(code: number): void {
    const key = String(code);
    this.resources.set(key, (this.resources.get(key) ?? 0) + 1);
  }

  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

    family('headroom_queries_total', 'counter', 'Queries answered, by queryType.');
    for (const [type, n] of this.queries) {
      lines.push(`headroom_queries_total{query_type="${escapeLabel(type)}"} ${n}`);
    }
    family('headroom_query_errors_total', 'counter', 'Queries answered with an error, by queryType and status.');
    for (const [key, n] of this.errors) {
      const [type, status] = key.split('\u0000');
      lines.push(`headroom_query_errors_total{query_type="${escapeLabel(type)}",status="${status}"} ${n}`);
    }
    family('headroom_query_duration_seconds', 'histogram', 'Time to answer one query, by queryType.');
    for (const [type, h] of this.durations) {
      const label = `query_type="${escapeLabel(type)}"`;
      DURATION_BUCKETS.forEach((le, i) =>
        lines.push(`headroom_query_duration_seconds_bucket{${label},le="${le}"} ${h.buckets[i]}`)
      );
      lines.push(`headroom_query_duration_seconds_bucket{${label},le="+Inf"} ${h.count}`);
      lines.push(`headroom_query_duration_seconds_sum{${label}} ${h.sum}`);
      lines.push(`headroom_query_duration_seconds_count{${label}} ${h.count}`);
    }
    family('headroom_health_checks_total', 'counter', 'CheckHealth calls, by resulting status.');
    for (const [status, n] of this.health) {
      lines.push(`headroom_health_checks_total{status="${status}"} ${n}`);
    }
    family('headroom_resource_calls_total', 'counter', 'CallResource calls, by HTTP status code.');
    for (const [code, n] of this.resources) {
      lines.push(`headroom_resource_calls_total{code="${code}"} ${n}`);
    }
    family(
      'headroom_process_start_time_seconds',
      'gauge',
      'Start time of the backend process, seconds since the epoch.'
    );
    lines.push(`headroom_process_start_time_seconds ${this.started / 1000}`);
    family('headroom_process_resident_memory_bytes', 'gauge', 'Resident memory of the backend process.');
    lines.push(`headroom_process_resident_memory_bytes ${process.memoryUsage().rss}`);
    return lines.join('\n') + '\n';
  }
}
