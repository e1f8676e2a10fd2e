import { ApiProperty } from '@nestjs/swagger';
import { formatId, idExample } from '../../common/ids';
import { ApiKey } from '../api-key.entity';
import type { ApiKeyStatusValue } from '../api-key.entity';
import { API_KEY_STATUS_SCHEMA } from './api-key-status';

export class CreateAPIKeyResponse {
  @ApiProperty({ title: 'Id', description: 'Unique identifier for the API key', example: idExample('key') })
  id: string;

  @ApiProperty({ title: 'Name', description: 'Human-readable name for the API key' })
  name: string;

  @ApiProperty({ title: 'Key', description: 'Plain text API key. ONLY returned at creation - save this securely!' })
  key: string;

  @ApiProperty({ title: 'Prefix', description: 'Key prefix for identification (first 8 characters)', example: 'ldr_AbCd' })
  prefix: string;

  @ApiProperty({ ...API_KEY_STATUS_SCHEMA, description: 'Current status of the API key' })
  status: ApiKeyStatusValue;

  @ApiProperty({
    title: 'Expires At',
    description: 'Expiration timestamp (UTC), or null if never expires',
    type: String,
    format: 'date-time',
    nullable: true,
    required: false,
  })
  expires_at: string | null;

  @ApiProperty({ title: 'Created At', description: 'Timestamp when the key was created (UTC)', format: 'date-time' })
  created_at: string;

  static fromEntity(apiKey: ApiKey, plainKey: string): CreateAPIKeyResponse {
    return {
      id: formatId('key', apiKey.id),
      name: apiKey.name,
      key: plainKey,
      prefix: apiKey.prefix,
      status: apiKey.status,
      expires_at: apiKey.expiresAt?.toISOString() ?? null,
      created_at: apiKey.createdAt.toISOString(),
    };
  }
}
