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

// Soft-deletes the live rows that hang off a deleted parent, so none outlives it in the API.
export async function softDeleteChildren(
  manager: EntityManager,
  table: 'users' | 'api_keys',
  parentColumn: 'account_id' | 'user_id',
  parentId: string,
): Promise<void> {
  await manager.query(
    `UPDATE ${table} SET deleted_at = now(), updated_at = now() WHERE ${parentColumn} = $1 AND deleted_at IS NULL`,
    [parentId],
  );
}
