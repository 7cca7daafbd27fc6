/**
 * Least-recently-used caches on a plain Map, whose iteration order is insertion order: `touch` moves an entry to
 * the newest end, `remember` adds one and drops the oldest beyond `max`.
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
