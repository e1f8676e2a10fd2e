import { execFile } from 'node:child_process';
import { mkdtempSync, appendFileSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { waitFor } from './wait-for';

// A real PostgreSQL primary and a streaming replica of it, for the replica tier: `initdb` and
// `pg_basebackup -R -X stream` into a temporary directory, postmasters on free ports. Nothing is
// shared with the server on :5432 (which has no replication line in pg_hba.conf). As root, the
// PostgreSQL programs run as the `postgres` OS user (initdb and postgres refuse root).
const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;
const OS_USER = 'postgres';

async function pg(program: string, args: string[]): Promise<string> {
  const [command, argv] = asRoot ? ['runuser', ['-u', OS_USER, '--', join(BIN, program), ...args]] : [join(BIN, program), args];
  const { stdout } = await run(command, argv, { env: { PATH: process.env.PATH, LANG: 'C' }, timeout: 90_000 });
  return stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ReplicaCluster {
  database: string;
  primaryUrl: string;
  replicaUrl: string;
  onPrimary<R = Record<string, unknown>>(sql: string, values?: unknown[], database?: string): Promise<R[]>;
  onReplica<R = Record<string, unknown>>(sql: string, values?: unknown[], database?: string): Promise<R[]>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  // pg_ctl stop -m immediate: the replica vanishes as in a crash.
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  // Until the primary sees the replica streaming and it has replayed everything written so far.
  caughtUp(): Promise<void>;
  // Calls of the statements that read `users` (not the principal lookup, which joins api_keys)
  // that the app's role ran on that server: pg_stat_statements, counted when a statement ends.
  userReads(server: 'primary' | 'replica'): Promise<number>;
  close(): Promise<void>;
}

async function query<R>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as R[];
  } finally {
    await client.end();
  }
}

export async function startReplicaCluster(database = 'leadr_replica_test'): Promise<ReplicaCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'leadr-replica-'));
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  if (asRoot) await run('chown', ['-R', `${OS_USER}:`, dir]);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const url = (port: number, db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const started: string[] = [];
  const start = async (dataDir: string) => {
    await pg('pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-w', '-t', '60', 'start']);
    if (!started.includes(dataDir)) started.push(dataDir);
  };
  const stop = (dataDir: string) => pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
  try {
    await pg('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      [
        '',
        `listen_addresses = '127.0.0.1'`,
        `port = ${primaryPort}`,
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'max_replication_slots = 5',
        'hot_standby = on',
        'fsync = off',
        `shared_preload_libraries = 'pg_stat_statements'`,
        'pg_stat_statements.track = top',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(primaryDir, 'pg_hba.conf'),
      ['local all all trust', 'host all all 127.0.0.1/32 trust', 'host replication all 127.0.0.1/32 trust', ''].join('\n'),
    );
    await start(primaryDir);
    await query(url(primaryPort, 'postgres'), `CREATE DATABASE ${database}`);
    await query(url(primaryPort, 'postgres'), 'CREATE EXTENSION pg_stat_statements');
    await pg('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir],
      ...['-R', '-X', 'stream', '-c', 'fast', '-C', '-S', 'replica1'],
    ]);
    appendFileSync(join(replicaDir, 'postgresql.conf'), `\nport = ${replicaPort}\nhot_standby = on\n`);
    await start(replicaDir);
  } catch (error) {
    for (const dataDir of started) await stop(dataDir).catch(() => undefined);
    const log = (name: string) => {
      try {
        return readFileSync(join(dir, name, 'server.log'), 'utf8').slice(-2000);
      } catch {
        return '';
      }
    };
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the replica cluster: ${(error as Error).message}\n${log('primary')}\n${log('replica')}`);
  }

  const cluster: ReplicaCluster = {
    database,
    primaryUrl: url(primaryPort, database),
    replicaUrl: url(replicaPort, database),
    onPrimary: (sql, values, db = database) => query(url(primaryPort, db), sql, values),
    onReplica: (sql, values, db = database) => query(url(replicaPort, db), sql, values),
    async pauseReplay() {
      await query(url(replicaPort, 'postgres'), 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await query(url(replicaPort, 'postgres'), 'SELECT pg_wal_replay_resume()');
    },
    stopReplica: async () => {
      await stop(replicaDir);
    },
    startReplica: () => start(replicaDir),
    async caughtUp() {
      const [{ lsn }] = await query<{ lsn: string }>(url(primaryPort, 'postgres'), 'SELECT pg_current_wal_lsn()::text AS lsn');
      await waitFor(
        'the replica to stream and replay the primary position',
        async () => {
          const rows = await query<{ ok: boolean }>(
            url(replicaPort, 'postgres'),
            'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok',
            [lsn],
          ).catch(() => [{ ok: false }]);
          return rows[0]?.ok === true;
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      );
    },
    async userReads(server) {
      const [{ calls }] = await query<{ calls: string }>(
        url(server === 'primary' ? primaryPort : replicaPort, 'postgres'),
        `SELECT coalesce(sum(s.calls), 0)::text AS calls
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = $1 AND s.query ~* '(from|join)\\s+"?users"?\\M' AND s.query !~* 'api_keys'
            AND s.query !~* '^\\s*(insert|update|delete)'`,
        [database],
      );
      return Number(calls);
    },
    async close() {
      for (const dataDir of started.reverse()) await stop(dataDir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.caughtUp();
  return cluster;
}
