import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

// The layering rule of docs/architecture.md ("Module map and layering"), checked on every import
// of every source file: a file imports only files of its own layer or of a lower one.
const FEATURES = ['accounts', 'users', 'api-keys'];
// Upper feature files: what uses the records and the cascades.
const FEATURE_TOP = /(\.service|\.controller|\.module|-authenticator)\.ts$/;

const LAYERS: Array<[name: string, matches: (file: string) => boolean]> = [
  ['config', (f) => ['config.ts', 'http-server-timeouts.ts', 'bounded-lru.ts', 'request-context.ts'].includes(f)],
  ['database, shutdown', (f) => f.startsWith('database/') || f.startsWith('shutdown/')],
  ['common', (f) => f.startsWith('common/')],
  ['pagination', (f) => f.startsWith('pagination/')],
  ['auth', (f) => f.startsWith('auth/')],
  ['rate-limit', (f) => f.startsWith('rate-limit/')],
  ['idempotency', (f) => f.startsWith('idempotency/')],
  ['operations', (f) => f.startsWith('operations/')],
  ['events', (f) => f.startsWith('events/')],
  ['records (entities, DTOs, repositories of the features)', (f) => FEATURES.some((x) => f.startsWith(`${x}/`)) && !FEATURE_TOP.test(f)],
  ['cascades', (f) => f.startsWith('cascades/')],
  ['accounts', (f) => f.startsWith('accounts/')],
  ['users', (f) => f.startsWith('users/')],
  ['api-keys', (f) => f.startsWith('api-keys/')],
  ['bootstrap, health', (f) => f.startsWith('bootstrap/') || f.startsWith('health/')],
  ['observability', (f) => f.startsWith('observability/')],
  ['security, cli, app', (f) => f.startsWith('security/') || f.startsWith('cli/') || /^(app\.module|app\.setup|main|heap-growth|express-http-adapter)\.ts$/.test(f)],
];

const SRC = join(__dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(SRC, path)] : [];
  });
}

function layerOf(file: string): number {
  const index = LAYERS.findIndex(([, matches]) => matches(file));
  if (index < 0) throw new Error(`${file} is in no layer`);
  return index;
}

describe('layering', () => {
  it('no import runs back up', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (file.includes('/migrations/')) continue;
      for (const [, target] of readFileSync(join(SRC, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const imported = `${normalize(join(dirname(file), target))}.ts`;
        if (layerOf(imported) > layerOf(file)) {
          upward.push(`${file} (${LAYERS[layerOf(file)][0]}) imports ${imported} (${LAYERS[layerOf(imported)][0]})`);
        }
      }
    }
    expect(upward).toEqual([]);
  });
});
