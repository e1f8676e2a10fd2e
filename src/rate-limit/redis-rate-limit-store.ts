import Redis from 'ioredis';
import { RateLimitStore } from './rate-limit-store';
import type { BucketPolicy, BucketView, Decision } from './token-bucket';

// token-bucket.ts's decide(), in Lua, so that every bucket of a request is read, decided and
// written in one atomic round trip. Time is Redis's own clock (TIME), so that instances whose
// clocks differ share one timeline. KEYS: one per bucket; ARGV: interval (µs), burst and the most
// tokens to take (want) per bucket. Returns: allowed (1/0), retry-after (µs), then remaining,
// reset (µs) and tokens taken per bucket.
const CONSUME = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local n = #KEYS
local starts = {}
local allowed = 1
local retry = 0
for i = 1, n do
  local interval = tonumber(ARGV[3 * i - 2])
  local burst = tonumber(ARGV[3 * i - 1])
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  starts[i] = tat
  local wait = tat + interval - burst * interval - now
  if wait > 0.5 then
    allowed = 0
    if wait > retry then retry = wait end
  end
end
local out = { allowed, math.ceil(retry) }
for i = 1, n do
  local interval = tonumber(ARGV[3 * i - 2])
  local burst = tonumber(ARGV[3 * i - 1])
  local tat = starts[i]
  local take = 0
  if allowed == 1 then
    local has = math.floor((burst * interval - (tat - now) + 0.5) / interval)
    take = math.max(1, math.min(tonumber(ARGV[3 * i]), has))
    tat = tat + take * interval
    redis.call('SET', KEYS[i], string.format('%.3f', tat), 'PX', math.ceil((tat - now) / 1000) + 1)
  end
  local remaining = math.floor((burst * interval - (tat - now)) / interval + 0.000001)
  if remaining < 0 then remaining = 0 end
  out[#out + 1] = remaining
  out[#out + 1] = math.ceil(tat - now)
  out[#out + 1] = take
end
return out
`;

// A failed authentication: the window starts with the first failure and is not extended.
const RECORD_FAILURE = `
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { failures, redis.call('PTTL', KEYS[1]) }
`;

interface ScriptedRedis extends Redis {
  rateLimitConsume(...args: Array<string | number>): Promise<number[]>;
  rateLimitFailure(key: string, windowMs: number): Promise<[number, number]>;
}

export interface RedisStoreOptions {
  url: string;
  prefix: string;
  // Bound on every call (and on connecting): past it the call rejects.
  timeoutMs: number;
}

// The store shared by every instance. ioredis sends the scripts by EVALSHA (EVAL once after a
// Redis restart emptied its script cache). A call never waits for a connection: with Redis
// unreachable it rejects at once (no offline queue, no retries), and an unanswered call rejects
// after `timeoutMs`; ioredis reconnects in the background.
export class RedisRateLimitStore extends RateLimitStore {
  private readonly redis: ScriptedRedis;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    super();
    this.prefix = options.prefix;
    this.redis = new Redis(options.url, {
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(options.timeoutMs, 1_000),
      // How long closing waits for a socket that does not close (2 s by default, which would
      // hold up shutdown when Redis is gone).
      disconnectTimeout: options.timeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
      lazyConnect: false,
    }) as ScriptedRedis;
    this.redis.defineCommand('rateLimitConsume', { lua: CONSUME });
    this.redis.defineCommand('rateLimitFailure', { lua: RECORD_FAILURE, numberOfKeys: 1 });
    // Failures surface as rejected calls (counted and logged once per outage by the callers);
    // without a listener ioredis would print every reconnection error.
    this.redis.on('error', () => {});
  }

  // Resolves once connected, or after `ms` (the calls then fail until it is: fail open or 503),
  // so that the first requests after a start are limited like the rest.
  async waitUntilReady(ms: number): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.redis.once('ready', done);
    });
  }

  async consume(keys: readonly string[], policies: readonly BucketPolicy[], wants?: readonly number[]): Promise<Decision> {
    const args: Array<string | number> = [keys.length];
    for (const key of keys) args.push(this.prefix + key);
    for (let i = 0; i < policies.length; i++) args.push(policies[i].intervalUs, policies[i].burst, wants?.[i] ?? 1);
    const reply = await this.redis.rateLimitConsume(...args);
    const views: BucketView[] = [];
    const taken: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      views.push({ remaining: reply[2 + 3 * i], resetUs: reply[3 + 3 * i] });
      taken.push(reply[4 + 3 * i]);
    }
    return { allowed: reply[0] === 1, retryAfterUs: reply[1], views, taken };
  }

  async recordFailure(address: string, windowMs: number): Promise<{ failures: number; ttlMs: number }> {
    const [failures, ttlMs] = await this.redis.rateLimitFailure(`${this.prefix}f:${address}`, windowMs);
    return { failures, ttlMs: ttlMs > 0 ? ttlMs : windowMs };
  }

  async trust(address: string, key: string, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}t:${address}:${key}`, '1', 'PX', ttlMs);
  }

  async isTrusted(address: string, key: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}t:${address}:${key}`)) === 1;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}
