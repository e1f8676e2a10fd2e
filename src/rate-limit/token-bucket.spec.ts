import { policyHeader, rateLimitHeader } from './rate-limit-headers';
import { bucketPolicy, BucketPolicy, closest, decide } from './token-bucket';

const S = 1_000_000;
const policy = (name: string, rps: number, burst: number) => bucketPolicy(name, rps, burst)!;

// Runs requests against buckets kept in a map, as the in-process store does.
function bucketsAt(policies: BucketPolicy[]) {
  let tats: Array<number | undefined> = policies.map(() => undefined);
  return (now: number) => {
    const decision = decide(tats, now, policies);
    if (decision.newTats) tats = decision.newTats;
    return decision;
  };
}

describe('token buckets (GCRA)', () => {
  it('admits a burst, then the sustained rate', () => {
    const request = bucketsAt([policy('key', 10, 5)]);
    const now = 1_000 * S;
    const burst = Array.from({ length: 7 }, () => request(now));
    expect(burst.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(burst.map((d) => d.views[0].remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    // One token comes back every 100 ms.
    expect(burst[5].retryAfterUs).toBe(100_000);
    expect(request(now + 99_000).allowed).toBe(false);
    expect(request(now + 100_000).allowed).toBe(true);
    expect(request(now + 100_000).allowed).toBe(false);
    // Full again after burst / rate seconds of silence.
    const later = request(now + 10 * S);
    expect(later.views[0]).toEqual({ remaining: 4, resetUs: 100_000 });
  });

  it('admits exactly rate × time in the long run, with fractional intervals', () => {
    const request = bucketsAt([policy('key', 3, 1)]);
    let admitted = 0;
    // A request every millisecond for 10 s.
    for (let t = 0; t < 10_000; t++) if (request(t * 1_000).allowed) admitted++;
    expect(admitted).toBe(30);
  });

  it('spends a token from every bucket, or from none', () => {
    const request = bucketsAt([policy('key', 1, 3), policy('account', 1, 2)]);
    const now = 5 * S;
    const decisions = [request(now), request(now), request(now)];
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
    expect(decisions[2].views.map((v) => v.remaining)).toEqual([1, 0]);
    // The refusal spent nothing from the key's bucket: it still has one token.
    expect(decide([decisions[1].newTats![0]], now, [policy('key', 1, 3)]).allowed).toBe(true);
  });

  it('takes up to `want` tokens from each bucket, as many as it has, all or nothing on the first (leases)', () => {
    const policies = [policy('key', 1, 5), policy('account', 3, 3)];
    const now = 7 * S;
    const first = decide([undefined, undefined], now, policies, [4, 2]);
    expect(first).toMatchObject({ allowed: true, taken: [4, 2] });
    expect(first.views.map((v) => v.remaining)).toEqual([1, 1]);
    expect(first.views[0].resetUs).toBe(4 * S);
    expect(first.views[1].resetUs).toBeCloseTo((2 * S) / 3, 3);
    // Fewer than wanted: what is left.
    const second = decide(first.newTats!, now, policies, [4, 4]);
    expect(second).toMatchObject({ allowed: true, taken: [1, 1] });
    expect(second.views.map((v) => v.remaining)).toEqual([0, 0]);
    // One empty bucket: nothing from the other.
    const third = decide([first.newTats![0], second.newTats![1]], now, policies, [4, 4]);
    expect(third).toMatchObject({ allowed: false, taken: [0, 0], newTats: null, });
    expect(third.retryAfterUs).toBeCloseTo(S / 3, 3);
    // A second later the account (3/s, fractional intervals) has 3 again, the key 1 more.
    expect(decide(second.newTats!, now + S, policies, [10, 10]).taken).toEqual([1, 3]);
  });

  it('names the bucket closest to its limit', () => {
    expect(closest([{ remaining: 5, resetUs: 0 }, { remaining: 2, resetUs: 0 }])).toBe(1);
    expect(closest([{ remaining: 2, resetUs: 0 }, { remaining: 2, resetUs: 0 }])).toBe(0);
  });

  it('turns a budget off at 0 requests per second', () => {
    expect(bucketPolicy('key', 0, 200)).toBeNull();
  });
});

describe('RateLimit headers (draft-ietf-httpapi-ratelimit-headers)', () => {
  it('states each policy as its burst per refill time, and the closest one with what is left', () => {
    expect(policyHeader([policy('key', 100, 200), policy('account', 500, 1000)])).toBe('"key";q=200;w=2, "account";q=1000;w=2');
    // Never a window below one second.
    expect(policyHeader([policy('key', 1_000_000, 200)])).toBe('"key";q=200;w=1');
    expect(rateLimitHeader(policy('key', 100, 200), { remaining: 37, resetUs: 1_630_000 })).toBe('"key";r=37;t=2');
    expect(rateLimitHeader(policy('key', 100, 200), { remaining: 199, resetUs: 10_000 })).toBe('"key";r=199;t=1');
  });
});
