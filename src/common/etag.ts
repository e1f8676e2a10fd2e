import { hash } from 'node:crypto';

// A strong entity tag for a JSON representation: a hash of exactly the bytes sent (Express
// serialises a handler's value with JSON.stringify), so it changes exactly when they do.
export function etagOf(representation: unknown): string {
  return `"${hash('sha256', JSON.stringify(representation), 'base64url').slice(0, 32)}"`;
}

// The entity tags of an If-Match or If-None-Match header: "*" or a list of "tag" / W/"tag".
// Anything that is not an entity tag matches nothing.
export class EntityTagCondition {
  private constructor(
    private readonly any: boolean,
    private readonly tags: Array<{ weak: boolean; opaque: string }>,
  ) {}

  static parse(header: string | undefined): EntityTagCondition | null {
    if (header === undefined) return null;
    if (header.trim() === '*') return new EntityTagCondition(true, []);
    const tags = [...header.matchAll(/(W\/)?"([^"]*)"/g)].map((match) => ({ weak: match[1] !== undefined, opaque: match[2] }));
    return new EntityTagCondition(false, tags);
  }

  // If-Match: strong comparison, a weak tag never matches (RFC 9110, 13.1.1).
  matchesStrongly(etag: string): boolean {
    return this.any || this.tags.some((tag) => !tag.weak && `"${tag.opaque}"` === etag);
  }

  // If-None-Match: weak comparison, W/"x" matches "x" (RFC 9110, 13.1.2).
  matchesWeakly(etag: string): boolean {
    return this.any || this.tags.some((tag) => `"${tag.opaque}"` === etag);
  }
}
