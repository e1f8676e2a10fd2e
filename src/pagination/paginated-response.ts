import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { PaginationMeta } from './pagination-meta.dto';

export interface Page<T> {
  items: T[];
  meta: PaginationMeta;
}

export interface PaginatedResponse<R> {
  data: R[];
  pagination: PaginationMeta;
}

// A response class per item type, named as FastAPI names its generics
// (`PaginatedResponse_UserResponse_`), since @nestjs/swagger names schemas after classes.
export function PaginatedResponseOf<R>(item: Type<R>) {
  class Paginated implements PaginatedResponse<R> {
    @ApiProperty({ title: 'Data', description: 'List of items in this page', type: () => [item] })
    data: R[];

    @ApiProperty({ description: 'Pagination metadata', type: () => PaginationMeta })
    pagination: PaginationMeta;

    static fromPage<T>(page: Page<T>, toResponse: (entity: T) => R): PaginatedResponse<R> {
      return { data: page.items.map(toResponse), pagination: page.meta };
    }
  }
  Object.defineProperty(Paginated, 'name', { value: `PaginatedResponse_${item.name}_` });
  return Paginated;
}
