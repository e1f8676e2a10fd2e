import { SEARCH_CANDIDATES_LIMIT } from '../src/users/users.repository';
import { createAccount, createTenant, createUser, Tenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

interface UserBody {
  id: string;
  account_id: string;
  email: string;
  display_name: string;
  created_at: string;
  updated_at: string;
}

// The reference semantics: ASCII letters fold, everything else compares exactly.
const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const matchesQ = (q: string) => (u: UserBody) => fold(u.email).startsWith(fold(q)) || fold(u.display_name).startsWith(fold(q));

function compareBy(sort: string) {
  const terms = sort.split(',').map((part) => part.split(':') as [keyof UserBody, string]);
  if (!terms.some(([field]) => field === 'id')) terms.push(['id', terms[terms.length - 1][1]]);
  return (a: UserBody, b: UserBody) => {
    for (const [field, direction] of terms) {
      if (a[field] !== b[field]) return (a[field] < b[field] ? -1 : 1) * (direction === 'desc' ? -1 : 1);
    }
    return 0;
  };
}

describe('GET /v1/users: email and q filters', () => {
  let t: TestApp;
  let tenant: Tenant;
  let other: Tenant;
  let everyone: UserBody[];

  const list = (query: string, headers: Headers) => t.http().get(`/v1/users${query}`).set(headers);
  const ids = (body: { data: UserBody[] }) => body.data.map((u) => u.id);

  const walk = async (query: string, headers: Headers, limit = 3) => {
    const seen: UserBody[] = [];
    let response = await list(`${query}&limit=${limit}`, headers);
    for (;;) {
      expect(response.status).toBe(200);
      seen.push(...response.body.data);
      const next = response.body.pagination.next_cursor;
      if (!next) break;
      response = await list(`${query}&limit=${limit}&cursor=${next}`, headers);
    }
    return seen;
  };

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { email: 'owner@studio.example', displayName: 'Owner' });
    other = await createTenant(t, { email: 'owner@other.example', displayName: 'Other Owner' });
    const people: Array<[string, string]> = [
      ['ada@example.com', 'Ada Lovelace'],
      ['ADAM@Example.com', 'Adam Smith'],
      ['lovelace@example.com', 'Countess'],
      ['grace@example.com', 'Grace Hopper'],
      ['hopper@example.com', 'ada fan'],
      ['per%cent@example.com', 'x%y'],
      ['under_score@example.com', 'x_y'],
      ['back\\slash@example.com', 'x\\y'],
      ['decoy1@example.com', 'xzy'],
      ['decoy2@example.com', 'xay'],
      ['emile@example.com', 'Émile Zola'],
      ['shared@example.com', 'Shared In Tenant'],
    ];
    let second = 0;
    for (const [email, displayName] of people) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, second++ % 3));
      await createUser(t, tenant.account.id, { email, displayName, createdAt: at, updatedAt: at });
    }
    await createUser(t, other.account.id, { email: 'Shared@Example.com', displayName: 'Shared In Other' });
    await createUser(t, other.account.id, { email: 'ada@other.example', displayName: 'Ada Elsewhere' });
    const ghostAccount = await createAccount(t);
    await createUser(t, ghostAccount.id, { email: 'shared@example.com', displayName: 'Ada Ghost', deletedAt: new Date() });
    await createUser(t, tenant.account.id, { email: 'ada.deleted@example.com', displayName: 'Ada Deleted', deletedAt: new Date() });
    everyone = (await list('?limit=100', asSuperadmin)).body.data;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('email', () => {
    it('finds the user with that email, case-insensitively and after trimming', async () => {
      for (const email of ['ada@example.com', 'ADA@EXAMPLE.COM', '  Ada@Example.com  ']) {
        const response = await list(`?email=${encodeURIComponent(email)}`, as(tenant));
        expect(response.status).toBe(200);
        expect(response.body.data.map((u: UserBody) => u.email)).toEqual(['ada@example.com']);
      }
      const adam = await list('?email=adam@example.com', as(tenant));
      expect(adam.body.data.map((u: UserBody) => u.email)).toEqual(['ADAM@Example.com']);
    });

    it('matches the whole address only', async () => {
      for (const email of ['ada@example.co', 'da@example.com', 'ada@example.com.au']) {
        const response = await list(`?email=${encodeURIComponent(email)}`, as(tenant));
        expect(response.status).toBe(200);
        expect(response.body.data).toEqual([]);
      }
    });

    it('gives a superadmin the live user with that email in each account, or in the one asked for', async () => {
      const all = await list('?email=shared@example.com', asSuperadmin);
      expect(all.body.data.map((u: UserBody) => u.display_name).sort()).toEqual(['Shared In Other', 'Shared In Tenant']);
      const one = await list(`?email=shared@example.com&account_id=${other.accountId}`, asSuperadmin);
      expect(one.body.data.map((u: UserBody) => u.display_name)).toEqual(['Shared In Other']);
    });

    it('keeps a regular user to its own account and leaves deleted users out', async () => {
      const own = await list('?email=shared@example.com', as(tenant));
      expect(own.body.data.map((u: UserBody) => u.display_name)).toEqual(['Shared In Tenant']);
      expect((await list(`?email=shared@example.com&account_id=${other.accountId}`, as(tenant))).status).toBe(403);
      expect((await list('?email=ada.deleted@example.com', as(tenant))).body.data).toEqual([]);
    });

    it.each<[string, string]>([
      ['not an email', 'not-an-email'],
      ['empty', ''],
      ['only spaces', '%20%20'],
      ['too long', `${'a'.repeat(310)}@example.com`],
      ['given twice', 'a@example.com&email=b@example.com'],
    ])('refuses an email that is %s with 422 at ["query", "email"]', async (_label, value) => {
      const response = await list(`?email=${value}`, as(tenant));
      expect(response.status).toBe(422);
      expect(response.body.detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([['query', 'email']]);
    });
  });

  describe('q', () => {
    const emailsFor = async (q: string, headers: Headers = as(tenant)) => {
      const response = await list(`?limit=100&sort=email:asc&q=${encodeURIComponent(q)}`, headers);
      expect(response.status).toBe(200);
      return response.body.data.map((u: UserBody) => u.email);
    };

    it('matches a prefix of the email or of the display name, case-insensitively', async () => {
      expect(await emailsFor('ada')).toEqual(['ADAM@Example.com', 'ada@example.com', 'hopper@example.com']);
      expect(await emailsFor('ADA L')).toEqual(['ada@example.com']);
      expect(await emailsFor('LOVE')).toEqual(['lovelace@example.com']);
      expect(await emailsFor('grace hop')).toEqual(['grace@example.com']);
      expect(await emailsFor('countess')).toEqual(['lovelace@example.com']);
    });

    it('matches prefixes only, never the middle of a value', async () => {
      expect(await emailsFor('lace')).toEqual([]);
      expect(await emailsFor('example')).toEqual([]);
    });

    it('takes %, _ and \\ literally', async () => {
      expect(await emailsFor('x%')).toEqual(['per%cent@example.com']);
      expect(await emailsFor('x_')).toEqual(['under_score@example.com']);
      expect(await emailsFor('x\\')).toEqual(['back\\slash@example.com']);
      expect(await emailsFor('per%')).toEqual(['per%cent@example.com']);
      expect(await emailsFor('%')).toEqual([]);
      expect(await emailsFor('_')).toEqual([]);
    });

    it('folds ASCII letters only, as email uniqueness does, and keeps a trailing space', async () => {
      expect(await emailsFor('Émi')).toEqual(['emile@example.com']);
      expect(await emailsFor('émi')).toEqual([]);
      expect(await emailsFor('ada ')).toEqual(['ada@example.com', 'hopper@example.com']);
    });

    it('keeps a regular user to its own account; a superadmin searches all accounts or one', async () => {
      expect(await emailsFor('ada')).not.toContain('ada@other.example');
      expect(await emailsFor('ada', asSuperadmin)).toEqual(
        everyone.filter(matchesQ('ada')).map((u) => u.email).sort(),
      );
      expect(await emailsFor('ada', asSuperadmin)).toContain('ada@other.example');
      const one = await list(`?q=ada&account_id=${other.accountId}`, asSuperadmin);
      expect(one.body.data.map((u: UserBody) => u.email)).toEqual(['ada@other.example']);
      expect((await list(`?q=ada&account_id=${other.accountId}`, as(tenant))).status).toBe(403);
    });

    it('leaves deleted users out', async () => {
      expect(await emailsFor('ada.d')).toEqual([]);
      expect(await emailsFor('ada g', asSuperadmin)).toEqual([]);
    });

    it('combines with email', async () => {
      const both = await list('?q=ada&email=hopper@example.com', as(tenant));
      expect(both.body.data.map((u: UserBody) => u.email)).toEqual(['hopper@example.com']);
      const none = await list('?q=grace&email=hopper@example.com', as(tenant));
      expect(none.body.data).toEqual([]);
    });

    it('accepts 1 to 100 characters', async () => {
      expect((await list('?q=a', as(tenant))).status).toBe(200);
      expect((await list(`?q=${'a'.repeat(100)}`, as(tenant))).status).toBe(200);
    });

    it.each<[string, string]>([
      ['empty', ''],
      ['101 characters long', 'a'.repeat(101)],
      ['given twice', 'a&q=b'],
      ['holding a NUL character', 'a%00'],
    ])('refuses a q that is %s with 422 at ["query", "q"]', async (_label, value) => {
      const response = await list(`?q=${value}`, as(tenant));
      expect(response.status).toBe(422);
      expect(response.body.detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([['query', 'q']]);
    });

    it.each([
      undefined,
      'email:asc',
      'email:desc',
      'display_name:asc',
      'display_name:desc',
      'created_at:asc',
      'updated_at:desc,email:asc',
      'id:desc',
    ])('pages through every match with sort=%s, in order, each once', async (sort) => {
      const sortQuery = sort ? `&sort=${sort}` : '';
      for (const [q, headers, pool] of [
        ['a', as(tenant), everyone.filter((u) => u.account_id === tenant.accountId)],
        ['s', asSuperadmin, everyone],
      ] as const) {
        const seen = await walk(`?q=${q}${sortQuery}`, headers, 2);
        const expected = pool.filter(matchesQ(q)).sort(compareBy(sort ?? 'created_at:desc,id:asc'));
        expect(expected.length).toBeGreaterThan(2);
        expect(seen.map((u) => u.id)).toEqual(expected.map((u) => u.id));
      }
    });
  });

  describe('cursors', () => {
    it('are bound to q and email: another value, or none, is a 400', async () => {
      const first = await list('?q=a&limit=1', as(tenant));
      const cursor = first.body.pagination.next_cursor;
      expect((await list(`?q=a&limit=1&cursor=${cursor}`, as(tenant))).status).toBe(200);
      expect((await list(`?q=ad&limit=1&cursor=${cursor}`, as(tenant))).status).toBe(400);
      expect((await list(`?limit=1&cursor=${cursor}`, as(tenant))).status).toBe(400);
      expect((await list(`?q=a&email=ada@example.com&limit=1&cursor=${cursor}`, as(tenant))).status).toBe(400);

      const unfiltered = (await list('?limit=1', as(tenant))).body.pagination.next_cursor;
      expect((await list(`?q=a&limit=1&cursor=${unfiltered}`, as(tenant))).status).toBe(400);

      const byEmail = (await list('?email=shared@example.com&limit=1', asSuperadmin)).body.pagination.next_cursor;
      expect((await list(`?email=shared@example.com&limit=1&cursor=${byEmail}`, asSuperadmin)).status).toBe(200);
      expect((await list(`?email=ada@example.com&limit=1&cursor=${byEmail}`, asSuperadmin)).status).toBe(400);
      expect((await list(`?limit=1&cursor=${byEmail}`, asSuperadmin)).status).toBe(400);
    });

    it('carry the folded value: q=A continues a walk of q=a', async () => {
      const first = await list('?q=a&limit=1', as(tenant));
      const next = await list(`?q=A&limit=1&cursor=${first.body.pagination.next_cursor}`, as(tenant));
      expect(next.status).toBe(200);
      const expected = everyone
        .filter((u) => u.account_id === tenant.accountId)
        .filter(matchesQ('a'))
        .sort(compareBy('created_at:desc,id:asc'));
      expect([...ids(first.body), ...ids(next.body)]).toEqual(expected.slice(0, 2).map((u) => u.id));
    });
  });

  describe('a prefix that many users share', () => {
    const MANY = SEARCH_CANDIDATES_LIMIT + 50;
    let crowd: Tenant;

    beforeAll(async () => {
      crowd = await createTenant(t, { email: 'boss@crowd.example', displayName: 'Boss' });
      // Emails and names both match "bulk", for more matches per column than the candidate limit.
      await t.dataSource.query(
        `INSERT INTO users (account_id, email, display_name, created_at, updated_at)
         SELECT $1, 'bulk' || g || '@crowd.example', CASE WHEN g % 2 = 0 THEN 'Bulk ' ELSE 'bulky ' END || g,
                timestamptz '2026-02-01' + (g % 7) * interval '1 second', timestamptz '2026-02-01'
           FROM generate_series(1, $2::int) g`,
        [crowd.account.id, MANY],
      );
      await t.dataSource.query(
        `INSERT INTO users (account_id, email, display_name)
         SELECT $1, 'other' || g || '@crowd.example', 'Other ' || g FROM generate_series(1, 30) g`,
        [crowd.account.id],
      );
    });

    it.each([undefined, 'display_name:desc'])('pages through all of them with sort=%s', async (sort) => {
      const sortQuery = sort ? `&sort=${sort}` : '';
      const seen = await walk(`?q=BULK${sortQuery}`, as(crowd), 100);
      const all = await walk('?sort=id:asc', as(crowd), 100);
      const expected = all.filter(matchesQ('bulk')).sort(compareBy(sort ?? 'created_at:desc,id:asc'));
      expect(expected).toHaveLength(MANY);
      expect(seen.map((u) => u.id)).toEqual(expected.map((u) => u.id));
    });

    it('finds the few among them that a longer prefix picks', async () => {
      const response = await list(`?q=${encodeURIComponent('bulky 10')}&limit=100&sort=email:asc`, as(crowd));
      const all = await walk('?sort=id:asc', as(crowd), 100);
      const expected = all.filter(matchesQ('bulky 10')).sort(compareBy('email:asc'));
      expect(expected).toHaveLength(30); // bulky 101 to 109 and 1001 to 1049, the odd ones
      expect(ids(response.body)).toEqual(expected.map((u) => u.id));
    });
  });
});
