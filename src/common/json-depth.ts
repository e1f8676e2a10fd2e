// How deeply a request body may nest objects and arrays. The DTOs need 2 levels; 32 leaves room
// for any sane client while keeping recursive code (class-transformer, class-validator) far from
// the stack limit that a body of 100 kB could otherwise reach (50,000 levels of "[").
export const MAX_JSON_DEPTH = 32;

// Whether a parsed JSON value nests objects/arrays more than `limit` levels deep (a scalar is 0
// levels, `[]` and `{}` are 1). Iterative, so any depth is measured without recursion.
export function jsonDepthExceeds(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
