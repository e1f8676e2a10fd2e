import { ApiProperty } from '@nestjs/swagger';

export class PaginationMeta {
  @ApiProperty({
    title: 'Next Cursor',
    description: 'Cursor for the next page of results',
    type: String,
    nullable: true,
    required: false,
  })
  next_cursor: string | null;

  @ApiProperty({
    title: 'Prev Cursor',
    description: 'Cursor for the previous page of results',
    type: String,
    nullable: true,
    required: false,
  })
  prev_cursor: string | null;

  @ApiProperty({ title: 'Has Next', description: 'Whether there are more results after this page' })
  has_next: boolean;

  @ApiProperty({ title: 'Has Prev', description: 'Whether there are results before this page' })
  has_prev: boolean;

  @ApiProperty({ title: 'Count', description: 'Number of items in this page', type: 'integer' })
  count: number;
}
