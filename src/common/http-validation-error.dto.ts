import { ApiProperty } from '@nestjs/swagger';
import { ValidationError } from './validation-error.dto';

export class HTTPValidationError {
  @ApiProperty({ title: 'Detail', type: () => [ValidationError] })
  detail: ValidationError[];
}
