import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { compileServer, CompiledServer } from './helpers/server-process';

// What the server process loads at start costs memory for its whole life (docs/performance.md,
// "Memory"): the embedded database's code is loaded only when the embedded database is used.
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
});
