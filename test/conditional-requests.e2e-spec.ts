import { createTenant, Tenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

// One resource of each kind, with two changes a PATCH can make to it (neither deletes it).
// An API key has a single one, revocation; made twice, the second changes nothing.
interface Subject {
  name: string;
  create(tenant: Tenant): Promise<{ path: string; headers: Headers }>;
  changes: [object, object];
}

describe('ETag, If-None-Match and If-Match', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const subjects: Subject[] = [
    {
      name: 'users',
      create: async (tenant) => ({ path: `/v1/users/${tenant.userId}`, headers: as(tenant) }),
      changes: [{ display_name: 'First Change' }, { display_name: 'Second Change' }],
    },
    {
      name: 'accounts',
      create: async (tenant) => ({ path: `/v1/accounts/${tenant.accountId}`, headers: as(tenant) }),
      changes: [{ name: 'First Studio' }, { name: 'Second Studio' }],
    },
    {
      name: 'api-keys',
      create: async (tenant) => {
        const created = await t
          .http()
          .post('/v1/api-keys')
          .set(as(tenant))
          .send({ account_id: tenant.accountId, user_id: tenant.userId, name: 'Managed key' });
        expect(created.status).toBe(201);
        return { path: `/v1/api-keys/${created.body.id}`, headers: asSuperadmin };
      },
      changes: [{ status: 'revoked' }, { status: 'revoked' }],
    },
  ];

  describe.each(subjects)('/v1/$name/{id}', ({ create, changes }) => {
    let path: string;
    let headers: Headers;

    beforeEach(async () => {
      ({ path, headers } = await create(await createTenant(t)));
    });

    const get = (extra: Headers = {}) => t.http().get(path).set({ ...headers, ...extra });
    const patch = (body: object, extra: Headers = {}) => t.http().patch(path).set({ ...headers, ...extra }).send(body);

    it('GET carries a strong ETag, the same while nothing changes', async () => {
      const first = await get();
      expect(first.status).toBe(200);
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect((await get()).headers.etag).toBe(first.headers.etag);
    });

    it('GET with a matching If-None-Match is a 304 with no body', async () => {
      const { etag } = (await get()).headers;
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const response = await get({ 'If-None-Match': ifNoneMatch });
        expect(response.status).toBe(304);
        expect(response.text).toBe('');
        expect(response.headers.etag).toBe(etag);
      }
    });

    it('GET with another If-None-Match is a 200 with the body', async () => {
      const current = await get();
      for (const ifNoneMatch of ['"other"', 'W/"other"', 'not-a-tag']) {
        const response = await get({ 'If-None-Match': ifNoneMatch });
        expect(response.status).toBe(200);
        expect(response.body).toEqual(current.body);
      }
    });

    it('PATCH answers with the new ETag, which GET then gives; it changes with the representation only', async () => {
      const before = await get();
      const changed = await patch(changes[0]);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(changed.headers.etag).not.toBe(before.headers.etag);
      const after = await get();
      expect(after.headers.etag).toBe(changed.headers.etag);
      expect(after.body).toEqual(changed.body);
      // A PATCH that changes nothing leaves the representation, and so the ETag, as it was.
      const unchanged = await patch({});
      expect(unchanged.headers.etag).toBe(changed.headers.etag);
    });

    it('PATCH with a non-matching If-Match is a 412 and changes nothing', async () => {
      const before = await get();
      for (const ifMatch of ['"stale"', `W/${before.headers.etag}`, 'not-a-tag', '']) {
        const response = await patch(changes[0], { 'If-Match': ifMatch });
        expect(response.status).toBe(412);
        expect(response.body).toEqual({ detail: 'The resource has changed: If-Match does not match its current ETag' });
      }
      const after = await get();
      expect(after.body).toEqual(before.body);
      expect(after.headers.etag).toBe(before.headers.etag);
    });

    it('documents its 412 exactly as it answers it', async () => {
      const response = await patch(changes[0], { 'If-Match': '"stale"' });
      const document = (await t.http().get('/openapi.json')).body;
      const template = Object.keys(document.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/, '[^/]+')}$`).test(path))!;
      const examples: Record<string, { value: unknown }> =
        document.paths[template].patch.responses['412'].content['application/json'].examples;
      expect(Object.values(examples).map((e) => e.value)).toEqual([response.body]);
    });

    it('PATCH with a stale If-Match (the ETag before another change) is a 412', async () => {
      const { etag } = (await get()).headers;
      expect((await patch(changes[0], { 'If-Match': etag })).status).toBe(200);
      const stale = await patch(changes[1], { 'If-Match': etag });
      expect(stale.status).toBe(412);
    });

    it('PATCH with a matching If-Match, one in a list, or * proceeds', async () => {
      const { etag } = (await get()).headers;
      const matched = await patch(changes[0], { 'If-Match': `"other", ${etag}` });
      expect(matched.status).toBe(200);
      const any = await patch(changes[1], { 'If-Match': '*' });
      expect(any.status).toBe(200);
    });

    it('of two concurrent PATCHes with the same If-Match exactly one succeeds, the other gets 412', async () => {
      const { etag } = (await get()).headers;
      const responses = await Promise.all(changes.map((change) => patch(change, { 'If-Match': etag })));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = responses.find((r) => r.status === 200)!;
      const after = await get();
      expect(after.body).toEqual(winner.body);
      expect(after.headers.etag).toBe(winner.headers.etag);
    });

    it('If-Match on an unknown resource is a 404, not a 412', async () => {
      const missing = path.replace(/_[0-9a-f-]{36}$/, '_00000000-0000-4000-8000-000000000000');
      const response = await t.http().patch(missing).set({ ...asSuperadmin, 'If-Match': '"x"' }).send(changes[0]);
      expect(response.status).toBe(404);
    });
  });

  it('an API key’s ETag changes when it is used, as last_used_at is part of it', async () => {
    const tenant = await createTenant(t);
    const created = await t
      .http()
      .post('/v1/api-keys')
      .set(as(tenant))
      .send({ account_id: tenant.accountId, user_id: tenant.userId, name: 'Used key' });
    const path = `/v1/api-keys/${created.body.id}`;
    const before = await t.http().get(path).set(asSuperadmin);
    expect(before.body.last_used_at).toBeNull();

    expect((await t.http().get('/v1/users').set(as(created.body.key))).status).toBe(200);
    const after = await t.http().get(path).set(asSuperadmin);
    expect(after.body.last_used_at).not.toBeNull();
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const stale = await t.http().patch(path).set({ ...asSuperadmin, 'If-Match': before.headers.etag }).send({ status: 'revoked' });
    expect(stale.status).toBe(412);
  });

  it('lists keep their headers: no strong ETag, no 304 from one', async () => {
    const tenant = await createTenant(t);
    // Entity tags a client might hold: the list's own, if it sent one, and a resource's.
    const resourceTag = (await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant))).headers.etag;
    expect(resourceTag).toEqual(expect.any(String));
    for (const list of ['/v1/users', '/v1/accounts', '/v1/api-keys']) {
      const response = await t.http().get(list).set(as(tenant));
      expect(response.status).toBe(200);
      expect(response.headers.etag === undefined || response.headers.etag.startsWith('W/')).toBe(true);
      for (const tag of [response.headers.etag, resourceTag, 'W/"0-0"'].filter((x): x is string => x !== undefined)) {
        const again = await t.http().get(list).set({ ...as(tenant), 'If-None-Match': tag });
        expect([list, tag, again.status]).toEqual([list, tag, 200]);
        expect(again.body).toEqual(response.body);
      }
    }
  });

  it('a request without the new headers behaves as before', async () => {
    const tenant = await createTenant(t);
    const response = await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: 'Plain' });
    expect(response.status).toBe(200);
    expect(response.body.display_name).toBe('Plain');
  });
});
