import type { BucketPolicy, Decision } from './token-bucket';

// Where the counters live: in process (MemoryRateLimitStore) or in Redis, shared by every
// instance (RedisRateLimitStore). Each method is one round trip to the store at most. A method
// that cannot reach the store rejects (the callers decide: fail open, or refuse).
export abstract class RateLimitStore {
  // Takes a token from every bucket named by `keys` (one per policy), or from none; given
  // `wants`, up to wants[i] tokens from bucket i, as many as it has (a lease: token-leases.ts).
  abstract consume(keys: readonly string[], policies: readonly BucketPolicy[], wants?: readonly number[]): Promise<Decision>;

  // Counts one failed authentication of `address` in its window (which starts at the first):
  // the failures so far in the window and the milliseconds it has left.
  abstract recordFailure(address: string, windowMs: number): Promise<{ failures: number; ttlMs: number }>;

  // Remembers that `key` authenticated from `address`, for `ttlMs`.
  abstract trust(address: string, key: string, ttlMs: number): Promise<void>;

  abstract isTrusted(address: string, key: string): Promise<boolean>;

  abstract close(): Promise<void>;
}
