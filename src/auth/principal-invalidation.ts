import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { AppConfig } from '../config';
import { CacheablePrincipal, PrincipalCache, PrincipalChange } from './principal-cache';

export const PRINCIPAL_CHANNEL = 'leadr_principals';
const RECONNECT_DELAY_MS = 1_000;

// Keeps every instance's principal cache in step with changes to keys, users and accounts. The
// services call announce() inside the transaction of each change that may alter what a key may do:
// a NOTIFY (delivered to every listening instance when, and only if, the transaction commits) and,
// when this process caches principals, a local invalidation applied right after the commit, before
// the request that made it answers. The NOTIFY goes out whatever this process's own cache setting:
// a process that caches nothing (the CLI, AUTH_CACHE_TTL_MS=0) still changes keys that other
// instances have cached. If the listening connection drops, the cache is cleared (notifications may
// have been missed) and the connection reopened; the cache's TTL bounds staleness in the meantime,
// and wherever LISTEN is unavailable (AUTH_CACHE_LISTEN=false).
@Injectable()
export class PrincipalInvalidation
  implements EntitySubscriberInterface, OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('PrincipalCache');
  private readonly pending = new WeakMap<QueryRunner, PrincipalChange[]>();
  private listener: Client | null = null;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly cache: PrincipalCache<CacheablePrincipal>,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.cache.enabled && this.config.AUTH_CACHE_LISTEN && !this.config.usesEmbeddedDatabase) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => undefined);
  }

  async announce(manager: EntityManager, change: PrincipalChange): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [PRINCIPAL_CHANNEL, `${change.kind}:${change.id}`]);
    if (!this.cache.enabled) return;
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const changes = this.pending.get(runner) ?? [];
      changes.push(change);
      this.pending.set(runner, changes);
    } else {
      this.cache.invalidate(change);
    }
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    for (const change of this.pending.get(event.queryRunner) ?? []) this.cache.invalidate(change);
    this.pending.delete(event.queryRunner);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    this.pending.delete(event.queryRunner);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, connectionTimeoutMillis: 5_000 });
    client.on('notification', (message) => {
      const change = parseChange(message.payload);
      if (change) this.cache.invalidate(change);
    });
    const dropped = (reason: string) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.cache.clear();
      if (this.stopped) return;
      this.logger.warn(`Lost the ${PRINCIPAL_CHANNEL} listener (${reason}); cache cleared, reconnecting`);
      this.reconnect = setTimeout(() => void this.listen(), RECONNECT_DELAY_MS);
      this.reconnect.unref();
    };
    client.on('error', (error) => dropped(error.message));
    client.on('end', () => dropped('connection closed'));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      // Whatever changed while nobody listened.
      this.cache.clear();
    } catch (error) {
      await client.end().catch(() => undefined);
      dropped((error as Error).message);
    }
  }
}

export function parseChange(payload: string | undefined): PrincipalChange | null {
  const match = /^(account|user|api_key):([0-9a-f-]{36})$/.exec(payload ?? '');
  return match ? { kind: match[1] as PrincipalChange['kind'], id: match[2] } : null;
}
