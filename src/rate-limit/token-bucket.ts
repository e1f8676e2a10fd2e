// Token buckets as GCRA (the generic cell rate algorithm): a bucket is one number, its
// "theoretical arrival time" (TAT), in microseconds. A request costs `intervalUs` (1 s / rate);
// the bucket admits it while the new TAT stays within `burst` intervals of now. The in-process
// store runs this code; the Redis store runs the same arithmetic in Lua (redis-rate-limit-store.ts).

export interface BucketPolicy {
  // The name the RateLimit headers and the metrics give it: "key" or "account".
  name: string;
  intervalUs: number;
  burst: number;
}

export function bucketPolicy(name: string, rps: number, burst: number): BucketPolicy | null {
  return rps > 0 ? { name, intervalUs: 1_000_000 / rps, burst } : null;
}

// One bucket's state after a decision: tokens left, and microseconds until it is full again.
export interface BucketView {
  remaining: number;
  resetUs: number;
}

export interface Decision {
  allowed: boolean;
  // Per policy, in the order given.
  views: BucketView[];
  // When refused: microseconds until the request would be admitted.
  retryAfterUs: number;
  // Per policy: tokens taken from the bucket (0 when refused; at most the call's `want`).
  taken: number[];
}

// All or nothing on the first token: the request is admitted only if every bucket has one, and
// only then does each bucket give min(wants[i], tokens it has) (one when `wants` is not given).
// Returns the new TATs to store (null when refused: nothing changes).
export function decide(
  tats: ReadonlyArray<number | undefined>,
  nowUs: number,
  policies: readonly BucketPolicy[],
  wants?: readonly number[],
): Decision & { newTats: number[] | null } {
  let allowed = true;
  let retryAfterUs = 0;
  const starts: number[] = [];
  for (let i = 0; i < policies.length; i++) {
    const { intervalUs, burst } = policies[i];
    const tat = Math.max(tats[i] ?? nowUs, nowUs);
    starts.push(tat);
    const wait = tat + intervalUs - burst * intervalUs - nowUs;
    // Half a microsecond of slack: the intervals are fractions, and their sums are not exact.
    if (wait > 0.5) {
      allowed = false;
      retryAfterUs = Math.max(retryAfterUs, wait);
    }
  }
  const views: BucketView[] = [];
  const newTats: number[] = [];
  const taken: number[] = [];
  for (let i = 0; i < policies.length; i++) {
    const { intervalUs, burst } = policies[i];
    let take = 0;
    if (allowed) {
      // The tokens the bucket has, with the same half-microsecond slack (at least the one the
      // test above found).
      const has = Math.floor((burst * intervalUs - (starts[i] - nowUs) + 0.5) / intervalUs);
      take = Math.max(1, Math.min(wants?.[i] ?? 1, has));
    }
    const tat = starts[i] + take * intervalUs;
    taken.push(take);
    newTats.push(tat);
    views.push({ remaining: Math.max(0, Math.floor((burst * intervalUs - (tat - nowUs)) / intervalUs + 1e-6)), resetUs: tat - nowUs });
  }
  return { allowed, views, retryAfterUs, taken, newTats: allowed ? newTats : null };
}

// The view closest to its limit (fewest tokens left; the first on a tie).
export function closest(views: readonly BucketView[]): number {
  let index = 0;
  for (let i = 1; i < views.length; i++) if (views[i].remaining < views[index].remaining) index = i;
  return index;
}

// Whole seconds, rounded up, never below 1 for a wait (Retry-After) or below 0 for a reset.
export const secondsUp = (us: number): number => Math.ceil(us / 1_000_000);
