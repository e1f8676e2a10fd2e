import { createTenant } from './helpers/factories';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

// LEADR's sort specification, on every list that takes one: each term is field:direction, the
// direction in any case; a term without a direction is a 400. (The events feed is not LEADR's: its
// two orders are an enum in the OpenAPI document, validated as such.)
describe('sort specifications on every list', () => {
  let t: TestApp;
  const as = { 'leadr-api-key': SUPERADMIN_KEY };
  const LISTS = ['/v1/users', '/v1/accounts', '/v1/api-keys'];

  beforeAll(async () => {
    t = await createTestApp();
    await createTenant(t);
    await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const ids = async (path: string, sort: string): Promise<string[]> => {
    const response = await t.http().get(`${path}?limit=100&sort=${sort}`).set(as);
    expect(response.status).toBe(200);
    return response.body.data.map((item: { id: string }) => item.id);
  };

  it.each(LISTS)('%s reads the direction case-insensitively', async (path) => {
    const ascending = await ids(path, 'created_at:asc');
    expect(ascending.length).toBeGreaterThan(1);
    expect(await ids(path, 'created_at:ASC')).toEqual(ascending);
    const descending = await ids(path, 'created_at:desc');
    expect(await ids(path, 'created_at:Desc')).toEqual(descending);
    expect(descending).not.toEqual(ascending);
  });

  it.each(LISTS)('%s refuses a term without a direction with 400', async (path) => {
    const response = await t.http().get(`${path}?sort=created_at`).set(as);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      detail: expect.stringMatching(/^Invalid sort specification 'created_at': use field:asc or field:desc\./),
    });
  });

  it('keeps a cursor valid across the spelling of its direction', async () => {
    const first = await t.http().get('/v1/users?limit=1&sort=created_at:ASC').set(as);
    const next = await t.http().get(`/v1/users?limit=1&sort=created_at:asc&cursor=${first.body.pagination.next_cursor}`).set(as);
    expect(next.status).toBe(200);
  });
});
