import { AddressInfo, connect, Socket } from 'node:net';
import { createTestApp, TestApp } from '../helpers/test-app';

interface Exchange {
  received: string;
  // When the server closed the connection, in ms after it was opened; null if it had not by the deadline.
  closedAfterMs: number | null;
}

// Opens a raw connection, sends `start`, then one byte of `drip` every `dripEveryMs`, and records
// what the server answers and when it closes the connection (giving up at `deadlineMs`).
function exchange(port: number, start: string, drip = '', dripEveryMs = 100, deadlineMs = 10_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const opened = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let dripped = 0;
    let dripper: NodeJS.Timeout | undefined;
    const finish = (closedAfterMs: number | null) => {
      clearInterval(dripper);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ received, closedAfterMs });
    };
    const deadline = setTimeout(() => finish(null), deadlineMs);
    socket.on('connect', () => {
      socket.write(start);
      if (drip) {
        dripper = setInterval(() => {
          if (dripped < drip.length && socket.writable) socket.write(drip[dripped++]);
        }, dripEveryMs);
      }
    });
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(Date.now() - opened));
  });
}

// Node's defaults would hold each of these sockets for minutes (300 s for a request, 60 s for
// headers, checked every 30 s); the test app gets bounds of a second or less.
describe('HTTP server timeouts', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '300' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
  });

  it('are set on the server from the configuration', () => {
    const server = t.app.getHttpServer();
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([500, 1000, 300]);
  });

  it('answers 408 and closes the socket of a client that sends its body slowly', async () => {
    const body = JSON.stringify({ email: 'slow@example.com', display_name: 'x'.repeat(400) });
    const headers = `POST /v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    // One byte every 100 ms: the body would take 40 s to arrive.
    const result = await exchange(port, headers, body);
    expect(result.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeGreaterThanOrEqual(900);
    expect(result.closedAfterMs!).toBeLessThan(8_000);
  });

  it('answers 408 and closes the socket of a client that sends its headers slowly', async () => {
    const headers = 'X-Padding: ' + 'p'.repeat(300) + '\r\n\r\n';
    const result = await exchange(port, 'GET /v1/health/live HTTP/1.1\r\nHost: localhost\r\n', headers);
    expect(result.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeLessThan(8_000);
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const result = await exchange(port, 'GET /v1/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(result.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeLessThan(4_000);
  });

  it('still serves a client that sends its request in time', async () => {
    const result = await exchange(port, 'GET /v1/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(result.received).toMatch(/^HTTP\/1\.1 200 /);
    expect((await t.http().get('/v1/health/live')).status).toBe(200);
  });
});
