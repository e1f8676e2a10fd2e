import { loadConfig } from '../config';
import { defaultLogDestination } from './logger';

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
