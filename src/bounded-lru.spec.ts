import { LRUCache } from 'lru-cache';
import { boundedLru } from './bounded-lru';

function bytesTakenBy(build: () => unknown): { held: unknown; bytes: number } {
  const before = process.memoryUsage();
  const held = build();
  const after = process.memoryUsage();
  return { held, bytes: after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers) };
}

describe('boundedLru', () => {
  it('holds at most its bound, the least recently used going first', () => {
    const cache = boundedLru<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect([...cache.keys()].sort()).toEqual(['a', 'c', 'd']);
    cache.set('c', 30); // replacing an entry takes no more room
    expect(cache.size).toBe(3);
    expect(cache.get('c')).toBe(30);
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i);
    expect([...cache.keys()]).toEqual(['k999', 'k998', 'k997']);
  });

  it('takes no memory in proportion to its bound until entries come', () => {
    const max = 2_000_000;
    const lazy = bytesTakenBy(() => boundedLru<string, number>(max));
    // What lru-cache's own `max` takes up front for the same bound (lists of max entries each).
    const eager = bytesTakenBy(() => new LRUCache<string, number>({ max }));
    expect(eager.bytes).toBeGreaterThan(max * 16);
    expect(lazy.bytes).toBeLessThan(256 * 1024);
    expect(lazy.held).toBeInstanceOf(LRUCache);
    expect(eager.held).toBeInstanceOf(LRUCache);
  });
});
