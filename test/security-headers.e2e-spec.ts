import { as } from './helpers/headers';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

const EXPECTED_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join(';');

const STUDIO = 'https://studio.example';
const LOCAL_TOOL = 'http://localhost:5173';
const STRANGER = 'https://stranger.example';

const preflight = (t: TestApp, origin: string) =>
  t
    .http()
    .options('/v1/users')
    .set('origin', origin)
    .set('access-control-request-method', 'POST')
    .set('access-control-request-headers', 'leadr-api-key,content-type');

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['/v1/health/live', '/v1/users', '/openapi.json', '/docs', '/metrics'])('sends helmet\'s headers and the CSP on %s', async (path) => {
    const response = await t.http().get(path).set(as(SUPERADMIN_KEY)).redirects(1);
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(EXPECTED_CSP);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers).not.toHaveProperty('x-powered-by');
  });

  it('does not upgrade requests to https, which would break Swagger UI served over plain HTTP', async () => {
    const response = await t.http().get('/docs/');
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('serves a Swagger UI page whose scripts all come from this origin, with no inline code (script-src \'self\')', async () => {
    const page = await t.http().get('/docs/');
    expect(page.status).toBe(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const [, attributes, body] of scripts) {
      const src = /src=["']([^"']+)["']/.exec(attributes)?.[1];
      expect(src).toBeDefined();
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect(body.trim()).toBe('');
      const script = await t.http().get(new URL(src!, 'http://local/docs/').pathname);
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
    }
    // No inline event handlers either (script-src-attr 'none').
    expect(page.text).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('CORS', () => {
  describe('without CORS_ORIGINS (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('allows no origin: neither preflight nor response names one', async () => {
      const answer = await preflight(t, STUDIO);
      expect(answer.headers).not.toHaveProperty('access-control-allow-origin');
      expect(answer.headers).not.toHaveProperty('access-control-allow-headers');
      const response = await t.http().get('/v1/users').set(as(SUPERADMIN_KEY)).set('origin', STUDIO);
      expect(response.status).toBe(200);
      expect(response.headers).not.toHaveProperty('access-control-allow-origin');
    });
  });

  describe(`with CORS_ORIGINS=${STUDIO},${LOCAL_TOOL}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ CORS_ORIGINS: `${STUDIO}, ${LOCAL_TOOL}` });
    });
    afterAll(async () => {
      await t.close();
    });

    it.each([STUDIO, LOCAL_TOOL])('answers the preflight of %s with its origin and the API key header', async (origin) => {
      const answer = await preflight(t, origin);
      expect(answer.status).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(answer.headers['access-control-allow-headers']).toContain('leadr-api-key');
      expect(answer.headers['access-control-allow-methods']).toContain('PATCH');
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('lets an allowed origin read the response and its request id', async () => {
      const response = await t.http().get('/v1/users').set(as(SUPERADMIN_KEY)).set('origin', STUDIO);
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(STUDIO);
      expect(response.headers['access-control-expose-headers']).toContain('x-request-id');
      expect(response.headers.vary).toMatch(/origin/i);
    });

    it('names no other origin', async () => {
      expect((await preflight(t, STRANGER)).headers).not.toHaveProperty('access-control-allow-origin');
      const response = await t.http().get('/v1/users').set(as(SUPERADMIN_KEY)).set('origin', STRANGER);
      expect(response.headers).not.toHaveProperty('access-control-allow-origin');
    });

    it('still requires the API key: CORS only lets the browser read what the server would answer anyway', async () => {
      const response = await t.http().get('/v1/users').set('origin', STUDIO);
      expect(response.status).toBe(401);
    });
  });
});
