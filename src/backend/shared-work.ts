import { keepUntilFailed } from '../core/lru';

/**
 * How long a piece of shared work is handed out: the panels of a dashboard ask within a second or so of each
 * other, and the work holds its results (arrays per grid point) while kept, so it is kept briefly.
 */
export const WORK_KEEP_MS = 2_000;
/** pieces kept at most (a dashboard refresh uses tens); beyond it the oldest go first */
const MAX_PIECES = 128;

/** Who uses a piece of work; kept apart from it, so a query's listener does not keep expired work alive. */
interface Users {
  controller: AbortController;
  /** users whose signal has not aborted */
  live: number;
}

interface Entry {
  work: unknown;
  users: Users;
  until: number;
}

/**
 * Work shared by the queries of one data source for WORK_KEEP_MS, below the level of whole answers: a dashboard
 * asks about one SLO on one grid in several panels (SLI, budget burndown, burn rates, time to exhaustion, the
 * catalog, the fast-burn alerts, the events timeline), and about one capacity resource in several (its panel, the
 * catalog, the summary), each a different query and answer, but all from the same SLO engine (whose window sums
 * it computes once, src/core/slo/windows.ts) or the same capacity evaluation. Keys name everything the work
 * depends on; objects of the definitions are named by identity (`id`), so a definitions reload makes new keys.
 * Kept for less than identical answers are (SHARE_MS), so shared work never holds older data than a shared answer.
 *
 * Cancellation follows SharedAnswers: work's upstream requests are aborted only when every query that used it has
 * been cancelled, and aborted work is never handed out again. Work that failed (a rejected promise) or met a
 * partial result (the upstream's warnings) is not handed out again either; those warnings belong to every query
 * that used it (`signalsOf`).
 */
export class SharedWork {
  private readonly entries = new Map<string, Entry>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private lastSweep = 0;
  /** per query (its signal): the signals of the work it joined, and what its cancellation must tell that work */
  private readonly queries = new WeakMap<AbortSignal, { joined: AbortSignal[]; leaves: Array<() => void> }>();

  constructor(
    /** the upstream's warnings per signal (MetricSource.warningsOf) */
    private readonly warningsOf: (signal: AbortSignal) => string[] = () => [],
    private readonly clock: () => number = () => performance.now()
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** A number naming `object` for keys, the same for as long as the object lives. */
  id(object: object): number {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(object, id);
    }
    return id;
  }

  /**
   * The work under `key`, shared with other queries, or `create`d with a signal of its own (aborted when every
   * query using it was cancelled). `signal` is the asking query's own. If `create` throws, nothing is kept.
   */
  get<T>(key: string, create: (signal: AbortSignal) => T, signal: AbortSignal): T {
    const now = this.clock();
    let entry = this.entries.get(key);
    if (entry && (now >= entry.until || !this.reusable(entry))) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      const controller = new AbortController();
      const created: Entry = {
        work: create(controller.signal),
        users: { controller, live: 0 },
        until: now + WORK_KEEP_MS,
      };
      this.evict(now);
      // work that fails is not handed out again: the next query tries afresh
      const settled = created.work instanceof Promise ? created.work : Promise.resolve();
      entry = keepUntilFailed(this.entries, key, created, settled);
    }
    this.join(key, entry.users, signal);
    return entry.work as T;
  }

  /** The signals of the work the query with `signal` used: its upstream warnings are recorded under them. */
  signalsOf(signal: AbortSignal): AbortSignal[] {
    return this.queries.get(signal)?.joined ?? [];
  }

  /** Not aborted, and no partial result inside (that is never reused, as a partial answer is not kept). */
  private reusable(entry: Entry): boolean {
    const own = entry.users.controller.signal;
    return !own.aborted && this.warningsOf(own).length === 0;
  }

  private join(key: string, users: Users, signal: AbortSignal): void {
    users.live++;
    let query = this.queries.get(signal);
    if (!query) {
      const created = { joined: [] as AbortSignal[], leaves: [] as Array<() => void> };
      this.queries.set(signal, created);
      // one listener per query, however much work it joins (a catalog joins one engine per SLO)
      signal.addEventListener('abort', () => created.leaves.forEach((leave) => leave()), { once: true });
      query = created;
    }
    if (!query.joined.includes(users.controller.signal)) {
      query.joined.push(users.controller.signal);
    }
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
    } else {
      query.leaves.push(leave);
    }
  }

  /**
   * Drops expired work (at most once per WORK_KEEP_MS, so its results do not outlive their use), then the oldest
   * while over MAX_PIECES.
   */
  private evict(now: number): void {
    if (this.entries.size < MAX_PIECES && now - this.lastSweep < WORK_KEEP_MS) {
      return;
    }
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (now >= entry.until || this.entries.size >= MAX_PIECES) {
        this.entries.delete(key);
      }
    }
  }
}
