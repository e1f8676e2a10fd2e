import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql/sql';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuthContext } from '../auth/auth-context';
import { PrincipalInvalidation } from '../auth/principal-invalidation';
import { lockSuperadminChanges, usableSuperadminRemains } from '../auth/superadmin-invariant';
import { DomainError, notFound } from '../common/errors';
import { DeleteCascades } from '../cascades/delete-cascades';
import { Precondition } from '../common/precondition';
import { actorOf, ChangeLog, STAMPED_BY_THE_INSERT } from '../events/change-log';
import { Page } from '../pagination/paginated-response';
import { UserCreateRequest } from './dto/user-create-request.dto';
import { UserListQuery } from './dto/user-list-query.dto';
import { UserResponse } from './dto/user-response.dto';
import { UserUpdateRequest } from './dto/user-update-request.dto';
import { User, UserStatusValue } from './user.entity';
import { UserChanges, UsersRepository } from './users.repository';

const userNotFound = () => notFound('User');
// The representation's fields that the insert's database clock sets.
const CREATED_STAMPS = { created_at: 'created_at', updated_at: 'updated_at' };
const accountOfUser = (user: User) => user.accountId;
// Only active users authenticate, so any other status takes a user's powers away.
const deactivates = (status: UserStatusValue | null | undefined) => status != null && status !== 'active';

// Every id argument is a bare UUID (the request pipe converts prefixed ids).
@Injectable()
export class UsersService {
  constructor(
    private readonly sql: Sql,
    private readonly users: UsersRepository,
    private readonly accounts: AccountsRepository,
    private readonly changeLog: ChangeLog,
    private readonly principals: PrincipalInvalidation,
    private readonly cascades: DeleteCascades,
  ) {}

  // One statement, one round trip (users.repository.ts, insertIntoLiveAccount): the live account is
  // share-locked, the user inserted and its user.created event written, all or nothing. Safe as one
  // statement because a statement is atomic and, outside a transaction, its own transaction: the
  // event carries that transaction's id (the feed's order, events.repository.ts), a duplicate email
  // fails the whole statement on ux_users_account_email_live (409; a concurrent insert of the same
  // email waits for the other's outcome on the unique index), and a deleted account yields no row.
  async create(auth: AuthContext, request: UserCreateRequest, queryAccountId?: string): Promise<User> {
    const accountId = auth.createTarget(request.account_id, queryAccountId);
    auth.assertAdmin('create users');
    const user = Object.assign(new User(), {
      id: randomUUID(),
      accountId,
      email: request.email,
      displayName: request.display_name,
      // Set here, not left to the column defaults, so that the event's representation, made before
      // the insert, holds every field but the database's timestamps.
      superAdmin: false,
      status: 'active',
      role: request.role ?? 'admin',
    });
    const representation = UserResponse.fromEntity({ ...user, createdAt: STAMPED_BY_THE_INSERT, updatedAt: STAMPED_BY_THE_INSERT } as User);
    const event = this.changeLog.createdByInsert(actorOf(auth), 'user', user, representation, CREATED_STAMPS);
    const created = await this.users.insertIntoLiveAccount(this.sql, user, [event]);
    if (!created) throw notFound('Account');
    return created;
  }

  async list(auth: AuthContext, query: UserListQuery): Promise<Page<User>> {
    return this.users.listPage(
      auth.listScope(query.account_id),
      { status: query.status, email: query.email, q: query.q },
      query,
    );
  }

  async get(auth: AuthContext, userId: string, queryAccountId?: string): Promise<User> {
    return auth.resourceScope(queryAccountId).load(() => this.users.findLiveById(userId), accountOfUser, userNotFound);
  }

  // `precondition` (If-Match) is checked on the locked row, atomically with the write.
  async update(
    auth: AuthContext,
    userId: string,
    request: UserUpdateRequest,
    queryAccountId?: string,
    precondition: Precondition<User> = Precondition.none(),
  ): Promise<User> {
    const scope = auth.resourceScope(queryAccountId);
    if (request.super_admin != null) auth.assertSuperadmin('change super_admin');
    if (request.role != null) auth.assertAdmin('change a role');
    const mayRemoveSuperadmin = request.super_admin === false || request.deleted === true || deactivates(request.status);

    return this.sql.transaction(async (manager) => {
      if (mayRemoveSuperadmin) await lockSuperadminChanges(manager);
      const user = await scope.load(() => this.users.lockLiveById(manager, userId), accountOfUser, userNotFound);
      if (user.superAdmin && !auth.isSuperadmin) {
        throw new DomainError('forbidden', 'Only superadmins can modify a superadmin user');
      }
      // A member manages only itself.
      if (auth.isMember && user.id !== auth.userId) {
        throw new DomainError('forbidden', 'Members can only change their own user');
      }
      precondition.assertMetBy(user);

      const changes = changesFor(user, request, auth);
      if (Object.keys(changes).length === 0) return user;
      const removesSuperadmin =
        user.superAdmin && (changes.superAdmin === false || changes.deleted || deactivates(changes.status));
      if (removesSuperadmin && !(await usableSuperadminRemains(manager, { userId: user.id }))) {
        throw new DomainError('conflict', 'The last active superadmin cannot be demoted, deleted or made inactive');
      }
      // Nobody locks themselves out (an admin locks out someone else). Checked after the last
      // superadmin, so that the last one trying it learns the more fundamental reason (409).
      if (deactivates(changes.status) && user.id === auth.userId) {
        throw new DomainError('forbidden', `A user cannot set its own status to ${changes.status}`);
      }
      // Nor changes its own status through a key it minted for someone else (it holds that key).
      if (changes.status !== undefined && user.id === auth.mintedByUserId) {
        throw new DomainError('forbidden', 'A user cannot change its own status');
      }
      // A suspension a superadmin set is lifted by a superadmin only.
      if (changes.status !== undefined && user.suspendedBySuperadmin && !auth.isSuperadmin) {
        throw new DomainError('forbidden', 'Only a superadmin can lift a suspension set by a superadmin');
      }
      const before = UserResponse.fromEntity(user);
      const updated = await this.users.update(manager, user, changes);
      const after = UserResponse.fromEntity(updated);
      await this.changeLog.changed(manager, actorOf(auth), 'user', updated, before, after, changes.deleted === true);
      if (losesAccess(changes)) await this.cascades.minterLostAccess(manager, updated.id, actorOf(auth));
      if (changes.deleted) await this.cascades.userDeleted(manager, updated.id, actorOf(auth));
      // What the user's keys may do follows its status, super_admin and role.
      if (changes.deleted || changes.status || changes.superAdmin !== undefined || changes.role !== undefined) {
        await this.principals.announce(manager, { kind: 'user', id: updated.id });
      }
      return updated;
    });
  }
}

// Suspended (or otherwise made inactive), deleted, demoted from superadmin or from admin: the keys
// the user minted for others are revoked.
function losesAccess(changes: UserChanges): boolean {
  return (
    changes.deleted === true ||
    deactivates(changes.status) ||
    changes.superAdmin === false ||
    changes.role === 'member'
  );
}

// Only what the request sets to a different value; null and absent fields are left alone.
function changesFor(user: User, request: UserUpdateRequest, auth: AuthContext): UserChanges {
  const changes: UserChanges = {};
  if (request.email != null && request.email !== user.email) changes.email = request.email;
  if (request.display_name != null && request.display_name !== user.displayName) {
    changes.displayName = request.display_name;
  }
  if (request.super_admin != null && request.super_admin !== user.superAdmin) changes.superAdmin = request.super_admin;
  if (request.status != null && request.status !== user.status) {
    changes.status = request.status;
    const bySuperadmin = request.status === 'suspended' && auth.isSuperadmin;
    if (bySuperadmin !== user.suspendedBySuperadmin) changes.suspendedBySuperadmin = bySuperadmin;
  }
  if (request.role != null && request.role !== user.role) changes.role = request.role;
  if (request.deleted === true) changes.deleted = true;
  return changes;
}
