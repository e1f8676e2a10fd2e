import { createHash } from 'node:crypto';
import type { LRUCache } from 'lru-cache';
import { boundedLru } from '../bounded-lru';
import { DomainError } from '../common/errors';
import { StoreCalls } from './store-calls';

export interface FailedAuthThrottleOptions {
  // Invalid keys an address may present per window; 0 turns the throttle off.
  limit: number;
  windowMs: number;
  failOpen: boolean;
  // Bound on memory: addresses known to be over their budget, keys recently recorded as trusted.
  maxAddresses?: number;
  now?: () => number;
}

// A key that authenticated from an address stays usable from it this long after its last use
// (at least the window).
const TRUST_MS = 60_000;

// Slows down key guessing per client address, counted in the rate-limit store: with Redis, one
// budget per address across every instance. An address that spent its budget of invalid keys is
// refused before any database work until its window ends, except with a key that authenticated
// from that address within the trust period, on whichever instance (recorded in the store): a
// guesser sharing an address (a NAT, an office) cannot lock out a key in use there.
//
// Only failures are counted in the store; the valid requests of an address that is not throttled
// cost no store call. Each instance learns that an address is throttled from the count its own
// failures get back, so across N instances an address gets at most N - 1 answers beyond its
// budget per window (one per instance that has not seen it over budget yet).
export class FailedAuthThrottle {
  private readonly blockedUntil: LRUCache<string, number>;
  private readonly trustRecorded: LRUCache<string, number>;
  private readonly trustMs: number;
  private readonly now: () => number;

  constructor(
    private readonly calls: StoreCalls,
    private readonly options: FailedAuthThrottleOptions,
  ) {
    const max = options.maxAddresses ?? 10_000;
    this.blockedUntil = boundedLru(max);
    this.trustRecorded = boundedLru(max);
    this.trustMs = Math.max(TRUST_MS, options.windowMs);
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.limit > 0;
  }

  // Whether check() has anything to decide for the address: it is over its budget, as far as this
  // instance knows. When not, check() lets it through.
  holdsBack(address: string): boolean {
    if (!this.enabled) return false;
    const until = this.blockedUntil.get(address);
    return until !== undefined && until > this.now();
  }

  // Throws 429 when the address is over its budget and the key is not one trusted from it.
  async check(address: string, keyHash: string | undefined): Promise<void> {
    if (!this.enabled) return;
    const until = this.blockedUntil.get(address);
    if (until === undefined) return;
    const left = until - this.now();
    if (left <= 0) {
      this.blockedUntil.delete(address);
      return;
    }
    if (keyHash !== undefined && (await this.isTrusted(address, keyHash))) return;
    throw throttled(left);
  }

  // Counts an invalid key; throws 429 (rather than answering 401) when the address turns out to be
  // over its budget already (another instance counted the rest).
  async recordFailure(address: string): Promise<void> {
    if (!this.enabled) return;
    let outcome;
    try {
      outcome = await this.calls.run('auth_failure', (store) => store.recordFailure(address, this.options.windowMs));
    } catch {
      if (this.options.failOpen) return;
      throw unavailable();
    }
    if (outcome.failures >= this.options.limit) this.blockedUntil.set(address, this.now() + outcome.ttlMs);
    if (outcome.failures > this.options.limit) throw throttled(outcome.ttlMs);
  }

  // A key authenticated from the address: recorded in the store (without waiting for it), at most
  // once a quarter of the trust period per address and key on this instance.
  recordSuccess(address: string, keyHash: string): void {
    if (!this.enabled) return;
    const pair = `${address} ${keyHash}`;
    const recorded = this.trustRecorded.get(pair);
    const now = this.now();
    if (recorded !== undefined && now - recorded < this.trustMs / 4) return;
    this.trustRecorded.set(pair, now);
    this.calls.run('auth_trust', (store) => store.trust(address, trustName(keyHash), this.trustMs)).catch(() => {
      // Counted and logged by StoreCalls; the key is then trusted on this instance only for now.
      this.trustRecorded.delete(pair);
    });
  }

  private async isTrusted(address: string, keyHash: string): Promise<boolean> {
    try {
      return await this.calls.run('auth_trusted', (store) => store.isTrusted(address, trustName(keyHash)));
    } catch {
      if (this.options.failOpen) return true;
      throw unavailable();
    }
  }
}

// The store never holds the key's hash itself, only a digest of it.
function trustName(keyHash: string): string {
  return createHash('sha256').update(keyHash).digest('base64url').slice(0, 22);
}

function throttled(ms: number): DomainError {
  return new DomainError('rate_limited', 'Too many invalid API keys from this address; retry later', Math.max(1, Math.ceil(ms / 1000)));
}

function unavailable(): DomainError {
  return new DomainError('limits_unavailable', 'Rate limits are unavailable; retry later', 1);
}
