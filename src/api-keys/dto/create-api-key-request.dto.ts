import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsISO8601, IsOptional, IsString } from 'class-validator';
import { idExample } from '../../common/ids';
import { IsFutureDate } from '../../common/is-future-date';
import { PrefixedId } from '../../common/prefixed-id';
import { NameText } from '../../common/text';

export class CreateAPIKeyRequest {
  @ApiProperty({ title: 'Account Id', description: 'ID of the account this API key belongs to', example: idExample('acc') })
  @IsDefined()
  @PrefixedId('acc')
  account_id: string;

  @ApiProperty({ title: 'User Id', description: 'ID of the user who owns this API key', example: idExample('usr') })
  @IsDefined()
  @PrefixedId('usr')
  user_id: string;

  @ApiProperty({
    title: 'Name',
    description: "Human-readable name for the API key (e.g., 'Production Server')",
    minLength: 1,
    maxLength: 100,
    example: 'Production Server',
  })
  @IsDefined()
  @NameText(1, 100)
  name: string;

  @ApiPropertyOptional({
    title: 'Expires At',
    description: 'Optional expiration timestamp (UTC). Key never expires if omitted',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true })
  @IsFutureDate()
  expires_at?: string | null;
}
