import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { isoTime } from '../../common/iso-time';
import { formatId, idExample } from '../../common/ids';
import { EVENT_TYPES, ResourceEvent } from '../event.entity';
import type { EventType } from '../event.entity';

export class EventActor {
  @ApiProperty({ title: 'Api Key Id', description: 'The API key the change was made with', example: idExample('key') })
  api_key_id: string;

  @ApiProperty({ title: 'User Id', description: 'The user that key belongs to', example: idExample('usr') })
  user_id: string;

  @ApiPropertyOptional({
    title: 'Minted By User Id',
    description:
      'Present when the key belongs to another user than the one that minted it: the minter, who really held the key',
    example: idExample('usr'),
  })
  minted_by_user_id?: string;
}

const EVENT_TYPE_TEXT = [
  '`account.created`, `account.updated`, `account.deleted`: an account (deleting it deletes its users and keys, each with its own event)',
  '`user.created`, `user.updated`, `user.deleted`: a user (deleting it deletes its keys, each with its own event)',
  '`api_key.created`, `api_key.updated` (revocation changes `status`), `api_key.deleted`: an API key',
].join('; ');

export class EventResponse {
  @ApiProperty({ title: 'Id', description: 'Unique identifier for the event', example: idExample('evt') })
  id: string;

  @ApiProperty({ title: 'Type', enum: EVENT_TYPES, enumName: 'EventType', description: `What happened: ${EVENT_TYPE_TEXT}` })
  type: EventType;

  @ApiProperty({ title: 'Account Id', description: 'The account the resource belongs to (for account events, the account itself)', example: idExample('acc') })
  account_id: string;

  @ApiProperty({ title: 'Resource Id', description: 'The resource the event is about (`acc_…`, `usr_…` or `key_…`)', example: idExample('usr') })
  resource_id: string;

  @ApiProperty({
    title: 'Actor',
    description: 'Who made the change; null for changes made by the server itself (the first-start bootstrap)',
    type: () => EventActor,
    nullable: true,
  })
  actor: EventActor | null;

  @ApiProperty({
    title: 'Changes',
    description: 'For `*.updated` events: each field whose value changed, `{"field": {"from": …, "to": …}}`; null otherwise',
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    nullable: true,
    example: { display_name: { from: 'Ada', to: 'Ada Lovelace' } },
  })
  changes: Record<string, { from: unknown; to: unknown }> | null;

  @ApiProperty({
    title: 'Data',
    description:
      'The resource after the change, exactly as GET returns it (for `*.deleted` events, its last state). Never holds a plain key or a key hash.',
    oneOf: [
      { $ref: getSchemaPath('AccountResponse') },
      { $ref: getSchemaPath('UserResponse') },
      { $ref: getSchemaPath('APIKeyResponse') },
    ],
  })
  data: Record<string, unknown>;

  @ApiProperty({ title: 'Created At', description: 'When the change was made (UTC)', format: 'date-time' })
  created_at: string;

  static fromEntity(event: ResourceEvent): EventResponse {
    return {
      id: formatId('evt', event.id),
      type: event.type,
      account_id: formatId('acc', event.accountId),
      resource_id: event.resourceId,
      actor: actorOf(event),
      changes: event.changes,
      data: event.data,
      created_at: isoTime(event.createdAt),
    };
  }
}

function actorOf(event: ResourceEvent): EventActor | null {
  if (event.actorApiKeyId === null || event.actorUserId === null) return null;
  const actor: EventActor = { api_key_id: formatId('key', event.actorApiKeyId), user_id: formatId('usr', event.actorUserId) };
  if (event.actorMintedByUserId != null) actor.minted_by_user_id = formatId('usr', event.actorMintedByUserId);
  return actor;
}
