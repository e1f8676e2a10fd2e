import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

// What read-your-writes costs a write with DATABASE_REPLICA_URLS: the COMMIT sent together with
// the position query (`COMMIT; SELECT … pg_current_wal_lsn() …`, one round trip, what Sql.transaction
// sends) against a plain COMMIT, and against the position asked in a second round trip after the
// COMMIT, interleaved, on a one-row insert transaction (a logged table: the COMMIT flushes WAL).
// Run: npm run build && BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/test node dist/bench/commit-position.js
import { POSITION_NOW } from '../src/database/replicas/replica-set';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);

async function main(): Promise<void> {
  const client = new Client({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test' });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS bench_commit_position');
  await client.query('CREATE TABLE bench_commit_position (id serial PRIMARY KEY, v text)');
  type Kind = 'plain' | 'position' | 'separate';
  const kinds: Kind[] = ['plain', 'position', 'separate'];
  const times: Record<Kind, number[]> = { plain: [], position: [], separate: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const kind = kinds[(i + j) % kinds.length];
      await client.query('BEGIN');
      await client.query('INSERT INTO bench_commit_position (v) VALUES ($1)', [kind]);
      const started = performance.now();
      if (kind === 'plain') await client.query('COMMIT');
      else if (kind === 'position') await client.query(`COMMIT; ${POSITION_NOW}`);
      else {
        await client.query('COMMIT');
        await client.query(POSITION_NOW);
      }
      times[kind].push(performance.now() - started);
    }
  }
  await client.query('DROP TABLE bench_commit_position');
  await client.end();
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const p90 = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length * 0.9)];
  for (const kind of kinds) {
    console.log(`${kind.padEnd(9)} commit: median ${(median(times[kind]) * 1000).toFixed(0)} µs, p90 ${(p90(times[kind]) * 1000).toFixed(0)} µs (${ROUNDS} rounds)`);
  }
  const extra = (kind: Kind) => ((median(times[kind]) - median(times.plain)) * 1000).toFixed(0);
  console.log(`per write, against a plain COMMIT: one round trip +${extra('position')} µs, a second round trip +${extra('separate')} µs`);
}

void main();
