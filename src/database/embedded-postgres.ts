import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './data-dir-lock';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

export const IN_MEMORY = 'memory://';

// PGlite is a single PostgreSQL session. Its socket server interleaves the protocol messages of
// concurrent connections, so two clients' unnamed prepared statements overwrite each other and one
// gets the other's result (seen as spurious 401s under parallel requests). One connection keeps
// every statement whole; PGlite would run them one at a time anyway.
export const EMBEDDED_POOL_SIZE = 1;

// PGlite (PostgreSQL compiled to WASM) behind its socket server, so TypeORM reaches it through the
// ordinary `pg` driver: the same driver, SQL and migrations as against a PostgreSQL server.
export async function startEmbeddedPostgres(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
  let location = dataDir;
  let lock: DataDirLock | null = null;
  if (dataDir !== IN_MEMORY) {
    location = resolve(dataDir);
    mkdirSync(location, { recursive: true });
    lock = DataDirLock.acquire(location);
  }
  const db = await PGlite.create({ dataDir: location }).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop();
      await db.close();
      lock?.release();
    },
  };
}
