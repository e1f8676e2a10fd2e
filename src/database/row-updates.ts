import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { rowsOf, runSql, tableOf } from './row-query';

export interface Stamps {
  updatedAt: Date;
  deletedAt: Date | null;
}

// Updates one row by id, stamping updated_at (and deleted_at when soft-deleting) with the database
// clock, and returns the stamps as stored. `values` maps entity properties to their new values.
export async function updateById<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  values: Partial<T>,
  softDelete: boolean,
): Promise<Stamps> {
  const { table, column } = tableOf(manager, target);
  const set = Object.entries(values).filter(([, value]) => value !== undefined);
  const assignments = set.map(([property], index) => `"${column(property)}" = $${index + 2}`);
  if (softDelete) assignments.push('deleted_at = now()');
  assignments.push('updated_at = now()');
  const [row] = await runSql<{ updated_at: Date; deleted_at: Date | null }>(
    manager,
    `UPDATE ${table} SET ${assignments.join(', ')} WHERE id = $1 RETURNING updated_at, deleted_at`,
    [id, ...set.map(([, value]) => value as unknown)],
  );
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
  const rows = await rowsOf(manager, target, 'r')
    .andWhere(`r.${parentColumn} = :parentId AND r.deleted_at IS NULL`, { parentId })
    .orderBy('r.id')
    .setLock('pessimistic_write')
    .getMany();
  if (rows.length === 0) return [];
  const stamped = await runSql<{ id: string; updated_at: Date; deleted_at: Date }>(
    manager,
    `UPDATE ${tableOf(manager, target).table} SET deleted_at = now(), updated_at = now()
      WHERE id = ANY($1::uuid[]) RETURNING id, updated_at, deleted_at`,
    [rows.map((row) => row.id)],
  );
  const stamps = new Map(stamped.map((row) => [row.id, row]));
  return rows.map((row) =>
    Object.assign(row, { updatedAt: stamps.get(row.id)!.updated_at, deletedAt: stamps.get(row.id)!.deleted_at }),
  );
}
