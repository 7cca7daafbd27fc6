/**
 * Identical queries share one answer, so fifty people opening the same dashboard cost one computation, not
 * fifty (issue 10). An answer is shared
 *  - while it is being computed: a later identical query waits for the same computation (singleflight). The
 *    computation is cancelled only when every query waiting for it has been cancelled; one person closing a
 *    dashboard never fails another's panel;
 *  - for a while after it completed (`keepMs`, at most SHARE_MS; 0 for partial results): Grafana's relative
 *    ranges ("now-7d") of people seconds apart ask for the same numbers. Grafana's own query caching works so.
 * A failure is shared only while in flight: the next query after a failure tries again.
 * The caller's key must hold everything an answer depends on (see answerKey in query-data.ts).
 */
export const SHARE_MS = 10_000;
/** entries kept at most; beyond it the oldest completed ones go first */
const MAX_ENTRIES = 500;
/**
 * Total weight (the caller's measure: data points) of kept answers; beyond it the oldest go first. 500,000
 * points hold the four provisioned dashboards' answers several times over in about 16 MB.
 */
export const MAX_KEPT_WEIGHT = 500_000;

interface Entry<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** queries waiting for an unfinished computation */
  waiters: number;
  /** set when the computation completed and its answer is kept for later queries, until then */
  keptUntil?: number;
  weight: number;
}

export class SharedAnswers<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private lastSweep = 0;
  private keptWeight = 0;

  /** `weigh`: the memory an answer holds, in any unit comparable to MAX_KEPT_WEIGHT */
  constructor(
    private readonly weigh: (answer: T) => number,
    private readonly clock: () => number = () => performance.now()
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The answer for `key`: a kept one, the one being computed, or a new computation. `signal` is this query's
   * own: when it aborts, this query stops waiting (rejects with the abort reason).
   */
  run(
    key: string,
    compute: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    keepMs: (answer: T) => number
  ): Promise<T> {
    if (signal.aborted) {
      return Promise.reject(signal.reason);
    }
    const now = this.clock();
    let entry = this.entries.get(key);
    if (entry?.keptUntil !== undefined && now >= entry.keptUntil) {
      this.drop(key, entry);
      entry = undefined;
    }
    if (!entry) {
      entry = this.start(key, compute, keepMs);
    }
    if (entry.keptUntil !== undefined) {
      return entry.promise;
    }
    return this.wait(key, entry, signal);
  }

  private start(key: string, compute: (signal: AbortSignal) => Promise<T>, keepMs: (answer: T) => number): Entry<T> {
    const controller = new AbortController();
    const entry: Entry<T> = { controller, waiters: 0, weight: 0, promise: Promise.resolve(undefined as T) };
    entry.promise = compute(controller.signal).then(
      (answer) => {
        const ms = Math.min(keepMs(answer), SHARE_MS);
        if (ms > 0 && this.entries.get(key) === entry) {
          entry.keptUntil = this.clock() + ms;
          entry.weight = this.weigh(answer);
          this.keptWeight += entry.weight;
          this.evict();
        } else {
          this.drop(key, entry);
        }
        return answer;
      },
      (error: unknown) => {
        this.drop(key, entry);
        throw error;
      }
    );
    // nobody may be waiting when it fails (all cancelled); the waiters handle the rejection themselves
    entry.promise.catch(() => undefined);
    this.evict();
    this.entries.set(key, entry);
    return entry;
  }

  private wait(key: string, entry: Entry<T>, signal: AbortSignal): Promise<T> {
    entry.waiters++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        entry.waiters--;
      };
      const onAbort = () => {
        leave();
        if (entry.waiters === 0 && entry.keptUntil === undefined) {
          // the last one waiting went away: stop the work and let the next query start afresh
          entry.controller.abort(signal.reason);
          this.drop(key, entry);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (answer) => {
          leave();
          resolve(answer);
        },
        (error: unknown) => {
          leave();
          reject(error);
        }
      );
    });
  }

  /** Forgets `entry` if it is still the one under `key` (a newer computation may have taken its place). */
  private drop(key: string, entry: Entry<T>): void {
    if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.keptWeight -= entry.weight;
    }
  }

  /**
   * Drops expired answers (at most once per SHARE_MS, so kept frames do not outlive their use), then the oldest
   * completed ones while over MAX_ENTRIES or MAX_KEPT_WEIGHT (computations in flight stay).
   */
  private evict(): void {
    const now = this.clock();
    const over = () => this.entries.size >= MAX_ENTRIES || this.keptWeight > MAX_KEPT_WEIGHT;
    if (!over() && now - this.lastSweep < SHARE_MS) {
      return;
    }
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (entry.keptUntil !== undefined && (now >= entry.keptUntil || over())) {
        this.drop(key, entry);
      }
    }
  }
}
