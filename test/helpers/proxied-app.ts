import { EMBEDDED_POOL_SIZE, IN_MEMORY, startEmbeddedPostgres } from '../../src/database/embedded/embedded-postgres';
import { CapturedLogs } from './log-capture';
import { TcpProxy } from './tcp-proxy';
import { createTestApp, scratchDatabase, TestApp } from './test-app';

export interface ProxiedTestApp extends Omit<TestApp, 'logs'> {
  proxy: TcpProxy;
  // What the app's Nest logger is given (its JSON log lines are captured too, and not printed).
  logs: CapturedLogs;
  // The database as the server sees it, through the proxy.
  databaseUrl: string;
  // The database itself, bypassing the proxy.
  directUrl: string;
}

export interface Backend {
  url: string;
  close(): Promise<void>;
}

// A fresh database (on TEST_DATABASE_URL's server, or an in-memory embedded one).
export async function startBackend(): Promise<Backend> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(IN_MEMORY, EMBEDDED_POOL_SIZE);
    return { url: embedded.url, close: () => embedded.close() };
  }
  const database = await scratchDatabase(serverUrl);
  return { url: database.url, close: () => database.drop() };
}

// The test app reaching its database through a TCP proxy the test controls. On the embedded
// database the pool keeps its single connection.
export async function createProxiedTestApp(env: Record<string, string> = {}): Promise<ProxiedTestApp> {
  const backend = await startBackend();
  const proxy = new TcpProxy(TcpProxy.targetOf(backend.url));
  const port = await proxy.start();
  const databaseUrl = TcpProxy.urlThrough(backend.url, port);
  const logs = new CapturedLogs();
  const t = await createTestApp({
    DATABASE_URL: databaseUrl,
    ...(!process.env.TEST_DATABASE_URL && { DATABASE_POOL_SIZE: String(EMBEDDED_POOL_SIZE) }),
    ...env,
  });
  t.app.useLogger(logs);
  return {
    ...t,
    proxy,
    logs,
    databaseUrl,
    directUrl: backend.url,
    async close() {
      await proxy.restore();
      await t.close();
      await proxy.close();
      await backend.close();
    },
  };
}
