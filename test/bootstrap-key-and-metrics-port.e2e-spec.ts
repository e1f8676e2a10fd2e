import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SuperadminBootstrapService } from '../src/bootstrap/superadmin-bootstrap.service';
import { MetricsServer } from '../src/observability/metrics-server';
import { as } from './helpers/headers';
import { capturingStdout } from './helpers/log-capture';
import { createTestApp, TestApp } from './helpers/test-app';

// Issue 18, items 5 and 6: the generated superadmin key never reaches a log in production, and
// METRICS_PORT keeps /metrics off the public listener.
describe('the bootstrap key in production, and METRICS_PORT', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info', METRICS_PORT: '0' });
    dir = mkdtempSync(join(tmpdir(), 'leadr-bootstrap-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // As on a first start: no live superadmin, and the configuration under test.
  const firstStart = async (config: { NODE_ENV: 'production' | 'test'; SUPERADMIN_API_KEY_FILE?: string }) => {
    await t.dataSource.query('UPDATE users SET deleted_at = now() WHERE deleted_at IS NULL AND super_admin');
    Object.assign(t.config, { SUPERADMIN_API_KEY: undefined, ...config });
    return capturingStdout(() => t.app.get(SuperadminBootstrapService).onApplicationBootstrap());
  };
  const liveSuperadmins = async () =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM users WHERE deleted_at IS NULL AND super_admin'))[0].n);

  describe('the bootstrap key', () => {
    it('with NODE_ENV=production and no key configured, the server refuses to start and creates nothing', async () => {
      await expect(firstStart({ NODE_ENV: 'production', SUPERADMIN_API_KEY_FILE: undefined })).rejects.toThrow(
        /neither SUPERADMIN_API_KEY nor SUPERADMIN_API_KEY_FILE is set/,
      );
      expect(await liveSuperadmins()).toBe(0);
    });

    it('writes a generated key to a new 0600 file, logs the path and never the key', async () => {
      const path = join(dir, 'superadmin-key');
      t.logs.clear();
      const { printed } = await firstStart({ NODE_ENV: 'production', SUPERADMIN_API_KEY_FILE: path });
      expect(printed).toBe('');
      const key = readFileSync(path, 'utf8').trim();
      expect(key).toMatch(/^ldr_[A-Za-z0-9_-]{43}$/);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(t.logs.text).toContain(path);
      expect(t.logs.text).not.toContain(key);
      expect((await t.http().get('/v1/accounts').set(as(key))).status).toBe(200);
    });

    it('reads the key from an existing SUPERADMIN_API_KEY_FILE', async () => {
      const path = join(dir, 'given-key');
      const key = 'ldr_from-a-file-0123456789abcdef';
      writeFileSync(path, `${key}\n`, { mode: 0o600 });
      const { printed } = await firstStart({ NODE_ENV: 'production', SUPERADMIN_API_KEY_FILE: path });
      expect(printed).toBe('');
      expect(readFileSync(path, 'utf8')).toBe(`${key}\n`);
      expect((await t.http().get('/v1/accounts').set(as(key))).status).toBe(200);
    });

    it('outside production, prints a generated key to the terminal as before', async () => {
      const { printed } = await firstStart({ NODE_ENV: 'test', SUPERADMIN_API_KEY_FILE: undefined });
      const key = /ldr_[A-Za-z0-9_-]{43}/.exec(printed)?.[0];
      expect(key).toBeDefined();
      expect(t.logs.text).not.toContain(key);
      expect((await t.http().get('/v1/accounts').set(as(key!))).status).toBe(200);
    });
  });

  describe('METRICS_PORT', () => {
    it('serves /metrics on that port only', async () => {
      const port = t.app.get(MetricsServer).port;
      expect(port).toEqual(expect.any(Number));
      const internal = request(`http://127.0.0.1:${port}`);
      const scraped = await internal.get('/metrics');
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('leadr_');
      expect((await internal.get('/metrics/')).status).toBe(200);
      expect((await internal.get('/v1/users')).status).toBe(404);

      for (const path of ['/metrics', '/METRICS', '/metrics/', '/Metrics/']) {
        expect({ path, status: (await t.http().get(path)).status }).toEqual({ path, status: 404 });
      }
    });
  });
});
