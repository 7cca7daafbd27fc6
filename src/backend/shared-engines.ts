import type { SloDefinition } from '../core/definitions/model';
import { SloEngine } from '../core/slo/engine';
import type { MetricSource, TimeGrid } from '../core/source';

/**
 * How long an engine is handed out: the panels of a dashboard ask within a second or so of each other, and an
 * engine holds its window sums (several arrays per window) while kept, so it is kept briefly.
 */
export const ENGINE_KEEP_MS = 2_000;
/** engines kept at most (a dashboard refresh uses tens); beyond it the oldest go first */
const MAX_ENGINES = 128;

/** Who uses an engine; kept apart from the engine, so a query's listener does not keep an expired engine alive. */
interface Users {
  controller: AbortController;
  /** users whose signal has not aborted */
  live: number;
}

interface Entry {
  engine: SloEngine;
  users: Users;
  until: number;
}

/**
 * SLO engines shared by the queries of one data source for ENGINE_KEEP_MS: a dashboard asks about one SLO on one
 * grid in several panels (SLI, budget burndown, burn rates, time to exhaustion, the catalog, the fast-burn alerts,
 * the events timeline), each a different query and answer, but all from the same window sums, which an engine
 * computes once (src/core/slo/windows.ts). Keyed by the SLO's definition object (a definitions reload makes new
 * ones) and the grid; kept for less than identical answers are (SHARE_MS), so a shared engine never holds older
 * data than a shared answer would. A failed computation is not remembered by the engine.
 *
 * Cancellation follows SharedAnswers: an engine's upstream requests are aborted only when every query that used
 * it has been cancelled, and an aborted engine is never handed out again.
 */
export class SharedEngines {
  private readonly entries = new Map<string, Entry>();
  private readonly sloIds = new WeakMap<SloDefinition, number>();
  private nextSloId = 1;
  private lastSweep = 0;
  private readonly leavesOf = new WeakMap<AbortSignal, Array<() => void>>();
  private readonly joined = new WeakMap<AbortSignal, AbortSignal[]>();

  constructor(
    private readonly source: MetricSource,
    private readonly clock: () => number = () => performance.now()
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The engine for `slo` on `grid`, shared with other queries; `signal` is the asking query's own. */
  engine(slo: SloDefinition, policy: SloEngine['policy'], grid: TimeGrid, signal: AbortSignal): SloEngine {
    const now = this.clock();
    const key = `${this.sloId(slo)}|${grid.start}|${grid.end}|${grid.step}`;
    let entry = this.entries.get(key);
    if (entry && (now >= entry.until || !this.reusable(entry) || entry.engine.policy !== policy)) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      // constructing checks the SLO against the grid and throws a named error: nothing is kept then
      const controller = new AbortController();
      entry = {
        engine: new SloEngine(this.source, slo, policy, grid, controller.signal),
        users: { controller, live: 0 },
        until: now + ENGINE_KEEP_MS,
      };
      this.evict(now);
      this.entries.set(key, entry);
    }
    this.join(key, entry.users, signal);
    return entry.engine;
  }

  /**
   * The signals of the engines the query with `signal` used: the upstream's warnings (a partial result) are
   * recorded under them (MetricSource.warningsOf) and belong to every query that used the engine.
   */
  enginesOf(signal: AbortSignal): AbortSignal[] {
    return this.joined.get(signal) ?? [];
  }

  /** Not aborted, and no partial result inside (that is never reused, as a partial answer is not kept). */
  private reusable(entry: Entry): boolean {
    const own = entry.users.controller.signal;
    return !own.aborted && !this.source.warningsOf?.(own).length;
  }

  private join(key: string, users: Users, signal: AbortSignal): void {
    users.live++;
    const engines = this.joined.get(signal) ?? [];
    if (!engines.includes(users.controller.signal)) {
      engines.push(users.controller.signal);
    }
    this.joined.set(signal, engines);
    const leave = () => {
      users.live--;
      if (users.live === 0 && !users.controller.signal.aborted) {
        users.controller.abort(signal.reason);
        if (this.entries.get(key)?.users === users) {
          this.entries.delete(key);
        }
      }
    };
    if (signal.aborted) {
      leave();
      return;
    }
    // one listener per query, however many engines it uses (a catalog uses one per SLO)
    let leaves = this.leavesOf.get(signal);
    if (!leaves) {
      const all: Array<() => void> = [];
      leaves = all;
      this.leavesOf.set(signal, all);
      signal.addEventListener('abort', () => all.forEach((f) => f()), { once: true });
    }
    leaves.push(leave);
  }

  private sloId(slo: SloDefinition): number {
    let id = this.sloIds.get(slo);
    if (id === undefined) {
      id = this.nextSloId++;
      this.sloIds.set(slo, id);
    }
    return id;
  }

  /**
   * Drops expired engines (at most once per ENGINE_KEEP_MS, so their window sums do not outlive their use), then
   * the oldest while over MAX_ENGINES.
   */
  private evict(now: number): void {
    if (this.entries.size < MAX_ENGINES && now - this.lastSweep < ENGINE_KEEP_MS) {
      return;
    }
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (now >= entry.until || this.entries.size >= MAX_ENGINES) {
        this.entries.delete(key);
      }
    }
  }
}
