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

describe('health without a database', () => {
  it('answers 503 with the database reported disconnected', async () => {
    const t = await createTestApp();
    try {
      await t.dataSource.destroy();
      const response = await t.http().get('/v1/health');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ service: 'leadr', status: 'unhealthy', database: 'disconnected' });
      expect((await t.http().get('/v1/health/live')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
