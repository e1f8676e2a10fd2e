import { KEY_CHECKS } from './cursor-keys';

describe('KEY_CHECKS', () => {
  describe('timestamp', () => {
    it.each([
      '2026-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2024-02-29T12:00:00.000Z',
      new Date().toISOString(),
    ])('accepts the canonical ISO form %s', (value) => {
      expect(KEY_CHECKS.timestamp(value)).toBe(true);
    });

    it.each([
      ['a bare number (Date.parse reads a year)', '1'],
      ['an expanded year', '+275760-09-13T00:00:00.000Z'],
      ['a negative expanded year', '-000001-01-01T00:00:00.000Z'],
      ['a 16-digit year', '9999999999999999-01-01T00:00:00.000Z'],
      ['year zero (not a year in PostgreSQL)', '0000-01-01T00:00:00.000Z'],
      ['February 30', '2025-02-30T00:00:00.000Z'],
      ['February 29 of a common year', '2025-02-29T00:00:00.000Z'],
      ['hour 24', '2025-01-01T24:00:00.000Z'],
      ['month 13', '2025-13-01T00:00:00.000Z'],
      ['no milliseconds', '2025-01-01T00:00:00Z'],
      ['an offset instead of Z', '2025-01-01T00:00:00.000+01:00'],
      ['a date only', '2025-01-01'],
      ['natural language', 'Tue Mar 01 2022 10:00:00 GMT+0100'],
      ['a trailing newline', '2025-01-01T00:00:00.000Z\n'],
      ['a NUL', '2025-01-01T00:00:00.000Z\u0000'],
      ['empty', ''],
      ['infinity', 'infinity'],
    ])('refuses %s', (_label, value) => {
      expect(KEY_CHECKS.timestamp(value)).toBe(false);
    });
  });

  describe('text', () => {
    it.each(['', 'ann@example.com', 'Zoë "quoted" \\ ünïcødé ✓', '🎮🎮', 'x'.repeat(1024), '\u{10ffff}'])(
      'accepts %j',
      (value) => {
        expect(KEY_CHECKS.text(value)).toBe(true);
      },
    );

    it.each([
      ['a NUL', 'a\u0000b'],
      ['a lone high surrogate', 'x\ud800y'],
      ['a lone low surrogate', '\udc00'],
      ['surrogates in the wrong order', '\ude00\ud83c'],
      ['more than 1024 UTF-16 units', 'x'.repeat(1025)],
    ])('refuses %s', (_label, value) => {
      expect(KEY_CHECKS.text(value)).toBe(false);
    });
  });

  describe('uuid', () => {
    it('accepts a uuid in either case', () => {
      expect(KEY_CHECKS.uuid('0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41')).toBe(true);
      expect(KEY_CHECKS.uuid('0B6F4A52-5D8E-4C1E-9A57-2F1C8F0E7D41')).toBe(true);
    });

    it.each(['', 'not-a-uuid', '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41\u0000', '{0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41}', '0b6f4a525d8e4c1e9a572f1c8f0e7d41'])(
      'refuses %j',
      (value) => {
        expect(KEY_CHECKS.uuid(value)).toBe(false);
      },
    );
  });
});
