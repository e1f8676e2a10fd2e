import { parseId } from '../common/ids';
import { CliError, type CliCommand } from './cli-command';

export const keysRevokeCommand: CliCommand = {
  words: ['keys', 'revoke'],
  summary: 'revoke an API key (permanent)',
  usage: 'keys revoke <key_id>',
  description:
    'Revokes the key at once on every instance that shares the database (keys are looked up on every request). ' +
    'Revocation is permanent, as through the API. Revoking a key that is already revoked changes nothing.',
  options: {},
  optionHelp: [],
  positionals: ['key_id'],
  async run({ positionals: [keyId], openDatabase, out }) {
    const id = parseId('key', keyId);
    if (id === null) throw new CliError(`"${keyId}" is not an API key id (key_<uuid>).`);
    const database = await openDatabase();
    try {
      // For an UPDATE, TypeORM's query() returns [rows, affected row count].
      const [[revoked]]: [Array<{ name: string; prefix: string }>, number] = await database.dataSource.query(
        `UPDATE api_keys SET status = 'revoked', updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL AND status = 'active'
          RETURNING name, prefix`,
        [id],
      );
      if (revoked) {
        out(`Revoked API key ${keyId} ("${revoked.name}", ${revoked.prefix}…).`);
        return 0;
      }
      const [existing]: Array<{ status: string }> = await database.dataSource.query(
        'SELECT status FROM api_keys WHERE id = $1 AND deleted_at IS NULL',
        [id],
      );
      if (!existing) throw new CliError(`API key ${keyId} not found.`);
      out(`API key ${keyId} was already revoked.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
