import { EntityTarget, ObjectLiteral } from 'typeorm';
import { columnValue, rowsOf, tableOf } from './row-query';
import type { Executor } from './sql';

export interface Stamps {
  updatedAt: Date;
  deletedAt: Date | null;
}

// Updates one row by id, stamping updated_at (and deleted_at when soft-deleting) with the database
// clock, and returns the stamps as stored. `values` maps entity properties to their new values.
export async function updateById<T extends ObjectLiteral>(
  executor: Executor,
  target: EntityTarget<T>,
  id: string,
  values: Partial<T>,
  softDelete: boolean,
): Promise<Stamps> {
  const { table, column } = tableOf(executor, target);
  const set = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([property, value]) => ({ column: column(property), value }));
  const assignments = set.map(({ column }, index) => `"${column.database}" = $${index + 2}`);
  if (softDelete) assignments.push('deleted_at = now()');
  assignments.push('updated_at = now()');
  const [row] = await executor.rows<{ updated_at: Date; deleted_at: Date | null }>(
    `UPDATE ${table} SET ${assignments.join(', ')} WHERE id = $1 RETURNING updated_at, deleted_at`,
    [id, ...set.map(({ column, value }) => columnValue(column, value))],
  );
  return { updatedAt: row.updated_at, deletedAt: row.deleted_at };
}

// Soft-deletes the live rows that hang off a deleted parent, so none outlives it in the API, and
// returns them as stored (row-locked first, so each is deleted, and reported, exactly once).
export async function softDeleteLive<T extends ObjectLiteral & Stamps & { id: string }>(
  executor: Executor,
  target: EntityTarget<T>,
  parentColumn: 'account_id' | 'user_id',
  parentId: string,
): Promise<T[]> {
  const rows = await rowsOf(executor, target, 'r')
    .andWhere(`r.${parentColumn} = :parentId AND r.deleted_at IS NULL`, { parentId })
    .orderBy('r.id')
    .setLock('pessimistic_write')
    .getMany();
  if (rows.length === 0) return [];
  const stamped = await executor.rows<{ id: string; updated_at: Date; deleted_at: Date }>(
    `UPDATE ${tableOf(executor, target).table} SET deleted_at = now(), updated_at = now()
      WHERE id = ANY($1::uuid[]) RETURNING id, updated_at, deleted_at`,
    [rows.map((row) => row.id)],
  );
  const stamps = new Map(stamped.map((row) => [row.id, row]));
  return rows.map((row) =>
    Object.assign(row, { updatedAt: stamps.get(row.id)!.updated_at, deletedAt: stamps.get(row.id)!.deleted_at }),
  );
}
