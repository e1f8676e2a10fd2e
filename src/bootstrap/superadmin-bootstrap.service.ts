import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Sql, Transaction } from '../database/sql/sql';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { ApiKey } from '../api-keys/api-key.entity';
import { ApiKeyHasher } from '../api-keys/api-key-hasher';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { maxRoleMintedBy } from '../api-keys/key-rights';
import { AccountResponse } from '../accounts/dto/account-response.dto';
import { APIKeyResponse } from '../api-keys/dto/api-key-response.dto';
import { AppConfig } from '../config';
import { ChangeLog } from '../events/change-log';
import { UserResponse } from '../users/dto/user-response.dto';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';

type KeySource =
  | { kind: 'given'; key: string }
  | { kind: 'generated'; key: string }
  | { kind: 'new-file'; key: string; path: string };

const KEY_FORMAT = /^ldr_[A-Za-z0-9_-]{16,}$/;

// The key in an existing file (surrounding whitespace ignored), or null when there is no file.
function readKeyFile(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = text.trim();
  if (!KEY_FORMAT.test(key)) {
    throw new Error(`SUPERADMIN_API_KEY_FILE ${path} must hold "ldr_" followed by at least 16 base64url characters`);
  }
  return key;
}

// A new file only ('wx': never overwrites one), readable by its owner only.
function writeNewKeyFile(path: string, key: string): void {
  writeFileSync(path, `${key}\n`, { flag: 'wx', mode: 0o600 });
}

// Instances starting together take turns; the first creates, the others find a superadmin.
const BOOTSTRAP_LOCK_ID = 4_217_003;

@Injectable()
export class SuperadminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly sql: Sql,
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly hasher: ApiKeyHasher,
    private readonly changeLog: ChangeLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.sql.transaction(async (manager) => {
      await manager.rows('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_ID]);
      if (await this.users.liveSuperadminExists(manager)) return 'exists' as const;
      const source = this.keySource();
      await this.createSuperadmin(manager, source.key);
      // Written before the commit: a key that could not be written leaves no superadmin behind.
      if (source.kind === 'new-file') writeNewKeyFile(source.path, source.key);
      return source;
    });
    if (outcome === 'exists') return;
    // No email in the log: addresses stay out of log pipelines.
    this.logger.log(`Created the superadmin user and its API key in account "${this.config.SUPERADMIN_ACCOUNT_SLUG}"`);
    if (outcome.kind === 'new-file') {
      this.logger.log(`The generated superadmin API key was written to ${outcome.path} (mode 0600); it is not logged`);
    }
    if (outcome.kind === 'generated') {
      // The only time a generated key is ever shown: written to stdout, never to the logger.
      process.stdout.write(
        [
          '',
          '==================================================================',
          ' Superadmin API key (shown once; store it now, it cannot be shown again):',
          `   ${outcome.key}`,
          ' Send it as the `leadr-api-key` header.',
          '==================================================================',
          '',
        ].join('\n') + '\n',
      );
    }
  }

  // Where the first superadmin's key comes from: SUPERADMIN_API_KEY, an existing
  // SUPERADMIN_API_KEY_FILE, or a generated key, written to a new SUPERADMIN_API_KEY_FILE or (never
  // in production, where stdout is the log stream) printed to the terminal.
  private keySource(): KeySource {
    const { SUPERADMIN_API_KEY: key, SUPERADMIN_API_KEY_FILE: path } = this.config;
    if (key) return { kind: 'given', key };
    if (path) {
      const fromFile = readKeyFile(path);
      if (fromFile !== null) return { kind: 'given', key: fromFile };
      return { kind: 'new-file', key: this.hasher.generate(), path };
    }
    if (this.config.NODE_ENV === 'production') {
      throw new Error(
        'No superadmin exists and neither SUPERADMIN_API_KEY nor SUPERADMIN_API_KEY_FILE is set: with NODE_ENV=production ' +
          'the server does not print a generated key to the log stream. Set SUPERADMIN_API_KEY, or SUPERADMIN_API_KEY_FILE ' +
          '(a new file there receives a generated key).',
      );
    }
    return { kind: 'generated', key: this.hasher.generate() };
  }

  // Written like any other change, with no actor: the events say the server did it.
  private async createSuperadmin(manager: Transaction, key: string): Promise<void> {
    let account = await this.accounts.findLiveBySlug(manager, this.config.SUPERADMIN_ACCOUNT_SLUG);
    if (!account) {
      account = await this.accounts.insert(
        manager,
        Object.assign(new Account(), {
          id: randomUUID(),
          name: this.config.SUPERADMIN_ACCOUNT_NAME,
          slug: this.config.SUPERADMIN_ACCOUNT_SLUG,
        }),
      );
      await this.changeLog.created(manager, null, 'account', { id: account.id, accountId: account.id }, AccountResponse.fromEntity(account));
    }
    const user = await this.users.insert(
      manager,
      Object.assign(new User(), {
        id: randomUUID(),
        accountId: account.id,
        email: this.config.SUPERADMIN_EMAIL,
        displayName: this.config.SUPERADMIN_DISPLAY_NAME,
        superAdmin: true,
      }),
    );
    await this.changeLog.created(manager, null, 'user', user, UserResponse.fromEntity(user));
    const apiKey = await this.apiKeys.insert(
      manager,
      Object.assign(new ApiKey(), {
        id: randomUUID(),
        accountId: account.id,
        userId: user.id,
        name: 'Superadmin (bootstrap)',
        keyHash: this.hasher.hash(key),
        prefix: ApiKeyHasher.prefixOf(key),
        maxRole: maxRoleMintedBy(null),
      }),
    );
    await this.changeLog.created(manager, null, 'api_key', apiKey, APIKeyResponse.fromEntity(apiKey));
  }
}
