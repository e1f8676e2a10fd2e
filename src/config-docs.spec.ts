import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { AppConfig, loadConfig } from './config';

const root = join(__dirname, '..');

// The keys of the validated schema, read from class-validator's metadata: every key is declared
// with at least one validation decorator, so a new key shows up here without a list to update.
function schemaKeys(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))].sort();
}

interface TableRow {
  key: string;
  defaultCell: string;
}

// The rows of the table under "## Configuration" in docs/operations.md.
function configurationTable(): TableRow[] {
  const page = readFileSync(join(root, 'docs/operations.md'), 'utf8');
  const section = page.split(/^## /m).find((part) => part.startsWith('Configuration\n'));
  if (section === undefined) throw new Error('docs/operations.md has no "## Configuration" section');
  return section
    .split('\n')
    .map((line) => /^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ key: match[1], defaultCell: match[2].trim() }));
}

interface EnvLine {
  key: string;
  value: string;
  commented: boolean;
}

// `KEY=value` lines of .env.example; `# KEY=value` documents a key that is unset by default.
function envExample(): EnvLine[] {
  return readFileSync(join(root, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^(# )?([A-Z][A-Z0-9_]*)=(\S*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ key: match[2], value: match[3], commented: match[1] !== undefined }));
}

const sorted = (keys: string[]) => [...keys].sort();

describe('the configuration documentation', () => {
  it('reads a plausible schema (guards the metadata lookup itself)', () => {
    expect(schemaKeys()).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'SUPERADMIN_API_KEY', 'HTTP_HEADERS_TIMEOUT_MS']));
    expect(schemaKeys().length).toBeGreaterThanOrEqual(Object.keys(new AppConfig()).length);
  });

  it('docs/operations.md lists every config key exactly once, and nothing else', () => {
    const keys = configurationTable().map((row) => row.key);
    expect(sorted(keys)).toEqual(schemaKeys());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('.env.example lists every config key exactly once, and nothing else', () => {
    const keys = envExample().map((line) => line.key);
    expect(sorted(keys)).toEqual(schemaKeys());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every default the table states as a literal is the schema default', () => {
    const defaults = new AppConfig() as unknown as Record<string, unknown>;
    const literals = configurationTable().filter((row) => /^`[^`]*`$/.test(row.defaultCell));
    expect(literals.length).toBeGreaterThan(20);
    for (const { key, defaultCell } of literals) {
      expect({ key, default: defaultCell.slice(1, -1) }).toEqual({ key, default: String(defaults[key]) });
    }
  });

  it('.env.example copied to .env changes nothing: its values are the defaults', () => {
    const env = Object.fromEntries(
      envExample()
        .filter((line) => !line.commented)
        .map((line) => [line.key, line.value]),
    );
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});
