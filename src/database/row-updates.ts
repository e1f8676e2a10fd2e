import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export interface Stamps {
  updatedAt: Date;
  deletedAt: Date | null;
}

// Updates one row by id, stamping updated_at (and deleted_at when soft-deleting) with the database
// clock, and returns the stamps as stored.
export async function updateById<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  values: QueryDeepPartialEntity<T>,
  softDelete: boolean,
): Promise<Stamps> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({
      ...values,
      ...(softDelete && { deletedAt: () => 'now()' }),
      updatedAt: () => 'now()',
    } as QueryDeepPartialEntity<T>)
    .where('id = :id', { id })
    .returning('updated_at, deleted_at')
    .execute();
  const [row] = result.raw as Array<{ updated_at: Date; deleted_at: Date | null }>;
  return { updatedAt: row.updated_at, deletedAt: row.deleted_at };
}

// Soft-deletes the live rows that hang off a deleted parent, so none outlives it in the API, and
// returns them as stored (row-locked first, so each is deleted, and reported, exactly once).
export async function softDeleteLive<T extends ObjectLiteral & Stamps & { id: string }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  parentColumn: 'account_id' | 'user_id',
  parentId: string,
): Promise<T[]> {
  const repository = manager.getRepository(target);
  const rows = await repository
    .createQueryBuilder('r')
    .where(`r.${parentColumn} = :parentId AND r.deleted_at IS NULL`, { parentId })
    .orderBy('r.id')
    .setLock('pessimistic_write')
    .getMany();
  if (rows.length === 0) return [];
  // Wrapped in a SELECT: TypeORM's query() returns [rows, count] for a bare UPDATE … RETURNING.
  const stamped: Array<{ id: string; updated_at: Date; deleted_at: Date }> = await manager.query(
    `WITH stamped AS (
       UPDATE ${repository.metadata.tableName} SET deleted_at = now(), updated_at = now()
        WHERE id = ANY($1::uuid[]) RETURNING id, updated_at, deleted_at)
     SELECT * FROM stamped`,
    [rows.map((row) => row.id)],
  );
  const stamps = new Map(stamped.map((row) => [row.id, row]));
  return rows.map((row) =>
    Object.assign(row, { updatedAt: stamps.get(row.id)!.updated_at, deletedAt: stamps.get(row.id)!.deleted_at }),
  );
}
