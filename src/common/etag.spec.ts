import { EntityTagCondition, etagOf } from './etag';
import { DomainError } from './errors';
import { Precondition } from './precondition';

describe('etagOf', () => {
  const representation = { id: 'usr_1', display_name: 'Ada', updated_at: '2026-01-01T00:00:00.000Z' };

  it('is a strong, quoted tag of URL-safe characters', () => {
    expect(etagOf(representation)).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
  });

  it('is the same for the same representation and differs when any field differs', () => {
    expect(etagOf({ ...representation })).toBe(etagOf(representation));
    expect(etagOf({ ...representation, display_name: 'Adah' })).not.toBe(etagOf(representation));
    expect(etagOf({ ...representation, updated_at: '2026-01-01T00:00:00.001Z' })).not.toBe(etagOf(representation));
    expect(etagOf({ ...representation, last_used_at: null })).not.toBe(etagOf(representation));
  });
});

describe('EntityTagCondition', () => {
  const etag = '"abc"';

  it('is null without the header', () => {
    expect(EntityTagCondition.parse(undefined)).toBeNull();
  });

  it.each<[string, boolean, boolean]>([
    ['"abc"', true, true],
    [' "abc" ', true, true],
    ['"x", "abc"', true, true],
    ['"x","abc"', true, true],
    ['*', true, true],
    ['W/"abc"', false, true],
    ['"abcd"', false, false],
    ['abc', false, false],
    ['', false, false],
    ['W/"x", W/"y"', false, false],
  ])('%j: strong match %s, weak match %s', (header, strong, weak) => {
    const condition = EntityTagCondition.parse(header)!;
    expect(condition.matchesStrongly(etag)).toBe(strong);
    expect(condition.matchesWeakly(etag)).toBe(weak);
  });
});

describe('Precondition', () => {
  const represent = (resource: { name: string }) => ({ name: resource.name });
  const current = { name: 'Acme' };

  it('passes without If-Match, with *, and with the current ETag', () => {
    expect(() => Precondition.none<typeof current>().assertMetBy(current)).not.toThrow();
    expect(() => Precondition.ifMatch(undefined, represent).assertMetBy(current)).not.toThrow();
    expect(() => Precondition.ifMatch('*', represent).assertMetBy(current)).not.toThrow();
    expect(() => Precondition.ifMatch(etagOf(represent(current)), represent).assertMetBy(current)).not.toThrow();
  });

  it('fails with a 412 domain error when the representation has changed', () => {
    const stale = Precondition.ifMatch(etagOf({ name: 'Old' }), represent);
    let caught: unknown;
    try {
      stale.assertMetBy(current);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'precondition_failed' });
  });
});
