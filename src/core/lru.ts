/**
 * Least-recently-used caches on a plain Map, whose iteration order is insertion order: `touch` moves an entry to
 * the newest end, `remember` adds one and drops the oldest beyond `max`; WeightedLru bounds the values' total weight;
 * `keepUntilFailed` keeps a pending computation only while it has not failed.
 */
export function touch<V>(map: Map<string, V>, key: string): V | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}

export function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.set(key, value);
  while (map.size > max) {
    map.delete(map.keys().next().value!);
  }
}

/**
 * Keeps `value` under `key` until `settled` rejects, then forgets it (unless replaced meanwhile): a computation
 * that failed is not remembered, so the next caller tries again. Returns `value`.
 */
export function keepUntilFailed<K, V>(map: Map<K, V>, key: K, value: V, settled: Promise<unknown>): V {
  map.set(key, value);
  settled.catch(() => map.get(key) === value && map.delete(key));
  return value;
}

/** A least-recently-used cache bounded by the total weight of its values (bytes, points: the caller's unit). */
export class WeightedLru<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly maxWeight: number) {}

  get weight(): number {
    return this.total;
  }

  get(key: string): { value: V } | undefined {
    return touch(this.entries, key);
  }

  /** Keeps `value` as the newest entry (never one heavier than the whole budget), dropping the oldest beyond it. */
  set(key: string, value: V, weight: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.weight;
    }
    if (weight > this.maxWeight) {
      return;
    }
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxWeight) {
        break;
      }
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
  }
}
