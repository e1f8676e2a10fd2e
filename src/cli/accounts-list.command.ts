import { formatId } from '../common/ids';
import type { CliCommand } from './cli-command';
import { printable, printableJson } from './printable';

interface AccountRow {
  id: string;
  slug: string;
  status: string;
  name: string;
  users: string;
  created_at: Date;
}

export const accountsListCommand: CliCommand = {
  words: ['accounts', 'list'],
  summary: 'list the live accounts',
  usage: 'accounts list [--json]',
  description: 'Lists every live (not deleted) account, oldest first, with its status and number of live users.',
  options: { json: { type: 'boolean' } },
  optionHelp: ['--json   one JSON array instead of a table'],
  positionals: [],
  async run({ options, openDatabase, out }) {
    const database = await openDatabase();
    try {
      const rows = await database.sql.rows<AccountRow>(
        `SELECT a.id, a.slug, a.status, a.name, a.created_at,
                (SELECT count(*) FROM users u WHERE u.account_id = a.id AND u.deleted_at IS NULL) AS users
           FROM accounts a
          WHERE a.deleted_at IS NULL
          ORDER BY a.created_at, a.id`,
      );
      const accounts = rows.map((row) => ({
        id: formatId('acc', row.id),
        slug: row.slug,
        status: row.status,
        users: Number(row.users),
        created_at: row.created_at.toISOString(),
        name: row.name,
      }));
      if (options.json) {
        out(printableJson(accounts));
        return 0;
      }
      if (accounts.length === 0) {
        out('No accounts.');
        return 0;
      }
      const header = { id: 'ID', slug: 'SLUG', status: 'STATUS', users: 'USERS', created_at: 'CREATED', name: 'NAME' };
      const table = [
        header,
        ...accounts.map((account) => ({ ...account, slug: printable(account.slug), name: printable(account.name), users: String(account.users) })),
      ];
      const columns = ['id', 'slug', 'status', 'users', 'created_at', 'name'] as const;
      const widths = columns.map((column) => Math.max(...table.map((row) => row[column].length)));
      for (const row of table) {
        out(columns.map((column, i) => (i === columns.length - 1 ? row[column] : row[column].padEnd(widths[i]))).join('  '));
      }
      out(`${accounts.length} account${accounts.length === 1 ? '' : 's'}.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
