import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded/embedded-postgres';
import { buildTemplate, loadTemplate } from '../src/database/embedded/embedded-template';

// `npm run build` makes this template; a new embedded data directory starts from it.
describe('the embedded database template', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'leadr-template-'));
  const templatePath = join(scratch, 'template.tar.gz');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const migrationsIn = async (url: string): Promise<string[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query('SELECT name FROM migrations ORDER BY id')).rows.map((row) => row.name);
    } finally {
      await client.end();
    }
  };

  it('holds every migration, and a new data directory made from it opens, owner-only, and reopens', async () => {
    const applied = await buildTemplate(templatePath);
    expect(applied.length).toBeGreaterThanOrEqual(3);
    expect(statSync(templatePath).mode & 0o777).toBe(0o600);

    const dataDir = join(scratch, 'data');
    const first = await startEmbeddedPostgres(dataDir, 1, loadTemplate(templatePath));
    try {
      expect(await migrationsIn(first.url)).toEqual(applied);
    } finally {
      await first.close();
    }
    const modes = readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mode & 0o777);
    expect(modes.length).toBeGreaterThan(100);
    expect(new Set(modes)).toEqual(new Set([0o600]));

    // A later start ignores the template: the directory is no longer new.
    const again = await startEmbeddedPostgres(dataDir, 1, loadTemplate(templatePath));
    try {
      expect(await migrationsIn(again.url)).toEqual(applied);
    } finally {
      await again.close();
    }
  });

  it('is optional: without one, a new data directory is initialised from scratch', () => {
    expect(loadTemplate(join(scratch, 'missing.tar.gz'))).toBeNull();
  });
});
