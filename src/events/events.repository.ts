import { Injectable } from '@nestjs/common';
import { Executor, Sql } from '../database/sql/sql';
import { DomainError } from '../common/errors';
import { FollowUp, rowsOf, StatementPart } from '../database/sql/row-query';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { ListSpec, PaginationService } from '../pagination/pagination.service';
import { EventType, ResourceEvent, ResourceKind } from './event.entity';

export type NewEvent = Pick<
  ResourceEvent,
  'id' | 'type' | 'typeGroup' | 'accountId' | 'resourceId' | 'actorApiKeyId' | 'actorUserId' | 'actorMintedByUserId' | 'changes' | 'data'
>;

export interface EventFilters {
  type?: EventType;
  typeGroup?: ResourceKind;
  resourceId?: string;
}

export interface Position {
  tx: string;
  seq: string;
}

// The feed's order is (tx, seq): the id of the transaction that wrote the event, then the event's
// sequence number. A plain (created_at, id) keyset would skip events: a transaction that started
// earlier can commit after a reader has moved past its timestamp. Here a reader only ever sees
// events whose transaction id is below the oldest transaction still in flight
// (pg_snapshot_xmin of its snapshot). Every transaction below that line has ended, and every
// transaction that has not written yet will get a larger id, so no event can ever appear below a
// position a reader has already passed: following next_cursor yields each event exactly once, in an
// order that never changes. The price: an event becomes visible when every transaction that began
// writing before it has ended (statements are time-bounded, so this is milliseconds in practice).
const VISIBLE = 'e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

const FEED_FIELDS = {
  // The API calls the feed order `created_at`; ties within one transaction are broken by `id`.
  created_at: { column: 'tx', property: 'tx', kind: 'bigint' as const },
  id: { column: 'seq', property: 'seq', kind: 'bigint' as const },
};

const RETENTION_LOCK_ID = 4_217_004;

const eventParts = new WeakMap<Record<string, string>, StatementPart>();

function eventFromInserted(stamped: Record<string, string>): StatementPart {
  let part = eventParts.get(stamped);
  if (part === undefined) {
    const stamps = Object.entries(stamped)
      .map(([field, column]) => `'${field}', to_char(inserted."${column}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)
      .join(', ');
    part = {
      sql:
        `INSERT INTO events (tx, id, type, type_group, account_id, resource_id, actor_api_key_id, actor_user_id, actor_minted_by_user_id, changes, data) ` +
        `SELECT pg_current_xact_id()::text::bigint, CAST(:e_id AS uuid), CAST(:e_type AS varchar), CAST(:e_type_group AS varchar), ` +
        `CAST(:e_account_id AS uuid), CAST(:e_resource_id AS varchar), CAST(:e_actor_api_key_id AS uuid), CAST(:e_actor_user_id AS uuid), ` +
        `CAST(:e_actor_minted_by_user_id AS uuid), ` +
        `CAST(:e_changes AS jsonb), CAST(:e_data AS jsonb)${stamps === '' ? '' : ` || jsonb_build_object(${stamps})`} FROM inserted`,
    };
    eventParts.set(stamped, part);
  }
  return part;
}

@Injectable()
export class EventsRepository {
  constructor(
    private readonly sql: Sql,
    private readonly pagination: PaginationService,
  ) {}

  async append(db: Executor, event: NewEvent): Promise<void> {
    await db.rows(
      `INSERT INTO events (tx, id, type, type_group, account_id, resource_id, actor_api_key_id, actor_user_id, changes, data, actor_minted_by_user_id)
       VALUES (pg_current_xact_id()::text::bigint, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        event.id,
        event.type,
        event.typeGroup,
        event.accountId,
        event.resourceId,
        event.actorApiKeyId,
        event.actorUserId,
        event.changes === null ? null : JSON.stringify(event.changes),
        JSON.stringify(event.data),
        event.actorMintedByUserId,
      ],
    );
  }

  // The event as a follow-up of an insert (insertRowWhere): one INSERT … SELECT FROM inserted. Each
  // field of `stamped` is set in `data` from the inserted row's column, formatted like
  // Date.toISOString() of the value the API reads (UTC, milliseconds, the microseconds dropped).
  // `stamped` is a constant of its caller: its statement part is made once.
  appendFromInserted(event: NewEvent, stamped: Record<string, string>): FollowUp {
    return {
      part: eventFromInserted(stamped),
      params: {
        e_id: event.id,
        e_type: event.type,
        e_type_group: event.typeGroup,
        e_account_id: event.accountId,
        e_resource_id: event.resourceId,
        e_actor_api_key_id: event.actorApiKeyId,
        e_actor_user_id: event.actorUserId,
        e_actor_minted_by_user_id: event.actorMintedByUserId,
        e_changes: event.changes === null ? null : JSON.stringify(event.changes),
        e_data: JSON.stringify(event.data),
      },
    };
  }

  async findById(id: string): Promise<ResourceEvent | null> {
    return rowsOf(this.sql, ResourceEvent, 'e').andWhere('e.id = :id', { id }).getOne();
  }

  // `accountId` null: every account (a superadmin's feed).
  async listPage(accountId: string | null, filters: EventFilters, page: PageQuery): Promise<Page<ResourceEvent>> {
    const spec: ListSpec = {
      resource: 'events',
      fields: FEED_FIELDS,
      defaultSort: [{ field: 'created_at', direction: 'asc' }],
      feedOrigin: ['0', '0'],
      // The horizon matters only to a cursor: a first page starts after it by definition.
      assertPosition: async (position) => {
        if (position.key !== null) assertAfterHorizon(position.key, await this.horizon());
      },
    };
    const query = rowsOf(this.sql, ResourceEvent, 'e').andWhere(VISIBLE);
    const columns = { account_id: accountId, type: filters.type, type_group: filters.typeGroup, resource_id: filters.resourceId };
    return this.pagination.paginate(query, spec, columns, page);
  }

  async horizon(): Promise<Position> {
    const [row] = await this.sql.rows<Position>('SELECT tx::text AS tx, seq::text AS seq FROM event_horizon WHERE id = 1');
    return row;
  }

  // Deletes the events older than the cutoff, oldest positions first, and moves the horizon past
  // them. Safe with several instances: one purges at a time, the others skip. Deletes by position,
  // so an event a few seconds younger than the cutoff may go with them (transactions that began
  // writing before an older one).
  async purgeOlderThan(cutoff: Date): Promise<number> {
    return this.sql.transaction(async (db) => {
      const [{ locked }] = await db.rows<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RETENTION_LOCK_ID]);
      if (!locked) return 0;
      const [{ max }] = await db.rows<{ max: string | null }>(`SELECT max(tx)::text AS max FROM events WHERE created_at < $1`, [cutoff]);
      if (max === null) return 0;
      // Everything up to the newest position among the expired events (one transaction's events
      // share their created_at, so all of that transaction's events are expired).
      const [edge] = await db.rows<Position>(
        `SELECT tx::text AS tx, seq::text AS seq FROM events WHERE tx = $1 ORDER BY seq DESC LIMIT 1`,
        [max],
      );
      const [{ deleted }] = await db.rows<{ deleted: number }>(
        `WITH gone AS (DELETE FROM events WHERE (tx, seq) <= ($1::bigint, $2::bigint) RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [edge.tx, edge.seq],
      );
      await db.rows(
        `UPDATE event_horizon SET tx = $1, seq = $2 WHERE id = 1 AND (tx, seq) < ($1::bigint, $2::bigint)`,
        [edge.tx, edge.seq],
      );
      return deleted;
    });
  }
}

// A cursor before the horizon may have missed events that retention deleted.
function assertAfterHorizon(key: string[], horizon: Position): void {
  const [tx, seq] = key.map(BigInt);
  const [htx, hseq] = [BigInt(horizon.tx), BigInt(horizon.seq)];
  if (tx < htx || (tx === htx && seq < hseq)) {
    throw new DomainError('gone', 'This cursor points before the retention horizon: older events have been deleted');
  }
}
