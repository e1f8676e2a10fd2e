import { strangerConnects } from '../helpers/embedded';
import { createTestApp, SUPERADMIN_KEY, TestApp } from '../helpers/test-app';

// The embedded database takes one client: the app's pool must keep that connection while idle, or
// another local process could take the slot between two requests.
describe('the embedded database, idle', () => {
  let t: TestApp;
  beforeAll(async () => {
    // An empty DATABASE_URL means the embedded database, also when the suite runs on PostgreSQL.
    t = await createTestApp({ DATABASE_URL: '' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps its connection when idle, where pg would close it after 10 s', async () => {
    const url = (t.dataSource.options as { url: string }).url;
    const usersStatus = async () => (await t.http().get('/v1/users').set({ 'leadr-api-key': SUPERADMIN_KEY })).status;
    expect(await usersStatus()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 11_500));
    expect(await strangerConnects(url)).toBe('refused');
    expect(await usersStatus()).toBe(200);
  }, 60_000);
});
