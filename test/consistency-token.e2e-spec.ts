import { Sql } from '../src/database/sql/sql';
import { createTenant, Tenant } from './helpers/factories';
import { as } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

// Without DATABASE_REPLICA_URLS (every tier but the replica tier): everything runs on the primary,
// a write asks the database for no WAL position and carries no Consistency-Token, and a token a
// client sends is accepted (the primary is always current) unless it is malformed.
describe('Consistency-Token without replicas', () => {
  let t: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends no token and asks for no WAL position on a write (one statement or a transaction)', async () => {
    const statements: string[] = [];
    const stop = t.app.get(Sql).watch((text) => statements.push(text));
    try {
      const created = await t.http().post('/v1/users').set(as(tenant)).send({
        account_id: tenant.accountId,
        email: `token-${Date.now()}@example.com`,
        display_name: 'No token',
      });
      expect(created.status).toBe(201);
      expect(created.headers['consistency-token']).toBeUndefined();
      const updated = await t.http().patch(`/v1/users/${created.body.id}`).set(as(tenant)).send({ display_name: 'Still no token' });
      expect(updated.status).toBe(200);
      expect(updated.headers['consistency-token']).toBeUndefined();
    } finally {
      stop();
    }
    // The create is one statement in a transaction of its own; the update a transaction.
    expect(statements.filter((text) => text.startsWith('WITH requires AS'))).toHaveLength(1);
    expect(statements).toContain('COMMIT');
    expect(statements.filter((text) => /wal_lsn|pg_is_in_recovery/.test(text))).toEqual([]);
  });

  it('serves a read that sends a well-formed token', async () => {
    const response = await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant)).set('Consistency-Token', '0/16B3748');
    expect(response.status).toBe(200);
  });

  it('refuses a malformed token with 400 and the contract error body', async () => {
    for (const token of ['', 'yesterday', '0/', '1/2/3', 'FFFFFFFFF/0']) {
      const response = await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant)).set('Consistency-Token', token);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ detail: expect.stringContaining('Consistency-Token') });
    }
  });
});
