import { printable, printableJson } from './printable';

describe('printable', () => {
  it('shows control characters and bidirectional overrides as escapes', () => {
    expect(printable('Acme\u001b[2J\u001b]0;pwned\u0007')).toBe('Acme\\u001b[2J\\u001b]0;pwned\\u0007');
    expect(printable('a\u009bb\u007fc\u202ed\nz')).toBe('a\\u009bb\\u007fc\\u202ed\\u000az');
  });

  it('leaves ordinary text alone', () => {
    expect(printable('Ünïcødé – 名前 🎮')).toBe('Ünïcødé – 名前 🎮');
  });

  it('keeps JSON valid and its value unchanged', () => {
    const value = [{ name: 'x\u009by\u001bz\u2066' }];
    const text = printableJson(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2066]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
