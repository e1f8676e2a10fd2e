import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config';
import { Listener, Sql, Transaction } from '../database/sql/sql';
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
export class PrincipalInvalidation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PrincipalCache');
  private listener: Listener | null = null;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly sql: Sql,
    private readonly cache: PrincipalCache<CacheablePrincipal>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.cache.enabled && this.config.AUTH_CACHE_LISTEN && !this.config.usesEmbeddedDatabase) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    await this.listener?.close();
  }

  async announce(manager: Transaction, change: PrincipalChange): Promise<void> {
    await manager.rows('SELECT pg_notify($1, $2)', [PRINCIPAL_CHANNEL, `${change.kind}:${change.id}`]);
    if (this.cache.enabled) manager.afterCommit(() => this.cache.invalidate(change));
  }

  private async listen(): Promise<void> {
    const dropped = (reason: string) => {
      this.listener = null;
      this.cache.clear();
      if (this.stopped) return;
      this.logger.warn(`Lost the ${PRINCIPAL_CHANNEL} listener (${reason}); cache cleared, reconnecting`);
      this.reconnect = setTimeout(() => void this.listen(), RECONNECT_DELAY_MS);
      this.reconnect.unref();
    };
    const notified = (payload: string | undefined) => {
      const change = parseChange(payload);
      if (change) this.cache.invalidate(change);
    };
    try {
      this.listener = await this.sql.listen(PRINCIPAL_CHANNEL, notified, dropped);
      // Whatever changed while nobody listened.
      this.cache.clear();
      if (this.stopped) await this.listener.close();
    } catch (error) {
      dropped((error as Error).message);
    }
  }
}

export function parseChange(payload: string | undefined): PrincipalChange | null {
  const match = /^(account|user|api_key):([0-9a-f-]{36})$/.exec(payload ?? '');
  return match ? { kind: match[1] as PrincipalChange['kind'], id: match[2] } : null;
}
