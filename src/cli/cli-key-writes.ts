import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { PrincipalCache } from '../auth/principal-cache';
import { PrincipalInvalidation } from '../auth/principal-invalidation';
import type { AppConfig } from '../config';
import type { Sql } from '../database/sql/sql';
import { ChangeLog } from '../events/change-log';
import { EventsRepository } from '../events/events.repository';
import { CursorCodec } from '../pagination/cursor-codec';
import { PaginationService } from '../pagination/pagination.service';

export interface CliKeyWrites {
  apiKeys: ApiKeysRepository;
  changeLog: ChangeLog;
  principals: PrincipalInvalidation;
}

// The CLI changes keys as the API does: through the same repository, and each change gets its
// event in the audit trail (actor null, like the first-start bootstrap) and is announced with
// NOTIFY, so running servers drop the key from their principal caches at once. Built by hand: the
// CLI runs no Nest application.
export function cliKeyWrites(config: AppConfig, sql: Sql): CliKeyWrites {
  const pagination = new PaginationService(new CursorCodec(config.API_KEY_SECRET));
  // The CLI caches no principals; its changes still reach the servers' caches through NOTIFY.
  const principals = new PrincipalInvalidation(config, sql, new PrincipalCache({ ttlMs: 0, max: 1 }));
  return {
    apiKeys: new ApiKeysRepository(sql, pagination),
    changeLog: new ChangeLog(new EventsRepository(sql, pagination)),
    principals,
  };
}
