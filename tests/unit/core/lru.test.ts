import { keepUntilFailed, remember, touch, WeightedLru } from '../../../src/core/lru';

describe('least-recently-used caches', () => {
  it('remember drops the oldest beyond its count; touch makes an entry the newest', () => {
    const map = new Map<string, number>();
    remember(map, 'a', 1, 2);
    remember(map, 'b', 2, 2);
    expect(touch(map, 'a')).toBe(1);
    remember(map, 'c', 3, 2);
    expect([...map.keys()]).toEqual(['a', 'c']);
    expect(touch(map, 'b')).toBeUndefined();
  });

  it('WeightedLru keeps its total weight within budget, least recently used out first', () => {
    const lru = new WeightedLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    expect(lru.get('a')?.value).toBe('A'); // a is now the newest
    lru.set('c', 'C', 4); // 12 > 10: b goes
    expect(lru.get('b')).toBeUndefined();
    expect(lru.weight).toBe(8);
    lru.set('a', 'A2', 6); // replacing counts the new weight only: 6 + 4
    expect(lru.weight).toBe(10);
    expect(lru.get('a')?.value).toBe('A2');
    lru.set('huge', 'H', 11); // heavier than the budget: not kept, and evicts nothing
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.weight).toBe(10);
  });

  it('WeightedLru keeps null values as entries', () => {
    const lru = new WeightedLru<number[] | null>(5);
    lru.set('none', null, 1);
    expect(lru.get('none')).toBeDefined();
    expect(lru.get('none')!.value).toBeNull();
  });
});

describe('keepUntilFailed', () => {
  it('keeps a computation that succeeds, forgets one that fails, and never a newer one under the same key', async () => {
    const map = new Map<string, Promise<string>>();
    const ok = Promise.resolve('ok');
    expect(keepUntilFailed(map, 'a', ok, ok)).toBe(ok);
    const failing = Promise.reject(new Error('down'));
    keepUntilFailed(map, 'b', failing, failing);
    const older = Promise.reject(new Error('old'));
    keepUntilFailed(map, 'c', older, older);
    const newer = Promise.resolve('new');
    map.set('c', newer);
    await Promise.allSettled([ok, failing, older]);
    expect(map.get('a')).toBe(ok);
    expect(map.has('b')).toBe(false);
    expect(map.get('c')).toBe(newer);
  });
});
