import { createTestApp, TestApp } from './helpers/test-app';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the service healthy without an API key', async () => {
    const response = await t.http().get('/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ service: 'leadr', status: 'healthy', database: 'connected' });
  });

  it('answers liveness without an API key', async () => {
    const response = await t.http().get('/v1/health/live');
    expect(response.status).toBe(200);
  });
});
