import { randomBytes } from 'node:crypto';
import { formatId } from '../src/common/ids';
import { createAccount, createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
const ACCOUNT_KEYS = ['created_at', 'id', 'name', 'slug', 'status', 'updated_at'];

interface AccountBody {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'suspended';
  created_at: string;
  updated_at: string;
}


// A slug (and name) no other test uses, so tests never see each other's accounts.
const unique = (prefix = 'acct') => `${prefix}-${randomBytes(4).toString('hex')}`;
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Accounts API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const createViaApi = (headers: Headers, body: object) => t.http().post('/v1/accounts').set(headers).send(body);
  const getAccount = (headers: Headers, id: string) => t.http().get(`/v1/accounts/${id}`).set(headers);
  const patchAccount = (headers: Headers, id: string, body: unknown) =>
    t.http().patch(`/v1/accounts/${id}`).set(headers).send(body as object);
  const listAccounts = (headers: Headers, query = '') => t.http().get(`/v1/accounts${query}`).set(headers);
  const ids = (response: { body: { data: AccountBody[] } }) => response.body.data.map((a) => a.id);

  describe('POST /v1/accounts', () => {
    it('validates a query account_id but gives it no effect: the account is being created', async () => {
      const existing = await createTenant(t);
      const slug = unique();
      const response = await t.http().post(`/v1/accounts?account_id=${existing.accountId}`).set(asSuperadmin).send({ name: 'Query Studio', slug });
      expect(response.status).toBe(201);
      expect(response.body.id).not.toBe(existing.accountId);
      expect(response.body.slug).toBe(slug);
      const malformed = await t.http().post('/v1/accounts?account_id=usr_x').set(asSuperadmin).send({ name: 'Query Studio 2' });
      expect(malformed.status).toBe(422);
      expect(malformed.body.detail[0].loc).toEqual(['query', 'account_id']);
      const document = (await t.http().get('/openapi.json')).body;
      const parameter = document.paths['/v1/accounts'].post.parameters.find(
        (p: { name: string; in: string }) => p.in === 'query' && p.name === 'account_id',
      );
      expect(parameter.description).toContain('has no effect here');
    });

    it('creates an active account with exactly the contract’s fields, readable afterwards', async () => {
      const slug = unique();
      const response = await createViaApi(asSuperadmin, { name: '  Acme Studios  ', slug });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(ACCOUNT_KEYS);
      expect(response.body).toMatchObject({ name: 'Acme Studios', slug, status: 'active' });
      expect(response.body.id).toMatch(/^acc_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(response.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(response.body.updated_at).toBe(response.body.created_at);

      const fetched = await getAccount(asSuperadmin, response.body.id);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('is refused to a regular user (403), creating nothing', async () => {
      const tenant = await createTenant(t);
      const slug = unique();
      const response = await createViaApi(as(tenant), { name: 'Not Allowed', slug });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: expect.any(String) });
      const found = await listAccounts(asSuperadmin, `?slug=${slug}`);
      expect(found.body.data).toEqual([]);
    });

    it.each([
      ['missing', {}],
      ['null', { name: null }],
      ['one character after trimming', { name: '  A  ' }],
      ['blank', { name: '    ' }],
      ['101 characters', { name: 'x'.repeat(101) }],
      ['a number', { name: 42 }],
    ])('rejects a name that is %s with 422 at body.name', async (_case, body) => {
      const response = await createViaApi(asSuperadmin, { slug: unique(), ...body });
      expect(response.status).toBe(422);
      expect(response.body).toEqual({
        detail: expect.arrayContaining([{ loc: ['body', 'name'], msg: expect.any(String), type: expect.any(String) }]),
      });
    });

    it.each([['xy'], ['x'.repeat(100)]])('accepts a name at the length limits (%#)', async (name) => {
      const response = await createViaApi(asSuperadmin, { name, slug: unique() });
      expect(response.status).toBe(201);
      expect(response.body.name).toBe(name);
    });

    it.each([['Upper'], ['has space'], ['ünï'], ['under_score'], ['dot.ted'], [''], ['a'.repeat(101)], [7]])(
      'rejects the slug %j with 422 at body.slug',
      async (slug) => {
        const response = await createViaApi(asSuperadmin, { name: 'Valid Name', slug });
        expect(response.status).toBe(422);
        expect(response.body.detail).toEqual(
          expect.arrayContaining([{ loc: ['body', 'slug'], msg: expect.any(String), type: expect.any(String) }]),
        );
      },
    );

    it.each([
      ['Acme Games!', undefined, 'acme-games'],
      ['Café Über', undefined, 'cafe-uber'],
      ['  --Rocket   League__2--  ', null, 'rocket-league-2'],
    ])('derives the slug from the name %j when the slug is %s', async (name, slug, expected) => {
      const response = await createViaApi(asSuperadmin, { name, ...(slug === null && { slug }) });
      expect(response.status).toBe(201);
      expect(response.body.slug).toBe(expected);
    });

    it('suffixes a derived slug that is taken: -2, then -3', async () => {
      const name = `Taken ${randomBytes(4).toString('hex')}`;
      const base = name.toLowerCase().replace(' ', '-');
      const slugs: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await createViaApi(asSuperadmin, { name });
        expect(response.status).toBe(201);
        slugs.push(response.body.slug);
      }
      expect(slugs).toEqual([base, `${base}-2`, `${base}-3`]);
    });

    it('refuses an explicit slug that is taken (409)', async () => {
      const existing = await createAccount(t, { slug: unique() });
      const response = await createViaApi(asSuperadmin, { name: 'Copycat', slug: existing.slug });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ detail: 'An account with this slug already exists' });
    });

    it('reuses the slug of a deleted account, explicitly and when derived', async () => {
      const explicit = await createAccount(t, { slug: unique(), deletedAt: new Date() });
      const reused = await createViaApi(asSuperadmin, { name: 'Reborn', slug: explicit.slug });
      expect(reused.status).toBe(201);
      expect(reused.body.slug).toBe(explicit.slug);

      const derived = await createAccount(t, { slug: unique('phoenix'), deletedAt: new Date() });
      const rederived = await createViaApi(asSuperadmin, { name: derived.slug.replace('-', ' ') });
      expect(rederived.status).toBe(201);
      expect(rederived.body.slug).toBe(derived.slug);
    });

    // A dozen at once, more than a few rounds of retries would absorb: every create must still succeed.
    it('gives every one of a dozen parallel creates with the same name its own slug', async () => {
      const name = `Rush ${randomBytes(4).toString('hex')}`;
      const base = name.toLowerCase().replace(' ', '-');
      const responses = await Promise.all(Array.from({ length: 12 }, () => createViaApi(asSuperadmin, { name })));
      expect(responses.filter((r) => r.status !== 201).map((r) => [r.status, r.body])).toEqual([]);
      const slugs = responses.map((r) => r.body.slug as string);
      expect(new Set(slugs).size).toBe(12);
      for (const slug of slugs) expect(slug).toMatch(new RegExp(`^${base}(-\\d+)?$`));
    });
  });

  describe('GET /v1/accounts', () => {
    it('shows a superadmin every account, and a regular user only its own', async () => {
      const tenant = await createTenant(t);
      const other = await createTenant(t);

      const all = await listAccounts(asSuperadmin, '?limit=100');
      expect(all.status).toBe(200);
      expect(ids(all)).toEqual(expect.arrayContaining([tenant.accountId, other.accountId]));

      const own = await listAccounts(as(tenant));
      expect(own.status).toBe(200);
      expect(own.body).toEqual({
        data: [await getAccount(as(tenant), tenant.accountId).then((r) => r.body)],
        pagination: { next_cursor: null, prev_cursor: null, has_next: false, has_prev: false, count: 1 },
      });
    });

    it('filters by exact slug and by account_id', async () => {
      const target = await createAccount(t, { slug: unique() });
      await createAccount(t, { slug: `${target.slug}-2` });
      const targetId = formatId('acc', target.id);

      const bySlug = await listAccounts(asSuperadmin, `?slug=${target.slug}`);
      expect(bySlug.status).toBe(200);
      expect(ids(bySlug)).toEqual([targetId]);
      expect((await listAccounts(asSuperadmin, `?slug=${target.slug.slice(0, -1)}`)).body.data).toEqual([]);

      const byId = await listAccounts(asSuperadmin, `?account_id=${targetId}`);
      expect(byId.status).toBe(200);
      expect(ids(byId)).toEqual([targetId]);
    });

    it('returns every account exactly once, in sort order, when walking next_cursor with limit=2', async () => {
      for (let i = 0; i < 5; i++) await createAccount(t, { slug: unique('walk') });
      const full = await listAccounts(asSuperadmin, '?sort=slug:asc&limit=100');
      expect(full.body.pagination.has_next).toBe(false);
      const expected = full.body.data as AccountBody[];
      const slugs = expected.map((a) => a.slug);
      expect(slugs).toEqual([...slugs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));

      const walked: AccountBody[] = [];
      let cursor: string | null = null;
      do {
        const page = await listAccounts(
          asSuperadmin,
          `?sort=slug:asc&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.pagination.count).toBe(page.body.data.length);
        expect(page.body.pagination.has_prev).toBe(cursor !== null);
        walked.push(...page.body.data);
        cursor = page.body.pagination.next_cursor;
      } while (cursor !== null);
      expect(walked.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    });

    it.each([['?sort=email:asc'], ['?sort=status'], ['?sort=slug:sideways']])('answers 400 to %s', async (query) => {
      const response = await listAccounts(asSuperadmin, query);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ detail: expect.any(String) });
    });

    it('refuses a cursor made for the users list (400)', async () => {
      const users = await t.http().get('/v1/users?limit=1').set(asSuperadmin);
      const cursor = users.body.pagination.next_cursor as string;
      expect(cursor).toEqual(expect.any(String));
      const response = await listAccounts(asSuperadmin, `?limit=1&cursor=${encodeURIComponent(cursor)}`);
      expect(response.status).toBe(400);
    });
  });

  describe('GET /v1/accounts/{account_id}', () => {
    it('returns the caller’s own account, and any account to a superadmin', async () => {
      const tenant = await createTenant(t);
      const own = await getAccount(as(tenant), tenant.accountId);
      expect(own.status).toBe(200);
      expect(own.body).toEqual({
        id: tenant.accountId,
        name: tenant.account.name,
        slug: tenant.account.slug,
        status: 'active',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const bySuperadmin = await getAccount(asSuperadmin, tenant.accountId);
      expect(bySuperadmin.status).toBe(200);
      expect(bySuperadmin.body).toEqual(own.body);
    });

    it('answers 404 to a superadmin for an unknown or a deleted account', async () => {
      const deleted = await createAccount(t, { deletedAt: new Date() });
      for (const id of [formatId('acc', MISSING_UUID), formatId('acc', deleted.id)]) {
        const response = await getAccount(asSuperadmin, id);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ detail: 'Account not found' });
      }
    });

    it.each([['acc_123'], [`usr_${MISSING_UUID}`], [MISSING_UUID], [`acc_${MISSING_UUID}x`]])(
      'rejects the malformed id %s with 422 on the path',
      async (id) => {
        const response = await getAccount(asSuperadmin, id);
        expect(response.status).toBe(422);
        expect(response.body.detail[0].loc).toEqual(['path', 'account_id']);
      },
    );
  });

  describe('PATCH /v1/accounts/{account_id}', () => {
    it('lets the account’s own user rename it: only the name changes and updated_at advances', async () => {
      const tenant = await createTenant(t);
      const before = (await getAccount(as(tenant), tenant.accountId)).body as AccountBody;
      await pause();
      const response = await patchAccount(as(tenant), tenant.accountId, { name: '  Renamed Studio  ' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...before, name: 'Renamed Studio', updated_at: expect.any(String) });
      expect(Date.parse(response.body.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
      expect((await getAccount(as(tenant), tenant.accountId)).body).toEqual(response.body);
    });

    it('lets the own user and a superadmin change the slug', async () => {
      const tenant = await createTenant(t);
      for (const [headers, slug] of [[as(tenant), unique()], [asSuperadmin, unique()]] as const) {
        const response = await patchAccount(headers, tenant.accountId, { slug });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ slug, name: tenant.account.name });
        expect((await getAccount(headers, tenant.accountId)).body.slug).toBe(slug);
      }
    });

    it('treats an empty body, nulls and unchanged values as no change, updated_at included', async () => {
      const tenant = await createTenant(t);
      const before = (await getAccount(as(tenant), tenant.accountId)).body as AccountBody;
      await pause();
      for (const body of [
        {},
        { name: null, slug: null, status: null, deleted: null },
        { name: before.name, slug: before.slug },
        { deleted: false },
      ]) {
        const response = await patchAccount(as(tenant), tenant.accountId, body);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(before);
      }
      expect((await getAccount(as(tenant), tenant.accountId)).body).toEqual(before);
    });

    it('refuses a slug another live account has (409), changing nothing', async () => {
      const tenant = await createTenant(t);
      const other = await createAccount(t, { slug: unique() });
      const response = await patchAccount(as(tenant), tenant.accountId, { name: 'New Name', slug: other.slug });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ detail: 'An account with this slug already exists' });
      const after = await getAccount(as(tenant), tenant.accountId);
      expect(after.body).toMatchObject({ name: tenant.account.name, slug: tenant.account.slug });
    });

    it.each([
      ['status', { status: 'suspended' }],
      ['status', { status: 'active', name: 'Sneaky Rename' }],
      ['deleted', { deleted: true }],
      ['deleted', { deleted: true, name: 'Sneaky Rename' }],
    ])('lets only superadmins change %s: a regular user gets 403 for %j and nothing changes', async (_field, body) => {
      const tenant = await createTenant(t);
      const before = (await getAccount(as(tenant), tenant.accountId)).body as AccountBody;
      const response = await patchAccount(as(tenant), tenant.accountId, body);
      expect(response.status).toBe(403);
      const after = await getAccount(as(tenant), tenant.accountId);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before);
    });

    it.each([
      [{ status: 'archived' }, ['body', 'status']],
      [{ status: 'SUSPENDED' }, ['body', 'status']],
      [{ status: 1 }, ['body', 'status']],
      [{ name: ' x ' }, ['body', 'name']],
      [{ name: 'x'.repeat(101) }, ['body', 'name']],
      [{ slug: 'Bad Slug' }, ['body', 'slug']],
      [{ deleted: 'yes' }, ['body', 'deleted']],
    ])('rejects %j with 422', async (body, loc) => {
      const tenant = await createTenant(t);
      const response = await patchAccount(asSuperadmin, tenant.accountId, body);
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(loc);
    });

    it('answers 404 to a superadmin for an unknown account', async () => {
      const response = await patchAccount(asSuperadmin, formatId('acc', MISSING_UUID), { name: 'Nobody' });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: 'Account not found' });
    });
  });

  describe('suspension', () => {
    it.each([
      ['GET /v1/users', () => '/v1/users'],
      ['GET /v1/accounts/{own id}', (tenant: Tenant) => `/v1/accounts/${tenant.accountId}`],
      ['GET /v1/api-keys', () => '/v1/api-keys'],
    ])('locks the account’s keys out of %s (403) until it is reactivated', async (_endpoint, path) => {
      const tenant = await createTenant(t);
      const call = () => t.http().get(path(tenant)).set(as(tenant));
      expect((await call()).status).toBe(200);

      const suspended = await patchAccount(asSuperadmin, tenant.accountId, { status: 'suspended' });
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');
      const locked = await call();
      expect(locked.status).toBe(403);
      expect(locked.body).toEqual({ detail: 'Account is suspended' });
      expect((await getAccount(asSuperadmin, tenant.accountId)).body.status).toBe('suspended');

      const reactivated = await patchAccount(asSuperadmin, tenant.accountId, { status: 'active' });
      expect(reactivated.status).toBe(200);
      expect(reactivated.body.status).toBe('active');
      expect((await call()).status).toBe(200);
    });
  });

  describe('deletion', () => {
    it('removes the account, its users and its keys from the API', async () => {
      const tenant = await createTenant(t);
      const colleague = await createUser(t, tenant.account.id);
      const { key: colleagueKey } = await createKey(t, colleague);

      const response = await patchAccount(asSuperadmin, tenant.accountId, { deleted: true });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(tenant.accountId);

      const gone = await getAccount(asSuperadmin, tenant.accountId);
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual({ detail: 'Account not found' });
      expect((await patchAccount(asSuperadmin, tenant.accountId, { name: 'Ghost' })).status).toBe(404);
      expect((await listAccounts(asSuperadmin, `?account_id=${tenant.accountId}`)).body.data).toEqual([]);
      expect((await listAccounts(asSuperadmin, `?slug=${tenant.account.slug}`)).body.data).toEqual([]);
      expect(ids(await listAccounts(asSuperadmin, '?limit=100'))).not.toContain(tenant.accountId);

      for (const userId of [tenant.userId, formatId('usr', colleague.id)]) {
        expect((await t.http().get(`/v1/users/${userId}`).set(asSuperadmin)).status).toBe(404);
      }
      for (const key of [tenant.key, colleagueKey]) {
        expect((await t.http().get('/v1/users').set(as(key))).status).toBe(401);
      }
    });
  });

  describe('tenant isolation', () => {
    it('lets a regular user of account A read or change nothing of account B', async () => {
      const a = await createTenant(t);
      const b = await createTenant(t);
      const bBefore = (await getAccount(asSuperadmin, b.accountId)).body as AccountBody;

      expect((await getAccount(as(a), b.accountId)).status).toBe(403);
      expect((await patchAccount(as(a), b.accountId, { name: 'Hijacked' })).status).toBe(403);
      expect((await patchAccount(as(a), b.accountId, { slug: unique('hijacked') })).status).toBe(403);
      expect((await listAccounts(as(a), `?account_id=${b.accountId}`)).status).toBe(403);
      expect((await t.http().get(`/v1/accounts/${a.accountId}?account_id=${b.accountId}`).set(as(a))).status).toBe(403);
      expect((await t.http().patch(`/v1/accounts/${a.accountId}?account_id=${b.accountId}`).set(as(a)).send({})).status).toBe(403);

      expect(ids(await listAccounts(as(a)))).toEqual([a.accountId]);
      expect((await listAccounts(as(a), `?slug=${b.account.slug}`)).body.data).toEqual([]);
      expect((await getAccount(asSuperadmin, b.accountId)).body).toEqual(bBefore);
    });
  });
});

// Its own app: these tests change who the superadmins are.
describe('the system account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const systemAccountId = async () => {
    const list = await t.http().get('/v1/users?sort=created_at:asc&limit=1').set(asSuperadmin);
    return list.body.data[0].account_id as string;
  };
  const patchAccount = (key: string, id: string, body: object) =>
    t.http().patch(`/v1/accounts/${id}`).set(as(key)).send(body);

  it('is the superadmin’s account, with slug system', async () => {
    const bySlug = await t.http().get('/v1/accounts?slug=system').set(asSuperadmin);
    expect(bySlug.body.data.map((a: AccountBody) => a.id)).toEqual([await systemAccountId()]);
  });

  it('cannot be suspended or deleted while it holds the last superadmin (409)', async () => {
    const id = await systemAccountId();
    for (const body of [{ status: 'suspended' }, { deleted: true }]) {
      const response = await patchAccount(SUPERADMIN_KEY, id, body);
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ detail: expect.any(String) });
    }
    const still = await t.http().get(`/v1/accounts/${id}`).set(asSuperadmin);
    expect(still.status).toBe(200);
    expect(still.body.status).toBe('active');
  });

  it('can be suspended once another active account holds a superadmin', async () => {
    const id = await systemAccountId();
    const elsewhere = await createAccount(t);
    const second = await createUser(t, elsewhere.id, { superAdmin: true });
    const { key: secondKey } = await createKey(t, second);

    const suspended = await patchAccount(SUPERADMIN_KEY, id, { status: 'suspended' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    const locked = await t.http().get('/v1/users').set(asSuperadmin);
    expect(locked.status).toBe(403);
    expect(locked.body).toEqual({ detail: 'Account is suspended' });

    const reactivated = await patchAccount(secondKey, id, { status: 'active' });
    expect(reactivated.status).toBe(200);
    expect((await t.http().get('/v1/users').set(asSuperadmin)).status).toBe(200);

    // Leave the bootstrap superadmin as the only one again.
    const removed = await patchAccount(SUPERADMIN_KEY, formatId('acc', elsewhere.id), { deleted: true });
    expect(removed.status).toBe(200);
  });
});
