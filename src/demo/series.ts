/**
 * The catalogue of the simulated platform's series and their values at any instant.
 * See platform.ts for the model (rates, regimes, restarts); this file turns it into Prometheus series.
 */
import {
  BUCKETS,
  CHANNELS,
  CODES,
  cycleOffset,
  DATABASES,
  dataGrowth,
  DAY,
  fasterThan,
  INCIDENTS,
  lastRestart,
  meanLatency,
  MIN,
  NODES,
  periodicBetween,
  QUEUES,
  REGIME_BOUNDARIES,
  regimeAt,
  requestGrowth,
  requestIntegral,
  restartsBetween,
  seasonal,
  SERVICES,
  TRENDING_DISK_NODE,
  type Regime,
  type ServiceName,
} from './platform';
import { remember, touch } from '../core/lru';
import { gridTimes, type TimeGrid } from '../core/source';

export const DEFAULT_SEED = 42;

export interface DemoSeries {
  readonly name: string;
  /** labels without __name__ */
  readonly labels: Readonly<Record<string, string>>;
  readonly kind: 'counter' | 'gauge';
  readonly help: string;
  /** the value a scrape at t sees */
  value(t: number): number;
}

export interface GaugeSeries extends DemoSeries {
  readonly kind: 'gauge';
  /** the values a scrape sees at each point of the grid */
  valuesOn(grid: TimeGrid): Float64Array;
}

export interface CounterSeries extends DemoSeries {
  readonly kind: 'counter';
  readonly service: ServiceName;
  /**
   * Events in (a, b] as Prometheus counts them from samples at a, b and every whole minute between
   * (resets handled; the unscraped last minute before a restart is lost). Never negative.
   */
  increase(a: number, b: number): number;
  /** increases over (points[i-1], points[i]] for ascending points (points.length - 1 values) */
  increasesOver(points: readonly number[]): Float64Array;
  /** values at ascending times */
  valuesAt(times: readonly number[]): Float64Array;
}

const floorMinute = (t: number) => Math.floor(t / MIN) * MIN;

/**
 * The values as a plain array (series values are arrays of numbers or null). A loop: Array.from goes through the
 * typed array's iterator, ~20x slower for a grid of 1,000 points, and was the demo's largest cost of a refresh.
 */
export function plainValues(values: Float64Array): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i];
  }
  return out;
}

// ---- counters -----------------------------------------------------------------------------------------

interface Segment {
  restart: number;
  /** the next restart: the segment is [restart, next) */
  next: number;
  /** piece starts; piece i holds [starts[i], starts[i+1]), the last one runs to `next` */
  starts: number[];
  regimes: Regime[];
  /** requestIntegral at each piece start */
  integralAt: number[];
  /** per counter: accumulated (unfloored) value at each piece start */
  cumulative: Map<Counter, number[]>;
}

const segmentCache = new Map<ServiceName, Map<number, Segment>>(SERVICES.map((s) => [s, new Map()]));

function segmentAt(s: ServiceName, t: number): Segment {
  const restart = lastRestart(s, t);
  const cache = segmentCache.get(s)!;
  let seg = cache.get(restart);
  if (!seg) {
    const next = restartsBetween(s, restart, restart + 29 * DAY)[0];
    const starts = [restart, ...periodicBetween(REGIME_BOUNDARIES[s], restart, next - 1)];
    seg = {
      restart,
      next,
      starts,
      regimes: starts.map((x) => regimeAt(s, x)),
      integralAt: starts.map((x) => requestIntegral(s, x)),
      cumulative: new Map(),
    };
    if (cache.size > 1000) {
      cache.clear();
    }
    cache.set(restart, seg);
  }
  return seg;
}

/** requestIntegral over a list of times, shared by all counters of a service that are asked for the same list. */
const integralCache = new Map<ServiceName, WeakMap<readonly number[], Float64Array>>(
  SERVICES.map((s) => [s, new WeakMap()])
);

function integralsAt(s: ServiceName, times: readonly number[]): Float64Array {
  const cache = integralCache.get(s)!;
  let out = cache.get(times);
  if (!out) {
    out = new Float64Array(times.length);
    for (let i = 0; i < times.length; i++) {
      out[i] = requestIntegral(s, times[i]);
    }
    cache.set(times, out);
  }
  return out;
}

class Counter implements CounterSeries {
  readonly kind = 'counter' as const;
  constructor(
    readonly name: string,
    readonly labels: Record<string, string>,
    readonly service: ServiceName,
    readonly help: string,
    /** share of the service's requests this counter counts (or seconds per request for _sum) */
    private readonly share: (r: Regime) => number,
    private readonly integer = true
  ) {}

  private cumulative(seg: Segment): number[] {
    let cum = seg.cumulative.get(this);
    if (!cum) {
      cum = [0];
      for (let i = 1; i < seg.starts.length; i++) {
        cum.push(cum[i - 1] + this.share(seg.regimes[i - 1]) * (seg.integralAt[i] - seg.integralAt[i - 1]));
      }
      seg.cumulative.set(this, cum);
    }
    return cum;
  }

  /** the value at t inside `seg`, given requestIntegral(t) */
  private valueIn(seg: Segment, t: number, integral: number): number {
    const cum = this.cumulative(seg);
    let i = seg.starts.length - 1;
    while (i > 0 && seg.starts[i] > t) {
      i--;
    }
    const v = cum[i] + this.share(seg.regimes[i]) * (integral - seg.integralAt[i]);
    return this.integer ? Math.floor(v) : v;
  }

  value(t: number): number {
    return this.valueIn(segmentAt(this.service, t), t, requestIntegral(this.service, t));
  }

  /** values at ascending times (the same array for several counters of a service shares the rate integral) */
  valuesAt(times: readonly number[]): Float64Array {
    const integrals = integralsAt(this.service, times);
    const out = new Float64Array(times.length);
    let seg: Segment | undefined;
    let cum: number[] = [];
    let piece = 0;
    let share = 0;
    let pieceEnd = 0;
    for (let i = 0; i < times.length; i++) {
      const t = times[i];
      if (!seg || t < seg.restart || t >= seg.next) {
        seg = segmentAt(this.service, t);
        cum = this.cumulative(seg);
        piece = -1;
        pieceEnd = -Infinity;
      }
      if (t >= pieceEnd) {
        piece = seg.starts.length - 1;
        while (piece > 0 && seg.starts[piece] > t) {
          piece--;
        }
        share = this.share(seg.regimes[piece]);
        pieceEnd = piece + 1 < seg.starts.length ? seg.starts[piece + 1] : seg.next;
      }
      const v = cum[piece] + share * (integrals[i] - seg.integralAt[piece]);
      out[i] = this.integer ? Math.floor(v) : v;
    }
    return out;
  }

  increase(a: number, b: number): number {
    return this.increasesOver([a, b])[0];
  }

  /** increases over (points[i-1], points[i]] for ascending points: points.length - 1 values */
  increasesOver(points: readonly number[]): Float64Array {
    const values = this.valuesAt(points);
    const restarts = points.length > 1 ? restartsBetween(this.service, points[0], points[points.length - 1]) : [];
    const out = new Float64Array(Math.max(0, points.length - 1));
    let r = 0;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (r >= restarts.length || restarts[r] > b) {
        out[i - 1] = values[i] - values[i - 1];
        continue;
      }
      let total = 0;
      let from = a;
      let fromValue = values[i - 1];
      for (; r < restarts.length && restarts[r] <= b; r++) {
        // the last sample before the restart is a minute earlier; what happened after it was never scraped
        const end = Math.max(from, restarts[r] - MIN);
        total += (end === from ? fromValue : this.value(end)) - fromValue;
        from = restarts[r];
        fromValue = 0;
      }
      out[i - 1] = total + values[i] - fromValue;
    }
    return out;
  }
}

// ---- gauges -------------------------------------------------------------------------------------------

/** Deterministic noise in [-1, 1] per (seed, series, minute): a murmur3 finaliser of the three. */
function noise(seed: number, series: number, minute: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(series + 0x632be5ab, 0xc2b2ae35) ^ minute;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

/**
 * Autoscaling: capacity doubles whenever growth has doubled (staggered by phase), so utilisation follows the
 * growth trend but stays bounded: ratio in [2^-phase, 2^(1-phase)).
 */
function scaled(growth: number, phase: number): { capacity: number; ratio: number } {
  const capacity = 2 ** Math.floor(Math.log2(growth) + phase);
  return { capacity, ratio: growth / capacity };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

class Gauge implements GaugeSeries {
  readonly kind = 'gauge' as const;
  /** the last few grids' values (see valuesOn), newest last */
  private readonly recent = new Map<string, Float64Array>();

  constructor(
    readonly name: string,
    readonly labels: Record<string, string>,
    readonly help: string,
    /** value at a whole minute; `n` is this series' noise in [-1, 1] for that minute */
    private readonly at: (t: number, n: number) => number,
    private readonly seed: number,
    private readonly index: number
  ) {}

  value(t: number): number {
    const m = floorMinute(t);
    return this.at(m, noise(this.seed, this.index, m / MIN));
  }

  /**
   * The values a scrape sees at each point of `grid`. A refreshed panel asks for the same grid again (grids are
   * aligned to their step), so the last RECENT_GRIDS grids' values are kept: computing each point was the demo
   * platform's largest cost in a dashboard refresh.
   */
  valuesOn(grid: TimeGrid): Float64Array {
    const key = `${grid.start}:${grid.end}:${grid.step}`;
    let values = touch(this.recent, key);
    if (!values) {
      values = Float64Array.from(gridTimes(grid), (t) => this.value(t));
      remember(this.recent, key, values, RECENT_GRIDS);
    }
    return values;
  }
}

/** Grids whose values a gauge keeps: a few panels' ranges, each a few thousand points at most. */
const RECENT_GRIDS = 4;

const GiB = 2 ** 30;
const TiB = 2 ** 40;
/** which service's load drives each node */
const NODE_SERVICE: ServiceName[] = [
  'api_gateway',
  'notification_service',
  'workflow_engine',
  'workflow_engine',
  'agent_manager',
  'agent_manager',
];
const OUTAGE = INCIDENTS.find((i) => i.kind === 'outage')!;

/** Queue backlog from the outage: grows while workflow_engine is down, drains in ~10 minutes after. */
function outageBacklog(t: number): number {
  const o = cycleOffset(t);
  if (o < OUTAGE.start) {
    return 0;
  }
  if (o < OUTAGE.end) {
    return ((o - OUTAGE.start) / MIN) * 900;
  }
  return ((OUTAGE.end - OUTAGE.start) / MIN) * 900 * Math.exp(-(o - OUTAGE.end) / (10 * MIN));
}

/** node-4's scratch disk: fills +30%/month from 68% and is purged at every cycle start. */
function trendingDiskShare(t: number): number {
  return 0.68 * 1.3 ** (cycleOffset(t) / (30 * DAY));
}

function buildCatalogue(seed: number): DemoSeries[] {
  const out: DemoSeries[] = [];
  const gauge = (name: string, labels: Record<string, string>, help: string, at: (t: number, n: number) => number) =>
    out.push(new Gauge(name, labels, help, at, seed, out.length));

  for (const service of SERVICES) {
    const help = 'HTTP requests served, by status code';
    for (const code of CODES) {
      const share =
        code === '200'
          ? (r: Regime) => 1 - r.err500 - r.err503
          : code === '500'
            ? (r: Regime) => r.err500
            : (r: Regime) => r.err503;
      out.push(new Counter('http_requests_total', { service, code }, service, help, share));
    }
    const hHelp = 'HTTP request latency';
    for (const le of BUCKETS) {
      out.push(
        new Counter('http_request_duration_seconds_bucket', { service, le: String(le) }, service, hHelp, (r) =>
          fasterThan(r, le)
        )
      );
    }
    out.push(new Counter('http_request_duration_seconds_bucket', { service, le: '+Inf' }, service, hHelp, () => 1));
    out.push(new Counter('http_request_duration_seconds_count', { service }, service, hHelp, () => 1));
    out.push(new Counter('http_request_duration_seconds_sum', { service }, service, hHelp, meanLatency, false));
  }
  const shares = [0.55, 0.3, 0.15];
  CHANNELS.forEach((channel, i) =>
    out.push(
      new Counter(
        'notifications_sent_total',
        { channel },
        'notification_service',
        'Notifications delivered, by channel',
        (r) => shares[i] * (1 - r.err500 - r.err503)
      )
    )
  );

  NODES.forEach((node, i) => {
    const s = NODE_SERVICE[i];
    const phase = (k: number) => 0.35 + 0.1 * i + 0.05 * k;
    const labels = { node };
    gauge(
      'node_cpu_capacity_cores',
      labels,
      'CPU cores of the node',
      (t) => 32 * scaled(requestGrowth(t), phase(0)).capacity
    );
    gauge('node_cpu_usage_cores', labels, 'CPU cores in use', (t, n) => {
      const { capacity, ratio } = scaled(requestGrowth(t), phase(0));
      return round(32 * capacity * 0.34 * seasonal(s, t) * ratio * (1 + 0.03 * n), 3);
    });
    gauge(
      'node_memory_capacity_bytes',
      labels,
      'Memory of the node',
      (t) => 128 * GiB * scaled(requestGrowth(t), phase(1)).capacity
    );
    gauge('node_memory_used_bytes', labels, 'Memory in use', (t, n) => {
      const { capacity, ratio } = scaled(requestGrowth(t), phase(1));
      return Math.round(128 * GiB * capacity * 0.48 * (0.85 + 0.15 * seasonal(s, t)) * ratio * (1 + 0.01 * n));
    });
    if (node === TRENDING_DISK_NODE) {
      gauge('node_disk_capacity_bytes', labels, 'Disk size', () => 2 * TiB);
      gauge('node_disk_used_bytes', labels, 'Disk in use', (t, n) =>
        Math.round(2 * TiB * trendingDiskShare(t) * (1 + 0.001 * n))
      );
    } else {
      gauge('node_disk_capacity_bytes', labels, 'Disk size', (t) => 2 * TiB * scaled(dataGrowth(t), phase(2)).capacity);
      gauge('node_disk_used_bytes', labels, 'Disk in use', (t, n) => {
        const { capacity, ratio } = scaled(dataGrowth(t), phase(2));
        return Math.round(2 * TiB * capacity * 0.4 * ratio * (1 + 0.002 * n));
      });
    }
    gauge('node_network_capacity_bytes_per_second', labels, 'Network bandwidth (10 Gbit/s per unit)', (t) =>
      Math.round(1.25e9 * scaled(requestGrowth(t), phase(3)).capacity)
    );
    gauge('node_network_transmit_bytes_per_second', labels, 'Network transmit rate', (t, n) => {
      const { capacity, ratio } = scaled(requestGrowth(t), phase(3));
      return Math.round(1.25e9 * capacity * 0.3 * seasonal(s, t) * ratio * (1 + 0.05 * n));
    });
  });

  DATABASES.forEach((instance, i) => {
    const labels = { instance, role: i === 0 ? 'primary' : 'replica' };
    const base = i === 0 ? 0.42 : 0.3;
    gauge('db_connections_max', labels, 'Connection limit', () => 500);
    gauge('db_connections_active', labels, 'Open connections', (t, n) => {
      const { ratio } = scaled(requestGrowth(t), 0.6);
      return Math.round(500 * base * seasonal('workflow_engine', t) * ratio * (1 + 0.04 * n));
    });
    gauge('db_query_duration_seconds', { ...labels, quantile: '0.95' }, 'Query latency p95', (t, n) => {
      const { ratio } = scaled(requestGrowth(t), 0.6);
      return round(0.008 * (0.6 + 0.5 * seasonal('workflow_engine', t) * ratio) * (1 + 0.05 * n), 6);
    });
  });

  gauge(
    'storage_capacity_bytes',
    { pool: 'artifacts' },
    'Object storage quota',
    (t) => 100 * TiB * scaled(dataGrowth(t), 0.5).capacity
  );
  gauge('storage_used_bytes', { pool: 'artifacts' }, 'Object storage in use', (t, n) => {
    const { capacity, ratio } = scaled(dataGrowth(t), 0.5);
    return Math.round(100 * TiB * capacity * 0.45 * ratio * (1 + 0.001 * n));
  });
  QUEUES.forEach((queue, i) =>
    gauge('workflow_queue_depth', { queue }, 'Jobs waiting', (t, n) => {
      const load = seasonal(i === 0 ? 'workflow_engine' : 'agent_manager', t);
      return Math.max(
        0,
        Math.round((i === 0 ? 120 : 60) * load ** 3 * (1 + 0.1 * n) + (i === 0 ? outageBacklog(t) : 0))
      );
    })
  );
  for (const service of SERVICES) {
    gauge(
      'process_start_time_seconds',
      { service },
      'Start of the running process (changes at each restart)',
      (t) => lastRestart(service, t) / 1000
    );
  }
  return out;
}

const catalogues = new Map<number, DemoSeries[]>();

/** All series of the platform for a seed (built once per seed). Counters first, in a stable order. */
export function catalogue(seed = DEFAULT_SEED): DemoSeries[] {
  let c = catalogues.get(seed);
  if (!c) {
    c = buildCatalogue(seed);
    catalogues.set(seed, c);
  }
  return c;
}

export function isCounter(s: DemoSeries): s is CounterSeries {
  return s.kind === 'counter';
}
