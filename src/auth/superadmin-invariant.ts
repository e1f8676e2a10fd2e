import { Transaction } from '../database/sql/sql';

// Invariant: at least one live, active superadmin in a live, active account always remains, so the
// API can never lock itself out. Every change that could break it (demoting, deleting, suspending or
// un-activating a superadmin, suspending or deleting an account) takes this transaction-level lock
// first, so concurrent changes are checked one after another.
const SUPERADMIN_LOCK_ID = 4_217_002;

export async function lockSuperadminChanges(manager: Transaction): Promise<void> {
  await manager.rows('SELECT pg_advisory_xact_lock($1)', [SUPERADMIN_LOCK_ID]);
}

export async function usableSuperadminRemains(
  manager: Transaction,
  without: { userId?: string; accountId?: string },
): Promise<boolean> {
  const rows = await manager.rows(
    `SELECT 1
       FROM users u
       JOIN accounts a ON a.id = u.account_id AND a.deleted_at IS NULL AND a.status = 'active'
      WHERE u.super_admin AND u.deleted_at IS NULL AND u.status = 'active'
        AND u.id IS DISTINCT FROM $1::uuid AND a.id IS DISTINCT FROM $2::uuid
      LIMIT 1`,
    [without.userId ?? null, without.accountId ?? null],
  );
  return rows.length > 0;
}
