import { LRUCache } from 'lru-cache';

export interface FailedAuthThrottleOptions {
  // Invalid keys an address may present per window; 0 turns the throttle off.
  limit: number;
  windowMs: number;
  // Bounds on memory: addresses tracked, and keys remembered as recently authenticated.
  maxAddresses?: number;
  maxTrustedKeys?: number;
  trustedKeyTtlMs?: number;
  now?: () => number;
}

interface Budget {
  windowStart: number;
  failures: number;
}

// Slows down key guessing per client address, in process and bounded (so per instance). An
// address that spent its budget of invalid keys is refused before any database work until its
// window ends, except with a key this instance authenticated in the last minute: a guesser on a
// shared address (a NAT, an office) cannot lock out a key that is in use.
export class FailedAuthThrottle {
  private readonly budgets: LRUCache<string, Budget>;
  private readonly trustedKeys: LRUCache<string, number>;
  private readonly trustedKeyTtlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: FailedAuthThrottleOptions) {
    this.budgets = new LRUCache({ max: options.maxAddresses ?? 10_000 });
    this.trustedKeys = new LRUCache({ max: options.maxTrustedKeys ?? 10_000 });
    this.trustedKeyTtlMs = options.trustedKeyTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.limit > 0;
  }

  // Seconds the address must wait, or null when the request may go on.
  retryAfterSeconds(address: string, keyHash: string | undefined): number | null {
    if (!this.enabled) return null;
    const budget = this.currentBudget(address);
    if (budget === undefined || budget.failures < this.options.limit) return null;
    if (keyHash !== undefined && this.isTrusted(keyHash)) return null;
    return Math.max(1, Math.ceil((budget.windowStart + this.options.windowMs - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    if (!this.enabled) return;
    const budget = this.currentBudget(address) ?? { windowStart: this.now(), failures: 0 };
    budget.failures += 1;
    this.budgets.set(address, budget);
  }

  recordSuccess(keyHash: string): void {
    if (!this.enabled) return;
    this.trustedKeys.set(keyHash, this.now());
  }

  private currentBudget(address: string): Budget | undefined {
    const budget = this.budgets.get(address);
    if (budget !== undefined && this.now() - budget.windowStart >= this.options.windowMs) {
      this.budgets.delete(address);
      return undefined;
    }
    return budget;
  }

  private isTrusted(keyHash: string): boolean {
    const at = this.trustedKeys.get(keyHash);
    if (at === undefined) return false;
    if (this.now() - at >= this.trustedKeyTtlMs) {
      this.trustedKeys.delete(keyHash);
      return false;
    }
    return true;
  }
}
