import { ApiProperty } from '@nestjs/swagger';

export class ValidationError {
  @ApiProperty({
    title: 'Location',
    type: 'array',
    items: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    example: ['body', 'email'],
  })
  loc: (string | number)[];

  @ApiProperty({ title: 'Message', example: 'Field required' })
  msg: string;

  @ApiProperty({ title: 'Error Type', example: 'missing' })
  type: string;
}
