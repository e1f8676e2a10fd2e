import { CursorDirection } from './cursor-codec';
import { PagePosition } from './page-position';
import { Page } from './paginated-response';

// Turns the rows fetched for one page (up to limit + 1, in fetch order) into the page and its
// metadata. `cursorAt(direction, row)` makes a cursor continuing from a row; with no row (an empty
// page) it continues from the position the request started at. A `tail` list (a feed read oldest
// first) keeps a next cursor on its last page and on an empty page, to poll for what comes later.
export function buildPage<T>(
  rows: T[],
  limit: number,
  position: PagePosition,
  cursorAt: (direction: CursorDirection, row: T | undefined) => string,
  tail = false,
): Page<T> {
  const forward = position.direction === 'next';
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  if (!forward) items.reverse();
  const hasNext = forward ? hasMore : true;
  const hasPrev = forward ? position.key !== null : hasMore;
  return {
    items,
    meta: {
      next_cursor: hasNext || tail ? cursorAt('next', items[items.length - 1]) : null,
      prev_cursor: hasPrev ? cursorAt('prev', items[0]) : null,
      has_next: hasNext,
      has_prev: hasPrev,
      count: items.length,
    },
  };
}
