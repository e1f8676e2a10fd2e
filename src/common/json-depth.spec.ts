import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const nestedArrays = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('jsonDepthExceeds', () => {
  it.each([
    [1, 0],
    ['text', 0],
    [null, 0],
    [[], 1],
    [{}, 1],
    [{ a: [1, { b: 2 }] }, 3],
  ])('measures %j as %i levels', (value, depth) => {
    expect(jsonDepthExceeds(value, depth)).toBe(false);
    if (depth > 0) expect(jsonDepthExceeds(value, depth - 1)).toBe(true);
  });

  it(`allows ${MAX_JSON_DEPTH} levels by default and refuses one more`, () => {
    expect(jsonDepthExceeds(nestedArrays(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nestedArrays(MAX_JSON_DEPTH + 1))).toBe(true);
    const objects = JSON.parse('{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1));
    expect(jsonDepthExceeds(objects)).toBe(true);
  });

  it('measures the deepest branch, not the first', () => {
    expect(jsonDepthExceeds([1, [2], { x: nestedArrays(MAX_JSON_DEPTH) }])).toBe(true);
  });

  it('measures 50,000 levels without overflowing the stack', () => {
    expect(jsonDepthExceeds(nestedArrays(50_000))).toBe(true);
  });
});
