import type { DataSource } from 'typeorm';
import { PrincipalCache } from '../auth/principal-cache';
import { PrincipalInvalidation } from '../auth/principal-invalidation';
import type { AppConfig } from '../config';
import { ChangeLog } from '../events/change-log';
import { EventsRepository } from '../events/events.repository';
import { CursorCodec } from '../pagination/cursor-codec';
import { PaginationService } from '../pagination/pagination.service';

// The CLI changes keys as the API does: each change gets its event in the audit trail (actor null,
// like the first-start bootstrap) and is announced with NOTIFY, so running servers drop the key
// from their principal caches at once. Built by hand: the CLI runs no Nest application.
export function cliChangeLog(config: AppConfig, dataSource: DataSource): ChangeLog {
  const pagination = new PaginationService(new CursorCodec(config.API_KEY_SECRET));
  const principals = new PrincipalInvalidation(
    config,
    dataSource,
    new PrincipalCache({ ttlMs: config.AUTH_CACHE_TTL_MS, max: 1 }),
  );
  return new ChangeLog(new EventsRepository(dataSource, pagination), principals);
}
