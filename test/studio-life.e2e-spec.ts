import { as, asSuperadmin } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

// The full life of a studio, as the README walks through it with curl.
describe('the life of a studio', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('account, user, key; scoped listing; suspension and reactivation; revocation', async () => {
    const account = await t.http().post('/v1/accounts').set(asSuperadmin).send({ name: 'Acme Games' });
    expect(account.status).toBe(201);
    expect(account.body).toMatchObject({ name: 'Acme Games', slug: 'acme-games', status: 'active' });

    const user = await t
      .http()
      .post('/v1/users')
      .set(asSuperadmin)
      .send({ account_id: account.body.id, email: 'dev@acme.example', display_name: 'Acme Dev' });
    expect(user.status).toBe(201);

    const created = await t
      .http()
      .post('/v1/api-keys')
      .set(asSuperadmin)
      .send({ account_id: account.body.id, user_id: user.body.id, name: 'Acme build server' });
    expect(created.status).toBe(201);
    const studio = as(created.body.key as string);

    const users = await t.http().get('/v1/users').set(studio);
    expect(users.status).toBe(200);
    expect(users.body.data.map((u: { id: string }) => u.id)).toEqual([user.body.id]);
    const accounts = await t.http().get('/v1/accounts').set(studio);
    expect(accounts.body.data.map((a: { id: string }) => a.id)).toEqual([account.body.id]);

    const suspend = await t.http().patch(`/v1/accounts/${account.body.id}`).set(asSuperadmin).send({ status: 'suspended' });
    expect(suspend.body.status).toBe('suspended');
    const whileSuspended = await t.http().get('/v1/users').set(studio);
    expect(whileSuspended.status).toBe(403);
    expect(whileSuspended.body).toEqual({ detail: 'Account is suspended' });

    await t.http().patch(`/v1/accounts/${account.body.id}`).set(asSuperadmin).send({ status: 'active' }).expect(200);
    expect((await t.http().get('/v1/users').set(studio)).status).toBe(200);

    const revoke = await t.http().patch(`/v1/api-keys/${created.body.id}`).set(asSuperadmin).send({ status: 'revoked' });
    expect(revoke.status).toBe(200);
    const afterRevoke = await t.http().get('/v1/users').set(studio);
    expect(afterRevoke.status).toBe(401);
  });
});
