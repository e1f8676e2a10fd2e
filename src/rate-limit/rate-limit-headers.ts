import type { BucketPolicy, BucketView } from './token-bucket';
import { secondsUp } from './token-bucket';

// The fields of draft-ietf-httpapi-ratelimit-headers (structured fields, RFC 9651):
//   RateLimit-Policy: "key";q=200;w=2, "account";q=1000;w=2
//   RateLimit: "key";r=37;t=1
// A token bucket is stated as its burst (q) per the time it takes to refill from empty (w, whole
// seconds, at least 1): the sustained rate is q/w. RateLimit names the policy closest to its
// limit; r is the tokens left and t the seconds until the bucket is full again.
export function policyHeader(policies: readonly BucketPolicy[]): string {
  return policies.map((p) => `"${p.name}";q=${p.burst};w=${Math.max(1, secondsUp(p.burst * p.intervalUs))}`).join(', ');
}

export function rateLimitHeader(policy: BucketPolicy, view: BucketView): string {
  return `"${policy.name}";r=${view.remaining};t=${secondsUp(view.resetUs)}`;
}
