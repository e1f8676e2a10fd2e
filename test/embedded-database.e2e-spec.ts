import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded/embedded-postgres';
import { strangerConnects } from './helpers/embedded';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

// Inodes of the TCP sockets this process is listening on (Linux /proc).
function listeningTcpSockets(): Set<string> {
  const mine = new Set(
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      // st 0A = LISTEN; column 9 is the inode.
      if (columns[3] === '0A' && mine.has(columns[9])) listening.add(columns[9]);
    }
  }
  return listening;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the embedded database', () => {
  let t: TestApp;
  let url: string;
  let tcpBefore: Set<string>;
  const usersStatus = async () => (await t.http().get('/v1/users').set({ 'leadr-api-key': SUPERADMIN_KEY })).status;

  beforeAll(async () => {
    tcpBefore = listeningTcpSockets();
    // An empty DATABASE_URL means the embedded database, also when the suite runs on PostgreSQL.
    t = await createTestApp({ DATABASE_URL: '' });
    url = (t.dataSource.options as { url: string }).url;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('listens on no TCP port', () => {
    expect(t.config.usesEmbeddedDatabase).toBe(true);
    const opened = [...listeningTcpSockets()].filter((inode) => !tcpBefore.has(inode));
    expect(opened).toEqual([]);
  });

  it('is reached through a Unix socket in a directory only this user can enter', () => {
    const { hostname, port } = new URL(url);
    const directory = decodeURIComponent(hostname);
    expect(directory.startsWith('/')).toBe(true);
    const socket = join(directory, `.s.PGSQL.${port}`);
    expect(statSync(socket).isSocket()).toBe(true);
    expect(statSync(directory).uid).toBe(process.getuid!());
    expect(mode(directory)).toBe(0o700);
    expect(readdirSync(directory)).toEqual([`.s.PGSQL.${port}`]);
  });

  it('refuses a second client while the app holds its connection, and the app goes on', async () => {
    expect(await usersStatus()).toBe(200);
    expect(await strangerConnects(url)).toBe('refused');
    expect(await usersStatus()).toBe(200);
  });

  // Keeping the connection when idle (where pg would close it after 10 s) takes wall-clock time:
  // test/slow/embedded-idle.slow-spec.ts.

  it('reconnects when its connection breaks, and holds the slot again', async () => {
    // Destroy the pool's one connection (releasing a client with an error closes it).
    const pool = (t.dataSource.driver as unknown as { master: Pool }).master;
    for (let round = 0; round < 3; round++) {
      const client = await pool.connect();
      client.release(new Error('broken on purpose'));
      expect(await usersStatus()).toBe(200);
    }
    expect(await strangerConnects(url)).toBe('refused');
  });
});

describe('the embedded database on disk', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'leadr-test-')), 'pglite');
  });
  afterAll(() => {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  const modes = (directory: string): Array<[string, number]> =>
    readdirSync(directory, { recursive: true, encoding: 'utf8' }).map((entry) => [entry, mode(join(directory, entry))]);
  const expectOwnerOnly = (directory: string) => {
    expect(mode(directory)).toBe(0o700);
    const entries = modes(directory);
    expect(entries.length).toBeGreaterThan(100);
    const loose = entries.filter(([entry, bits]) => bits !== (statSync(join(directory, entry)).isDirectory() ? 0o700 : 0o600));
    expect(loose).toEqual([]);
  };

  it('creates its data directory 0700 with files 0600, and removes its socket directory on close', async () => {
    const db = await startEmbeddedPostgres(dataDir, 1);
    const socketDir = decodeURIComponent(new URL(db.url).hostname);
    try {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query('CREATE TABLE t (a int); INSERT INTO t SELECT generate_series(1, 1000); CHECKPOINT');
      await client.end();
      expectOwnerOnly(dataDir);
    } finally {
      await db.close();
    }
    expect(existsSync(socketDir)).toBe(false);
  });

  it('tightens a data directory left readable by others when it starts', async () => {
    chmodSync(dataDir, 0o755);
    const [file] = modes(dataDir).filter(([entry]) => statSync(join(dataDir, entry)).isFile());
    chmodSync(join(dataDir, file[0]), 0o666);
    const db = await startEmbeddedPostgres(dataDir, 1);
    try {
      expectOwnerOnly(dataDir);
    } finally {
      await db.close();
    }
  });
});
