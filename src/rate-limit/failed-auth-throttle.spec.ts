import { DomainError } from '../common/errors';
import { FailedAuthThrottle, FailedAuthThrottleOptions } from './failed-auth-throttle';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RateLimitStore } from './rate-limit-store';
import { StoreCalls } from './store-calls';

const metrics: RateLimitMetrics = { decided: () => {}, storeCall: () => {} };
const quiet = { warn: () => {} };

// Instances sharing one store, as several servers share Redis; one clock for all.
function cluster(options: Partial<FailedAuthThrottleOptions> = {}, store?: RateLimitStore) {
  const clock = { now: 1_000_000 };
  const shared = store ?? new MemoryRateLimitStore({ nowUs: () => clock.now * 1000 });
  const calls = new StoreCalls(shared, metrics, 'test', true, quiet);
  const instance = () => new FailedAuthThrottle(calls, { limit: 3, windowMs: 10_000, failOpen: true, now: () => clock.now, ...options });
  return { instance, clock };
}

// What check() answers: null, or the Retry-After of its 429.
async function refusal(throttle: FailedAuthThrottle, address: string, keyHash?: string): Promise<number | null> {
  try {
    await throttle.check(address, keyHash);
    return null;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rate_limited') return error.retryAfterSeconds ?? -1;
    throw error;
  }
}

async function failures(throttle: FailedAuthThrottle, address: string, n: number): Promise<Array<'401' | '429'>> {
  const outcomes: Array<'401' | '429'> = [];
  for (let i = 0; i < n; i++) {
    outcomes.push(await throttle.recordFailure(address).then(() => '401' as const, () => '429' as const));
  }
  return outcomes;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('FailedAuthThrottle', () => {
  it('lets an address through until it has spent its budget, then asks it to wait for the rest of the window', async () => {
    const { instance, clock } = cluster();
    const t = instance();
    expect(await failures(t, 'a', 3)).toEqual(['401', '401', '401']);
    expect(await refusal(t, 'a')).toBe(10);
    clock.now += 7_500;
    expect(await refusal(t, 'a', 'some-hash')).toBe(3);
    expect(await refusal(t, 'b')).toBeNull();
  });

  it('forgives an address when its window has passed', async () => {
    const { instance, clock } = cluster();
    const t = instance();
    await failures(t, 'a', 3);
    clock.now += 10_000;
    expect(await refusal(t, 'a')).toBeNull();
    expect(await failures(t, 'a', 1)).toEqual(['401']);
    expect(await refusal(t, 'a')).toBeNull();
  });

  it('keeps one budget per address across instances sharing the store', async () => {
    const { instance } = cluster();
    const [a, b, c] = [instance(), instance(), instance()];
    expect(await failures(a, 'x', 2)).toEqual(['401', '401']);
    expect(await failures(b, 'x', 1)).toEqual(['401']);
    // c has seen none of them: its first failure finds the budget spent, and it says so.
    expect(await failures(c, 'x', 1)).toEqual(['429']);
    expect(await refusal(c, 'x')).not.toBeNull();
    expect(await refusal(b, 'x')).not.toBeNull();
  });

  it('still serves, from a throttled address, a key that authenticated from it on any instance', async () => {
    const { instance } = cluster();
    const [a, b] = [instance(), instance()];
    a.recordSuccess('x', 'good');
    await flush();
    await failures(b, 'x', 3);
    expect(await refusal(b, 'x', 'good')).toBeNull();
    expect(await refusal(b, 'x', 'other')).not.toBeNull();
    // Trust is per address: the same key from another throttled address is refused.
    await failures(b, 'y', 3);
    expect(await refusal(b, 'y', 'good')).not.toBeNull();
  });

  it('forgets a trusted key a minute after its last use', async () => {
    const { instance, clock } = cluster({ windowMs: 120_000 });
    const t = instance();
    t.recordSuccess('x', 'good');
    await flush();
    await failures(t, 'x', 3);
    clock.now += 119_000;
    expect(await refusal(t, 'x', 'good')).toBeNull();
    clock.now += 2_000;
    await failures(t, 'x', 3);
    expect(await refusal(t, 'x', 'good')).not.toBeNull();
  });

  it('does nothing when the limit is 0', async () => {
    const { instance } = cluster({ limit: 0 });
    const t = instance();
    expect(await failures(t, 'a', 100)).toEqual(Array(100).fill('401'));
    expect(await refusal(t, 'a')).toBeNull();
  });

  it('fails open when the store does not answer, or refuses with 503 when told to', async () => {
    class DeadStore extends MemoryRateLimitStore {
      override recordFailure(): Promise<never> {
        return Promise.reject(new Error('down'));
      }
    }
    const open = cluster({}, new DeadStore()).instance();
    expect(await failures(open, 'a', 10)).toEqual(Array(10).fill('401'));
    const closed = cluster({ failOpen: false }, new DeadStore()).instance();
    await expect(closed.recordFailure('a')).rejects.toMatchObject({ code: 'limits_unavailable' });
  });
});
