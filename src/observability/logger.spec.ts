import { loadConfig } from '../config';
import { bufferedStdout, defaultLogDestination, LOG_FLUSH_INTERVAL_MS, stopPeriodicFlush } from './logger';

describe('defaultLogDestination', () => {
  const wasTTY = process.stdout.isTTY;
  afterEach(() => {
    process.stdout.isTTY = wasTTY;
  });

  const destination = async (nodeEnv: string, tty: boolean) => {
    process.stdout.isTTY = tty;
    return (await defaultLogDestination(loadConfig({ NODE_ENV: nodeEnv, API_KEY_SECRET: 'a-production-secret-0123456789', DATABASE_URL: 'postgres://db/leadr' }))).constructor.name;
  };

  it('is readable colour output for a developer at a terminal', async () => {
    expect(await destination('development', true)).not.toBe('SonicBoom');
  });

  it.each([
    ['development', false],
    ['production', true],
    ['production', false],
    ['test', true],
  ])('is JSON through the asynchronous writer with NODE_ENV=%s and a terminal: %s', async (nodeEnv, tty) => {
    expect(await destination(nodeEnv, tty)).toBe('SonicBoom');
  });
});

describe('the buffered stdout writer', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('flushes on its interval until stopped, then never again', () => {
    jest.useFakeTimers();
    const destination = bufferedStdout() as ReturnType<typeof bufferedStdout> & { flush(): void };
    const flush = jest.spyOn(destination, 'flush').mockImplementation(() => undefined);
    jest.advanceTimersByTime(LOG_FLUSH_INTERVAL_MS * 3);
    expect(flush).toHaveBeenCalledTimes(3);
    stopPeriodicFlush(destination);
    jest.advanceTimersByTime(LOG_FLUSH_INTERVAL_MS * 10);
    expect(flush).toHaveBeenCalledTimes(3);
    expect(jest.getTimerCount()).toBe(0);
  });
});
