import { FailedAuthThrottle, FailedAuthThrottleOptions } from './failed-auth-throttle';

function throttle(options: Partial<FailedAuthThrottleOptions> = {}) {
  const clock = { now: 1_000_000 };
  const instance = new FailedAuthThrottle({ limit: 3, windowMs: 10_000, now: () => clock.now, ...options });
  return { instance, clock };
}

const failTimes = (t: FailedAuthThrottle, address: string, n: number) => {
  for (let i = 0; i < n; i++) t.recordFailure(address);
};

describe('FailedAuthThrottle', () => {
  it('lets an address through until it has spent its budget, then asks it to wait for the rest of the window', () => {
    const { instance, clock } = throttle();
    failTimes(instance, 'a', 2);
    expect(instance.retryAfterSeconds('a', undefined)).toBeNull();
    instance.recordFailure('a');
    expect(instance.retryAfterSeconds('a', undefined)).toBe(10);
    clock.now += 7_500;
    expect(instance.retryAfterSeconds('a', 'some-hash')).toBe(3);
  });

  it('forgives an address when its window has passed', () => {
    const { instance, clock } = throttle();
    failTimes(instance, 'a', 3);
    clock.now += 10_000;
    expect(instance.retryAfterSeconds('a', undefined)).toBeNull();
    instance.recordFailure('a');
    expect(instance.retryAfterSeconds('a', undefined)).toBeNull();
  });

  it('keeps addresses apart', () => {
    const { instance } = throttle();
    failTimes(instance, 'a', 3);
    expect(instance.retryAfterSeconds('b', undefined)).toBeNull();
  });

  it('lets a key authenticated in the last minute through a throttled address, and only for that minute', () => {
    const { instance, clock } = throttle({ windowMs: 120_000 });
    instance.recordSuccess('good');
    failTimes(instance, 'a', 3);
    expect(instance.retryAfterSeconds('a', 'good')).toBeNull();
    expect(instance.retryAfterSeconds('a', 'other')).not.toBeNull();
    clock.now += 60_000;
    expect(instance.retryAfterSeconds('a', 'good')).not.toBeNull();
  });

  it('is off with a limit of 0', () => {
    const { instance } = throttle({ limit: 0 });
    failTimes(instance, 'a', 1000);
    expect(instance.retryAfterSeconds('a', undefined)).toBeNull();
  });

  it('stays bounded: the least recently failing address is forgotten first', () => {
    const { instance } = throttle({ maxAddresses: 2 });
    failTimes(instance, 'a', 3);
    failTimes(instance, 'b', 3);
    failTimes(instance, 'c', 3);
    expect(instance.retryAfterSeconds('a', undefined)).toBeNull();
    expect(instance.retryAfterSeconds('b', undefined)).not.toBeNull();
    expect(instance.retryAfterSeconds('c', undefined)).not.toBeNull();
  });

  it('stays bounded in remembered keys too', () => {
    const { instance } = throttle({ maxTrustedKeys: 1 });
    instance.recordSuccess('first');
    instance.recordSuccess('second');
    failTimes(instance, 'a', 3);
    expect(instance.retryAfterSeconds('a', 'first')).not.toBeNull();
    expect(instance.retryAfterSeconds('a', 'second')).toBeNull();
  });
});
