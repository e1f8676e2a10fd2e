import type { components } from './schema';

export type PaginationMeta = components['schemas']['PaginationMeta'];

export interface Page<T> {
  data: T[];
  pagination: PaginationMeta;
}

// Every item of a list, page after page, following next_cursor until has_next is false. Pages are
// fetched lazily: stopping the loop early fetches nothing more.
export class Paginated<T> implements AsyncIterable<T> {
  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {}

  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.fetchPage(cursor);
      yield page;
      cursor = page.pagination.has_next ? (page.pagination.next_cursor ?? undefined) : undefined;
    } while (cursor !== undefined);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}
