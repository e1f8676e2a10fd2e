import { Logger, LoggerService } from '@nestjs/common';
import pg from 'pg';
import { parseTimestamptz } from './timestamptz';
import { MAX_PREPARED_PER_CONNECTION, PreparingClient, preparedName, unpreparedStatements } from './prepared-statements';

const LOOKUP = 'SELECT k.id FROM api_keys k WHERE k.key_hash = $1';

describe('preparedName', () => {
  it('names a parameterised query after its text: the same text, the same name, whatever the values', () => {
    const prepared = new Set<string>();
    const first = preparedName(LOOKUP, ['a'], 'c1_', prepared);
    expect(first).toMatch(/^c1_[A-Za-z0-9_-]{20}$/);
    expect(preparedName(LOOKUP, ["'; DROP TABLE users; --"], 'c1_', prepared)).toBe(first);
    expect(preparedName(`${LOOKUP} AND true`, ['a'], 'c1_', prepared)).not.toBe(first);
    expect(prepared.size).toBe(2);
  });

  it('keeps connections apart by prefix', () => {
    expect(preparedName(LOOKUP, ['a'], 'c1_', new Set())).not.toBe(preparedName(LOOKUP, ['a'], 'c2_', new Set()));
  });

  it.each<[string, string, unknown]>([
    ['no parameters', 'SELECT 1', []],
    ['values that are not an array', LOOKUP, undefined],
    ['DDL', 'CREATE INDEX x ON t (a) WHERE b = $1', ['x']],
    ['transaction control', 'COMMIT', []],
    ['a config object', { text: LOOKUP } as unknown as string, ['a']],
  ])('runs %s unnamed', (_label, text, values) => {
    expect(preparedName(text, values, 'c1_', new Set())).toBeNull();
  });

  it('stops preparing new statements at the bound, still reusing the ones it has, and counts what runs unprepared', () => {
    const prepared = new Set<string>();
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION; i++) expect(preparedName(`SELECT ${i} WHERE $1`, [1], 'c_', prepared)).not.toBeNull();
    const before = unpreparedStatements();
    const warnings: unknown[] = [];
    const capture: LoggerService = { log: () => undefined, error: () => undefined, warn: (message) => warnings.push(message) };
    Logger.overrideLogger(capture);
    try {
      expect(preparedName('SELECT -1 WHERE $1', [1], 'c_', prepared)).toBeNull();
      expect(preparedName('SELECT -1 WHERE $1', [1], 'c_', prepared)).toBeNull();
    } finally {
      Logger.overrideLogger(false);
    }
    // Once per process, not per statement.
    expect(warnings).toEqual([expect.stringMatching(/^A connection reached its bound of 500 prepared statements/)]);
    expect(preparedName('SELECT 0 WHERE $1', [1], 'c_', prepared)).not.toBeNull();
    expect(prepared.size).toBe(MAX_PREPARED_PER_CONNECTION);
    expect(unpreparedStatements()).toBe(before + 2);
  });
});

describe('PreparingClient', () => {
  it('reads timestamptz with the positional reader, other types with pg\'s parsers', () => {
    const client = new PreparingClient({});
    expect(client.getTypeParser(1184)).toBe(parseTimestamptz);
    expect(client.getTypeParser(25)).toBe(pg.types.getTypeParser(25));
  });
});
