import type { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

// The feed shows an event once every transaction that began writing before it has ended, anywhere
// on the PostgreSQL server (other test files' databases included, which run side by side). Reads
// that expect the latest writes wait until everything committed is visible.
export async function settleEvents(t: { dataSource: DataSource }): Promise<void> {
  await waitFor(
    'the events to become visible',
    async () => {
      const [{ hidden }] = await t.dataSource.query(
        'SELECT count(*)::int AS hidden FROM events WHERE tx >= pg_snapshot_xmin(pg_current_snapshot())::text::bigint',
      );
      return hidden === 0;
    },
    { timeoutMs: 30_000, intervalMs: 50 },
  );
}
