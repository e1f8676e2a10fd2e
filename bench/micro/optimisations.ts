// `npm run bench:micro`: what each request-path optimisation buys, against what a request costs.
// Micro-benchmarks run in this process as interleaved A/B rounds (median of 9). The request-level
// figures (server CPU per request, the principal cache, prepared statements) need PostgreSQL:
// BENCH_DATABASE_URL (or DATABASE_URL) names a server on which a scratch database is created and
// dropped; without one they are left out. docs/architecture.md keeps the figures (the register).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ArgumentMetadata } from '@nestjs/common';
import { InterceptorsConsumer } from '@nestjs/core/interceptors/interceptors-consumer.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request, Response } from 'express';
import pg from 'pg';
import pino from 'pino';
import { Histogram, Registry } from 'prom-client';
import { lastValueFrom } from 'rxjs';
import { PRINCIPAL_LOOKUP } from '../../src/api-keys/api-keys.repository';
import { EntityTagCondition, etagOf } from '../../src/common/etag';
import { TaggedReply } from '../../src/common/conditional.decorator';
import { requestIdStorage } from '../../src/request-context';
import { map } from 'rxjs';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { convertPrefixedIds } from '../../src/common/prefixed-id';
import { RequestValidationPipe } from '../../src/common/request-validation.pipe';
import { parseTimestamptz } from '../../src/database/sql/timestamptz';
import { isoTime } from '../../src/common/iso-time';
import { routeTemplate } from '../../src/observability/route-template';
import { UserListQuery } from '../../src/users/dto/user-list-query.dto';
import { UserResponse } from '../../src/users/dto/user-response.dto';
import { User } from '../../src/users/user.entity';
import { interleaved, interleavedAsync, us } from './measure';

const KEY = 'ldr_bench-micro-superadmin-key-0123456789';
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

// The validation memo of the pipe (a query that passed, kept by its exact parameters) against
// class-transformer and class-validator on every request. In this process few DTO classes are
// loaded; in the server the same validation costs far more (see the register's request-level A/B).
function validationMemo(): void {
  const pipe = new RequestValidationPipe();
  const metadata: ArgumentMetadata = { type: 'query', metatype: UserListQuery, data: undefined };
  const validatedOnly = (value: object) => {
    const instance = plainToInstance(UserListQuery, value) as object;
    validateSync(instance, { whitelist: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
    convertPrefixedIds(instance);
    return instance;
  };
  const firstPage = { limit: '20', sort: 'created_at:desc', status: 'active' };
  let n = 0;
  // Every later page carries a new cursor: a new key each time.
  const laterPage = () => ({ ...firstPage, cursor: `c${n++}` });
  const repeated = interleaved(() => pipe.transform({ ...firstPage }, metadata), () => validatedOnly({ ...firstPage }), 20_000);
  const unique = interleaved(() => pipe.transform(laterPage(), metadata), () => validatedOnly(laterPage()), 20_000);
  report(`validation memo  repeated query: memo hit ${us(repeated.a)}, validation alone ${us(repeated.b)}`);
  report(`validation memo  new query (a later page): memo miss ${us(unique.a)}, validation alone ${us(unique.b)}`);
}

async function etagParameter(): Promise<void> {
  const user = Object.assign(new User(), {
    id: '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41',
    accountId: '1b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41',
    email: 'maria.smith@example.com',
    displayName: 'Maria Smith',
    status: 'active',
    superAdmin: false,
    createdAt: new Date(),
    updatedAt: new Date(),
    deletedAt: null,
  });
  const response = { setHeader: () => undefined, status: () => undefined } as unknown as Response;
  const request = { method: 'GET', header: () => undefined } as unknown as Request;
  const consumer = new InterceptorsConsumer();
  const handler = async () => UserResponse.fromEntity(user);
  const interceptor = new ETagInterceptor(request, response);
  const instance = {};
  const viaInterceptor = async () => {
    const result = await consumer.intercept([interceptor], [request, response], instance, handler, handler, 'http');
    return lastValueFrom(result as never);
  };
  const tagged = new TaggedReply(request, response);
  const viaParameter = async () =>
    consumer.intercept([], [request, response], instance, handler, async () => tagged.reply(await handler()), 'http');
  // Inside a request's async context, as in the server (the request id's AsyncLocalStorage): Nest
  // binds each interceptor step to it.
  const ab = await requestIdStorage.run('bench', () => interleavedAsync(viaParameter, viaInterceptor, 20_000));
  report(`ETag             @Tagged() handler parameter ${us(ab.a)}, interceptor (RxJS pipeline; removed) ${us(ab.b)} (both hash the body)`);
}

// The interceptor the @Tagged() parameter replaced (common/conditional.decorator.ts), kept here to
// measure against.
class ETagInterceptor implements NestInterceptor {
  constructor(
    private readonly request: Request,
    private readonly response: Response,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(
      map((representation: unknown) => {
        const etag = etagOf(representation);
        this.response.setHeader('ETag', etag);
        if (EntityTagCondition.parse(this.request.header('if-none-match'))?.matchesWeakly(etag)) return undefined;
        return representation;
      }),
    );
  }
}

function timestampParser(): void {
  const samples = ['2026-11-27 06:13:22.123+00', '2026-01-02 23:59:59.5+00', '2025-06-30 12:00:00+00'];
  const general = pg.types.getTypeParser(1184, 'text') as (text: string) => Date;
  let i = 0;
  const ab = interleaved(() => parseTimestamptz(samples[i++ % 3]), () => general(samples[i++ % 3]), 200_000);
  // A list page of 20 rows carries 40 to 60 timestamps.
  report(`timestamptz      positional ${us(ab.a)}, pg's parser ${us(ab.b)} per value; ×50 per page: ${us(50 * (ab.b - ab.a))} saved`);
}

// A response's timestamps: isoTime against V8's toISOString (C++ and a formatted print). A users
// page of 20 rows formats 40.
function timestampFormat(): void {
  const dates = [new Date('2026-11-27T06:13:22.123Z'), new Date('2026-01-02T23:59:59.500Z'), new Date('2025-06-30T12:00:00.000Z')];
  let i = 0;
  const ab = interleaved(() => isoTime(dates[i++ % 3]), () => dates[i++ % 3].toISOString(), 200_000);
  report(`iso time         isoTime ${us(ab.a)}, toISOString ${us(ab.b)} per value; ×40 per page: ${us(40 * (ab.b - ab.a))} saved`);
  // The same inside what a page costs: 20 rows' two timestamps written, then the page serialised
  // (a string made of joined pieces is flattened by JSON.stringify; isoTime's is flat already).
  const rows = Array.from({ length: 20 }, () => ({ id: 'usr_0192e3c4-8d2a-7b4e-9f10-3a5b6c7d8e9f', created_at: '', updated_at: '' }));
  const page = (format: (date: Date) => string) => () => {
    for (let row = 0; row < 20; row++) {
      rows[row].created_at = format(dates[row % 3]);
      rows[row].updated_at = format(dates[(row + 1) % 3]);
    }
    return JSON.stringify(rows);
  };
  const pages = interleaved(page(isoTime), page((date) => date.toISOString()), 20_000);
  report(`iso time, a page isoTime ${us(pages.a)}, toISOString ${us(pages.b)} per page of 20 rows, JSON.stringify included`);
}

// The parameters of a create's single statement (insertRowWhere): 16 named values from three
// sources, collected in a Map, against one object spread from the first and then extended (what
// the first version did: V8 gives such an object a new hidden class on every call).
function insertParameters(): void {
  const requires = { r_account_id: 'a' };
  const event = { e_id: 1, e_type: 2, e_type_group: 3, e_account_id: 4, e_resource_id: 5, e_actor_api_key_id: 6, e_actor_user_id: 7, e_changes: 8, e_data: 9 };
  const columns = ['c_id', 'c_account_id', 'c_email', 'c_display_name', 'c_super_admin', 'c_status'];
  const names = [...Object.keys(requires), ...Object.keys(event), ...columns];
  const viaMap = () => {
    const params = new Map<string, unknown>();
    for (const source of [requires, event]) for (const name in source) params.set(name, source[name as keyof typeof source]);
    for (const column of columns) params.set(column, column);
    return names.map((name) => params.get(name));
  };
  const viaSpread = () => {
    const params: Record<string, unknown> = { ...requires };
    Object.assign(params, event);
    for (const column of columns) params[column] = column;
    return names.map((name) => params[name]);
  };
  const ab = interleaved(viaMap, viaSpread, 20_000);
  report(`insert params    Map ${us(ab.a)}, spread object extended ${us(ab.b)} per create`);
}

function metricSeries(): void {
  const histogram = new Histogram({ name: 'bench_seconds', help: 'bench', labelNames: ['method', 'route', 'status_class'], registers: [new Registry()] });
  const series = new Map<string, ReturnType<typeof histogram.labels>>();
  const cached = () => {
    const key = 'GET /v1/users 200';
    let child = series.get(key);
    if (child === undefined) {
      child = histogram.labels({ method: 'GET', route: '/v1/users', status_class: '2xx' });
      series.set(key, child);
    }
    child.observe(0.004);
  };
  const lookedUp = () => histogram.labels({ method: 'GET', route: '/v1/users', status_class: '2xx' }).observe(0.004);
  const ab = interleaved(cached, lookedUp, 200_000);
  report(`metric series    looked up once ${us(ab.a)}, labels() each time ${us(ab.b)} per observation`);
}

function routeOnce(): void {
  const request = { route: { path: '/v1/users/:user_id' }, baseUrl: '' } as unknown as Request;
  const ab = interleaved(() => routeTemplate(request), () => undefined, 1_000_000);
  report(`route template   one call ${us(ab.a - ab.b)} (the second call it saves)`);
}

// Process CPU (all threads) per request line written to a pipe, as stdout usually is.
async function batchedLogs(): Promise<void> {
  const line = {
    request_id: '7f1c0d6e-2b1a-4c55-9d7e-0a3f5e6b7c8d',
    method: 'GET',
    route: '/v1/users/:user_id',
    status: 200,
    duration_ms: 3.2,
    api_key_id: 'key_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41',
  };
  const sinks = [0, 1].map(() => spawn('sh', ['-c', 'cat > /dev/null'], { stdio: ['pipe', 'ignore', 'ignore'] }));
  const fdOf = (sink: ChildProcess) => (sink.stdin as unknown as { _handle: { fd: number } })._handle.fd;
  const loggers = [
    pino({ base: undefined }, pino.destination({ dest: fdOf(sinks[0]), sync: false, minLength: 4096 })),
    pino({ base: undefined }, pino.destination({ dest: fdOf(sinks[1]), sync: false, minLength: 0 })),
  ];
  const cpu: number[][] = [[], []];
  const count = 5_000;
  for (let round = 0; round < 8; round++) {
    for (const which of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const before = process.cpuUsage();
      // One line per turn of the event loop, as requests end one by one, not all in one burst.
      for (let i = 0; i < count; i++) {
        loggers[which].info(line, 'request completed');
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      const used = process.cpuUsage(before);
      if (round > 0) cpu[which].push(((used.user + used.system) * 1000) / count);
    }
  }
  for (const sink of sinks) sink.kill();
  const med = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  report(`batched logs     process CPU per request line to a pipe (one line per event-loop turn): 4 KiB batches ${us(med(cpu[0]))}, one write per line ${us(med(cpu[1]))}`);
}

// ---- request level, on PostgreSQL ----

interface Server {
  process: ChildProcess;
  port: number;
}

async function startServer(databaseUrl: string, env: Record<string, string>, main?: string): Promise<Server> {
  // BENCH_SERVER: another build's dist/src/main.js, to compare builds.
  const child = spawn(process.execPath, [main ?? process.env.BENCH_SERVER ?? join(__dirname, '../../src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      API_KEY_SECRET: 'bench-micro-secret-0123456789abcdef',
      SUPERADMIN_API_KEY: KEY,
      AUTH_FAILURE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const read = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(seen);
      if (!match) return;
      // From here on its log is read and dropped, as a log collector would.
      child.stdout!.off('data', read);
      resolve(Number(match[1]));
    };
    child.stdout!.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume();
  return { process: child, port };
}

// User + system CPU seconds of a process, from /proc (Linux).
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { 'leadr-api-key': KEY } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

// Server CPU and wall time per request, over `count` sequential requests.
async function perRequest(server: Server, path: string, count: number): Promise<{ cpuUs: number; wallUs: number }> {
  const cpu = cpuSeconds(server.process.pid!);
  const start = performance.now();
  for (let i = 0; i < count; i++) await get(server.port, path);
  return { cpuUs: ((cpuSeconds(server.process.pid!) - cpu) * 1e6) / count, wallUs: ((performance.now() - start) * 1000) / count };
}

async function requestLevel(serverUrl: string): Promise<void> {
  const name = `leadr_micro_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const servers: Server[] = [];
  try {
    const cached = await startServer(url.toString(), {});
    servers.push(cached);
    const uncached = await startServer(url.toString(), { AUTH_CACHE_TTL_MS: '0' });
    servers.push(uncached);
    // BENCH_SERVER_B: a second build, measured in the same interleaved rounds (an A/B of builds).
    const other = process.env.BENCH_SERVER_B ? await startServer(url.toString(), {}, process.env.BENCH_SERVER_B) : null;
    if (other) servers.push(other);
    const userId = (JSON.parse(await get(cached.port, '/v1/users?limit=1')) as { data: Array<{ id: string }> }).data[0].id;
    const paths = { list: '/v1/users?limit=20&sort=created_at:desc', one: `/v1/users/${userId}` };
    for (let i = 0; i < 300; i++) {
      await Promise.all([get(cached.port, paths.list), get(uncached.port, paths.one), other && get(other.port, paths.list)]);
    }
    const rounds: Record<string, Array<{ cpuUs: number; wallUs: number }>> = { list: [], one: [], oneUncached: [], listB: [], oneB: [] };
    for (let round = 0; round < 6; round++) {
      if (other && round % 2 === 0) rounds.listB.push(await perRequest(other, paths.list, 500));
      rounds.list.push(await perRequest(cached, paths.list, 500));
      if (other && round % 2 === 1) rounds.listB.push(await perRequest(other, paths.list, 500));
      if (other) rounds.oneB.push(await perRequest(other, paths.one, 500));
      if (round % 2 === 0) {
        rounds.one.push(await perRequest(cached, paths.one, 500));
        rounds.oneUncached.push(await perRequest(uncached, paths.one, 500));
      } else {
        rounds.oneUncached.push(await perRequest(uncached, paths.one, 500));
        rounds.one.push(await perRequest(cached, paths.one, 500));
      }
    }
    const med = (values: Array<{ cpuUs: number; wallUs: number }>, field: 'cpuUs' | 'wallUs') =>
      [...values.map((v) => v[field])].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    report(`request          GET /v1/users?limit=20: server CPU ${med(rounds.list, 'cpuUs').toFixed(0)} µs, wall ${med(rounds.list, 'wallUs').toFixed(0)} µs per request`);
    report(`request          GET /v1/users/{id}: server CPU ${med(rounds.one, 'cpuUs').toFixed(0)} µs, wall ${med(rounds.one, 'wallUs').toFixed(0)} µs per request`);
    report(`principal cache  GET /v1/users/{id} with AUTH_CACHE_TTL_MS=0: server CPU ${med(rounds.oneUncached, 'cpuUs').toFixed(0)} µs, wall ${med(rounds.oneUncached, 'wallUs').toFixed(0)} µs per request`);
    if (other) {
      report(`build B          GET /v1/users?limit=20: server CPU ${med(rounds.listB, 'cpuUs').toFixed(0)} µs, wall ${med(rounds.listB, 'wallUs').toFixed(0)} µs per request (${process.env.BENCH_SERVER_B})`);
      report(`build B          GET /v1/users/{id}: server CPU ${med(rounds.oneB, 'cpuUs').toFixed(0)} µs, wall ${med(rounds.oneB, 'wallUs').toFixed(0)} µs per request`);
    }
    await preparedStatements(url.toString());
  } finally {
    for (const server of servers) {
      server.process.kill('SIGTERM');
      await new Promise((resolve) => server.process.once('exit', resolve));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    agent.destroy();
  }
}

// The principal lookup, the hottest statement, named (parsed and planned once per connection)
// and unnamed (parsed and planned on every call).
async function preparedStatements(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const text = PRINCIPAL_LOOKUP;
  const [{ key_hash: hash }] = (await client.query('SELECT key_hash FROM api_keys LIMIT 1')).rows as Array<{ key_hash: string }>;
  const ab = await interleavedAsync(
    () => client.query({ name: 'bench_principal', text, values: [hash] }),
    () => client.query(text, [hash]),
    2_000,
  );
  report(`prepared stmt    principal lookup round trip: named ${us(ab.a)}, unnamed ${us(ab.b)}`);
  await client.end();
}

async function main(): Promise<void> {
  report(`# bench:micro ${new Date().toISOString()} node ${process.version}`);
  validationMemo();
  await etagParameter();
  timestampParser();
  timestampFormat();
  insertParameters();
  metricSeries();
  routeOnce();
  await batchedLogs();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (serverUrl) await requestLevel(serverUrl);
  else report('request level: left out (set BENCH_DATABASE_URL to a PostgreSQL server)');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
