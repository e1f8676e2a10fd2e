import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { bucketPolicy, BucketPolicy, Decision } from './token-bucket';
import { LEASE_TTL_US, leaseSize, TakeTokens, TokenLeases } from './token-leases';

const S = 1_000_000;
// Slow enough (one token per 100 s) that nothing comes back during a test.
const policy = (name: string, burst: number, rps = 0.01) => bucketPolicy(name, rps, burst)!;
const KEY = policy('key', 200);

// One shared bucket store standing in for Redis and any number of instances with leases, on
// one clock; `calls` counts the round trips, and `later` answers them after the current I/O turn.
function setup({ later = false } = {}) {
  const clock = { now: 1_000 * S };
  const redis = new MemoryRateLimitStore({ nowUs: () => clock.now });
  let calls = 0;
  let down = false;
  const take: TakeTokens = async (keys, policies, wants) => {
    calls++;
    if (later) await new Promise((resolve) => setImmediate(resolve));
    if (down) throw new Error('connection refused');
    return redis.consume(keys, policies, wants);
  };
  const instance = () => {
    const leases = new TokenLeases({ nowUs: () => clock.now });
    return (keys: string[], policies: BucketPolicy[]) => leases.consume(keys, policies, take);
  };
  return {
    clock,
    redis,
    instance,
    calls: () => calls,
    goDown: (value: boolean) => (down = value),
  };
}

const remaining = (d: Decision) => d.views.map((v) => v.remaining);

describe('token leases', () => {
  it('are 1/20 of the burst, at most 50, and one token below a burst of 40', () => {
    expect([3, 5, 39, 40, 200, 1000, 5000].map((burst) => leaseSize(policy('key', burst)))).toEqual([1, 1, 1, 2, 10, 50, 50]);
  });

  it('take a lease in one call and spend it locally, the headers counting down by one', async () => {
    const t = setup();
    const request = t.instance();
    const decisions: Decision[] = [];
    for (let i = 0; i < 25; i++) decisions.push(await request(['k'], [KEY]));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    // One call per 10 requests (at the 1st, 11th and 21st).
    expect(t.calls()).toBe(3);
    expect(decisions.map((d) => d.views[0].remaining)).toEqual(Array.from({ length: 25 }, (_, i) => 199 - i));
    // Full again after the tokens spent, not those leased and still to spend.
    expect(decisions.map((d) => d.views[0].resetUs)).toEqual(Array.from({ length: 25 }, (_, i) => (i + 1) * 100 * S));
    // Redis counts every leased token as spent: 30 taken, 25 used.
    expect(remaining(await t.redis.consume(['k'], [KEY]))).toEqual([169]);
  });

  it('of one token behave exactly as the store without leases', async () => {
    const t = setup();
    const request = t.instance();
    const plain = new MemoryRateLimitStore({ nowUs: () => t.clock.now });
    const policies = [policy('key', 3), policy('account', 5)];
    for (let i = 0; i < 7; i++) {
      const keys = [`k${i % 2}`, 'a'];
      const { allowed, retryAfterUs, views, taken } = await plain.consume(keys, policies);
      expect(await request(keys, policies)).toEqual({ allowed, retryAfterUs, views, taken });
      t.clock.now += 0.3 * S;
    }
    // Refused from the 6th on (the account's 5 tokens), a call each time.
    expect(t.calls()).toBe(7);
  });

  it('expire a second after they were granted; the tokens left are dropped', async () => {
    const t = setup();
    const request = t.instance();
    await request(['k'], [KEY]);
    t.clock.now += LEASE_TTL_US - 1;
    expect(remaining(await request(['k'], [KEY]))).toEqual([198]);
    expect(t.calls()).toBe(1);
    t.clock.now += 1;
    // A new lease: Redis had 190 left (the 8 unspent tokens are gone), and gives 10 more.
    expect(remaining(await request(['k'], [KEY]))).toEqual([189]);
    expect(t.calls()).toBe(2);
  });

  it('report the reset less the time since the lease was granted', async () => {
    const t = setup();
    const fast = policy('key', 200, 100);
    const request = t.instance();
    expect((await request(['k'], [fast])).views[0]).toEqual({ remaining: 199, resetUs: 10_000 });
    t.clock.now += 4_000;
    expect((await request(['k'], [fast])).views[0]).toEqual({ remaining: 198, resetUs: 16_000 });
  });

  it('spend nothing when Redis refuses: the tokens held go back to their leases', async () => {
    const t = setup();
    const request = t.instance();
    const policies = [KEY, policy('account', 5)];
    for (let i = 0; i < 5; i++) expect((await request(['k', 'a'], policies)).allowed).toBe(true);
    // The key's lease has 5 tokens left; the account's bucket (lease 1) has none.
    const refused = await request(['k', 'a'], policies);
    expect(refused).toMatchObject({ allowed: false, taken: [0, 0], retryAfterUs: 100 * S });
    expect(remaining(refused)).toEqual([195, 0]);
    expect(t.calls()).toBe(6);
    // The key's token came back: another account's request spends it, from the lease.
    expect(remaining(await request(['k', 'b'], policies))).toEqual([194, 4]);
    // Nothing was taken in Redis either: the key's bucket still has the 190 it had.
    expect(remaining(await t.redis.consume(['k'], [KEY]))).toEqual([189]);
  });

  it('let requests that arrive while a lease is on its way wait for it', async () => {
    const t = setup({ later: true });
    const request = t.instance();
    const decisions = await Promise.all(Array.from({ length: 15 }, () => request(['k'], [KEY])));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    // The first call brings 10 tokens for itself and 9 waiting; the 11th asks for the next lease.
    expect(t.calls()).toBe(2);
    expect(remaining(await t.redis.consume(['k'], [KEY]))).toEqual([179]);
  });

  it('on two instances sharing a bucket admit exactly its tokens under a concurrent burst, none left unspent', async () => {
    const t = setup({ later: true });
    const instances = [t.instance(), t.instance()];
    const burst40 = policy('key', 40);
    const decisions = await Promise.all(Array.from({ length: 120 }, (_, i) => instances[i % 2](['k'], [burst40])));
    const admitted = decisions.map((d, i) => (d.allowed ? i % 2 : -1)).filter((i) => i >= 0);
    expect(admitted).toHaveLength(40);
    expect(new Set(admitted)).toEqual(new Set([0, 1]));
  });

  it('fail the requests waiting for a lease whose call failed, without a call of their own', async () => {
    const t = setup({ later: true });
    const request = t.instance();
    t.goDown(true);
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => request(['k'], [KEY])));
    expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
    expect(t.calls()).toBe(1);
  });

  it('are still spent while Redis is down; the requests that need Redis fail', async () => {
    const t = setup();
    const request = t.instance();
    await request(['k'], [KEY]);
    t.goDown(true);
    for (let i = 0; i < 9; i++) expect((await request(['k'], [KEY])).allowed).toBe(true);
    await expect(request(['k'], [KEY])).rejects.toThrow('connection refused');
    t.goDown(false);
    // The failed request held nothing: the next one takes a new lease from the same bucket.
    expect(remaining(await request(['k'], [KEY]))).toEqual([189]);
  });
});
