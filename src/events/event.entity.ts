import { Check, Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { HandWrittenIndexes } from '../database/hand-written-indexes';
import { timestampColumn } from '../database/timestamps';

export const EVENT_TYPES = [
  'account.created',
  'account.updated',
  'account.deleted',
  'user.created',
  'user.updated',
  'user.deleted',
  'api_key.created',
  'api_key.updated',
  'api_key.deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type ResourceKind = 'account' | 'user' | 'api_key';

// Rows are written with plain SQL (events.repository.ts), which sets `tx`; the entity is for reads.
@Entity({ name: 'events' })
@HandWrittenIndexes('ux_events_id', 'ix_events_position', 'ix_events_account_position', 'ix_events_resource_position', 'ix_events_created')
export class ResourceEvent {
  @PrimaryGeneratedColumn('identity', { name: 'seq', type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_events' })
  seq: string;

  @Column({ type: 'bigint' })
  tx: string;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  type: EventType;

  @Column({ name: 'type_group', type: 'varchar', length: 16 })
  typeGroup: ResourceKind;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 40 })
  resourceId: string;

  @Column({ name: 'actor_api_key_id', type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  // The user that minted the actor's key, when that key belongs to someone else.
  @Column({ name: 'actor_minted_by_user_id', type: 'uuid', nullable: true })
  actorMintedByUserId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, { from: unknown; to: unknown }> | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @timestampColumn('created_at')
  createdAt: Date;
}

@Entity({ name: 'event_horizon' })
@Check('ck_event_horizon_single', 'id = 1')
export class EventHorizon {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_event_horizon' })
  id: number;

  @Column({ type: 'bigint' })
  tx: string;

  @Column({ type: 'bigint' })
  seq: string;
}
