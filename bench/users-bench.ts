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
import { ExpressHttpAdapter } from '../src/express-http-adapter';
import { Authenticator } from '../src/auth/authenticator';
import { CursorCodec } from '../src/pagination/cursor-codec';
import { filtersKey } from '../src/pagination/list-filters';

const USERS = Number(process.env.BENCH_USERS ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const KEY = 'ldr_bench-superadmin-key-0123456789';

process.env.SUPERADMIN_API_KEY = KEY;
process.env.PGLITE_DATA_DIR ??= 'memory://';
// The bench sends one key's requests as fast as it can: the request budgets would refuse them.
process.env.RATE_LIMIT_KEY_RPS ??= '0';
process.env.RATE_LIMIT_ACCOUNT_RPS ??= '0';

// First names with their share of users, in ten-thousandths (cumulative ranges of a hash).
const FIRST_NAMES: Array<[string, number, number]> = [
  ['Maria', 0, 1000], ['Martin', 1000, 1800], ['Max', 1800, 2500], ['Mark', 2500, 3000],
  ['Anna', 3000, 4000], ['Alex', 4000, 4800], ['John', 4800, 5700], ['James', 5700, 6500],
  ['Sofia', 6500, 7200], ['Sam', 7200, 7800], ['Liam', 7800, 8400], ['Lucas', 8400, 8900],
  ['Eva', 8900, 9500], ['Omar', 9500, 9990], ['Xavier', 9990, 9995], ['Quinn', 9995, 9998], ['Zoe', 9998, 10000],
];
const LAST_NAMES = ['Smith', 'Jones', 'Garcia', 'Brown', 'Miller', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Jackson', 'White', 'Harris', 'Clark', 'Lewis', 'Young', 'Walker', 'Hall'];

interface Call {
  method: string;
  path: (i: number) => string;
  body?: (i: number) => object;
}

async function main(): Promise<void> {
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, new ExpressHttpAdapter(), { bodyParser: false, logger: ['error', 'warn'] }),
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
  // Half the rows in one account, the rest spread; timestamps collide in groups of 10. Names are
  // "First Last", emails "first.last<n>@example.com", the first name drawn (by a hash of n, so
  // independent of the account and of the creation order) from FIRST_NAMES: "m…" is common (30%),
  // "x…" rare (0.05%). A few are suspended (0.05%) or invited (0.25%), all outside the big account.
  await dataSource.query(
    `WITH firsts(name, lo, hi) AS (VALUES ${FIRST_NAMES.map(([name, lo, hi]) => `('${name}', ${lo}, ${hi})`).join(', ')}),
          others AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM accounts WHERE id <> $1::uuid)
     INSERT INTO users (account_id, email, display_name, created_at, updated_at, status)
     SELECT CASE WHEN g % 2 = 0 THEN $1::uuid ELSE (SELECT id FROM others WHERE n = g % 199) END,
            lower(f.name) || '.' || lower(l.name) || g || '@example.com',
            f.name || ' ' || l.name,
            timestamptz '2026-01-01' + ((g / 10) || ' seconds')::interval,
            timestamptz '2026-01-01' + ((g / 10) || ' seconds')::interval,
            CASE WHEN g % 2000 = 7 THEN 'suspended' WHEN g % 400 = 3 THEN 'invited' ELSE 'active' END
       FROM generate_series(1, $2::int) g
       CROSS JOIN LATERAL (SELECT (ARRAY[${LAST_NAMES.map((name) => `'${name}'`).join(', ')}])[1 + mod(abs(hashint4(g + 7)::bigint), ${LAST_NAMES.length})] AS name) l
       JOIN firsts f ON mod(abs(hashint4(g)::bigint), 10000) >= f.lo AND mod(abs(hashint4(g)::bigint), 10000) < f.hi`,
    [big, USERS],
  );
  await dataSource.query('ANALYZE');
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const getJson = (path: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'GET', path, agent, headers: { 'leadr-api-key': KEY } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${path}: HTTP ${res.statusCode} ${text}`))));
      });
      req.on('error', reject);
      req.end();
    });
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

  // Records the users queries of a request so that their plans can be shown: every list query
  // should use an index (no Seq Scan on users), and a plain list needs no Sort node (a rare status
  // filter instead reads the few matching rows from ix_users_live_not_active and sorts just those).
  // Each plan comes with the time the query took in the database (EXPLAIN ANALYZE, run once more).
  const captured: Array<{ query: string; parameters?: unknown[] }> = [];
  const quiet = () => undefined;
  Object.assign(dataSource, {
    logger: {
      logQuery: (query: string, parameters?: unknown[]) => {
        if (query.includes('FROM "users"') && query.includes('ORDER BY')) captured.push({ query, parameters });
      },
      logQueryError: quiet,
      logQuerySlow: quiet,
      logSchemaBuild: quiet,
      logMigration: quiet,
      log: quiet,
    },
  });
  let seqScans = 0;
  const plansOf = async (path: string) => {
    captured.length = 0;
    await send('GET', path);
    const queries = [...captured];
    if (queries.length === 0) return ['no list query seen'];
    const plans: string[] = [];
    for (const { query, parameters } of queries) {
      const [{ 'QUERY PLAN': plan }] = await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`, parameters);
      const explained = (typeof plan === 'string' ? JSON.parse(plan) : plan)[0];
      const nodes: string[] = [];
      const walk = (node: Record<string, unknown>) => {
        if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'users') seqScans++;
        nodes.push(node['Index Name'] ? `${node['Node Type']} ${node['Index Name']}` : String(node['Node Type']));
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk(explained.Plan);
      plans.push(`(${Number(explained['Execution Time']).toFixed(2)} ms in the database) ${nodes.join(' > ')}`);
    }
    return plans;
  };

  // Lines with a latency target (p99, ms) count how many miss it.
  let target = 0;
  let overTarget = 0;
  const run = async (name: string, call: Call, requests = REQUESTS) => {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let i = next++; i < requests; i = next++) {
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
    const plans =
      call.method === 'GET' && call.path(0).startsWith('/v1/users?')
        ? (await plansOf(call.path(0))).map((plan) => `\n${' '.repeat(46)}plan: ${plan}`).join('')
        : '';
    const p99 = pct(99);
    if (target && Number(p99) > target) overTarget++;
    console.log(
      `${name.padEnd(44)} ${String(Math.round(requests / seconds)).padStart(6)} req/s   p50 ${pct(50).padStart(6)} ms   p95 ${pct(95).padStart(6)} ms   p99 ${p99.padStart(6)} ms${target && Number(p99) > target ? ' (over target)' : ''}${plans}`,
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

  // Search: the filters of issue 10, in the account holding half the users and across all
  // accounts, on the first page and 10 pages in, for common and rare prefixes of 1, 2 and 4
  // characters. Target: every plan uses an index, p99 <= 50 ms.
  console.log('\nsearch (target: p99 <= 50 ms, no Seq Scan on users)');
  target = 50;
  // The cursor of the 11th page (or of the last one, when there are fewer).
  const tenPagesIn = async (path: string): Promise<[string, number]> => {
    let cursor: string | null = null;
    let page = 0;
    while (page < 10) {
      const body = await getJson(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
      const next = (body.pagination as { next_cursor: string | null }).next_cursor;
      if (!next) break;
      cursor = next;
      page++;
    }
    return [cursor ? `${path}&cursor=${cursor}` : path, page];
  };
  const [{ email: someEmail }] = await dataSource.query('SELECT email FROM users WHERE account_id = $1 LIMIT 1', [big]);
  await run('GET /v1/users?email= one account', { method: 'GET', path: () => `/v1/users?account_id=${acc}&email=${encodeURIComponent(someEmail.toUpperCase())}` });
  await run('GET /v1/users?email= all accounts', { method: 'GET', path: () => `/v1/users?email=${encodeURIComponent(someEmail)}` });
  for (const [scope, scopeQuery] of [
    ['one account', `account_id=${acc}&`],
    ['all accounts', ''],
  ]) {
    for (const [kind, prefixes] of [
      ['common', ['m', 'ma', 'mari']],
      ['rare', ['x', 'xa', 'xavi']],
    ] as const) {
      for (const q of prefixes) {
        const path = `/v1/users?${scopeQuery}q=${q}`;
        await run(`q=${q} (${kind}), ${scope}`, { method: 'GET', path: () => path });
        const [deep, pages] = await tenPagesIn(path);
        await run(`  ${pages} pages in${pages < 10 ? ' (the last page)' : ''}`, { method: 'GET', path: () => deep });
      }
    }
  }
  target = 0;
  // Outside the target: a sort on the searched columns with a common prefix. The walk of the
  // sort's index passes every name before "ma" first (see README).
  await run('q=ma sort=display_name:asc, one account', {
    method: 'GET',
    path: () => `/v1/users?account_id=${acc}&q=ma&sort=display_name:asc`,
  }, 20);
  console.log(`${seqScans} plan(s) with a Seq Scan on users so far; search: ${overTarget} line(s) over the p99 target\n`);

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
