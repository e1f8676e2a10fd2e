import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/cli';
import { settleEvents } from './helpers/events';
import { createAccount, createKey, createUser } from './helpers/factories';
import { as, asSuperadmin } from './helpers/headers';
import { createTestApp, scratchDatabase, SUPERADMIN_KEY, TEST_API_KEY_SECRET, TestApp } from './helpers/test-app';

interface CliRun {
  code: number;
  out: string;
  err: string;
}

const MIGRATIONS = readdirSync(join(__dirname, '../src/database/migrations'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/^(\d+)-(\w+)\.ts$/, '$2$1'))
  .sort();
const KEY = /ldr_[A-Za-z0-9_-]{43}/;

// The admin CLI in process, against the database of this test run: a fresh database on the
// TEST_DATABASE_URL server, or a fresh embedded data directory on disk.
describe('admin CLI', () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const embedded = !serverUrl;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let bootstrapKeyId: string;

  const cli = async (...argv: string[]): Promise<CliRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, env, { out: (line = '') => out.push(line), err: (line = '') => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const bootServer = (extra: Record<string, string> = {}): Promise<TestApp> => createTestApp({ ...env, ...extra });

  beforeAll(async () => {
    const base = { NODE_ENV: 'test', API_KEY_SECRET: TEST_API_KEY_SECRET };
    if (serverUrl) {
      const scratch = await scratchDatabase(serverUrl);
      env = { ...base, DATABASE_URL: scratch.url };
      cleanup = () => scratch.drop();
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'leadr-cli-'));
      env = { ...base, PGLITE_DATA_DIR: join(dir, 'pglite') };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await cleanup();
  });

  describe('usage', () => {
    it('lists the commands with help (exit 0) and without any argument (exit 1, on stderr)', async () => {
      const help = await cli('--help');
      expect(help.code).toBe(0);
      for (const usage of ['migrate [--status]', 'superadmin create-key', 'keys revoke <key_id>', 'accounts list']) {
        expect(help.out).toContain(usage);
      }
      const none = await cli();
      expect(none.code).toBe(1);
      expect(none.err).toContain('Usage: npm run cli -- <command>');
      expect(none.out).toBe('');
    });

    it.each([
      [['migrate'], 'Usage: npm run cli -- migrate [--status]'],
      [['superadmin', 'create-key'], '--email <email>'],
      [['keys', 'revoke'], 'Usage: npm run cli -- keys revoke <key_id>'],
      [['accounts', 'list'], '--json'],
    ])('explains %j with --help', async (words, expected) => {
      const run = await cli(...words, '--help');
      expect(run).toMatchObject({ code: 0, err: '' });
      expect(run.out).toContain(expected);
      expect((await cli(...words, '-h')).out).toBe(run.out);
    });

    it.each([
      [['users', 'delete'], 'Unknown command: users delete'],
      [['accounts', 'list', '--bogus'], "Unknown option '--bogus'"],
      [['keys', 'revoke'], 'Usage: npm run cli -- keys revoke <key_id>'],
      [['keys', 'revoke', 'key_a', 'key_b'], 'Usage: npm run cli -- keys revoke <key_id>'],
      [['superadmin', 'create-key', '--email'], "Option '--email <value>' argument missing"],
    ])('refuses %j with exit code 1', async (argv, message) => {
      const run = await cli(...argv);
      expect(run.code).toBe(1);
      expect(run.err).toContain(message);
    });

    it('reports a bad configuration, naming the variable', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['accounts', 'list'], { ...env, DATABASE_URL: 'mysql://nope' }, { out: (l = '') => out.push(l), err: (l = '') => err.push(l) });
      expect(code).toBe(1);
      expect(err.join('\n')).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    });
  });

  describe('on a new database', () => {
    it('refuses to work on a database without the schema', async () => {
      const run = await cli('accounts', 'list');
      expect(run.code).toBe(1);
      expect(run.err).toMatch(embedded ? /There is no embedded database in .*run `migrate`/ : /needs \d+ migration\(s\): run `npm run cli -- migrate` first/);
    });

    it('lists every migration as pending with migrate --status (PostgreSQL), changing nothing', async () => {
      const run = await cli('migrate', '--status');
      if (embedded) {
        // Nothing to list: the directory does not exist, and --status does not create it.
        expect(run.code).toBe(1);
        expect(run.err).toContain('There is no embedded database');
        return;
      }
      expect(run.code).toBe(0);
      for (const name of MIGRATIONS) expect(run.out).toContain(`[ ] ${name}`);
      expect(run.out).toContain(`0 applied, ${MIGRATIONS.length} pending.`);
    });

    it('applies the migrations with migrate, then finds nothing to do', async () => {
      const first = await cli('migrate');
      expect(first.code).toBe(0);
      expect(first.out).toContain(`Applied ${MIGRATIONS.length} migrations`);
      for (const name of MIGRATIONS) expect(first.out).toContain(name);

      const second = await cli('migrate');
      expect(second.code).toBe(0);
      expect(second.out).toContain('is up to date; no migration to apply');

      const status = await cli('migrate', '--status');
      expect(status.code).toBe(0);
      for (const name of MIGRATIONS) expect(status.out).toContain(`[x] ${name}`);
      expect(status.out).toContain(`${MIGRATIONS.length} applied, 0 pending.`);
    });

    it('lists no accounts, and finds no superadmin to create a key for', async () => {
      expect(await cli('accounts', 'list')).toMatchObject({ code: 0, out: 'No accounts.' });
      const run = await cli('superadmin', 'create-key');
      expect(run.code).toBe(1);
      expect(run.err).toContain('There is no active superadmin in an active account');
    });
  });

  describe('on the database of a server', () => {
    beforeAll(async () => {
      const t = await bootServer();
      try {
        expect((await t.http().post('/v1/accounts').set(asSuperadmin).send({ name: 'Acme Games' })).status).toBe(201);
        const keys = await t.http().get('/v1/api-keys').set(asSuperadmin);
        bootstrapKeyId = keys.body.data[0].id;

        const whileServing = await cli('accounts', 'list');
        if (embedded) {
          // PGlite's data directory is open in the server: the CLI must stay out.
          expect(whileServing.code).toBe(1);
          expect(whileServing.err).toContain(`is in use by process ${process.pid}`);
        } else {
          expect(whileServing.code).toBe(0);
        }
      } finally {
        await t.close();
      }
    });

    it('lists the accounts as a table and as JSON', async () => {
      const table = await cli('accounts', 'list');
      expect(table.code).toBe(0);
      const lines = table.out.split('\n');
      expect(lines[0]).toMatch(/^ID\s+SLUG\s+STATUS\s+USERS\s+CREATED\s+NAME$/);
      expect(lines[1]).toMatch(/^acc_[0-9a-f-]{36}\s+system\s+active\s+1\s+\S+\s+System$/);
      expect(lines[2]).toMatch(/^acc_[0-9a-f-]{36}\s+acme-games\s+active\s+0\s+\S+\s+Acme Games$/);
      expect(lines[3]).toBe('2 accounts.');

      const json = await cli('accounts', 'list', '--json');
      expect(JSON.parse(json.out)).toEqual([
        expect.objectContaining({ slug: 'system', status: 'active', users: 1, name: 'System' }),
        expect.objectContaining({ slug: 'acme-games', status: 'active', users: 0, name: 'Acme Games' }),
      ]);
    });

    it('creates a superadmin key, prints it once, and refuses an email that is no superadmin', async () => {
      const missing = await cli('superadmin', 'create-key', '--email', 'nobody@example.com');
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('No active superadmin with the email nobody@example.com');

      const created = await cli('superadmin', 'create-key', '--email', 'ADMIN@leadr.local', '--name', 'Ops recovery');
      expect(created.code).toBe(0);
      expect(created.out).toMatch(/Created API key key_[0-9a-f-]{36} \("Ops recovery"\) for superadmin usr_[0-9a-f-]{36} <admin@leadr\.local>/);
      const recoveryKey = KEY.exec(created.out)![0];
      expect(created.out.split(recoveryKey)).toHaveLength(2);

      // Revoke the server's first key: the recovery key is now the only way in, and it works.
      const revoked = await cli('keys', 'revoke', bootstrapKeyId);
      expect(revoked.code).toBe(0);
      expect(revoked.out).toContain(`Revoked API key ${bootstrapKeyId} ("Superadmin (bootstrap)", ${SUPERADMIN_KEY.slice(0, 8)}…)`);

      const t = await bootServer();
      try {
        expect((await t.http().get('/v1/users').set(asSuperadmin)).status).toBe(401);
        const list = await t.http().get('/v1/users').set(as(recoveryKey));
        expect(list.status).toBe(200);
        expect(list.body.data[0].super_admin).toBe(true);
        const keys = await t.http().get('/v1/api-keys?status=revoked').set(as(recoveryKey));
        expect(keys.body.data.map((key: { id: string }) => key.id)).toEqual([bootstrapKeyId]);
        // Both changes are in the audit trail, made by no API key (the CLI), like the bootstrap.
        const recoveryKeyId = /Created API key (key_[0-9a-f-]{36})/.exec(created.out)![1];
        await settleEvents(t);
        const events = (await t.http().get('/v1/events?type=api_key.&sort=created_at:desc&limit=2').set(as(recoveryKey))).body.data;
        expect(events).toEqual([
          expect.objectContaining({
            type: 'api_key.updated',
            resource_id: bootstrapKeyId,
            actor: null,
            changes: expect.objectContaining({ status: { from: 'active', to: 'revoked' } }),
          }),
          expect.objectContaining({ type: 'api_key.created', resource_id: recoveryKeyId, actor: null }),
        ]);
      } finally {
        await t.close();
      }
    });

    it('revokes a key that a running server has cached: at once through NOTIFY (PostgreSQL); the embedded database waits for the server to stop', async () => {
      const created = await cli('superadmin', 'create-key', '--name', 'Cached');
      const key = KEY.exec(created.out)![0];
      const keyId = /Created API key (key_[0-9a-f-]{36})/.exec(created.out)![1];
      // A principal cache that would trust the key for a minute without being told.
      const t = await bootServer({ AUTH_CACHE_TTL_MS: '60000' });
      try {
        expect((await t.http().get('/v1/users').set(as(key))).status).toBe(200);
        const revoked = await cli('keys', 'revoke', keyId);
        if (embedded) {
          expect(revoked.code).toBe(1);
          expect(revoked.err).toContain('is in use by process');
          return;
        }
        expect(revoked.code).toBe(0);
        let status = 200;
        for (let i = 0; i < 40 && status === 200; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          status = (await t.http().get('/v1/users').set(as(key))).status;
        }
        expect(status).toBe(401);
      } finally {
        await t.close();
      }
    });

    it('revokes idempotently, and refuses unknown or malformed key ids', async () => {
      expect(await cli('keys', 'revoke', bootstrapKeyId)).toMatchObject({ code: 0, out: `API key ${bootstrapKeyId} was already revoked.` });
      const unknown = await cli('keys', 'revoke', 'key_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41');
      expect(unknown).toMatchObject({ code: 1, err: 'API key key_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41 not found.' });
      const malformed = await cli('keys', 'revoke', 'usr_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41');
      expect(malformed).toMatchObject({ code: 1, err: '"usr_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41" is not an API key id (key_<uuid>).' });
    });

    it('prints names that tenants control with control characters escaped (L5)', async () => {
      const hostile = 'Evil\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eName';
      let keyId: string;
      const t = await bootServer();
      try {
        const account = await createAccount(t, { name: hostile });
        const { apiKey } = await createKey(t, await createUser(t, account.id), { name: hostile });
        keyId = `key_${apiKey.id}`;
      } finally {
        await t.close();
      }
      const unprintable = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
      const table = await cli('accounts', 'list');
      expect(table.code).toBe(0);
      expect(table.out).not.toMatch(unprintable);
      expect(table.out).toContain('Evil\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\\u202eName');
      const json = await cli('accounts', 'list', '--json');
      expect(json.out).not.toMatch(unprintable);
      expect(JSON.parse(json.out)).toContainEqual(expect.objectContaining({ name: hostile }));
      const revoked = await cli('keys', 'revoke', keyId);
      expect(revoked.code).toBe(0);
      expect(revoked.out).not.toMatch(unprintable);
      expect(revoked.out).toContain('("Evil\\u001b[2J');
    });
  });
});
