/**
 * The simulated "AI Workflow Processing Platform": a pure function of (seed, time).
 *
 * Everything repeats on a 28-day CYCLE that starts at EPOCH (a Monday, 00:00 UTC), except growth, which
 * compounds from EPOCH (requests +25%/month, data +30%/month, per the operations handbook). Incidents and
 * deployments sit at fixed offsets inside the cycle (see INCIDENTS, DEPLOYMENTS and src/demo/README.md), so
 * every 35-day window holds each kind of incident at least once.
 *
 * Counters are integrals of a rate function with a closed-form antiderivative (exponential growth times
 * daily/weekly sinusoids), split into series by "regimes" that are constant between incident boundaries,
 * and floored to integers like real counters. A service restart (every deployment, and the crash that ends
 * the outage) resets its counters to 0 at a whole minute; the events of the last minute before a restart are
 * never scraped, which is exactly what Prometheus sees when it scrapes (or is back-filled) every minute.
 * Gauges are sampled per minute: their value at t is their value at t floored to the minute.
 */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Monday 2026-11-09T00:00:00Z: a cycle start (28 days after cycle starts before and after it). */
export const EPOCH = Date.UTC(2026, 10, 9);
export const CYCLE = 28 * DAY;

/** Offset of t inside its cycle, ms (0 <= offset < CYCLE, also before EPOCH). */
export function cycleOffset(t: number): number {
  return (((t - EPOCH) % CYCLE) + CYCLE) % CYCLE;
}

export const SERVICES = ['api_gateway', 'workflow_engine', 'agent_manager', 'notification_service'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const NODES = ['node-1', 'node-2', 'node-3', 'node-4', 'node-5', 'node-6'] as const;
export const DATABASES = ['db-1', 'db-2', 'db-3'] as const;
export const CODES = ['200', '500', '503'] as const;
/** histogram buckets: the handbook's latency thresholds plus a few around them */
export const BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5] as const;
export const CHANNELS = ['email', 'slack', 'webhook'] as const;
export const QUEUES = ['workflows', 'agent_tasks'] as const;
/** The node whose disk trends past its 80% warning line inside every cycle. */
export const TRENDING_DISK_NODE = 'node-4';

const MONTH_S = 30 * 86_400;
/** per second: requests +25%/month */
const REQUEST_GROWTH = Math.log(1.25) / MONTH_S;
/** per second: stored data +30%/month */
const DATA_GROWTH = Math.log(1.3) / MONTH_S;

/** A regime holds while nothing changes: error shares and the lognormal latency of one service. */
export interface Regime {
  err500: number;
  err503: number;
  /** ln of the median latency in seconds */
  mu: number;
  sigma: number;
}

interface ServiceProfile {
  /** mean requests/s at EPOCH (daily and weekly seasonality multiply it) */
  rps: number;
  /** SLO latency thresholds (p95, p99), seconds */
  p95: number;
  p99: number;
  /** baseline share of requests slower than each threshold */
  slow95: number;
  slow99: number;
  err500: number;
  err503: number;
  /** phase shift of the daily curve, hours (peak around 15:00 UTC when 0) */
  peakShiftHours: number;
}

// Baseline: 20% of the availability budget (notification_service: 82%) and 20-60% of the latency budgets per
// 30 days, so incidents show.
const PROFILES: Record<ServiceName, ServiceProfile> = {
  api_gateway: {
    rps: 16000,
    p95: 0.1,
    p99: 0.2,
    slow95: 0.015,
    slow99: 0.003,
    err500: 1.5e-5,
    err503: 0.5e-5,
    peakShiftHours: 0,
  },
  workflow_engine: {
    rps: 4000,
    p95: 0.3,
    p99: 0.5,
    slow95: 0.02,
    slow99: 0.004,
    err500: 0.7e-4,
    err503: 0.3e-4,
    peakShiftHours: 0.5,
  },
  agent_manager: {
    rps: 1600,
    p95: 0.5,
    p99: 1,
    slow95: 0.01,
    slow99: 0.002,
    err500: 1.5e-4,
    err503: 0.5e-4,
    peakShiftHours: 1,
  },
  // chronically flaky: 82% of its budget, so the board shows a budget warning (handbook: 80% consumed)
  notification_service: {
    rps: 8000,
    p95: 1,
    p99: 2,
    slow95: 0.03,
    slow99: 0.006,
    err500: 3.2e-3,
    err503: 0.9e-3,
    peakShiftHours: -1,
  },
};

/** z with P(Z > z) = tail for a standard normal Z (bisection on erfc; computed once per service). */
function normalTail(tail: number): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (0.5 * erfc(mid / Math.SQRT2) > tail) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

function baselineRegime(s: ServiceName): Regime {
  const p = PROFILES[s];
  const z95 = normalTail(p.slow95);
  const sigma = Math.log(p.p99 / p.p95) / (normalTail(p.slow99) - z95);
  return { err500: p.err500, err503: p.err503, mu: Math.log(p.p95) - z95 * sigma, sigma };
}

export const BASELINE: Record<ServiceName, Regime> = Object.fromEntries(
  SERVICES.map((s) => [s, baselineRegime(s)])
) as Record<ServiceName, Regime>;

export type IncidentKind = 'outage' | 'error-burst' | 'slow-burn' | 'latency-regression';

export interface IncidentSpec {
  kind: IncidentKind;
  service: ServiceName;
  /** offsets inside the cycle, ms */
  start: number;
  end: number;
  title: string;
  change: Partial<Regime>;
}

const at = (day: number, hour: number, minute = 0) => day * DAY + hour * HOUR + minute * MIN;

/** The incident schedule, offsets from each cycle start (cycle day 0 = a Monday). Documented in README.md. */
export const INCIDENTS: IncidentSpec[] = [
  {
    kind: 'outage',
    service: 'workflow_engine',
    start: at(2, 2, 10),
    end: at(2, 2, 16),
    title: 'workflow_engine total outage (all requests 503), crash-restart at the end',
    change: { err503: 1, err500: 0 },
  },
  {
    kind: 'error-burst',
    service: 'api_gateway',
    start: at(9, 14),
    end: at(9, 14, 30),
    title: 'api_gateway 5xx burst (0.4% errors for 30 minutes): fast-burn page',
    change: { err500: 0.004 },
  },
  {
    kind: 'slow-burn',
    service: 'agent_manager',
    start: at(15, 6),
    end: at(18, 6),
    title: 'agent_manager elevated errors for 3 days (0.25%): slow burn',
    change: { err500: 0.0025 },
  },
  {
    kind: 'latency-regression',
    service: 'workflow_engine',
    start: at(22, 15),
    end: at(23, 11),
    title: 'workflow_engine latency regression after deployment (median x3), rolled back',
    change: { mu: BASELINE.workflow_engine.mu + Math.log(3) },
  },
];

export interface DeploymentSpec {
  service: ServiceName;
  /** offset inside the cycle, ms; always a whole minute */
  at: number;
  note?: string;
}

function weekly(service: ServiceName, weekday: number, hour: number, minute = 0): DeploymentSpec[] {
  return [0, 7, 14, 21].map((d) => ({ service, at: at(d + weekday, hour, minute) }));
}

/** Deployments inside each cycle; each restarts the service (its counters reset). */
export const DEPLOYMENTS: DeploymentSpec[] = [
  ...weekly('api_gateway', 1, 10),
  ...weekly('workflow_engine', 3, 13),
  { service: 'workflow_engine' as const, at: at(22, 15), note: 'introduces a latency regression' },
  { service: 'workflow_engine' as const, at: at(23, 11), note: 'rollback of the regression' },
  ...weekly('agent_manager', 0, 16),
  ...weekly('notification_service', 2, 9, 30),
].sort((a, b) => a.at - b.at);

/** Restart offsets per service inside the cycle: deployments plus the crash that ends the outage. */
const RESTARTS: Record<ServiceName, number[]> = Object.fromEntries(
  SERVICES.map((s) => {
    const offsets = DEPLOYMENTS.filter((d) => d.service === s).map((d) => d.at);
    for (const i of INCIDENTS) {
      if (i.service === s && i.kind === 'outage') {
        offsets.push(i.end);
      }
    }
    return [s, [...new Set(offsets)].sort((a, b) => a - b)];
  })
) as Record<ServiceName, number[]>;

/** Regime boundaries per service inside the cycle. */
const BOUNDARIES: Record<ServiceName, number[]> = Object.fromEntries(
  SERVICES.map((s) => [
    s,
    [...new Set(INCIDENTS.filter((i) => i.service === s).flatMap((i) => [i.start, i.end]))].sort((a, b) => a - b),
  ])
) as Record<ServiceName, number[]>;

export function regimeAt(s: ServiceName, t: number): Regime {
  const o = cycleOffset(t);
  for (const i of INCIDENTS) {
    if (i.service === s && o >= i.start && o < i.end) {
      return { ...BASELINE[s], ...i.change };
    }
  }
  return BASELINE[s];
}

/** Last element of the periodic offsets (within each cycle) that is <= t, as an absolute time. */
export function lastPeriodic(offsets: number[], t: number): number {
  const k = Math.floor((t - EPOCH) / CYCLE);
  const o = t - EPOCH - k * CYCLE;
  let best = -1;
  for (const x of offsets) {
    if (x <= o) {
      best = x;
    }
  }
  return best >= 0 ? EPOCH + k * CYCLE + best : EPOCH + (k - 1) * CYCLE + offsets[offsets.length - 1];
}

/** Periodic offsets as absolute times in (a, b]. */
export function periodicBetween(offsets: number[], a: number, b: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor((a - EPOCH) / CYCLE); EPOCH + k * CYCLE <= b; k++) {
    for (const x of offsets) {
      const t = EPOCH + k * CYCLE + x;
      if (t > a && t <= b) {
        out.push(t);
      }
    }
  }
  return out;
}

/** Last restart of service s at or before t. */
export function lastRestart(s: ServiceName, t: number): number {
  return lastPeriodic(RESTARTS[s], t);
}

export function restartsBetween(s: ServiceName, a: number, b: number): number[] {
  return periodicBetween(RESTARTS[s], a, b);
}

// ---- the rate function and its antiderivative -------------------------------------------------------

interface Wave {
  amp: number;
  omega: number; // rad/s
  phase: number;
}

const DAY_W = (2 * Math.PI) / 86_400;
const WEEK_W = DAY_W / 7;

function waves(s: ServiceName): Wave[] {
  const shift = PROFILES[s].peakShiftHours * 3600;
  // peak of sin(wx + phase) at x = peak: phase = pi/2 - w * peak (x in seconds since EPOCH, a Monday 00:00 UTC)
  const peakDay = 15 * 3600 + shift;
  const peakWeek = 2.5 * 86_400; // mid-week high, weekend low
  return [
    { amp: 0.35, omega: DAY_W, phase: Math.PI / 2 - DAY_W * peakDay },
    { amp: 0.08, omega: 2 * DAY_W, phase: Math.PI / 2 - 2 * DAY_W * peakDay },
    { amp: 0.12, omega: WEEK_W, phase: Math.PI / 2 - WEEK_W * peakWeek },
  ];
}

const WAVES: Record<ServiceName, Wave[]> = Object.fromEntries(SERVICES.map((s) => [s, waves(s)])) as Record<
  ServiceName,
  Wave[]
>;

/** Seasonal load factor (mean 1) of service s at t. */
export function seasonal(s: ServiceName, t: number): number {
  const x = (t - EPOCH) / 1000;
  let v = 1;
  for (const w of WAVES[s]) {
    v += w.amp * Math.sin(w.omega * x + w.phase);
  }
  return v;
}

export function requestGrowth(t: number): number {
  return Math.exp(REQUEST_GROWTH * ((t - EPOCH) / 1000));
}

export function dataGrowth(t: number): number {
  return Math.exp(DATA_GROWTH * ((t - EPOCH) / 1000));
}

/** Requests per second of service s at t (all codes). */
export function requestRate(s: ServiceName, t: number): number {
  return PROFILES[s].rps * requestGrowth(t) * seasonal(s, t);
}

/** Antiderivative (in requests) of requestRate; only differences are meaningful. */
export function requestIntegral(s: ServiceName, t: number): number {
  const g = REQUEST_GROWTH;
  const x = (t - EPOCH) / 1000;
  let v = 1 / g;
  for (const w of WAVES[s]) {
    const a = w.omega * x + w.phase;
    v += (w.amp * (g * Math.sin(a) - w.omega * Math.cos(a))) / (g * g + w.omega * w.omega);
  }
  return PROFILES[s].rps * Math.exp(g * x) * v;
}

// ---- latency distribution ---------------------------------------------------------------------------

/** erfc with fractional error < 1.2e-7 (Numerical Recipes' Chebyshev fit); a definition, so precision is moot. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t * (0.27886807 + t * (-1.13520398 + t * (1.48851973 + t * (-0.82215223 + t * 0.17087277))))))))
    );
  return x >= 0 ? r : 2 - r;
}

/** Share of requests faster than `le` seconds (lognormal latency). */
export function fasterThan(r: Regime, le: number): number {
  if (!Number.isFinite(le)) {
    return 1;
  }
  return 0.5 * erfc(-(Math.log(le) - r.mu) / (r.sigma * Math.SQRT2));
}

export function meanLatency(r: Regime): number {
  return Math.exp(r.mu + (r.sigma * r.sigma) / 2);
}

export function baselineProfile(s: ServiceName): Readonly<ServiceProfile> {
  return PROFILES[s];
}

export const REGIME_BOUNDARIES = BOUNDARIES;
