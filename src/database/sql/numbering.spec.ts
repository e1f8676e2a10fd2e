import { numberParameters } from './numbering';

describe('numberParameters', () => {
  it('numbers named parameters in order of first appearance, one number per name', () => {
    expect(numberParameters('a = :x AND b > :y AND c < :x', { y: 2, x: 1 })).toEqual({
      text: 'a = $1 AND b > $2 AND c < $1',
      values: [1, 2],
    });
  });

  it('leaves casts and names that are not parameters alone', () => {
    expect(numberParameters("t::text = :v AND s = '12:30' AND u = :other", { v: 'x' })).toEqual({
      text: "t::text = $1 AND s = '12:30' AND u = :other",
      values: ['x'],
    });
  });

  it('never rewrites a name inside a string literal, a quoted identifier or a comment', () => {
    const sql =
      `a = :v AND b = ':v' AND c = 'it''s :v' AND d = E'\\':v' AND "col:v" = 1 AND e = :v -- :v\n` +
      `AND f = /* :v */ :w`;
    expect(numberParameters(sql, { v: 1, w: 2 })).toEqual({
      text:
        `a = $1 AND b = ':v' AND c = 'it''s :v' AND d = E'\\':v' AND "col:v" = 1 AND e = $1 -- :v\n` +
        `AND f = /* :v */ $2`,
      values: [1, 2],
    });
  });

  it('gives the same text for the same shape, whatever the values', () => {
    const sql = 'id = ANY(CAST(:ids AS uuid[])) AND n = :n';
    expect(numberParameters(sql, { ids: ['a'], n: 1 }).text).toBe(numberParameters(sql, { ids: ['b', 'c'], n: 9 }).text);
  });
});
