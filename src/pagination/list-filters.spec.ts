import {
  EqualsIgnoringCase,
  filterSql,
  filtersKey,
  foldCase,
  PrefixOfAnyIgnoringCase,
  prefixEnd,
} from './list-filters';

describe('filtersKey', () => {
  it('does not depend on the order of the filters', () => {
    expect(filtersKey({ b: '2', a: '1' })).toBe(filtersKey({ a: '1', b: '2' }));
  });

  // localeCompare would put `a` before `B` (and differ between ICU builds and locales); cursors
  // signed on one instance must verify on every other.
  it('orders the filters by code unit, not by locale', () => {
    expect(filtersKey({ a: '1', B: '2', _: '3' })).toBe('[["B","2"],["_","3"],["a","1"]]');
  });

  it('treats an absent filter (undefined) as an unset one (null)', () => {
    expect(filtersKey({ a: undefined, b: 'x' })).toBe(filtersKey({ a: null, b: 'x' }));
  });

  it('leaves unset filters out, so adding an optional filter to a list keeps its other cursors valid', () => {
    expect(filtersKey({ account_id: 'x', q: null, email: undefined })).toBe(filtersKey({ account_id: 'x' }));
    expect(filtersKey({ account_id: null })).toBe(filtersKey({}));
  });

  it('tells different values and different columns apart', () => {
    expect(filtersKey({ a: '1' })).not.toBe(filtersKey({ a: '2' }));
    expect(filtersKey({ a: '1' })).not.toBe(filtersKey({ b: '1' }));
    expect(filtersKey({ a: null })).not.toBe(filtersKey({ a: 'null' }));
  });

  it('binds a condition by its kind, columns and value', () => {
    const prefix = (value: string, columns = ['email', 'display_name']) => new PrefixOfAnyIgnoringCase(columns, value);
    expect(filtersKey({ q: prefix('ab') })).toBe(filtersKey({ q: prefix('ab') }));
    expect(filtersKey({ q: prefix('ab') })).not.toBe(filtersKey({ q: prefix('ac') }));
    expect(filtersKey({ q: prefix('ab') })).not.toBe(filtersKey({ q: prefix('ab', ['email']) }));
    expect(filtersKey({ q: prefix('ab') })).not.toBe(filtersKey({ q: null }));
    expect(filtersKey({ q: prefix('ab') })).not.toBe(filtersKey({ q: 'ab' }));
    expect(filtersKey({ email: new EqualsIgnoringCase('email', 'a@x.io') })).not.toBe(
      filtersKey({ email: prefix('a@x.io', ['email']) }),
    );
  });

  it('binds the case-folded value, as that is all the SQL uses', () => {
    expect(filtersKey({ q: new PrefixOfAnyIgnoringCase(['email'], 'AB') })).toBe(
      filtersKey({ q: new PrefixOfAnyIgnoringCase(['email'], 'ab') }),
    );
  });
});

describe('foldCase', () => {
  it('lowercases ASCII letters only, as lower() does under the "C" collation', () => {
    expect(foldCase('Ada.LOVELACE@Example.COM')).toBe('ada.lovelace@example.com');
    expect(foldCase('ÄÖÜ Éa')).toBe('ÄÖÜ Éa');
  });
});

describe('prefixEnd', () => {
  it.each<[string, string | null]>([
    ['a', 'b'],
    ['ab', 'ac'],
    ['a%', 'a&'],
    ['a_', 'a`'],
    ['a\\', 'a]'],
    ['z', '{'],
    ['é', 'ê'],
    ['a\u{d7ff}', 'a\u{e000}'],
    ['a\u{10ffff}', 'b'],
    ['\u{10ffff}', null],
    ['', null],
  ])('of %j is %j', (prefix, end) => {
    expect(prefixEnd(prefix)).toBe(end);
  });

  it('bounds exactly the strings that start with the prefix, in code point order', () => {
    const byCodePoint = (a: string, b: string) => {
      const x = Array.from(a).map((c) => c.codePointAt(0)!);
      const y = Array.from(b).map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    const words = ['ab', 'ab%', 'ab_x', 'abz', 'ac', 'aa', 'a', 'abé', 'ab\u{10ffff}', 'b', 'a\\b', 'ab\\'];
    for (const prefix of ['ab', 'a', 'ab\\', 'a\\']) {
      const end = prefixEnd(prefix)!;
      const inRange = words.filter((w) => byCodePoint(w, prefix) >= 0 && byCodePoint(w, end) < 0);
      expect(inRange.sort()).toEqual(words.filter((w) => w.startsWith(prefix)).sort());
    }
  });
});

describe('filterSql', () => {
  it('renders a plain value as an equality on the column of that name, bound as a parameter', () => {
    expect(filterSql('account_id', 'x', 'u')).toEqual({
      sql: 'u.account_id = :filter_account_id_value',
      params: { filter_account_id_value: 'x' },
    });
  });

  it('renders nothing for an unset filter', () => {
    expect(filterSql('account_id', null, 'u')).toBeNull();
    expect(filterSql('q', undefined, 'u')).toBeNull();
  });

  it('compares emails case-insensitively on lower(column), with the folded value as a parameter', () => {
    expect(filterSql('email', new EqualsIgnoringCase('email', 'Ada@Example.com'), 'u')).toEqual({
      sql: 'lower(u.email) = CAST(:filter_email_value AS text)',
      params: { filter_email_value: 'ada@example.com' },
    });
  });

  it('turns a prefix into one range per column, ORed, never a LIKE pattern', () => {
    const fragment = filterSql('q', new PrefixOfAnyIgnoringCase(['email', 'display_name'], 'A%_\\'), 'u')!;
    expect(fragment.sql).toBe(
      '(lower(u.email) >= CAST(:filter_q_from AS text) AND lower(u.email) < CAST(:filter_q_to AS text)) OR ' +
        '(lower(u.display_name) >= CAST(:filter_q_from AS text) AND lower(u.display_name) < CAST(:filter_q_to AS text))',
    );
    expect(fragment.params).toEqual({ filter_q_from: 'a%_\\', filter_q_to: 'a%_]' });
    expect(fragment.sql).not.toMatch(/like/i);
  });

  it('leaves the range open above when no string bounds it', () => {
    const fragment = filterSql('q', new PrefixOfAnyIgnoringCase(['email'], '\u{10ffff}'), 'u')!;
    expect(fragment).toEqual({ sql: '(lower(u.email) >= CAST(:filter_q_from AS text))', params: { filter_q_from: '\u{10ffff}' } });
  });

  it('never inlines values into the SQL', () => {
    const hostile = "x') OR 1=1 --";
    for (const condition of [new EqualsIgnoringCase('email', hostile), new PrefixOfAnyIgnoringCase(['email'], hostile)]) {
      const fragment = filterSql('f', condition, 'u')!;
      expect(fragment.sql).not.toContain(hostile);
      expect(Object.values(fragment.params)).toContain(hostile.toLowerCase());
    }
  });
});
