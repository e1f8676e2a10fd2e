import { buildPage } from './page-builder';
import { FIRST_PAGE, PagePosition } from './page-position';

const cursorAt = (direction: string, row: number | undefined) => `${direction}@${row ?? 'start'}`;
const AFTER: PagePosition = { direction: 'next', key: ['k'] };
const BEFORE: PagePosition = { direction: 'prev', key: ['k'] };

describe('buildPage', () => {
  it('first page with more rows: a next cursor at the last item, no prev', () => {
    expect(buildPage([1, 2, 3], 2, FIRST_PAGE, cursorAt)).toEqual({
      items: [1, 2],
      meta: { next_cursor: 'next@2', prev_cursor: null, has_next: true, has_prev: false, count: 2 },
    });
  });

  it('last forward page: a prev cursor at the first item, no next', () => {
    expect(buildPage([3, 4], 2, AFTER, cursorAt).meta).toEqual({
      next_cursor: null,
      prev_cursor: 'prev@3',
      has_next: false,
      has_prev: true,
      count: 2,
    });
  });

  it('a prev page is flipped back into list order and always has a next page', () => {
    const page = buildPage([4, 3, 2], 2, BEFORE, cursorAt);
    expect(page.items).toEqual([3, 4]);
    expect(page.meta).toMatchObject({ next_cursor: 'next@4', prev_cursor: 'prev@3', has_next: true, has_prev: true });
  });

  it('the first prev page: no prev cursor when nothing lies before it', () => {
    expect(buildPage([2, 1], 2, BEFORE, cursorAt).meta).toMatchObject({ has_prev: false, prev_cursor: null, has_next: true });
  });

  it('an empty page after a cursor continues from where the request started', () => {
    expect(buildPage([], 2, AFTER, cursorAt).meta).toEqual({
      next_cursor: null,
      prev_cursor: 'prev@start',
      has_next: false,
      has_prev: true,
      count: 0,
    });
  });

  it('an empty first page has no cursors', () => {
    expect(buildPage([], 20, FIRST_PAGE, cursorAt).meta).toEqual({
      next_cursor: null,
      prev_cursor: null,
      has_next: false,
      has_prev: false,
      count: 0,
    });
  });
});

describe('buildPage for a feed (tail)', () => {
  it('keeps a next cursor on the last page, at its last item, without claiming more rows', () => {
    expect(buildPage([3, 4], 5, AFTER, cursorAt, true).meta).toMatchObject({ next_cursor: 'next@4', has_next: false });
  });

  it('keeps a next cursor on an empty page, where the request started', () => {
    expect(buildPage([], 5, AFTER, cursorAt, true).meta).toMatchObject({ next_cursor: 'next@start', has_next: false });
    expect(buildPage([], 5, FIRST_PAGE, cursorAt, true).meta).toMatchObject({ next_cursor: 'next@start', has_next: false });
  });
});
