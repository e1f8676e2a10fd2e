import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsDefined, IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { API_KEY_SCOPES } from '../../auth/scopes';
import type { ApiKeyScope } from '../../auth/scopes';
import { API_KEY_SCOPE_SCHEMA } from './api-key-scope';
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

  @ApiPropertyOptional({
    title: 'Scopes',
    description:
      'What the key may do. Omitted: the scopes of the key making this request (every scope for an unrestricted ' +
      'key, as in LEADR). A key never mints a key with a scope it lacks itself (403). A `read` scope allows the ' +
      'GET operations of its kind, a `write` scope the POST and PATCH ones.',
    ...API_KEY_SCOPE_SCHEMA,
    isArray: true,
    example: ['users:read'],
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes?: ApiKeyScope[];
}
