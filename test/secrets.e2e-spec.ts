import { DEV_API_KEY_SECRET } from '../src/config';
import { LogCapture } from './helpers/log-capture';
import { createTestApp } from './helpers/test-app';

// The warnings the app logs while it starts (and stops).
async function warningsOfStart(env: Record<string, string>): Promise<string[]> {
  const logs = new LogCapture();
  const t = await createTestApp(env, { logs });
  await t.close();
  return logs.entries.filter((entry) => entry.level === 'warn').map((entry) => String(entry.msg));
}

describe('the public development secret', () => {
  it('is named, with its risk, at a start outside the tests', async () => {
    const warnings = await warningsOfStart({ NODE_ENV: 'development', API_KEY_SECRET: DEV_API_KEY_SECRET });
    const warning = warnings.find((message) => message.includes('API_KEY_SECRET'));
    expect(warning).toContain('public development secret');
    expect(warning).toContain('forge pagination cursors');
    expect(warning).toContain('peppered with a public value');
    expect(warnings.join('\n')).not.toContain(DEV_API_KEY_SECRET);
  });

  it('is not mentioned when the server has a secret of its own', async () => {
    const warnings = await warningsOfStart({ NODE_ENV: 'development' });
    expect(warnings.filter((message) => message.includes('API_KEY_SECRET'))).toEqual([]);
  });
});
