import { HEAP_GROWING_PERCENT, heapGrowthFlag } from './heap-growth';

describe('the heap growth bound', () => {
  it('is set when the operator gave none', () => {
    expect(heapGrowthFlag([], undefined)).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowthFlag(['--enable-source-maps'], '--max-old-space-size=512')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves the operator's own value alone, on the command line or in NODE_OPTIONS, in either spelling", () => {
    expect(heapGrowthFlag(['--heap-growing-percent=100'], undefined)).toBeNull();
    expect(heapGrowthFlag([], '--enable-source-maps --heap_growing_percent=20')).toBeNull();
  });
});
