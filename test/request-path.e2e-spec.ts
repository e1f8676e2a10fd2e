import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

interface RouterLayer {
  route?: { path: string };
}

// The shape of the request path that its cost depends on (docs/performance.md, "Fewer promises and
// router layers"): Express walks its router's layers in order on every request, so what runs before
// the routes is a few layers, not one per middleware, and Swagger UI's routes come after the API's.
describe('the request path: router layers, and Express’s prototypes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  function layers(): RouterLayer[] {
    return (t.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } }).router.stack;
  }

  it('runs every middleware before the routes in at most three router layers (Nest’s own and two series)', () => {
    const firstRoute = layers().findIndex((layer) => layer.route !== undefined);
    expect(firstRoute).toBeGreaterThan(0);
    expect(firstRoute).toBeLessThanOrEqual(3);
  });

  it('mounts Swagger UI and the OpenAPI document after every API route', () => {
    const paths = layers().map((layer) => layer.route?.path);
    const lastApiRoute = paths.findLastIndex((path) => path?.startsWith('/v1/') === true);
    const firstDocsRoute = paths.findIndex((path) => path === '/docs' || path === '/openapi.json');
    expect(paths).toContain('/v1/users/:user_id');
    expect(firstDocsRoute).toBeGreaterThan(lastApiRoute);
  });

  it('still serves the documentation, and still answers an unknown path with the 404 body', async () => {
    await t.http().get('/openapi.json').expect(200);
    await t.http().get('/docs/').expect(200);
    const missing = await t.http().get('/v1/nothing').set('leadr-api-key', SUPERADMIN_KEY).expect(404);
    expect(missing.body).toHaveProperty('detail');
  });

  // Express gives every request and response its prototypes with Object.setPrototypeOf; made as
  // plain IncomingMessage and ServerResponse, each then got a new hidden class, and a fifth of what
  // the server allocated survived the young generation (docs/performance.md, "What survived the
  // young generation"). ExpressHttpAdapter's server makes them with Express's prototypes already.
  it('gives each request and response the prototypes Express would give them, before Express sees them', async () => {
    const server = t.app.getHttpServer();
    const express = t.app.getHttpAdapter().getInstance() as { request: object; response: object };
    const seen: Array<[unknown, unknown]> = [];
    const look = (request: object, response: object) => seen.push([Object.getPrototypeOf(request), Object.getPrototypeOf(response)]);
    server.prependListener('request', look);
    try {
      await t.http().get('/v1/health/live').expect(200);
      await t.http().get('/v1/users?limit=1').set('leadr-api-key', SUPERADMIN_KEY).expect(200);
    } finally {
      server.removeListener('request', look);
    }
    expect(seen).toHaveLength(2);
    for (const [request, response] of seen) {
      expect(request).toBe(express.request);
      expect(response).toBe(express.response);
    }
  });
});
