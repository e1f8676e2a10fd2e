import { firstFreeSlug, SLUG_MAX_LENGTH, SLUG_PATTERN, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Acme Games', 'acme-games'],
    ['  Acme   Games!! ', 'acme-games'],
    ['Café Über', 'cafe-uber'],
    ['Straße Ærø', 'strasse-aero'],
    ['Studio_42 / Tokyo', 'studio-42-tokyo'],
    ['--x--', 'x'],
    ['🎮🎮', 'account'],
    ['東京', 'account'],
  ])('turns %j into %j', async (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps slugs within the limit, without a trailing hyphen', async () => {
    const slug = slugify(`${'a'.repeat(99)} b`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('firstFreeSlug', () => {
  it('returns the base when free, else the first free numeric suffix', async () => {
    expect(firstFreeSlug('acme', new Set())).toBe('acme');
    expect(firstFreeSlug('acme', new Set(['acme']))).toBe('acme-2');
    expect(firstFreeSlug('acme', new Set(['acme', 'acme-2', 'acme-3']))).toBe('acme-4');
    expect(firstFreeSlug('acme', new Set(['acme', 'acme-3']))).toBe('acme-2');
  });

  it('shortens a long base so the suffixed slug stays within the limit', async () => {
    const base = 'a'.repeat(SLUG_MAX_LENGTH);
    const slug = firstFreeSlug(base, new Set([base]));
    expect(slug).toHaveLength(SLUG_MAX_LENGTH);
    expect(slug.endsWith('-2')).toBe(true);
  });
});
