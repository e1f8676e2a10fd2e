import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { MACHINE_REDIS_URL } from './helpers/redis-server';
import { compileServer, CompiledServer } from './helpers/server-process';

// What the server process loads at start costs memory for its whole life (docs/performance.md,
// "Memory"): the embedded database's code is loaded only when the embedded database is used, and
// ioredis only when the rate limits' store is Redis.
describe('modules loaded at start', () => {
  let server: CompiledServer;
  beforeAll(async () => {
    server = await compileServer();
  });
  afterAll(() => server.remove());

  it('the application module does not load PGlite (a server on DATABASE_URL never does); starting the embedded database does', () => {
    const src = dirname(server.main);
    const loaded = (script: string): string =>
      execFileSync(process.execPath, ['-e', script], { cwd: join(src, '..'), encoding: 'utf8' }).trim();
    const pgliteLoaded = `Object.keys(require.cache).some((path) => path.includes('@electric-sql/pglite'))`;
    expect(loaded(`require('reflect-metadata'); require(${JSON.stringify(join(src, 'app.module.js'))}); console.log(${pgliteLoaded})`)).toBe('false');
    // The same check sees PGlite when it is loaded (so the first assertion can fail).
    expect(
      loaded(
        `const e = require(${JSON.stringify(join(src, 'database', 'embedded', 'embedded-postgres.js'))});` +
          `e.startEmbeddedPostgres(e.IN_MEMORY, 1).then((db) => { console.log(${pgliteLoaded}); return db.close(); })`,
      ),
    ).toBe('true');
  });

  it('the application module does not load ioredis; the rate limits\' store on REDIS_URL does', () => {
    const src = dirname(server.main);
    const run = (script: string): string =>
      execFileSync(process.execPath, ['-e', script], { cwd: join(src, '..'), encoding: 'utf8' }).trim();
    const ioredisLoaded = `Object.keys(require.cache).some((path) => /node_modules\\/ioredis\\//.test(path))`;
    const appModule = `require('reflect-metadata'); require(${JSON.stringify(join(src, 'app.module.js'))});`;
    expect(run(`${appModule} console.log(${ioredisLoaded})`)).toBe('false');
    // The store's own provider, as the application builds it with REDIS_URL set.
    const storeOnRedis =
      `const { RateLimitModule } = require(${JSON.stringify(join(src, 'rate-limit', 'rate-limit.module.js'))});` +
      `const { StoreCalls } = require(${JSON.stringify(join(src, 'rate-limit', 'store-calls.js'))});` +
      `const provider = Reflect.getMetadata('providers', RateLimitModule).find((p) => p.provide === StoreCalls);` +
      `provider.useFactory({ REDIS_URL: ${JSON.stringify(MACHINE_REDIS_URL)}, RATE_LIMIT_REDIS_PREFIX: 'modules-loaded:', RATE_LIMIT_STORE_TIMEOUT_MS: 1000, RATE_LIMIT_ON_STORE_ERROR: 'allow' }, {})` +
      `.then((calls) => { console.log(calls.store.constructor.name + ' ' + ${ioredisLoaded}); return calls.store.close(); })`;
    expect(run(`${appModule} ${storeOnRedis}`)).toBe('RedisRateLimitStore true');
  });
});

