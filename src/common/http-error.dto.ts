import { ApiProperty } from '@nestjs/swagger';

// Each operation documents the messages it really sends as examples of its error responses.
export class HTTPError {
  @ApiProperty({ description: 'What went wrong', example: 'Not Found' })
  detail: string;
}
