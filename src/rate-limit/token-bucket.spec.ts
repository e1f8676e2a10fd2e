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
