import { DomainError } from '../common/errors';
import { CursorCodec } from './cursor-codec';
import { EqualsIgnoringCase, ListFilters, PrefixOfAnyIgnoringCase } from './list-filters';
import { PageQuery } from './page-query.dto';
import { newestFirstList, PaginationService } from './pagination.service';

interface Row {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
  updatedAt: Date;
}

// Stands in for the list's query: records the conditions paginate() adds and returns
// the rows it is given, so what is filtered can be compared with what the cursor is bound to.
class RecordingQuery {
  readonly alias = 'u';
  readonly conditions: Array<{ sql: string; params: Record<string, unknown> }> = [];

  constructor(private readonly rows: Row[]) {}

  andWhere(sql: string, params: Record<string, unknown> = {}) {
    this.conditions.push({ sql, params });
    return this;
  }
  orderBy() {
    return this;
  }
  limit() {
    return this;
  }
  async getMany() {
    return this.rows;
  }
}

const LIST = newestFirstList('users', { email: 'email', display_name: 'displayName' });
const service = new PaginationService(new CursorCodec('unit-test-secret-0123456789'));
const rows: Row[] = [1, 2, 3].map((i) => ({
  id: `0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d4${i}`,
  email: `u${i}@example.com`,
  displayName: `User ${i}`,
  createdAt: new Date(Date.UTC(2026, 0, i)),
  updatedAt: new Date(Date.UTC(2026, 0, i)),
}));
const page = (limit: number, cursor?: string): PageQuery => Object.assign(new PageQuery(), { limit, cursor });

async function paginate(filters: ListFilters, request: PageQuery) {
  const query = new RecordingQuery(rows);
  const result = await service.paginate(query, LIST, filters, request);
  return { query, result };
}

const ACCOUNT = '2f1c8f0e-7d41-4c1e-9a57-0b6f4a525d8e';
const searched = (q: string): ListFilters => ({
  account_id: ACCOUNT,
  email: new EqualsIgnoringCase('email', 'u1@example.com'),
  q: new PrefixOfAnyIgnoringCase(['email', 'display_name'], q),
});

describe('PaginationService.paginate: filters are applied and bound together', () => {
  it('applies every set filter, equality or condition, and nothing for unset ones', async () => {
    const { query } = await paginate({ ...searched('u'), status: null }, page(2));
    const sql = query.conditions.map((c) => c.sql).join(' AND ');
    expect(sql).toContain('u.account_id = :filter_account_id_value');
    expect(sql).toContain('lower(u.email) = CAST(:filter_email_value AS text)');
    expect(sql).toContain('lower(u.display_name) >= CAST(:filter_q_from AS text)');
    expect(sql).not.toContain('status');
    const params = Object.assign({}, ...query.conditions.map((c) => c.params));
    expect(params).toMatchObject({
      filter_account_id_value: ACCOUNT,
      filter_email_value: 'u1@example.com',
      filter_q_from: 'u',
      filter_q_to: 'v',
    });
  });

  it('continues from its cursor under the same filters', async () => {
    const first = await paginate(searched('u'), page(2));
    const cursor = first.result.meta.next_cursor!;
    const { query } = await paginate(searched('U'), page(2, cursor));
    expect(query.conditions.some((c) => c.sql.includes(':ks0'))).toBe(true);
  });

  it.each<[string, ListFilters]>([
    ['another prefix', searched('us')],
    ['no prefix', { ...searched('u'), q: null }],
    ['no email filter', { ...searched('u'), email: undefined }],
    ['another email', { ...searched('u'), email: new EqualsIgnoringCase('email', 'u2@example.com') }],
    ['another account', { ...searched('u'), account_id: null }],
    ['an extra filter', { ...searched('u'), status: 'active' }],
  ])('refuses a cursor made under other filters (%s) with a 400, before querying', async (_label, filters) => {
    const first = await paginate(searched('u'), page(2));
    const query = new RecordingQuery(rows);
    const attempt = service.paginate(
      query,
      LIST,
      filters,
      page(2, first.result.meta.next_cursor!),
    );
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_request' });
    expect(query.conditions).toEqual([]);
  });

  it('refuses a cursor of a filtered list on the unfiltered list, and the reverse', async () => {
    const filtered = await paginate(searched('u'), page(2));
    await expect(paginate({ account_id: ACCOUNT }, page(2, filtered.result.meta.next_cursor!))).rejects.toMatchObject({
      code: 'invalid_request',
    });
    const unfiltered = await paginate({ account_id: ACCOUNT }, page(2));
    await expect(paginate(searched('u'), page(2, unfiltered.result.meta.next_cursor!))).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
