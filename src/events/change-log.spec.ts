import { diff } from './change-log';

describe('diff', () => {
  it('lists each changed field with its old and new value', () => {
    expect(diff({ name: 'a', slug: 's', status: 'active' }, { name: 'b', slug: 's', status: 'suspended' })).toEqual({
      name: { from: 'a', to: 'b' },
      status: { from: 'active', to: 'suspended' },
    });
  });

  it('is null when nothing but updated_at changed', () => {
    expect(diff({ name: 'a', updated_at: '1' }, { name: 'a', updated_at: '2' })).toBeNull();
  });

  it('compares values, not references, and reports null for fields that appear or disappear', () => {
    expect(diff({ tags: ['x'], gone: 1 }, { tags: ['x'], added: 2 })).toEqual({
      gone: { from: 1, to: null },
      added: { from: null, to: 2 },
    });
  });
});
