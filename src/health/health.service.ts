import { Injectable } from '@nestjs/common';
import type { ReplicaHealth } from '../database/replicas/replica-set';
import { Sql } from '../database/sql/sql';

const PROBE_TIMEOUT_MS = 2_000;

// `read-only`: DATABASE_URL answers but is in recovery (a standby), so writes would fail.
export type DatabaseState = 'connected' | 'read-only' | 'disconnected';

@Injectable()
export class HealthService {
  constructor(private readonly sql: Sql) {}

  async databaseState(): Promise<DatabaseState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DatabaseState>((resolve) => {
      timer = setTimeout(() => resolve('disconnected'), PROBE_TIMEOUT_MS);
    });
    const probe = this.sql.rows<{ recovery: boolean }>('SELECT pg_is_in_recovery() AS recovery').then(
      ([row]): DatabaseState => (row?.recovery ? 'read-only' : 'connected'),
      (): DatabaseState => 'disconnected',
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // Each replica's state as last polled, or undefined without DATABASE_REPLICA_URLS. A replica's
  // state never makes the instance unhealthy: its reads go to the primary meanwhile.
  replicas(): ReplicaHealth[] | undefined {
    return this.sql.replicas?.health();
  }
}
