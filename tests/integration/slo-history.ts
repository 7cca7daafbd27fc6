/**
 * Back-fill history for the SLO integration test and the SLO bench: OpenMetrics text of a few services'
 * counters at 1-minute samples (aligned to whole minutes, starting at 0 on an aligned time), with
 *  - checkout: requests by code, a latency histogram, an error incident, and a process restart (counter reset);
 *  - search:   requests by code, a 2-hour scrape gap (no samples of any of its series) and 6 hours of zero
 *              traffic (counters flat);
 *  - `extra` more services (bench: many SLOs in one query).
 * Traffic is a deterministic function of time, so every run writes the same TSDB.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface HistoryOptions {
  start: number;
  end: number;
  /** [from, to) without any sample of the search service */
  gap: [number, number];
  /** [from, to) in which search receives no requests */
  quiet: [number, number];
  /** checkout restarts at this sample (all its counters start again from the requests of that minute) */
  reset: number;
  /** [from, to) with 5% checkout errors */
  incident: [number, number];
  /** number of additional services "svc-N" (requests by code only) */
  extra?: number;
}

/** The histogram's bucket bounds and the share of requests at or below each. */
export const BUCKETS: Array<[string, number]> = [
  ['0.1', 0.7],
  ['0.25', 0.95],
  ['1', 0.995],
  ['+Inf', 1],
];

/** A deterministic pseudo-random number in [0, 1) for (t, salt). */
function noise(t: number, salt: number): number {
  const x = Math.sin((t / MIN) * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function requestsPerMinute(t: number, base: number, salt: number): number {
  return Math.round(base * (1 + 0.5 * Math.sin((2 * Math.PI * t) / DAY + salt)) + 20 * noise(t, salt));
}

interface Counter {
  labels: string;
  value: number;
  samples: string[];
}

export function sloHistory(options: HistoryOptions): string {
  const families = new Map<string, { type: string; series: Map<string, Counter> }>();
  const series = (family: string, type: string, name: string, labels: string): Counter => {
    let f = families.get(family);
    if (!f) {
      f = { type, series: new Map() };
      families.set(family, f);
    }
    const key = `${name}{${labels}}`;
    let c = f.series.get(key);
    if (!c) {
      c = { labels: key, value: 0, samples: [] };
      f.series.set(key, c);
    }
    return c;
  };
  const emit = (c: Counter, t: number, increment: number, reset = false) => {
    c.value = reset ? increment : c.value + increment;
    c.samples.push(`${c.labels} ${c.value} ${t / 1000}`);
  };
  const services = ['checkout', 'search', ...Array.from({ length: options.extra ?? 0 }, (_, i) => `svc-${i}`)];
  for (let t = options.start; t <= options.end; t += MIN) {
    const first = t === options.start;
    services.forEach((service, s) => {
      if (service === 'search' && t >= options.gap[0] && t < options.gap[1]) {
        return;
      }
      const quiet = service === 'search' && t >= options.quiet[0] && t < options.quiet[1];
      const total = first || quiet ? 0 : requestsPerMinute(t, service === 'checkout' ? 600 : 300, s);
      const errorRate =
        service === 'checkout' && t >= options.incident[0] && t < options.incident[1]
          ? 0.05
          : service === 'search'
            ? 0.01
            : 0.0005 * (1 + (s % 5));
      const bad = Math.floor(total * errorRate + noise(t, s + 100));
      const reset = service === 'checkout' && t === options.reset;
      const code = service === 'search' ? '503' : '500';
      emit(
        series('requests', 'counter', 'requests_total', `service="${service}",code="200"`),
        t,
        Math.max(0, total - bad),
        reset
      );
      emit(
        series('requests', 'counter', 'requests_total', `service="${service}",code="${code}"`),
        t,
        Math.min(bad, total),
        reset
      );
      if (service === 'checkout') {
        let below = 0;
        for (const [le, share] of BUCKETS) {
          below = le === '+Inf' ? total : Math.max(below, Math.floor(total * share + noise(t, share * 1000) - 0.5));
          emit(
            series(
              'http_request_duration_seconds',
              'histogram',
              'http_request_duration_seconds_bucket',
              `service="checkout",le="${le}"`
            ),
            t,
            below,
            reset
          );
        }
        emit(
          series(
            'http_request_duration_seconds',
            'histogram',
            'http_request_duration_seconds_count',
            'service="checkout"'
          ),
          t,
          total,
          reset
        );
      }
    });
  }
  const lines: string[] = [];
  for (const [family, f] of families) {
    lines.push(`# TYPE ${family} ${f.type}`);
    for (const c of f.series.values()) {
      lines.push(...c.samples);
    }
  }
  return lines.join('\n') + '\n# EOF\n';
}
