import { CacheablePrincipal, PrincipalCache } from './principal-cache';

const principal = (overrides: Partial<CacheablePrincipal> = {}): CacheablePrincipal => ({
  keyId: 'k1',
  userId: 'u1',
  accountId: 'a1',
  expiresAt: null,
  ...overrides,
});

function cache(ttlMs = 1000, max = 100) {
  const clock = { now: 1_000_000 };
  return { c: new PrincipalCache({ ttlMs, max, now: () => clock.now }), clock };
}

describe('PrincipalCache', () => {
  it('serves an entry for its TTL, then forgets it', () => {
    const { c, clock } = cache();
    c.set('h', principal(), c.begin());
    expect(c.get('h')).toEqual(principal());
    clock.now += 999;
    expect(c.get('h')).toBeDefined();
    clock.now += 1;
    expect(c.get('h')).toBeUndefined();
    expect({ hits: c.hits, misses: c.misses }).toEqual({ hits: 2, misses: 1 });
  });

  it('holds at most `max` entries, the least recently used going first', () => {
    const { c } = cache(1000, 2);
    c.set('a', principal({ keyId: 'ka' }), c.begin());
    c.set('b', principal({ keyId: 'kb' }), c.begin());
    expect(c.get('a')).toBeDefined();
    c.set('c', principal({ keyId: 'kc' }), c.begin());
    expect(c.size).toBe(2);
    expect([c.get('a')?.keyId, c.get('b'), c.get('c')?.keyId]).toEqual(['ka', undefined, 'kc']);
  });

  it('stops serving a key at its expires_at, to the millisecond', () => {
    const { c, clock } = cache(10_000);
    c.set('h', principal({ expiresAt: new Date(clock.now + 500) }), c.begin());
    clock.now += 499;
    expect(c.get('h')).toBeDefined();
    clock.now += 1;
    expect(c.get('h')).toBeUndefined();
  });

  it.each<[string, 'api_key' | 'user' | 'account', string]>([
    ['the key', 'api_key', 'k1'],
    ['its user', 'user', 'u1'],
    ['its account', 'account', 'a1'],
  ])('drops the entries a change of %s touches, and only those', (_label, kind, id) => {
    const { c } = cache();
    c.set('h1', principal(), c.begin());
    c.set('h2', principal({ keyId: 'k2', userId: 'u2', accountId: 'a2' }), c.begin());
    c.invalidate({ kind, id });
    expect(c.get('h1')).toBeUndefined();
    expect(c.get('h2')).toBeDefined();
  });

  it('does not store what was read before an invalidation', () => {
    const { c } = cache();
    const epoch = c.begin();
    c.invalidate({ kind: 'user', id: 'someone-else' });
    c.set('h', principal(), epoch);
    expect(c.get('h')).toBeUndefined();
  });

  it('is off with a TTL of 0, and bounded in size', () => {
    const off = cache(0).c;
    off.set('h', principal(), off.begin());
    expect(off.get('h')).toBeUndefined();
    const { c } = cache(1000, 2);
    for (const h of ['a', 'b', 'c']) c.set(h, principal(), c.begin());
    expect(c.size).toBe(2);
    expect(c.get('a')).toBeUndefined();
  });

  it('clear() drops everything', () => {
    const { c } = cache();
    c.set('h', principal(), c.begin());
    c.clear();
    expect(c.get('h')).toBeUndefined();
  });
});
