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
      EMBEDDED_DATABASE_IN_PRODUCTION: false,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000,
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
    const config = loadConfig({ NODE_ENV: 'production', API_KEY_SECRET: 'x'.repeat(16), DATABASE_URL: 'postgres://db/leadr' });
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

  it('caches principals for 1 s in up to 10,000 entries by default, listening for changes', () => {
    expect(loadConfig({})).toMatchObject({ AUTH_CACHE_TTL_MS: 1_000, AUTH_CACHE_MAX: 10_000, AUTH_CACHE_LISTEN: true });
    expect(loadConfig({ AUTH_CACHE_TTL_MS: '0', AUTH_CACHE_LISTEN: 'false' })).toMatchObject({ AUTH_CACHE_TTL_MS: 0, AUTH_CACHE_LISTEN: false });
    expect(loadError({ AUTH_CACHE_MAX: '0' }).message).toContain('AUTH_CACHE_MAX');
    expect(loadError({ AUTH_CACHE_LISTEN: 'yes' }).message).toContain('AUTH_CACHE_LISTEN');
  });

  it('keeps events 90 days by default, purging hourly', () => {
    expect(loadConfig({})).toMatchObject({ EVENTS_RETENTION_DAYS: 90, EVENTS_RETENTION_INTERVAL_MS: 3_600_000 });
    expect(loadConfig({ EVENTS_RETENTION_DAYS: '7' }).EVENTS_RETENTION_DAYS).toBe(7);
    expect(loadError({ EVENTS_RETENTION_DAYS: '0' }).message).toContain('EVENTS_RETENTION_DAYS');
    expect(loadError({ EVENTS_RETENTION_INTERVAL_MS: '10' }).message).toContain('EVENTS_RETENTION_INTERVAL_MS');
  });

  it('throttles failed logins by default: 20 invalid keys per 10 s, no proxy trusted', () => {
    expect(loadConfig({})).toMatchObject({ AUTH_FAILURE_LIMIT: 20, AUTH_FAILURE_WINDOW_MS: 10_000, trustProxy: false });
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.1', '10.0.0.0/8, 192.168.1.1'],
  ])('reads TRUST_PROXY %j as %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each<[string, string]>([
    ['AUTH_FAILURE_LIMIT', '-1'],
    ['AUTH_FAILURE_WINDOW_MS', '0'],
    ['TRUST_PROXY', ''],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', 'TRUE'],
    ['RATE_LIMIT_KEY_RPS', '-1'],
    ['RATE_LIMIT_KEY_BURST', '0'],
    ['RATE_LIMIT_ACCOUNT_RPS', 'many'],
    ['RATE_LIMIT_ACCOUNT_BURST', '0'],
    ['RATE_LIMIT_SUPERADMIN_KEY_RPS', '-5'],
    ['RATE_LIMIT_STORE_TIMEOUT_MS', '0'],
    ['RATE_LIMIT_ON_STORE_ERROR', 'ignore'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
  ])('rejects %s=%j, naming it', (name, value) => {
    expect(loadError({ [name]: value }).message).toContain(name);
  });

  it('refuses TRUST_PROXY=true: every hop trusted lets a client choose its address', () => {
    expect(loadError({ TRUST_PROXY: 'true' }).message).toContain('true would trust every hop');
  });

  it('limits requests by default: 100/s (burst 200) per key, 500/s (burst 1000) per account, in process', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      RATE_LIMIT_KEY_RPS: 100,
      RATE_LIMIT_KEY_BURST: 200,
      RATE_LIMIT_ACCOUNT_RPS: 500,
      RATE_LIMIT_ACCOUNT_BURST: 1000,
      RATE_LIMIT_ON_STORE_ERROR: 'allow',
      REDIS_URL: undefined,
    });
    expect([config.superadminKeyRps, config.superadminKeyBurst]).toEqual([100, 200]);
    const own = loadConfig({ RATE_LIMIT_SUPERADMIN_KEY_RPS: '0', RATE_LIMIT_SUPERADMIN_KEY_BURST: '5' });
    expect([own.superadminKeyRps, own.superadminKeyBurst]).toEqual([0, 5]);
  });

  describe('the embedded database in production', () => {
    const production = { NODE_ENV: 'production', API_KEY_SECRET: 'a-production-secret-0123456789' };

    it('is refused without DATABASE_URL, naming both ways out', () => {
      const { message } = loadError(production);
      expect(message).toContain('DATABASE_URL must be set when NODE_ENV=production');
      expect(message).toContain('EMBEDDED_DATABASE_IN_PRODUCTION=true');
      expect(loadError({ ...production, EMBEDDED_DATABASE_IN_PRODUCTION: 'false' }).message).toContain('DATABASE_URL');
      expect(loadError({ ...production, DATABASE_URL: '' }).message).toContain('DATABASE_URL');
    });

    it('is allowed when EMBEDDED_DATABASE_IN_PRODUCTION=true says so', () => {
      const config = loadConfig({ ...production, EMBEDDED_DATABASE_IN_PRODUCTION: 'true' });
      expect(config.EMBEDDED_DATABASE_IN_PRODUCTION).toBe(true);
      expect(config.usesEmbeddedDatabase).toBe(true);
    });

    it('is not needed with DATABASE_URL', () => {
      expect(loadConfig({ ...production, DATABASE_URL: 'postgres://db/leadr' }).usesEmbeddedDatabase).toBe(false);
    });

    it('is allowed outside production without the flag', () => {
      expect(loadConfig({ NODE_ENV: 'development' }).usesEmbeddedDatabase).toBe(true);
      expect(loadConfig({ NODE_ENV: 'test' }).usesEmbeddedDatabase).toBe(true);
    });

    it.each(['yes', '1', 'TRUE', 'on'])('rejects EMBEDDED_DATABASE_IN_PRODUCTION=%j', (value) => {
      expect(loadError({ EMBEDDED_DATABASE_IN_PRODUCTION: value }).message).toContain(
        'EMBEDDED_DATABASE_IN_PRODUCTION must be true or false',
      );
    });
  });

  describe('HTTP timeouts', () => {
    it('reads the three timeouts in milliseconds', () => {
      expect(
        loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '250' }),
      ).toMatchObject({ HTTP_HEADERS_TIMEOUT_MS: 500, HTTP_REQUEST_TIMEOUT_MS: 1000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 250 });
    });

    it.each(['HTTP_HEADERS_TIMEOUT_MS', 'HTTP_REQUEST_TIMEOUT_MS', 'HTTP_KEEP_ALIVE_TIMEOUT_MS'])(
      'rejects a %s that is not 1 to 3600000 whole milliseconds, naming it',
      (name) => {
        for (const value of ['0', '-5', '1.5', '10s', '', '3600001']) {
          expect(loadError({ [name]: value, HTTP_REQUEST_TIMEOUT_MS: name === 'HTTP_REQUEST_TIMEOUT_MS' ? value : '3600000' }).message).toContain(name);
        }
      },
    );

    it('accepts a headers timeout equal to the request timeout and refuses a longer one', () => {
      expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '30000', HTTP_REQUEST_TIMEOUT_MS: '30000' }).HTTP_HEADERS_TIMEOUT_MS).toBe(30_000);
      expect(loadError({ HTTP_HEADERS_TIMEOUT_MS: '30001' }).message).toContain(
        'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
      );
    });
  });

  describe('logs, metrics and CORS', () => {
    it('logs at info, serves metrics and allows no cross-origin caller by default', () => {
      const config = loadConfig({});
      expect(config).toMatchObject({ LOG_LEVEL: 'info', METRICS_ENABLED: true });
      expect(config.corsOrigins).toEqual([]);
    });

    it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts LOG_LEVEL=%s', (level) => {
      expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    });

    it.each(['INFO', 'verbose', ''])('rejects LOG_LEVEL=%j, listing the levels', (level) => {
      expect(loadError({ LOG_LEVEL: level }).message).toContain('LOG_LEVEL must be one of fatal, error, warn, info');
    });

    it.each([
      ['true', true],
      ['false', false],
    ])('reads METRICS_ENABLED=%s', (value, expected) => {
      expect(loadConfig({ METRICS_ENABLED: value }).METRICS_ENABLED).toBe(expected);
    });

    it.each(['yes', '0', ''])('rejects METRICS_ENABLED=%j', (value) => {
      expect(loadError({ METRICS_ENABLED: value }).message).toContain('METRICS_ENABLED must be true or false');
    });

    it('splits CORS_ORIGINS on commas, ignoring spaces and empty entries', () => {
      expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173,,' }).corsOrigins).toEqual([
        'https://a.example',
        'http://localhost:5173',
      ]);
    });

    it.each(['*', 'https://a.example/', 'https://a.example/path', 'a.example', 'ftp://a.example'])(
      'rejects the CORS origin %j, naming it',
      (origin) => {
        expect(loadError({ CORS_ORIGINS: `https://ok.example,${origin}` }).message).toContain(`CORS_ORIGINS: "${origin}"`);
      },
    );
  });
});
