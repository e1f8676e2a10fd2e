import { IdempotencyPurger } from './idempotency-purger';
import { IdempotencyRepository, IdempotencyScope } from './idempotency.repository';
import { CLAIM_SECONDS, IdempotencyService } from './idempotency.service';
import { ResponseCipher } from './response-cipher';

// Records the statements the service would run; the SQL itself is exercised by the e2e suite.
class RecordingRepository {
  readonly extended: string[] = [];
  purgeBatches: number[] = [];

  async extendClaim(_scope: IdempotencyScope, attemptId: string, lockSeconds: number) {
    expect(lockSeconds).toBe(CLAIM_SECONDS);
    this.extended.push(attemptId);
  }

  async purgeExpired(batch: number) {
    expect(batch).toBeGreaterThan(0);
    return this.purgeBatches.shift() ?? 0;
  }
}

const scope: IdempotencyScope = { apiKeyId: 'k', key: 'retry-1', requestHash: 'h' };

describe('IdempotencyService.keepClaimed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('renews a running request’s claim well before it lapses, until told to stop', async () => {
    const records = new RecordingRepository();
    const service = new IdempotencyService(records as unknown as IdempotencyRepository, new ResponseCipher('unit-test-secret-0123456789'));
    const stop = service.keepClaimed(scope, 'attempt-1');

    await jest.advanceTimersByTimeAsync((CLAIM_SECONDS * 1000) / 3 - 1);
    expect(records.extended).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(records.extended).toEqual(['attempt-1']);
    await jest.advanceTimersByTimeAsync(CLAIM_SECONDS * 1000);
    expect(records.extended).toHaveLength(4);

    stop();
    await jest.advanceTimersByTimeAsync(10 * CLAIM_SECONDS * 1000);
    expect(records.extended).toHaveLength(4);
  });
});

describe('IdempotencyPurger', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('deletes batch after batch until a batch comes back short', async () => {
    const records = new RecordingRepository();
    records.purgeBatches = [1000, 1000, 7];
    const purger = new IdempotencyPurger(records as unknown as IdempotencyRepository);
    await expect(purger.purgeExpired()).resolves.toBe(2007);
  });

  it('purges every 10 minutes once the application has started, and stops on shutdown', async () => {
    const records = new RecordingRepository();
    const calls: number[] = [];
    records.purgeExpired = async (batch: number) => {
      calls.push(batch);
      return 0;
    };
    const purger = new IdempotencyPurger(records as unknown as IdempotencyRepository);
    purger.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(calls).toHaveLength(2);
    await purger.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(calls).toHaveLength(2);
  });
});
