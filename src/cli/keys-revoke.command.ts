import { APIKeyResponse } from '../api-keys/dto/api-key-response.dto';
import { parseId } from '../common/ids';
import { cliKeyWrites } from './cli-key-writes';
import { CliError, type CliCommand } from './cli-command';
import { printable } from './printable';

export const keysRevokeCommand: CliCommand = {
  words: ['keys', 'revoke'],
  summary: 'revoke an API key (permanent)',
  usage: 'keys revoke <key_id>',
  description:
    'Revokes the key at once on every instance that shares the database (their principal caches are told with ' +
    'NOTIFY, as for a revocation through the API), with an api_key.updated event in the audit trail. ' +
    'Revocation is permanent, as through the API. Revoking a key that is already revoked changes nothing.',
  options: {},
  optionHelp: [],
  positionals: ['key_id'],
  async run({ positionals: [keyId], config, openDatabase, out }) {
    const id = parseId('key', keyId);
    if (id === null) throw new CliError(`"${keyId}" is not an API key id (key_<uuid>).`);
    const database = await openDatabase();
    try {
      const { apiKeys, changeLog, principals } = cliKeyWrites(config, database.sql);
      const outcome = await database.sql.transaction(async (manager) => {
        const apiKey = await apiKeys.lockLiveForUpdate(manager, id);
        if (!apiKey) return null;
        if (apiKey.status === 'revoked') return { apiKey, revoked: false };
        const before = APIKeyResponse.fromEntity(apiKey);
        const revoked = await apiKeys.update(manager, apiKey, { status: 'revoked' });
        await changeLog.updated(manager, null, 'api_key', revoked, before, APIKeyResponse.fromEntity(revoked));
        await principals.announce(manager, { kind: 'api_key', id: revoked.id });
        return { apiKey: revoked, revoked: true };
      });
      if (!outcome) throw new CliError(`API key ${keyId} not found.`);
      const { apiKey, revoked } = outcome;
      out(revoked ? `Revoked API key ${keyId} ("${printable(apiKey.name)}", ${apiKey.prefix}…).` : `API key ${keyId} was already revoked.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
