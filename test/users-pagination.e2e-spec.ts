import { formatId } from '../src/common/ids';
import { User } from '../src/users/user.entity';
import { createAccount, createTenant, createUser, Tenant } from './helpers/factories';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

interface UserBody {
  id: string;
  email: string;
  display_name: string;
  created_at: string;
  updated_at: string;
}
interface PageBody {
  data: UserBody[];
  pagination: {
    next_cursor: string | null;
    prev_cursor: string | null;
    has_next: boolean;
    has_prev: boolean;
    count: number;
  };
}

const USERS = 45;
const PAGE = 7;

// Reference order in JS: the sortable text columns use the "C" collation (byte order), uuids
// compare as their lowercase hex text, and ISO timestamps compare as text.
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

describe('GET /v1/users pagination', () => {
  let t: TestApp;
  let tenant: Tenant;
  let all: UserBody[];
  const asTenant = () => ({ 'leadr-api-key': tenant.key });
  const asSuperadmin = { 'leadr-api-key': SUPERADMIN_KEY };

  const list = async (query: string, headers: Record<string, string> = asTenant()) => {
    const response = await t.http().get(`/v1/users${query}`).set(headers);
    return response;
  };

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { displayName: 'Bea', createdAt: new Date('2026-01-01T00:00:00.000Z') });
    // Many rows share a timestamp and a display name, so only the id tie-break orders them.
    const names = ['Alice', 'Bea', 'alice', 'Zed'];
    const created: User[] = [];
    for (let i = 0; i < USERS - 1; i++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i % 4));
      created.push(
        await createUser(t, tenant.account.id, {
          email: `u${String((i * 7) % 50).padStart(2, '0')}@example.com`,
          displayName: names[i % names.length],
          createdAt: at,
          updatedAt: new Date(at.getTime() + (i % 3) * 1000),
        }),
      );
    }
    // Users of another account, which must never show up in this tenant's pages.
    const other = await createAccount(t);
    for (let i = 0; i < 5; i++) await createUser(t, other.id);
    const first = await list(`?limit=100`);
    all = first.body.data;
  });
  afterAll(async () => {
    await t.close();
  });

  it('has all the tenant’s users and only them', async () => {
    expect(all).toHaveLength(USERS);
    expect(new Set(all.map((u) => u.id)).size).toBe(USERS);
  });

  const walkForward = async (sort: string | undefined) => {
    const sortQuery = sort ? `&sort=${sort}` : '';
    const pages: PageBody[] = [];
    let response = await list(`?limit=${PAGE}${sortQuery}`);
    for (;;) {
      expect(response.status).toBe(200);
      pages.push(response.body);
      if (!response.body.pagination.next_cursor) break;
      response = await list(`?limit=${PAGE}${sortQuery}&cursor=${response.body.pagination.next_cursor}`);
    }
    return pages;
  };

  const walkBack = async (sort: string | undefined, from: PageBody) => {
    const sortQuery = sort ? `&sort=${sort}` : '';
    const pages: PageBody[] = [from];
    let cursor = from.pagination.prev_cursor;
    while (cursor) {
      const response = await list(`?limit=${PAGE}${sortQuery}&cursor=${cursor}`);
      expect(response.status).toBe(200);
      pages.unshift(response.body);
      cursor = response.body.pagination.prev_cursor;
    }
    return pages;
  };

  it.each([
    [undefined, 'created_at:desc,id:asc'],
    ['id:asc', 'id:asc'],
    ['id:desc', 'id:desc'],
    ['email:asc', 'email:asc'],
    ['email:desc', 'email:desc'],
    ['display_name:asc', 'display_name:asc'],
    ['display_name:desc', 'display_name:desc'],
    ['created_at:asc', 'created_at:asc'],
    ['created_at:desc', 'created_at:desc'],
    ['updated_at:asc', 'updated_at:asc'],
    ['updated_at:desc', 'updated_at:desc'],
    ['display_name:asc,created_at:desc', 'display_name:asc,created_at:desc'],
    ['created_at:asc,display_name:desc,id:desc', 'created_at:asc,display_name:desc,id:desc'],
    ['updated_at:desc,email:asc', 'updated_at:desc,email:asc'],
  ])('walks sort=%s forward to the end and back, every user exactly once, in order', async (sort, reference) => {
    const forward = await walkForward(sort);
    const ids = forward.flatMap((page) => page.data.map((u) => u.id));
    expect(ids).toEqual([...all].sort(compareBy(reference)).map((u) => u.id));

    expect(forward).toHaveLength(Math.ceil(USERS / PAGE));
    forward.forEach((page, index) => {
      const isFirst = index === 0;
      const isLast = index === forward.length - 1;
      expect(page.pagination.count).toBe(page.data.length);
      expect(page.pagination.has_prev).toBe(!isFirst);
      expect(page.pagination.has_next).toBe(!isLast);
      expect(page.pagination.prev_cursor === null).toBe(isFirst);
      expect(page.pagination.next_cursor === null).toBe(isLast);
    });

    const back = await walkBack(sort, forward[forward.length - 1]);
    expect(back.map((page) => page.data)).toEqual(forward.map((page) => page.data));
    expect(back[0].pagination.has_prev).toBe(false);
    expect(back[0].pagination.prev_cursor).toBeNull();
  });

  it('defaults to 20 items and accepts 1 to 100', async () => {
    expect((await list('')).body.data).toHaveLength(20);
    expect((await list('?limit=1')).body.data).toHaveLength(1);
    expect((await list('?limit=100')).body.data).toHaveLength(USERS);
  });

  it.each(['0', '101', '-1', 'abc', '1.5', ''])('rejects limit=%s with 422 on the query', async (limit) => {
    const response = await list(`?limit=${limit}`);
    expect(response.status).toBe(422);
    expect(response.body.detail[0].loc).toEqual(['query', 'limit']);
  });

  it.each(['nope:asc', 'email:up', 'email', 'email:asc:x', 'email:asc,,id:asc', 'email:asc,email:desc', ''])(
    'rejects sort=%s with 400 naming the valid fields',
    async (sort) => {
      const response = await list(`?sort=${sort}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ detail: expect.any(String) });
    },
  );

  it('names the valid fields when the sort field is unknown', async () => {
    const response = await list('?sort=password:asc');
    expect(response.body.detail).toBe(
      "Invalid sort field 'password'. Valid sort fields: id, email, display_name, created_at, updated_at",
    );
  });

  describe('cursors', () => {
    let cursor: string;
    beforeAll(async () => {
      cursor = (await list(`?limit=${PAGE}&sort=email:asc`)).body.pagination.next_cursor;
    });

    it('is URL-safe opaque base64', async () => {
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    });

    it('is refused (400) for another sort, including an omitted sort (the default)', async () => {
      expect((await list(`?sort=email:desc&cursor=${cursor}`)).status).toBe(400);
      expect((await list(`?sort=display_name:asc&cursor=${cursor}`)).status).toBe(400);
      expect((await list(`?cursor=${cursor}`)).status).toBe(400);
      expect((await list(`?sort=email:asc&cursor=${cursor}`)).status).toBe(200);
    });

    it('is refused (400) for another account filter', async () => {
      const superadminCursor = (await list(`?limit=2`, asSuperadmin)).body.pagination.next_cursor;
      expect((await list(`?limit=2&cursor=${superadminCursor}&account_id=${tenant.accountId}`, asSuperadmin)).status).toBe(400);
      const scoped = (await list(`?limit=2&account_id=${tenant.accountId}`, asSuperadmin)).body.pagination.next_cursor;
      expect((await list(`?limit=2&cursor=${scoped}`, asSuperadmin)).status).toBe(400);
      expect((await list(`?limit=2&cursor=${scoped}&account_id=${tenant.accountId}`, asSuperadmin)).status).toBe(200);
    });

    it('can never widen what a regular user sees: a superadmin’s all-accounts cursor is refused', async () => {
      const superadminCursor = (await list(`?limit=2`, asSuperadmin)).body.pagination.next_cursor;
      const response = await list(`?limit=2&cursor=${superadminCursor}`);
      expect(response.status).toBe(400);
    });

    it('detects tampering: decoded, edited and re-encoded', async () => {
      const raw = Buffer.from(cursor, 'base64url');
      const edited = Buffer.from(raw.toString('latin1').replace('"next"', '"prev"'), 'latin1').toString('base64url');
      expect(edited).not.toBe(cursor);
      const response = await list(`?sort=email:asc&cursor=${edited}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ detail: 'Invalid cursor' });
    });

    it.each(['garbage', 'eyJwdiI6WzEwMDAsMTIzXX0=', '%%%', 'a'.repeat(5000)])(
      'refuses the undecodable or forged cursor %s with 400',
      async (bad) => {
        const response = await list(`?sort=email:asc&cursor=${encodeURIComponent(bad)}`);
        expect(response.status).toBe(400);
      },
    );

    it('changes page size freely along a walk', async () => {
      const first = await list(`?limit=3&sort=email:asc`);
      const second = await list(`?limit=10&sort=email:asc&cursor=${first.body.pagination.next_cursor}`);
      const sorted = [...all].sort(compareBy('email:asc')).map((u) => u.id);
      expect([...first.body.data, ...second.body.data].map((u: UserBody) => u.id)).toEqual(sorted.slice(0, 13));
    });
  });

  describe('account scope', () => {
    it('gives a regular user only its own account, and 403 for another account_id', async () => {
      const page = await list('?limit=100');
      expect(page.body.data.every((u: { account_id: string }) => u.account_id === tenant.accountId)).toBe(true);
      const other = await createTenant(t);
      expect((await list(`?account_id=${other.accountId}`)).status).toBe(403);
      expect((await list(`?account_id=${tenant.accountId}`)).status).toBe(200);
    });

    it('lets a superadmin list all accounts or one', async () => {
      const everyone = await list('?limit=100', asSuperadmin);
      const accounts = new Set(everyone.body.data.map((u: { account_id: string }) => u.account_id));
      expect(accounts.size).toBeGreaterThan(2);
      const one = await list(`?limit=100&account_id=${tenant.accountId}`, asSuperadmin);
      expect(one.body.data.map((u: UserBody) => u.id).sort()).toEqual(all.map((u) => u.id).sort());
    });

    it('leaves soft-deleted users out', async () => {
      const ghost = await createUser(t, tenant.account.id, { deletedAt: new Date() });
      const page = await list('?limit=100');
      expect(page.body.data.map((u: UserBody) => u.id)).not.toContain(formatId('usr', ghost.id));
      expect(page.body.data).toHaveLength(USERS);
    });
  });
});
