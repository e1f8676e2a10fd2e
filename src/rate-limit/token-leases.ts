import type { LRUCache } from 'lru-cache';
import { boundedLru } from '../bounded-lru';
import type { BucketPolicy, BucketView, Decision } from './token-bucket';

// Local token leases, for the Redis store: a round trip per request costs more server CPU than
// the rest of the limiting (docs/performance.md), so an instance takes a few tokens of a bucket
// in one call and spends them itself, asking Redis again only when its lease of that bucket is
// spent or expired. The tokens are taken from the shared bucket (its TAT moves by one interval
// each) before they are spent, so the instances together never admit more than Redis granted.
// What it costs: tokens one instance holds cannot be spent by another, so a client spread over N
// instances may be refused while up to N leases of its bucket lie unspent, until they expire.

// A lease is 1/20 of the burst (5 %: ten tokens of the default key bucket of 200), at most 50
// (the account bucket of 1000), and one token below a burst of 40: small buckets behave exactly
// as without leases (one Redis call per request). A fraction of the burst, not of the rate: the
// tokens an instance may hold unspent are what another instance's client may miss, and the burst
// is what the client is promised at once.
const LEASE_FRACTION = 20;
const LEASE_CAP = 50;

// Tokens left in a lease are dropped a second after Redis granted them. Without an expiry a
// leftover taken long ago would be spent on top of a bucket that has since refilled (a burst
// above `burst`); with it, the extra in any window is at most rate × 1 s, and never more than the
// leases themselves (one per instance). A second is enough for any key busy enough for leases to
// matter (10 requests/s per instance and more at the default lease), and dropping is
// conservative: the dropped tokens were already counted as spent in Redis.
export const LEASE_TTL_US = 1_000_000;

export function leaseSize(policy: BucketPolicy): number {
  return Math.max(1, Math.min(LEASE_CAP, Math.floor(policy.burst / LEASE_FRACTION)));
}

// One call to the store: up to wants[i] tokens from bucket keys[i], all or nothing on the first.
export type TakeTokens = (keys: string[], policies: BucketPolicy[], wants: number[]) => Promise<Decision>;

interface Lease {
  // Tokens taken from Redis and not spent yet.
  left: number;
  expiresUs: number;
  // Redis's answer for the bucket when the lease was last granted, and when (local clock).
  remaining: number;
  resetUs: number;
  grantedUs: number;
}

// A call to Redis in flight that will bring a lease of a bucket: the tokens it asked for beyond
// its own request's, not yet promised to a request waiting for it. `done` gives the call's error
// if it failed.
interface Refill {
  spare: number;
  done: Promise<{ error: unknown } | null>;
}

export interface TokenLeasesOptions {
  // Bound on memory: buckets with a lease kept (least recently used out first).
  max?: number;
  nowUs?: () => number;
}

export class TokenLeases {
  private readonly leases: LRUCache<string, Lease>;
  private readonly refills = new Map<string, Refill>();
  private readonly nowUs: () => number;

  constructor(options: TokenLeasesOptions = {}) {
    this.leases = boundedLru(options.max ?? 100_000);
    this.nowUs = options.nowUs ?? (() => performance.now() * 1000);
  }

  // A token from every bucket, or from none: from the local leases where they have one, and from
  // Redis (through `take`, one call for the others) otherwise. Refused only by Redis.
  async consume(keys: readonly string[], policies: readonly BucketPolicy[], take: TakeTokens): Promise<Decision> {
    const held: Array<Lease | null> = keys.map(() => null);
    let waited = false;
    for (;;) {
      const now = this.nowUs();
      const missing: number[] = [];
      for (let i = 0; i < keys.length; i++) {
        if (held[i] !== null) continue;
        const lease = this.live(keys[i], now);
        if (lease !== undefined && lease.left > 0) {
          lease.left--;
          held[i] = lease;
        } else {
          missing.push(i);
        }
      }
      if (missing.length === 0) {
        return { allowed: true, retryAfterUs: 0, taken: keys.map(() => 1), views: held.map((lease, i) => leaseView(lease!, policies[i], now)) };
      }
      // Requests that arrive while a lease is on its way wait for it rather than each asking
      // Redis for a lease of its own (which would take tokens nobody spends). Only once: when it
      // did not bring their token (refused, or Redis had fewer), they ask Redis themselves, side
      // by side, as they would without leases. When the call failed they fail with it, so that
      // an unanswering Redis holds a request up for one timeout, not two.
      const refills = waited ? null : this.joinable(keys, missing);
      if (refills === null) return this.ask(keys, policies, held, missing, take);
      waited = true;
      for (const refill of refills) refill.spare--;
      const failed = (await Promise.all(refills.map((refill) => refill.done))).find((outcome) => outcome !== null);
      if (failed !== undefined) {
        giveBack(held);
        throw failed.error;
      }
    }
  }

  private async ask(
    keys: readonly string[],
    policies: readonly BucketPolicy[],
    held: Array<Lease | null>,
    missing: number[],
    take: TakeTokens,
  ): Promise<Decision> {
    const sentKeys = missing.map((i) => keys[i]);
    const sentPolicies = missing.map((i) => policies[i]);
    const wants = sentPolicies.map(leaseSize);
    let finish!: (outcome: { error: unknown } | null) => void;
    const done = new Promise<{ error: unknown } | null>((resolve) => (finish = resolve));
    const refills = wants.map((want, j) => {
      if (want === 1) return null;
      const refill: Refill = { spare: want - 1, done };
      this.refills.set(sentKeys[j], refill);
      return refill;
    });
    let decision: Decision;
    try {
      decision = await take(sentKeys, sentPolicies, wants);
    } catch (error) {
      this.settle(sentKeys, refills, null, held);
      finish({ error });
      throw error;
    }
    this.settle(sentKeys, refills, decision, held);
    // The requests waiting for this call find their tokens in the leases (before any other
    // request: they resume before the next I/O event).
    finish(null);
    const now = this.nowUs();
    const views = held.map((lease, i) => {
      if (lease !== null) return leaseView(lease, policies[i], now);
      const j = missing.indexOf(i);
      const view = decision.views[j];
      // The tokens of the new lease are not spent yet: the client may still make those requests.
      return withUnspent(view, decision.allowed ? decision.taken[j] - 1 : 0, 0, policies[i]);
    });
    return { allowed: decision.allowed, retryAfterUs: decision.retryAfterUs, taken: keys.map(() => (decision.allowed ? 1 : 0)), views };
  }

  // Keeps the tokens granted beyond the request's own as leases; a refused (or failed) request
  // spends nothing: the tokens it held go back to their leases.
  private settle(sentKeys: string[], refills: Array<Refill | null>, decision: Decision | null, held: Array<Lease | null>): void {
    const now = this.nowUs();
    for (let j = 0; j < sentKeys.length; j++) {
      if (decision?.allowed && decision.taken[j] > 1) this.grant(sentKeys[j], decision.views[j], decision.taken[j] - 1, now);
      if (refills[j] !== null && this.refills.get(sentKeys[j]) === refills[j]) this.refills.delete(sentKeys[j]);
    }
    if (!decision?.allowed) giveBack(held);
  }

  // The refills in flight that will bring a token for every missing bucket, or null.
  private joinable(keys: readonly string[], missing: number[]): Refill[] | null {
    const refills: Refill[] = [];
    for (const i of missing) {
      const refill = this.refills.get(keys[i]);
      if (refill === undefined || refill.spare === 0) return null;
      refills.push(refill);
    }
    return refills;
  }

  private grant(key: string, view: BucketView, tokens: number, now: number): void {
    const lease = this.live(key, now);
    if (lease !== undefined && lease.left > 0) {
      // Added to the tokens still held, under their expiry: none outlives LEASE_TTL_US.
      lease.left += tokens;
      lease.remaining = view.remaining;
      lease.resetUs = view.resetUs;
      lease.grantedUs = now;
    } else {
      this.leases.set(key, { left: tokens, expiresUs: now + LEASE_TTL_US, remaining: view.remaining, resetUs: view.resetUs, grantedUs: now });
    }
  }

  private live(key: string, now: number): Lease | undefined {
    const lease = this.leases.get(key);
    if (lease !== undefined && lease.expiresUs <= now) {
      this.leases.delete(key);
      return undefined;
    }
    return lease;
  }
}

function giveBack(held: Array<Lease | null>): void {
  for (const lease of held) if (lease !== null) lease.left++;
}

// What the headers say of a bucket with a lease: Redis's remaining when it granted the lease,
// plus the lease's tokens not spent yet; full again that much sooner, less the time since.
function leaseView(lease: Lease, policy: BucketPolicy, now: number): BucketView {
  return withUnspent({ remaining: lease.remaining, resetUs: lease.resetUs }, lease.left, now - lease.grantedUs, policy);
}

// Redis's view of a bucket, with `unspent` leased tokens counted as left, `elapsedUs` after it.
function withUnspent(view: BucketView, unspent: number, elapsedUs: number, policy: BucketPolicy): BucketView {
  if (unspent === 0 && elapsedUs === 0) return view;
  return { remaining: view.remaining + unspent, resetUs: Math.max(0, view.resetUs - elapsedUs - unspent * policy.intervalUs) };
}
