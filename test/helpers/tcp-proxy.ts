import * as net from 'node:net';

// How the database "goes away" between the server and it:
// - refuse: existing connections are reset, new ones are refused (the listener is closed);
// - reset: existing connections are reset, new ones are accepted and reset at once;
// - blackhole: nothing answers any more: existing connections stay open but frozen, new ones are
//   accepted and held silently (a partitioned or frozen server).
export type CutMode = 'refuse' | 'reset' | 'blackhole';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  frozen: boolean;
  // Dies (reset) the moment the client sends anything: a connection that went away while idle,
  // which the client only learns about when it uses it.
  poisoned: boolean;
}

// A TCP proxy in front of the database, so a test can take the database away from the server
// under test and give it back.
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<Pair>();
  private readonly held = new Set<net.Socket>();
  private mode: CutMode | null = null;
  port = 0;

  constructor(private readonly target: net.NetConnectOpts) {}

  // Where a database URL points: a TCP host and port, or (the embedded database) the Unix socket
  // `<directory>/.s.PGSQL.<port>` whose directory is the URL's percent-encoded host.
  static targetOf(url: string): net.NetConnectOpts {
    const parsed = new URL(url);
    const port = Number(parsed.port || 5432);
    const host = decodeURIComponent(parsed.hostname);
    return host.startsWith('/') ? { path: `${host}/.s.PGSQL.${port}` } : { host, port };
  }

  // The target's URL with the proxy's address instead.
  static urlThrough(url: string, port: number): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    return proxied.toString();
  }

  async start(): Promise<number> {
    await this.listen(0);
    return this.port;
  }

  get connectionCount(): number {
    return this.pairs.size;
  }

  async cut(mode: CutMode): Promise<void> {
    this.mode = mode;
    for (const pair of this.pairs) {
      if (mode === 'blackhole') pair.frozen = true;
      else this.kill(pair);
    }
    if (mode === 'refuse') await this.stopListening();
  }

  async restore(): Promise<void> {
    const mode = this.mode;
    this.mode = null;
    if (mode === 'blackhole') {
      // What a partition leaves behind: connections that are dead, not ones that resume.
      for (const pair of this.pairs) this.kill(pair);
      for (const socket of this.held) reset(socket);
      this.held.clear();
    }
    if (!this.server) await this.listen(this.port);
  }

  // Every open connection dies as soon as it is next used; new connections work.
  poisonOpenConnections(): void {
    for (const pair of this.pairs) pair.poisoned = true;
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) this.kill(pair);
    for (const socket of this.held) socket.destroy();
    this.held.clear();
    await this.stopListening();
  }

  private kill(pair: Pair): void {
    this.pairs.delete(pair);
    reset(pair.client);
    pair.upstream.destroy();
  }

  private onConnection(client: net.Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'blackhole') {
      this.held.add(client);
      client.on('close', () => this.held.delete(client));
      return;
    }
    if (this.mode === 'reset') {
      reset(client);
      return;
    }
    const upstream = net.connect(this.target);
    upstream.on('error', () => undefined);
    const pair: Pair = { client, upstream, frozen: false, poisoned: false };
    this.pairs.add(pair);
    client.on('data', (chunk) => {
      if (pair.poisoned) return this.kill(pair);
      if (!pair.frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.frozen) client.write(chunk);
    });
    const end = () => {
      if (this.pairs.has(pair)) this.kill(pair);
    };
    client.on('close', end);
    upstream.on('close', end);
  }

  private async listen(port: number): Promise<void> {
    const server = net.createServer((socket) => this.onConnection(socket));
    // The port of a closed listener can take a moment to be free again.
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (error) {
        if (attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// An RST for an open connection. One that is already closing in either direction is only
// destroyed: resetting it can leave its handle open for good (and the test process with it).
function reset(socket: net.Socket): void {
  if (socket.readyState === 'open' && !socket.destroyed) socket.resetAndDestroy();
  else socket.destroy();
}
