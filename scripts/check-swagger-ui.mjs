/* global document, setTimeout */
// Drives Swagger UI (/docs) in a real headless Chromium under the server's security headers:
// Authorize with the API key, Try it out and Execute on GET /v1/users, the error examples of GET
// /v1/users/{user_id} (401, 403, 404 each its own message), and reports any Content
// Security Policy violation or script error. CI runs it (.ci/run installs Debian's chromium when
// missing); by hand:
//
//   apt-get install -y chromium            # Debian's Chromium, /usr/bin/chromium (CHROMIUM_PATH)
//   npm run build && npm run check:swagger-ui [-- --screenshot file.png]
//
// playwright-core is a dev dependency: the driver only, it downloads no browser. The server is
// booted in this process from dist/ on a throwaway embedded database. Bounded: each browser step
// waits at most 15 s, the whole check 120 s.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const screenshot = process.argv.includes('--screenshot') ? process.argv[process.argv.indexOf('--screenshot') + 1] : null;
const KEY = 'ldr_swagger-ui-check-0123456789abcdef';
const STEP_TIMEOUT_MS = 15_000;
const CHECK_TIMEOUT_MS = 120_000;

setTimeout(() => {
  console.error(`Swagger UI check FAILED: not done within ${CHECK_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, CHECK_TIMEOUT_MS).unref();

Object.assign(process.env, {
  NODE_ENV: 'test',
  PGLITE_DATA_DIR: 'memory://',
  DATABASE_URL: '',
  LOG_LEVEL: 'warn',
  SUPERADMIN_API_KEY: KEY,
});
const { chromium } = require('playwright-core');
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require(join(root, 'dist/src/app.module.js'));
const { configureApp } = require(join(root, 'dist/src/app.setup.js'));

const app = configureApp(await NestFactory.create(AppModule, { bodyParser: false, logger: ['error', 'warn'] }));
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const steps = [];
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });

  const response = await page.goto(`${base}/docs`);
  steps.push(`GET /docs: ${response.status()}, CSP "${response.headers()['content-security-policy']}"`);
  await page.locator('.swagger-ui .info .title').waitFor();
  steps.push(`rendered: "${(await page.locator('.swagger-ui .info .title').innerText()).split('\n')[0]}"`);

  await page.locator('.auth-wrapper button.authorize').click();
  await page.locator('.modal-ux input[type=text]').fill(KEY);
  await page.locator('.modal-ux button.authorize').click();
  await page.locator('.modal-ux button.btn-done').click();
  steps.push(`authorized: ${await page.locator('.auth-wrapper button.authorize.locked').count() === 1}`);

  const operation = page.locator('#operations-Users-list_users_v1_users_get');
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  steps.push('try it out: enabled');
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  const body = await operation.locator('.live-responses-table .response-col_description pre').first().innerText();
  steps.push(`execute: ${(await status.innerText()).trim()}, body ${body.replace(/\s+/g, ' ').slice(0, 90)}…`);
  if ((await status.innerText()).trim() !== '200' || !body.includes('"super_admin": true')) problems.push('Execute did not return the superadmin');
  const curl = await operation.locator('.curl-command').innerText().catch(() => '');
  if (!curl.includes('leadr-api-key')) problems.push('the request did not carry the leadr-api-key header');
  // Error examples: each status shows its own message, not the 404's.
  const getUser = page.locator('#operations-Users-get_user_v1_users__user_id__get');
  await getUser.locator('.opblock-summary').first().click();
  for (const [status, message] of [['401', 'Invalid API key'], ['403', 'You do not have access to this account'], ['404', 'User not found']]) {
    const row = getUser.locator(`.responses-table tr.response[data-code="${status}"]`);
    const text = await row.innerText().catch(() => '');
    if (!text.includes(message)) problems.push(`GET /v1/users/{user_id} ${status} shows no "${message}" example`);
    else steps.push(`example ${status}: "${message}"`);
  }
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
} catch (error) {
  problems.push(`step failed: ${error.message}`);
} finally {
  await browser.close();
  await app.close();
}
for (const step of steps) console.log(`  ${step}`);
if (problems.length > 0) {
  console.error(`Swagger UI check FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('Swagger UI check passed: Authorize, Try it out and Execute work, error examples fit their status; no CSP violation, no script error.');
}
