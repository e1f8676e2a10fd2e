import { formatLsn, laterOf, parseLsn } from './lsn';

describe('WAL positions', () => {
  it('parses pg_lsn text and orders positions by their 64-bit value, not as strings', () => {
    const low = parseLsn('0/FFFFFFFF')!;
    const high = parseLsn('1/0')!;
    expect(high > low).toBe(true);
    expect(high - low).toBe(1n);
    expect(parseLsn('16/B374D848')).toBe(0x16b374d848n);
  });

  it('formats a position as PostgreSQL writes it, so that it parses back to itself', () => {
    for (const text of ['0/0', '0/16B3748', '16/B374D848', 'FFFFFFFF/FFFFFFFF']) {
      expect(formatLsn(parseLsn(text)!)).toBe(text);
    }
    expect(formatLsn(parseLsn('0/16b3748')!)).toBe('0/16B3748');
  });

  it('refuses what is not a position', () => {
    for (const text of ['', '0', '0/', '/0', '0/1/2', 'x/1', '123456789/0', '0/-1', '1.5/0']) {
      expect(parseLsn(text)).toBeNull();
    }
  });

  it('laterOf keeps the later of two positions, either of them possibly absent', () => {
    expect(laterOf(5n, 7n)).toBe(7n);
    expect(laterOf(7n, 5n)).toBe(7n);
    expect(laterOf(null, 5n)).toBe(5n);
    expect(laterOf(5n, undefined)).toBe(5n);
    expect(laterOf(null, null)).toBeNull();
  });
});
