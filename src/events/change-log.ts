import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transaction } from '../database/sql/sql';
import type { FollowUp } from '../database/sql/row-query';
import type { AuthContext } from '../auth/auth-context';
import { formatId, IdPrefix } from '../common/ids';
import { EventType, ResourceKind } from './event.entity';
import { EventsRepository, NewEvent } from './events.repository';

// Who made a change: the caller's key and user; null for the first-start bootstrap.
// `mintedByUserId`: the user that minted that key, when the key belongs to someone else (who really
// held the key).
export interface Actor {
  apiKeyId: string;
  userId: string;
  mintedByUserId?: string | null;
}

export const actorOf = (auth: AuthContext): Actor => ({
  apiKeyId: auth.apiKeyId,
  userId: auth.userId,
  mintedByUserId: auth.mintedByUserId,
});

// The resource an event is about.
export interface Subject {
  id: string;
  accountId: string;
}

// Representations are what GET returns for the resource (never a key or a hash).
type Representation = object;

// A representation's field (`created_at`) and the inserted row's column it comes from.
export type StampedFields = Record<string, string>;

// What a representation made before its row is inserted holds where the database sets the time
// (createdByInsert replaces it); never sent or stored.
export const STAMPED_BY_THE_INSERT = new Date(0);

const PREFIXES: Record<ResourceKind, IdPrefix> = { account: 'acc', user: 'usr', api_key: 'key' };
// A change to these alone is bookkeeping, not an event.
const NOT_CHANGES = new Set(['updated_at']);

// Appends the audit trail inside the transaction of the change it describes, and does nothing
// else: the callers invalidate principals (auth/principal-invalidation.ts) and run the delete
// cascades (cascades/delete-cascades.ts) themselves.
@Injectable()
export class ChangeLog {
  constructor(private readonly events: EventsRepository) {}

  async created(manager: Transaction, actor: Actor | null, kind: ResourceKind, subject: Subject, data: Representation) {
    await this.events.append(manager, this.event(`${kind}.created` as EventType, kind, subject, actor, null, data));
  }

  // The `.created` event of a row that insertRowWhere inserts, as a follow-up of that one statement
  // (so the event commits with the row, in the same transaction: the feed's order is the
  // transaction's id, see events.repository.ts). `data` is the representation made before the
  // insert, with STAMPED_BY_THE_INSERT for the timestamps the database sets: those fields are
  // replaced by the inserted row's own values, formatted as the API formats them.
  createdByInsert(actor: Actor | null, kind: ResourceKind, subject: Subject, data: Representation, stamped: StampedFields): FollowUp {
    return this.events.appendFromInserted(this.event(`${kind}.created` as EventType, kind, subject, actor, null, data), stamped);
  }

  // Writes nothing when the representation did not change.
  async updated(
    manager: Transaction,
    actor: Actor | null,
    kind: ResourceKind,
    subject: Subject,
    before: Representation,
    after: Representation,
  ): Promise<void> {
    const changes = diff(before, after);
    if (changes === null) return;
    await this.events.append(manager, this.event(`${kind}.updated` as EventType, kind, subject, actor, changes, after));
  }

  // After an update that may also have soft-deleted the resource.
  async changed(
    manager: Transaction,
    actor: Actor | null,
    kind: ResourceKind,
    subject: Subject,
    before: Representation,
    after: Representation,
    deleted: boolean,
  ): Promise<void> {
    if (deleted) await this.deleted(manager, actor, kind, subject, after);
    else await this.updated(manager, actor, kind, subject, before, after);
  }

  // `data` is the resource's last state.
  async deleted(manager: Transaction, actor: Actor | null, kind: ResourceKind, subject: Subject, data: Representation) {
    await this.events.append(manager, this.event(`${kind}.deleted` as EventType, kind, subject, actor, null, data));
  }

  private event(
    type: EventType,
    kind: ResourceKind,
    subject: Subject,
    actor: Actor | null,
    changes: NewEvent['changes'],
    data: Representation,
  ): NewEvent {
    return {
      id: randomUUID(),
      type,
      typeGroup: kind,
      accountId: subject.accountId,
      resourceId: formatId(PREFIXES[kind], subject.id),
      actorApiKeyId: actor?.apiKeyId ?? null,
      actorUserId: actor?.userId ?? null,
      actorMintedByUserId: actor?.mintedByUserId ?? null,
      changes,
      data: data as Record<string, unknown>,
    };
  }
}

// `{"field": {"from", "to"}}` for every field of the representation that changed, or null.
export function diff(before: Representation, after: Representation): NewEvent['changes'] {
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of new Set([...Object.keys(was), ...Object.keys(is)])) {
    if (NOT_CHANGES.has(field) || JSON.stringify(was[field]) === JSON.stringify(is[field])) continue;
    changes[field] = { from: was[field] ?? null, to: is[field] ?? null };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
