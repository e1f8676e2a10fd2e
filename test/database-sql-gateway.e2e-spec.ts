import { randomUUID } from 'node:crypto';
import { ResourceEvent } from '../src/events/event.entity';
import { User } from '../src/users/user.entity';
import { insertRow, rowsOf } from '../src/database/sql/row-query';
import { Sql } from '../src/database/sql/sql';
import { createTenant } from './helpers/factories';
import { createTestApp, TestApp } from './helpers/test-app';

// The SQL gateway on a real database, without HTTP.
describe('SQL gateway', () => {
  let t: TestApp;
  let sql: Sql;
  beforeAll(async () => {
    t = await createTestApp();
    sql = t.app.get(Sql);
  });
  afterAll(async () => {
    await t.close();
  });

  it('binds the row limit as a parameter: one statement text whatever the page size', async () => {
    const five = rowsOf(sql, User, 'u').andWhere('u.deleted_at IS NULL').limit(5).toSql();
    const fifty = rowsOf(sql, User, 'u').andWhere('u.deleted_at IS NULL').limit(50).toSql();
    expect(five.text).toBe(fifty.text);
    expect(five.text).toMatch(/ LIMIT \$1$/);
    expect([five.values, fifty.values]).toEqual([[5], [50]]);
    await createTenant(t);
    await createTenant(t);
    expect(await rowsOf(sql, User, 'u').limit(1).getMany()).toHaveLength(1);
  });

  it('sends a JSON column as JSON, arrays included (not as a PostgreSQL array literal)', async () => {
    const tenant = await createTenant(t);
    const event = Object.assign(new ResourceEvent(), {
      id: randomUUID(),
      tx: '1',
      type: 'user.updated',
      typeGroup: 'user',
      accountId: tenant.account.id,
      resourceId: `usr_${tenant.user.id}`,
      changes: { tags: { from: ['a', 'b'], to: [] } },
      data: [1, 'two', { three: 3 }] as unknown as Record<string, unknown>,
    });
    await sql.transaction((tx) => insertRow(tx, ResourceEvent, event));
    const [stored] = await sql.rows<{ data: unknown; changes: unknown; kind: string }>(
      'SELECT data, changes, jsonb_typeof(data) AS kind FROM events WHERE id = $1',
      [event.id],
    );
    expect(stored).toEqual({ data: [1, 'two', { three: 3 }], changes: { tags: { from: ['a', 'b'], to: [] } }, kind: 'array' });
  });

  it('runs after-commit effects once the transaction commits, and never for one that rolls back', async () => {
    const effects: string[] = [];
    await sql.transaction(async (tx) => {
      tx.afterCommit(() => effects.push('committed'));
      await tx.rows('SELECT 1');
      expect(effects).toEqual([]);
    });
    const failure = new Error('rolled back');
    await expect(
      sql.transaction(async (tx) => {
        tx.afterCommit(() => effects.push('rolled back'));
        await tx.rows('SELECT 1');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(effects).toEqual(['committed']);
  });

  it('rolls back every statement of a transaction that throws', async () => {
    const id = randomUUID();
    await expect(
      sql.transaction(async (tx) => {
        await tx.rows(`INSERT INTO accounts (id, name, slug) VALUES ($1, 'Gone', $2)`, [id, `gone-${id.slice(0, 8)}`]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await sql.rows('SELECT id FROM accounts WHERE id = $1', [id])).toEqual([]);
  });

  it('reports a failed statement as QueryFailedError, with the driver error inside (constraint names for the filter)', async () => {
    const tenant = await createTenant(t);
    const error = await sql
      .rows(`INSERT INTO accounts (id, name, slug) VALUES ($1, 'Twin', $2)`, [randomUUID(), tenant.account.slug])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'QueryFailedError', driverError: { code: '23505', constraint: 'ux_accounts_slug_live' } });
  });
});
