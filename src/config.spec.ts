import { AppConfig, ConfigError, DEV_API_KEY_SECRET, loadConfig } from './config';

const VALID_KEY = 'ldr_abcdefghijklmnopqrstuvwxyz012345';

function loadError(env: NodeJS.ProcessEnv): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  return caught as ConfigError;
}

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      PGLITE_DATA_DIR: './.data/pglite',
      DATABASE_POOL_SIZE: 10,
      DATABASE_CONNECT_TIMEOUT_MS: 2000,
      DATABASE_ACQUIRE_TIMEOUT_MS: 2000,
      DATABASE_STATEMENT_TIMEOUT_MS: 5000,
      SHUTDOWN_TIMEOUT_MS: 10000,
      API_KEY_SECRET: DEV_API_KEY_SECRET,
      SUPERADMIN_EMAIL: 'admin@leadr.local',
      SUPERADMIN_ACCOUNT_SLUG: 'system',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SUPERADMIN_API_KEY).toBeUndefined();
    expect(config.usesEmbeddedDatabase).toBe(true);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ UNRELATED: 'x', PATH: '/bin' })).not.toHaveProperty('UNRELATED');
  });

  it.each([
    ['3000', 3000],
    ['8080', 8080],
    ['0', 0],
    ['65535', 65535],
  ])('parses PORT %j as %i', (port, expected) => {
    expect(loadConfig({ PORT: port }).PORT).toBe(expected);
  });

  it.each(['abc', '70000', '65536', '-1', '80.5', '', ' 80'])('rejects PORT %j, naming PORT', (port) => {
    expect(loadError({ PORT: port }).message).toMatch(/\bPORT\b/);
  });

  it.each(['postgres://user:pw@db:5432/leadr', 'postgresql://localhost/leadr'])(
    'uses the external database at %s',
    (url) => {
      const config = loadConfig({ DATABASE_URL: url });
      expect(config.DATABASE_URL).toBe(url);
      expect(config.usesEmbeddedDatabase).toBe(false);
    },
  );

  it('reads the database timeouts and the shutdown timeout in milliseconds', () => {
    expect(
      loadConfig({
        DATABASE_CONNECT_TIMEOUT_MS: '750',
        DATABASE_ACQUIRE_TIMEOUT_MS: '1500',
        DATABASE_STATEMENT_TIMEOUT_MS: '30000',
        SHUTDOWN_TIMEOUT_MS: '4000',
      }),
    ).toMatchObject({
      DATABASE_CONNECT_TIMEOUT_MS: 750,
      DATABASE_ACQUIRE_TIMEOUT_MS: 1500,
      DATABASE_STATEMENT_TIMEOUT_MS: 30000,
      SHUTDOWN_TIMEOUT_MS: 4000,
    });
  });

  it.each([
    ['DATABASE_CONNECT_TIMEOUT_MS', '0'],
    ['DATABASE_CONNECT_TIMEOUT_MS', '99'],
    ['DATABASE_CONNECT_TIMEOUT_MS', '2s'],
    ['DATABASE_ACQUIRE_TIMEOUT_MS', '-1'],
    ['DATABASE_ACQUIRE_TIMEOUT_MS', '600001'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '1.5'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', ''],
    ['SHUTDOWN_TIMEOUT_MS', '999'],
    ['SHUTDOWN_TIMEOUT_MS', 'never'],
  ])('rejects %s=%j, naming it', (name, value) => {
    expect(loadError({ [name]: value }).message).toContain(name);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    const config = loadConfig({ DATABASE_URL: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.usesEmbeddedDatabase).toBe(true);
  });

  it.each(['mysql://localhost/leadr', 'http://localhost', 'postgres://', 'localhost:5432'])(
    'rejects DATABASE_URL %j',
    (url) => {
      expect(loadError({ DATABASE_URL: url }).message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    },
  );

  it('accepts a SUPERADMIN_API_KEY with the ldr_ prefix and treats an empty one as unset', () => {
    expect(loadConfig({ SUPERADMIN_API_KEY: VALID_KEY }).SUPERADMIN_API_KEY).toBe(VALID_KEY);
    expect(loadConfig({ SUPERADMIN_API_KEY: '' }).SUPERADMIN_API_KEY).toBeUndefined();
  });

  it.each([VALID_KEY.replace('ldr_', 'key_'), VALID_KEY.slice(4), 'ldr_short', `${VALID_KEY}!`])(
    'rejects SUPERADMIN_API_KEY %j',
    (key) => {
      expect(loadError({ SUPERADMIN_API_KEY: key }).message).toContain('SUPERADMIN_API_KEY');
    },
  );

  it('rejects an unknown NODE_ENV', () => {
    expect(loadError({ NODE_ENV: 'staging' }).message).toContain('NODE_ENV');
  });

  it('refuses the development API_KEY_SECRET in production', () => {
    expect(loadError({ NODE_ENV: 'production' }).message).toContain('API_KEY_SECRET');
    expect(loadError({ NODE_ENV: 'production', API_KEY_SECRET: DEV_API_KEY_SECRET }).message).toContain(
      'API_KEY_SECRET',
    );
  });

  it('accepts a custom API_KEY_SECRET of at least 16 characters in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', API_KEY_SECRET: 'x'.repeat(16) });
    expect(config.NODE_ENV).toBe('production');
    expect(config.API_KEY_SECRET).toBe('x'.repeat(16));
  });

  it('rejects an API_KEY_SECRET shorter than 16 characters', () => {
    expect(loadError({ NODE_ENV: 'production', API_KEY_SECRET: 'x'.repeat(15) }).message).toContain(
      'API_KEY_SECRET must be at least 16 characters',
    );
  });

  it('reports every problem in one error', () => {
    const { message } = loadError({
      PORT: 'abc',
      DATABASE_URL: 'mysql://localhost/leadr',
      SUPERADMIN_API_KEY: 'nope',
      NODE_ENV: 'production',
    });
    for (const name of ['PORT', 'DATABASE_URL', 'SUPERADMIN_API_KEY', 'API_KEY_SECRET']) {
      expect(message).toContain(name);
    }
    expect(message.split('\n').filter((line) => line.startsWith('  - ')).length).toBeGreaterThanOrEqual(4);
  });
});
