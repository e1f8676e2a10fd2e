// `npm run bench`: seeds a large users table and measures the Users API over real HTTP.
// BENCH_USERS (default 200000) rows over 200 accounts, one of which holds half of them.
// Uses DATABASE_URL when set, else an in-memory embedded database.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { Authenticator } from '../src/auth/authenticator';
import { CursorCodec } from '../src/pagination/cursor-codec';
import { filtersKey } from '../src/pagination/page-position';

const USERS = Number(process.env.BENCH_USERS ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const KEY = 'ldr_bench-superadmin-key-0123456789';

process.env.SUPERADMIN_API_KEY = KEY;
process.env.PGLITE_DATA_DIR ??= 'memory://';

interface Call {
  method: string;
  path: (i: number) => string;
  body?: (i: number) => object;
}

async function main(): Promise<void> {
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: ['error', 'warn'] }),
  );
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const dataSource = app.get(DataSource);
  const codec = app.get(CursorCodec);

  const seedStart = performance.now();
  const big = randomUUID();
  await dataSource.query(
    `INSERT INTO accounts (id, name, slug)
     SELECT CASE WHEN g = 0 THEN $1::uuid ELSE gen_random_uuid() END, 'Bench ' || g, 'bench-' || g
       FROM generate_series(0, 199) g`,
    [big],
  );
  // Half the rows in one account, the rest spread; timestamps collide in groups of 10. A few are
  // suspended (0.05%) or invited (0.25%), all outside the big account.
  await dataSource.query(
    `INSERT INTO users (account_id, email, display_name, created_at, updated_at, status)
     SELECT CASE WHEN g % 2 = 0 THEN $1::uuid ELSE (SELECT id FROM accounts ORDER BY slug OFFSET (g % 199) + 1 LIMIT 1) END,
            'user' || g || '@example.com',
            'Player ' || (g % 5000),
            timestamptz '2026-01-01' + ((g / 10) || ' seconds')::interval,
            timestamptz '2026-01-01' + ((g / 10) || ' seconds')::interval,
            CASE WHEN g % 2000 = 7 THEN 'suspended' WHEN g % 400 = 3 THEN 'invited' ELSE 'active' END
       FROM generate_series(1, $2::int) g`,
    [big, USERS],
  );
  await dataSource.query('ANALYZE');
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const send = (method: string, path: string, body?: object) =>
    new Promise<number>((resolve, reject) => {
      const payload = body ? JSON.stringify(body) : undefined;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: { 'leadr-api-key': KEY, ...(payload && { 'content-type': 'application/json' }) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  // Records the last users list query so its plan can be shown: every sort should be an index scan
  // on one of the ix_users_live_* indexes with no Sort node above it (a rare status filter instead
  // reads the few matching rows from ix_users_live_not_active and sorts just those).
  const captured: { list?: { query: string; parameters?: unknown[] } } = {};
  const quiet = () => undefined;
  Object.assign(dataSource, {
    logger: {
      logQuery: (query: string, parameters?: unknown[]) => {
        if (query.includes('FROM "users"') && query.includes('ORDER BY')) captured.list = { query, parameters };
      },
      logQueryError: quiet,
      logQuerySlow: quiet,
      logSchemaBuild: quiet,
      logMigration: quiet,
      log: quiet,
    },
  });
  const planOf = async (path: string) => {
    captured.list = undefined;
    await send('GET', path);
    const lastList = captured.list as { query: string; parameters?: unknown[] } | undefined;
    if (!lastList) return 'no list query seen';
    const [{ 'QUERY PLAN': plan }] = await dataSource.query(`EXPLAIN (FORMAT JSON) ${lastList.query}`, lastList.parameters);
    const nodes: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      nodes.push(node['Index Name'] ? `${node['Node Type']} ${node['Index Name']}` : String(node['Node Type']));
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
    return nodes.join(' > ');
  };

  const run = async (name: string, call: Call) => {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const t0 = performance.now();
        const status = await send(call.method, call.path(i), call.body?.(i));
        latencies.push(performance.now() - t0);
        if (status >= 400) throw new Error(`${name}: HTTP ${status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
    const plan = call.method === 'GET' && call.path(0).startsWith('/v1/users?') ? `\n${' '.repeat(46)}plan: ${await planOf(call.path(0))}` : '';
    console.log(
      `${name.padEnd(44)} ${String(Math.round(REQUESTS / seconds)).padStart(6)} req/s   p50 ${pct(50).padStart(6)} ms   p95 ${pct(95).padStart(6)} ms   p99 ${pct(99).padStart(6)} ms${plan}`,
    );
  };

  // A cursor deep in the middle of each list, made exactly as the API makes them.
  const midCursor = async (sort: string, accountId: string | null, keyColumns: string[]) => {
    const where = accountId ? `WHERE account_id = '${accountId}' AND deleted_at IS NULL` : 'WHERE deleted_at IS NULL';
    const [row] = await dataSource.query(
      `SELECT ${keyColumns.map((c) => `${c}::text AS "${c}"`).join(', ')}, ${keyColumns
        .filter((c) => c.endsWith('_at'))
        .map((c) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${c}_iso"`)
        .concat('1 AS one')
        .join(', ')} FROM users ${where} ORDER BY id OFFSET $1 LIMIT 1`,
      [Math.floor(USERS / 4)],
    );
    const key = keyColumns.map((c) => (c.endsWith('_at') ? row[`${c}_iso`] : row[c]));
    return codec.encode({
      resource: 'users',
      sort,
      filters: filtersKey({ account_id: accountId, status: null }),
      direction: 'next',
      key,
    });
  };

  const acc = `acc_${big}`;
  const [{ id: someUser }] = await dataSource.query('SELECT id FROM users WHERE account_id = $1 LIMIT 1', [big]);
  console.log(`users: ${USERS} rows seeded in ${seedSeconds.toFixed(1)} s; ${REQUESTS} requests per line, concurrency ${CONCURRENCY}`);
  console.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite (in memory)'}\n`);

  await run('GET /v1/health/live (no auth, baseline)', { method: 'GET', path: () => '/v1/health/live' });
  await run('GET /v1/users/{id}', { method: 'GET', path: () => `/v1/users/usr_${someUser}` });
  await run('GET /v1/users first page, all accounts', { method: 'GET', path: () => '/v1/users?limit=20' });
  await run('GET /v1/users first page, one account', { method: 'GET', path: () => `/v1/users?account_id=${acc}` });
  const [{ account_id: small }] = await dataSource.query(`SELECT account_id FROM users WHERE account_id <> $1 LIMIT 1`, [big]);
  await run('GET /v1/users first page, a small account', {
    method: 'GET',
    path: () => `/v1/users?account_id=acc_${small}&sort=updated_at:asc`,
  });
  const deepDefault = await midCursor('created_at:desc,id:asc', big, ['created_at', 'id']);
  await run('  deep cursor, default sort, one account', {
    method: 'GET',
    path: () => `/v1/users?account_id=${acc}&cursor=${deepDefault}`,
  });
  const deepEmail = await midCursor('email:asc,id:asc', null, ['email', 'id']);
  await run('  deep cursor, email:asc, all accounts', { method: 'GET', path: () => `/v1/users?sort=email:asc&cursor=${deepEmail}` });
  const deepName = await midCursor('display_name:desc,id:desc', big, ['display_name', 'id']);
  await run('  deep cursor, display_name:desc, one account', {
    method: 'GET',
    path: () => `/v1/users?account_id=${acc}&sort=display_name:desc&cursor=${deepName}`,
  });
  await run('GET /v1/users?status=suspended, all accounts', {
    method: 'GET',
    path: () => '/v1/users?status=suspended&sort=email:asc',
  });
  await run('GET /v1/users?status=suspended, one account', {
    method: 'GET',
    path: () => `/v1/users?account_id=${acc}&status=suspended`,
  });
  await run('GET /v1/users?status=active, one account', { method: 'GET', path: () => `/v1/users?account_id=${acc}&status=active` });
  await run('GET /v1/users?limit=100 sort=updated_at:asc', { method: 'GET', path: () => `/v1/users?limit=100&sort=updated_at:asc&account_id=${acc}` });
  const runId = Date.now().toString(36);
  await run('POST /v1/users', {
    method: 'POST',
    path: () => '/v1/users',
    body: (i) => ({ account_id: acc, email: `new-${runId}-${i}@example.com`, display_name: `New ${i}` }),
  });
  await run('PATCH /v1/users/{id} display_name', {
    method: 'PATCH',
    path: () => `/v1/users/usr_${someUser}`,
    body: (i) => ({ display_name: `Renamed ${i}` }),
  });

  // The per-request key lookup on its own (no HTTP): what having no key cache costs.
  const auth = app.get(Authenticator);
  const lookups: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await auth.authenticate(KEY, '127.0.0.1');
    lookups.push(performance.now() - t0);
  }
  lookups.sort((a, b) => a - b);
  console.log(
    `${'API key lookup (Authenticator, in process)'.padEnd(44)}        p50 ${lookups[Math.floor(lookups.length / 2)].toFixed(2).padStart(6)} ms   p99 ${lookups[Math.floor(lookups.length * 0.99)].toFixed(2).padStart(6)} ms`,
  );

  console.log(`\nRSS after run: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
  agent.destroy();
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
