import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBackend } from '../helpers/proxied-app';
import { createTestApp, SUPERADMIN_KEY, TestApp } from '../helpers/test-app';

const MIGRATIONS = readdirSync(join(__dirname, '..', '..', 'src', 'database', 'migrations')).filter((f) => f.endsWith('.ts')).length;

async function bootstrapState(t: TestApp) {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*)::int FROM migrations) AS migrations,
            (SELECT count(*)::int FROM users WHERE super_admin AND deleted_at IS NULL) AS superadmins,
            (SELECT count(*)::int FROM accounts) AS accounts,
            (SELECT count(*)::int FROM api_keys) AS keys`,
  );
  return row;
}

async function startInstances(url: string, count: number): Promise<TestApp[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => createTestApp({ DATABASE_URL: url })));
  const apps = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failures = started.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
  if (failures.length > 0) {
    await Promise.all(apps.map((app) => app.close()));
    throw new Error(`instances failed to start: ${failures.join('; ')}`);
  }
  return apps;
}

// The embedded database accepts one connection, and frees its slot a moment after the previous
// instance's connection closed; until then it turns connections away.
async function startWhenSlotIsFree(url: string): Promise<TestApp> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await createTestApp({ DATABASE_URL: url, DATABASE_POOL_SIZE: '1' });
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('starting on a new database', () => {
  it('a second instance finds the schema and the superadmin in place and adds nothing', async () => {
    const backend = await startBackend();
    try {
      const first = await createTestApp({ DATABASE_URL: backend.url, DATABASE_POOL_SIZE: '1' });
      const before = await bootstrapState(first);
      await first.close();
      const second = await startWhenSlotIsFree(backend.url);
      try {
        expect(await bootstrapState(second)).toEqual(before);
        expect(before).toEqual({ migrations: MIGRATIONS, superadmins: 1, accounts: 1, keys: 1 });
        expect((await second.http().get('/v1/users').set('leadr-api-key', SUPERADMIN_KEY)).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await backend.close();
    }
  });

  // Concurrency needs separate sessions: every connection to the embedded database shares one
  // PostgreSQL session (and the server allows one connection), so instances cannot start on it
  // at the same time. This case registers on PostgreSQL (TEST_DATABASE_URL) only.
  if (process.env.TEST_DATABASE_URL) {
    it.each([1, 2, 3])('three instances starting together all come up; migrations run once, one superadmin (round %i)', async () => {
      const backend = await startBackend();
      try {
        const apps = await startInstances(backend.url, 3);
        try {
          for (const t of apps) {
            expect(await bootstrapState(t)).toEqual({ migrations: MIGRATIONS, superadmins: 1, accounts: 1, keys: 1 });
            const response = await t.http().get('/v1/users').set('leadr-api-key', SUPERADMIN_KEY);
            expect(response.status).toBe(200);
            expect(response.body.data).toHaveLength(1);
          }
          const names = await apps[0].dataSource.query('SELECT name FROM migrations GROUP BY name HAVING count(*) > 1');
          expect(names).toEqual([]);
        } finally {
          await Promise.all(apps.map((t) => t.close()));
        }
      } finally {
        await backend.close();
      }
    });
  }
});
