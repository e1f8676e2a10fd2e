import { ApiProperty } from '@nestjs/swagger';

export class HTTPError {
  @ApiProperty({ description: 'What went wrong', example: 'User not found' })
  detail: string;
}
