import { randomUUID } from 'node:crypto';
import { ApiKey } from '../api-keys/api-key.entity';
import { ApiKeyHasher } from '../api-keys/api-key-hasher';
import { APIKeyResponse } from '../api-keys/dto/api-key-response.dto';
import { maxRoleMintedBy } from '../api-keys/key-rights';
import { formatId } from '../common/ids';
import { cliKeyWrites } from './cli-key-writes';
import { CliError, type CliCommand } from './cli-command';
import { printable } from './printable';

interface SuperadminRow {
  id: string;
  email: string;
  account_id: string;
  slug: string;
}

export const superadminCreateKeyCommand: CliCommand = {
  words: ['superadmin', 'create-key'],
  summary: 'create a new API key for a superadmin and print it once (recovery)',
  usage: 'superadmin create-key [--email <email>] [--name <name>]',
  description:
    'The way back when every superadmin key is lost or revoked: creates an active key for an active superadmin in an ' +
    'active account and prints it once; only its hash is stored. Without --email it picks the superadmin created first.',
  options: { email: { type: 'string' }, name: { type: 'string' } },
  optionHelp: [
    '--email <email>   the superadmin to create the key for (case-insensitive)',
    '--name <name>     the key\'s name (default "Recovery key (CLI)")',
  ],
  positionals: [],
  async run({ options, config, openDatabase, out }) {
    const email = options.email as string | undefined;
    const name = ((options.name as string | undefined) ?? 'Recovery key (CLI)').trim();
    if (name.length < 1 || name.length > 100) throw new CliError('--name must be 1 to 100 characters.');
    const database = await openDatabase();
    try {
      const rows = await database.sql.rows<SuperadminRow>(
        `SELECT u.id, u.email, u.account_id, a.slug
           FROM users u
           JOIN accounts a ON a.id = u.account_id AND a.deleted_at IS NULL AND a.status = 'active'
          WHERE u.deleted_at IS NULL AND u.super_admin AND u.status = 'active'
            AND ($1::text IS NULL OR lower(u.email) = lower($1::text))
          ORDER BY u.created_at, u.id
          LIMIT 1`,
        [email ?? null],
      );
      const superadmin = rows[0];
      if (!superadmin) {
        throw new CliError(
          email
            ? `No active superadmin with the email ${email} in an active account.`
            : 'There is no active superadmin in an active account. The server creates one at its next start (SUPERADMIN_EMAIL).',
        );
      }
      const hasher = new ApiKeyHasher(config.API_KEY_SECRET);
      const key = hasher.generate();
      const apiKey = Object.assign(new ApiKey(), {
        id: randomUUID(),
        accountId: superadmin.account_id,
        userId: superadmin.id,
        name,
        keyHash: hasher.hash(key),
        prefix: ApiKeyHasher.prefixOf(key),
        maxRole: maxRoleMintedBy(null),
      });
      const { apiKeys, changeLog } = cliKeyWrites(config, database.sql);
      await database.sql.transaction(async (manager) => {
        await apiKeys.insert(manager, apiKey);
        await changeLog.created(manager, null, 'api_key', apiKey, APIKeyResponse.fromEntity(apiKey));
      });
      out(
        `Created API key ${formatId('key', apiKey.id)} ("${printable(name)}") for superadmin ${formatId('usr', superadmin.id)} ` +
          `<${printable(superadmin.email)}> in account ${formatId('acc', superadmin.account_id)} (${superadmin.slug}).`,
      );
      out('The key is shown once; store it now. Send it as the `leadr-api-key` header:');
      out();
      out(`  ${key}`);
      out();
      return 0;
    } finally {
      await database.close();
    }
  },
};
