import { Injectable } from '@nestjs/common';
import { Transaction } from '../database/sql/sql';
import { PrincipalInvalidation } from '../auth/principal-invalidation';
import { APIKeyResponse } from '../api-keys/dto/api-key-response.dto';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { Actor, ChangeLog } from '../events/change-log';
import { UserResponse } from '../users/dto/user-response.dto';
import { UsersRepository } from '../users/users.repository';

// What a delete takes along, in the transaction of the delete itself: an account its users (each
// with its keys) and then any key left in it, a user its keys. Each deleted resource gets its own
// `*.deleted` event. Called explicitly by whatever deletes an account or a user, right after the
// parent's own delete and event. Principal invalidation is the caller's: invalidating the parent
// drops every cached key of its users and account too.
@Injectable()
export class DeleteCascades {
  constructor(
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly changeLog: ChangeLog,
    private readonly principals: PrincipalInvalidation,
  ) {}

  // Offboarding: a user that is suspended (or otherwise made inactive), deleted, or demoted from
  // superadmin or from admin loses every key it minted for someone else, revoked in the same
  // transaction, each with an `api_key.updated` event whose actor made the change. Its own keys
  // follow its status and role as before.
  async minterLostAccess(manager: Transaction, minterId: string, actor: Actor | null): Promise<void> {
    for (const apiKey of await this.apiKeys.lockMintedForOthers(manager, minterId)) {
      const before = APIKeyResponse.fromEntity(apiKey);
      const revoked = await this.apiKeys.update(manager, apiKey, { status: 'revoked' });
      await this.changeLog.updated(manager, actor, 'api_key', revoked, before, APIKeyResponse.fromEntity(revoked));
      await this.principals.announce(manager, { kind: 'api_key', id: revoked.id });
    }
  }

  async accountDeleted(manager: Transaction, accountId: string, actor: Actor | null): Promise<void> {
    for (const user of await this.users.softDeleteLiveInAccount(manager, accountId)) {
      await this.changeLog.deleted(manager, actor, 'user', user, UserResponse.fromEntity(user));
      await this.userDeleted(manager, user.id, actor);
    }
    await this.deleteKeys(manager, 'account_id', accountId, actor);
  }

  async userDeleted(manager: Transaction, userId: string, actor: Actor | null): Promise<void> {
    await this.deleteKeys(manager, 'user_id', userId, actor);
  }

  private async deleteKeys(manager: Transaction, parent: 'account_id' | 'user_id', parentId: string, actor: Actor | null) {
    for (const apiKey of await this.apiKeys.softDeleteLiveOf(manager, parent, parentId)) {
      await this.changeLog.deleted(manager, actor, 'api_key', apiKey, APIKeyResponse.fromEntity(apiKey));
    }
  }
}
