import type { LRUCache } from 'lru-cache';
import { boundedLru } from '../bounded-lru';
import { RateLimitStore } from './rate-limit-store';
import { BucketPolicy, Decision, decide } from './token-bucket';

export interface MemoryStoreOptions {
  // Bound on memory: buckets, addresses and trusted keys kept (least recently used out first).
  max?: number;
  nowUs?: () => number;
}

// The store of one process (no REDIS_URL): the same buckets and windows as in Redis, so that the
// limits, headers and throttle behave alike; each instance counts on its own.
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly tats: LRUCache<string, number>;
  private readonly failures: LRUCache<string, { failures: number; until: number }>;
  private readonly trusted: LRUCache<string, number>;
  private readonly nowUs: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    super();
    const max = options.max ?? 100_000;
    this.tats = boundedLru(max);
    this.failures = boundedLru(max);
    this.trusted = boundedLru(max);
    this.nowUs = options.nowUs ?? (() => Date.now() * 1000);
  }

  consume(keys: readonly string[], policies: readonly BucketPolicy[], wants?: readonly number[]): Promise<Decision> {
    const now = this.nowUs();
    const decision = decide(
      keys.map((key) => this.tats.get(key)),
      now,
      policies,
      wants,
    );
    if (decision.newTats) for (let i = 0; i < keys.length; i++) this.tats.set(keys[i], decision.newTats[i]);
    return Promise.resolve(decision);
  }

  recordFailure(address: string, windowMs: number): Promise<{ failures: number; ttlMs: number }> {
    const now = this.nowUs() / 1000;
    let entry = this.failures.get(address);
    if (entry === undefined || entry.until <= now) entry = { failures: 0, until: now + windowMs };
    entry.failures += 1;
    this.failures.set(address, entry);
    return Promise.resolve({ failures: entry.failures, ttlMs: entry.until - now });
  }

  trust(address: string, key: string, ttlMs: number): Promise<void> {
    this.trusted.set(`${address} ${key}`, this.nowUs() / 1000 + ttlMs);
    return Promise.resolve();
  }

  isTrusted(address: string, key: string): Promise<boolean> {
    const until = this.trusted.get(`${address} ${key}`);
    return Promise.resolve(until !== undefined && until > this.nowUs() / 1000);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
