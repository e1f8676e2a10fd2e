import { DomainError } from '../common/errors';
import { RateLimitMetrics } from './rate-limit-metrics';
import { policyHeader, rateLimitHeader } from './rate-limit-headers';
import { StoreCalls } from './store-calls';
import { bucketPolicy, BucketPolicy, closest, Decision, secondsUp } from './token-bucket';
import { TokenLeases } from './token-leases';

export interface Budgets {
  keyRps: number;
  keyBurst: number;
  accountRps: number;
  accountBurst: number;
  superadminKeyRps: number;
  superadminKeyBurst: number;
  failOpen: boolean;
}

// The policies that apply to one kind of key, and what is fixed about them (the policy header).
interface PolicySet {
  policies: BucketPolicy[];
  // Which bucket each policy counts in: the key's own, or its account's.
  perKey: boolean[];
  header: string;
}

export interface RateLimitVerdict {
  policy: string;
  rateLimit: string;
  // Seconds to wait, when refused.
  retryAfter: number | null;
}

export const RATE_LIMIT_EXCEEDED = 'Rate limit exceeded';

// The per-key and per-account budgets of authenticated requests: one store call per request, or
// with `leases` (Redis) one per lease of tokens.
export class RateLimiter {
  private readonly regular: PolicySet | null;
  private readonly superadmin: PolicySet | null;

  constructor(
    private readonly calls: StoreCalls,
    private readonly metrics: RateLimitMetrics,
    private readonly budgets: Budgets,
    private readonly leases: TokenLeases | null = null,
  ) {
    const account = bucketPolicy('account', budgets.accountRps, budgets.accountBurst);
    this.regular = policySet(bucketPolicy('key', budgets.keyRps, budgets.keyBurst), account);
    this.superadmin = policySet(bucketPolicy('key', budgets.superadminKeyRps, budgets.superadminKeyBurst), account);
  }

  get enabled(): boolean {
    return this.regular !== null || this.superadmin !== null;
  }

  // Null when no budget applies, or the store failed and requests are served without limits.
  async check(keyId: string, accountId: string, isSuperadmin: boolean): Promise<RateLimitVerdict | null> {
    const set = isSuperadmin ? this.superadmin : this.regular;
    if (set === null) return null;
    const keys = set.perKey.map((perKey) => (perKey ? `k:${keyId}` : `a:${accountId}`));
    let decision: Decision;
    try {
      decision =
        this.leases === null
          ? await this.consume(keys, set.policies)
          : await this.leases.consume(keys, set.policies, this.consume);
    } catch {
      if (this.budgets.failOpen) return null;
      throw new DomainError('limits_unavailable', 'Rate limits are unavailable; retry later', 1);
    }
    let index: number;
    if (decision.allowed) {
      index = closest(decision.views);
    } else {
      // The policy that refused (the one with no token left).
      index = decision.views.findIndex((view) => view.remaining === 0);
      if (index < 0) index = closest(decision.views);
    }
    const policy = set.policies[index];
    this.metrics.decided(policy.name, !decision.allowed);
    return {
      policy: set.header,
      rateLimit: rateLimitHeader(policy, decision.views[index]),
      retryAfter: decision.allowed ? null : Math.max(1, secondsUp(decision.retryAfterUs)),
    };
  }

  private readonly consume = (keys: readonly string[], policies: readonly BucketPolicy[], wants?: readonly number[]): Promise<Decision> =>
    this.calls.run('consume', (store) => store.consume(keys, policies, wants));
}

function policySet(key: BucketPolicy | null, account: BucketPolicy | null): PolicySet | null {
  const policies: BucketPolicy[] = [];
  const perKey: boolean[] = [];
  for (const [policy, isPerKey] of [[key, true], [account, false]] as const) {
    if (policy === null) continue;
    policies.push(policy);
    perKey.push(isPerKey);
  }
  return policies.length === 0 ? null : { policies, perKey, header: policyHeader(policies) };
}
