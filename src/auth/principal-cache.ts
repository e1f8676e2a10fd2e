import type { LRUCache } from 'lru-cache';
import { boundedLru } from '../bounded-lru';

// What a cached principal must expose to be invalidated and expired.
export interface CacheablePrincipal {
  keyId: string;
  userId: string;
  accountId: string;
  expiresAt: Date | null;
}

export type PrincipalChangeKind = 'account' | 'user' | 'api_key';

// A change that may alter what a key is allowed to do: the key itself, its user or its account.
export interface PrincipalChange {
  kind: PrincipalChangeKind;
  id: string;
}

export interface PrincipalCacheOptions {
  ttlMs: number; // 0 turns the cache off
  max: number;
  now?: () => number;
}

interface Entry<P> {
  principal: P;
  cachedAt: number;
}

// Authenticated principals by key hash, for at most `ttlMs`. Invalidation drops the entries a change
// touches and starts a new epoch: a lookup that read the database before the change (`begin()`
// before, `set()` after) is not stored, so a slow request cannot put stale rights back.
export class PrincipalCache<P extends CacheablePrincipal> {
  private readonly entries: LRUCache<string, Entry<P>>;
  private readonly now: () => number;
  private epoch = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: PrincipalCacheOptions) {
    this.entries = boundedLru(options.max);
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  begin(): number {
    return this.epoch;
  }

  // A live entry, or undefined; an entry past its TTL or its key's expires_at is dropped.
  get(keyHash: string): P | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(keyHash);
    const now = this.now();
    if (entry === undefined || now - entry.cachedAt >= this.options.ttlMs || isExpired(entry.principal, now)) {
      if (entry !== undefined) this.entries.delete(keyHash);
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.principal;
  }

  set(keyHash: string, principal: P, epoch: number): void {
    if (!this.enabled || epoch !== this.epoch || isExpired(principal, this.now())) return;
    this.entries.set(keyHash, { principal, cachedAt: this.now() });
  }

  invalidate(change: PrincipalChange): void {
    this.epoch++;
    const field = change.kind === 'api_key' ? 'keyId' : change.kind === 'user' ? 'userId' : 'accountId';
    const touched = [...this.entries.entries()].filter(([, entry]) => entry.principal[field] === change.id);
    for (const [keyHash] of touched) this.entries.delete(keyHash);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

// A key stops working at its expires_at to the millisecond, cached or not.
function isExpired(principal: CacheablePrincipal, now: number): boolean {
  return principal.expiresAt !== null && principal.expiresAt.getTime() <= now;
}
