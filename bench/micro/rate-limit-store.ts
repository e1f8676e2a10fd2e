// The request path's cost of the rate limits: CPU and wall time of one consume() (the one store
// call per request) on each store, 10 calls in flight as under load.
// npm run build && node dist/bench/micro/rate-limit-store.js   (Redis: REDIS_URL, default 127.0.0.1:6379)
import { MemoryRateLimitStore } from '../../src/rate-limit/memory-rate-limit-store';
import { RateLimitStore } from '../../src/rate-limit/rate-limit-store';
import { RedisRateLimitStore } from '../../src/rate-limit/redis-rate-limit-store';
import { bucketPolicy, BucketPolicy } from '../../src/rate-limit/token-bucket';

const policies = [bucketPolicy('key', 1e6, 200), bucketPolicy('account', 1e6, 1000)] as BucketPolicy[];
const CALLS = 20_000;
const IN_FLIGHT = 10;

async function measure(name: string, store: RateLimitStore): Promise<void> {
  const run = async () => {
    for (let i = 0; i < CALLS / IN_FLIGHT; i++) await store.consume([`k:micro-${i % 5}`, 'a:micro'], policies);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, run)); // warm-up
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, run));
  const used = process.cpuUsage(cpu);
  const wallUs = ((performance.now() - start) * 1000) / CALLS;
  console.log(`${name}: ${((used.user + used.system) / CALLS).toFixed(1)} µs CPU, ${wallUs.toFixed(1)} µs wall per call`);
}

async function main(): Promise<void> {
  const redis = new RedisRateLimitStore({
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: `rate-limit-micro:${process.pid}:`,
    timeoutMs: 1_000,
  });
  await redis.waitUntilReady(2_000);
  for (let round = 0; round < 3; round++) {
    await measure('redis ', redis);
    await measure('memory', new MemoryRateLimitStore());
  }
  await redis.close();
}

void main();
