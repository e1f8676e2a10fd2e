import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { DataSourceOptions } from 'typeorm';
import { extractTarGz } from './untar';
import { DataDirLock } from './data-dir-lock';

// PGlite and its socket server are loaded when an embedded database starts, not when this file is:
// a server on DATABASE_URL never loads them (docs/performance.md, "Memory").
/* eslint-disable @typescript-eslint/no-require-imports */
const pglite = () => require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
const pgliteSocket = () => require('@electric-sql/pglite-socket') as typeof import('@electric-sql/pglite-socket');
/* eslint-enable @typescript-eslint/no-require-imports */

export interface EmbeddedPostgres {
  url: string;
  // The whole data directory as a gzipped tarball (used to build the first-start template).
  dump(): Promise<Blob>;
  close(): Promise<void>;
}

export const IN_MEMORY = 'memory://';

// PGlite is a single PostgreSQL session. Its socket server interleaves the protocol messages of
// concurrent connections, so two clients' unnamed prepared statements overwrite each other and one
// gets the other's result (seen as spurious 401s under parallel requests). One connection keeps
// every statement whole; PGlite would run them one at a time anyway.
export const EMBEDDED_POOL_SIZE = 1;

// PostgreSQL's defaults are sized for a server; in one process beside the app they are most of its
// memory, and WebAssembly memory, once touched, is never given back. One session and small tables
// need little: shared_buffers 128 MB -> 16 MB alone takes ~110 MB off the idle RSS.
const EMBEDDED_SETTINGS = ['shared_buffers = 16MB', 'wal_buffers = 1MB', 'maintenance_work_mem = 16MB', 'work_mem = 2MB'];

// pg (like libpq) reaches a Unix socket through its directory as the host: `<dir>/.s.PGSQL.<port>`.
const SOCKET_PORT = 5432;
// sun_path holds 108 bytes on Linux (104 on macOS), including the final NUL.
const MAX_SOCKET_PATH = 103;

// PGlite (PostgreSQL compiled to WASM) behind its socket server, so TypeORM reaches it through the
// ordinary `pg` driver: the same driver, SQL and migrations as against a PostgreSQL server.
//
// PGlite has no authentication: whoever reaches the socket is a superuser. So there is no TCP port.
// The server listens on a Unix socket in a fresh directory of mode 0700, which only this process's
// OS user (and root) can enter, and it takes `maxConnections` clients, refusing any more while
// they are connected. The data directory is 0700 and its files 0600.
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections: number,
  template: Blob | null = null,
): Promise<EmbeddedPostgres> {
  let location = dataDir;
  let lock: DataDirLock | null = null;
  if (dataDir !== IN_MEMORY) {
    location = resolve(dataDir);
    mkdirSync(location, { recursive: true, mode: 0o700 });
    ownerOnly(location);
    lock = DataDirLock.acquire(location);
  }
  const db = await withUmask(0o077, () => openPGlite(location, template)).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  const socketDir = mkdtempSync(join(tmpdir(), 'leadr-pglite-'));
  // Also when the process exits without closing it (the migration CLI, process.exit): the socket
  // directory, and the data directory's lock.
  const removeSocketDir = () => {
    rmSync(socketDir, { recursive: true, force: true });
    lock?.release();
  };
  process.once('exit', removeSocketDir);
  try {
    // PGlite unpacks a new data directory from an archive whose files are 0666, whatever the umask.
    if (location !== IN_MEMORY) ownerOnly(location);
    chmodSync(socketDir, 0o700);
    const socketPath = join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
      throw new Error(`The embedded database's socket path ${socketPath} is too long; set TMPDIR to a shorter directory`);
    }
    const server = new (pgliteSocket().PGLiteSocketServer)({ db, path: socketPath, maxConnections });
    await server.start();
    return {
      url: `postgres://postgres@${encodeURIComponent(socketDir)}:${SOCKET_PORT}/postgres`,
      dump: () => db.dumpDataDir('gzip'),
      async close() {
        await server.stop();
        await db.close();
        process.removeListener('exit', removeSocketDir);
        removeSocketDir();
      },
    };
  } catch (error) {
    await db.close();
    process.removeListener('exit', removeSocketDir);
    removeSocketDir();
    throw error;
  }
}

// A new data directory starts from the template when there is one: an initialised and migrated
// database, unpacked in about a second, instead of PostgreSQL's initdb plus every migration. Without
// one, initdb runs; its WebAssembly instance keeps the memory it grew (~450 MB) for as long as it
// lives, so the database is closed and reopened once after a fresh initdb to give that back.
async function openPGlite(location: string, template: Blob | null): Promise<PGlite> {
  const fresh = location === IN_MEMORY || !existsSync(join(location, 'PG_VERSION'));
  if (fresh && template !== null) {
    if (location === IN_MEMORY) {
      return pglite().PGlite.create({ dataDir: location, postgresqlconf: EMBEDDED_SETTINGS, loadDataDir: template });
    }
    // Unpacked here rather than by PGlite, whose WebAssembly memory would keep what the unpacking
    // took: the database then opens as on any later start.
    extractTarGz(Buffer.from(await template.arrayBuffer()), location);
    return pglite().PGlite.create({ dataDir: location, postgresqlconf: EMBEDDED_SETTINGS });
  }
  const db = await pglite().PGlite.create({ dataDir: location, postgresqlconf: EMBEDDED_SETTINGS });
  if (!fresh || location === IN_MEMORY) return db;
  await db.close();
  return pglite().PGlite.create({ dataDir: location, postgresqlconf: EMBEDDED_SETTINGS });
}

// pg closes a connection that has been idle for 10 s by default, which would leave the embedded
// server's only slot free for another local process until the next query. Keep it open; if it
// breaks, the pool opens a new one on the next query.
export function holdingItsConnection(options: DataSourceOptions): DataSourceOptions {
  const postgres = options as Extract<DataSourceOptions, { type: 'postgres' }>;
  return { ...postgres, extra: { ...postgres.extra, idleTimeoutMillis: 0 } };
}

// Directories 0700 and files 0600, all the way down (symbolic links are left alone).
function ownerOnly(directory: string): void {
  chmodSync(directory, 0o700);
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) ownerOnly(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

async function withUmask<T>(mask: number, action: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await action();
  } finally {
    process.umask(previous);
  }
}
