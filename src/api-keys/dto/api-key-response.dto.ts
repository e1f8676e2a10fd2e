import { ApiProperty } from '@nestjs/swagger';
import { isoTime } from '../../common/iso-time';
import { formatId, idExample } from '../../common/ids';
import { ApiKey } from '../api-key.entity';
import { API_KEY_MAX_ROLES } from '../api-key.entity';
import type { ApiKeyMaxRole, ApiKeyStatusValue } from '../api-key.entity';
import { API_KEY_STATUS_SCHEMA } from './api-key-status';
import type { ApiKeyScope } from '../../auth/scopes';
import { API_KEY_SCOPE_SCHEMA } from './api-key-scope';

// Never carries the key or its hash.
export class APIKeyResponse {
  @ApiProperty({ title: 'Id', description: 'Unique identifier for the API key', example: idExample('key') })
  id: string;

  @ApiProperty({ title: 'Account Id', description: 'ID of the account this key belongs to', example: idExample('acc') })
  account_id: string;

  @ApiProperty({ title: 'User Id', description: 'ID of the user who owns this API key', example: idExample('usr') })
  user_id: string;

  @ApiProperty({ title: 'Name', description: 'Human-readable name for the API key' })
  name: string;

  @ApiProperty({ title: 'Prefix', description: 'Key prefix for identification (first 8 characters)', example: 'ldr_AbCd' })
  prefix: string;

  @ApiProperty({ ...API_KEY_STATUS_SCHEMA, description: 'Current status (active, revoked, expired)' })
  status: ApiKeyStatusValue;

  @ApiProperty({
    title: 'Last Used At',
    description: 'Timestamp of last successful authentication (UTC)',
    type: String,
    format: 'date-time',
    nullable: true,
    required: false,
  })
  last_used_at: string | null;

  @ApiProperty({
    title: 'Expires At',
    description: 'Expiration timestamp (UTC), or null if never expires',
    type: String,
    format: 'date-time',
    nullable: true,
    required: false,
  })
  expires_at: string | null;

  @ApiProperty({
    title: 'Max Role',
    enum: API_KEY_MAX_ROLES,
    enumName: 'APIKeyMaxRole',
    description:
      "The most this key may act as. 'superadmin': the key acts with its owner's role, whatever it is at the time " +
      "(keys minted by a superadmin). 'user': the key acts as a regular user of its account even if its owner is " +
      'or becomes a superadmin (keys minted by a regular user).',
  })
  max_role: ApiKeyMaxRole;

  @ApiProperty({
    ...API_KEY_SCOPE_SCHEMA,
    isArray: true,
    title: 'Scopes',
    description: 'What the key may do; an operation needing a scope the key lacks is refused with 403',
  })
  scopes: ApiKeyScope[];

  @ApiProperty({
    title: 'Created By Key Id',
    description: 'The API key that minted this key; null for the first-start superadmin key',
    type: String,
    nullable: true,
    example: idExample('key'),
  })
  created_by_key_id: string | null;

  @ApiProperty({
    title: 'Created By User Id',
    description: 'The user whose key minted this key; null for the first-start superadmin key',
    type: String,
    nullable: true,
    example: idExample('usr'),
  })
  created_by_user_id: string | null;

  @ApiProperty({ title: 'Created At', description: 'Timestamp when the key was created (UTC)', format: 'date-time' })
  created_at: string;

  @ApiProperty({ title: 'Updated At', description: 'Timestamp of last update (UTC)', format: 'date-time' })
  updated_at: string;

  static fromEntity(apiKey: ApiKey): APIKeyResponse {
    return {
      id: formatId('key', apiKey.id),
      account_id: formatId('acc', apiKey.accountId),
      user_id: formatId('usr', apiKey.userId),
      name: apiKey.name,
      prefix: apiKey.prefix,
      status: apiKey.status,
      last_used_at: apiKey.lastUsedAt ? isoTime(apiKey.lastUsedAt) : null,
      expires_at: apiKey.expiresAt ? isoTime(apiKey.expiresAt) : null,
      max_role: apiKey.maxRole,
      scopes: [...apiKey.scopes],
      created_by_key_id: apiKey.createdByKeyId == null ? null : formatId('key', apiKey.createdByKeyId),
      created_by_user_id: apiKey.createdByUserId == null ? null : formatId('usr', apiKey.createdByUserId),
      created_at: isoTime(apiKey.createdAt),
      updated_at: isoTime(apiKey.updatedAt),
    };
  }
}
