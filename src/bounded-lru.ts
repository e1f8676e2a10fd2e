import { LRUCache } from 'lru-cache';

// An LRU cache of at most `max` entries that takes memory as it fills. lru-cache's own `max`
// allocates its key, value and link lists for `max` entries when the cache is built: the in-process
// rate-limit store's three caches of 100,000 held 4.7 MB of heap and 3.5 MB of buffers before their
// first entry, in every process (docs/performance.md, "Caches sized by what they hold"). Bounding
// the size instead, each entry counting 1, keeps the same bound and the same least-recently-used
// eviction, with lists that grow as entries come.
export function boundedLru<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(max: number): LRUCache<K, V> {
  return new LRUCache<K, V>({ maxSize: max, sizeCalculation: entrySize });
}

function entrySize(): number {
  return 1;
}
