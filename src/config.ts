import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const DEV_API_KEY_SECRET = 'leadr-development-secret-do-not-use-in-production';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const TimeoutMs = (name: string) =>
  applyDecorators(
    Transform(toInt),
    IsInt({ message: `${name} must be a whole number of milliseconds` }),
    Min(1, { message: `${name} must be at least 1 ms` }),
    Max(3_600_000, { message: `${name} must be at most 3600000 ms (one hour)` }),
  );
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
// An origin as browsers send it: scheme, host and optional port; no path, no trailing slash.
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

const TRUST_PROXY_MESSAGE =
  'TRUST_PROXY must be false, a hop count, or a comma-separated list of proxy addresses or subnets ' +
  '(true would trust every hop, so a client could pick its own address by sending X-Forwarded-For)';

// The one validated configuration, read from the environment (and `.env` when present).
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  PGLITE_DATA_DIR = './.data/pglite';

  // The embedded database is for development, tests and trials; production needs DATABASE_URL
  // unless this says otherwise explicitly.
  @Transform(toBoolean)
  @IsBoolean({ message: 'EMBEDDED_DATABASE_IN_PRODUCTION must be true or false' })
  EMBEDDED_DATABASE_IN_PRODUCTION = false;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  // Every wait on the database is bounded (README, "Failure behaviour"): opening a connection,
  // waiting for a free pooled connection, and running one statement.
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_CONNECT_TIMEOUT_MS = 2_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_ACQUIRE_TIMEOUT_MS = 2_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 5_000;

  // Streaming replicas for the reads that tolerate a little staleness (docs/operations.md, "Read
  // replicas"): comma-separated postgres:// URLs; empty = every statement on DATABASE_URL.
  @IsString()
  DATABASE_REPLICA_URLS = '';

  // A replica further behind the primary than this is skipped until it catches up.
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  DATABASE_REPLICA_MAX_LAG_MS = 1_000;

  // How often each replica's replay position (and the primary's position) is polled.
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  DATABASE_REPLICA_POLL_MS = 200;

  get replicaUrls(): string[] {
    return this.DATABASE_REPLICA_URLS.split(',')
      .map((url) => url.trim())
      .filter((url) => url !== '');
  }

  // Longest a SIGTERM/SIGINT may take to drain in-flight requests and close the database.
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @IsString()
  @MinLength(16, { message: 'API_KEY_SECRET must be at least 16 characters' })
  API_KEY_SECRET = DEV_API_KEY_SECRET;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^ldr_[A-Za-z0-9_-]{16,}$/, {
    message: 'SUPERADMIN_API_KEY must be "ldr_" followed by at least 16 base64url characters',
  })
  SUPERADMIN_API_KEY?: string;

  // A file holding the superadmin key (SUPERADMIN_API_KEY's value). On a first start without a key,
  // a missing file is created (0600) with a generated key in it, and only its path is logged.
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SUPERADMIN_API_KEY_FILE?: string;

  @IsEmail({}, { message: 'SUPERADMIN_EMAIL must be an email address' })
  SUPERADMIN_EMAIL = 'admin@leadr.local';

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  SUPERADMIN_DISPLAY_NAME = 'Superadmin';

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  SUPERADMIN_ACCOUNT_NAME = 'System';

  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'SUPERADMIN_ACCOUNT_SLUG must be lowercase letters, digits and single hyphens',
  })
  @MaxLength(100)
  SUPERADMIN_ACCOUNT_SLUG = 'system';

  // Invalid API keys one client address may present per window before it gets 429 (0 = off).
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  AUTH_FAILURE_LIMIT = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  AUTH_FAILURE_WINDOW_MS = 10_000;

  // The principal cache: an authenticated key's rights are kept this long (0 = off), in at most
  // AUTH_CACHE_MAX entries; changes invalidate them on every instance through LISTEN/NOTIFY
  // (AUTH_CACHE_LISTEN=false where LISTEN is unavailable, e.g. PgBouncer in transaction mode).
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  AUTH_CACHE_TTL_MS = 1_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  AUTH_CACHE_MAX = 10_000;

  @Transform(toBoolean)
  @IsBoolean({ message: 'AUTH_CACHE_LISTEN must be true or false' })
  AUTH_CACHE_LISTEN = true;

  // Events older than this are deleted (the audit trail and change feed).
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36_500)
  EVENTS_RETENTION_DAYS = 90;

  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  EVENTS_RETENTION_INTERVAL_MS = 3_600_000;

  // Request budgets (token buckets, README "Rate limits", docs/operations.md): per API key and
  // per account across its keys, in requests per second (fractions allowed: 0.5 is one request
  // every 2 s) with a burst; 0 turns a budget off.
  // Superadmin keys have their own (RATE_LIMIT_SUPERADMIN_KEY_*, by default the key budget).
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000_000)
  RATE_LIMIT_KEY_RPS = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_KEY_BURST = 200;

  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000_000)
  RATE_LIMIT_ACCOUNT_RPS = 500;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_ACCOUNT_BURST = 1_000;

  @Transform(emptyToUndefined)
  @Transform(toNumber)
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000_000)
  RATE_LIMIT_SUPERADMIN_KEY_RPS?: number;

  @Transform(emptyToUndefined)
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_SUPERADMIN_KEY_BURST?: number;

  // Where the budgets (and the failed-auth throttle) are counted: Redis when set, shared by every
  // instance; otherwise in process, per instance.
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  // Prefix of every Redis key the limits use (several deployments or test runs on one Redis).
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  RATE_LIMIT_REDIS_PREFIX = 'leadr:rl:';

  // Longest a request waits for the store; past it (or with Redis unreachable) the request is
  // served (allow) or refused with 503 (deny).
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  RATE_LIMIT_STORE_TIMEOUT_MS = 100;

  @IsIn(['allow', 'deny'], { message: 'RATE_LIMIT_ON_STORE_ERROR must be allow or deny' })
  RATE_LIMIT_ON_STORE_ERROR: 'allow' | 'deny' = 'allow';

  // Express's `trust proxy`: which proxies' X-Forwarded-For names the client: a hop count or the
  // proxies' addresses. `true` (trust every hop) is refused: the client writes the leftmost entry.
  @Matches(/^(false|\d{1,2}|[\w.:/, -]+)$/, { message: TRUST_PROXY_MESSAGE })
  TRUST_PROXY = 'false';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  // GET /metrics (Prometheus text format); public like /v1/health.
  @Transform(toBoolean)
  @IsBoolean({ message: 'METRICS_ENABLED must be true or false' })
  METRICS_ENABLED = true;

  // When set, GET /metrics is served on this port only (on HOST), not on PORT: the usual way to keep
  // it internal. 0 picks a free port.
  @Transform(emptyToUndefined)
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'METRICS_PORT must be a port number' })
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  // Browser origins allowed to call the API cross-origin (comma-separated); empty = CORS off.
  @IsString()
  CORS_ORIGINS = '';

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
  }

  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'false') return false;
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  // Bounds on how long a client may hold a socket: to send its headers, to send its whole
  // request, and idle between two requests of a keep-alive connection.
  @TimeoutMs('HTTP_HEADERS_TIMEOUT_MS')
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  @TimeoutMs('HTTP_REQUEST_TIMEOUT_MS')
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  @TimeoutMs('HTTP_KEEP_ALIVE_TIMEOUT_MS')
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;

  get superadminKeyRps(): number {
    return this.RATE_LIMIT_SUPERADMIN_KEY_RPS ?? this.RATE_LIMIT_KEY_RPS;
  }

  get superadminKeyBurst(): number {
    return this.RATE_LIMIT_SUPERADMIN_KEY_BURST ?? this.RATE_LIMIT_KEY_BURST;
  }

  get usesEmbeddedDatabase(): boolean {
    return !this.DATABASE_URL;
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.keys(new AppConfig()).concat(
      'DATABASE_URL',
      'SUPERADMIN_API_KEY',
      'SUPERADMIN_API_KEY_FILE',
      'METRICS_PORT',
      'REDIS_URL',
      'RATE_LIMIT_SUPERADMIN_KEY_RPS',
      'RATE_LIMIT_SUPERADMIN_KEY_BURST',
    ).map((key) => [key, env[key]]),
  );
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const config = plainToInstance(AppConfig, defined);
  const problems = validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}));
  if (config.NODE_ENV === 'production' && config.API_KEY_SECRET === DEV_API_KEY_SECRET) {
    problems.push('API_KEY_SECRET must be set to a secret of your own when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && config.usesEmbeddedDatabase && config.EMBEDDED_DATABASE_IN_PRODUCTION !== true) {
    problems.push(
      'DATABASE_URL must be set when NODE_ENV=production: the embedded database is meant for development, tests and ' +
        'trials (set EMBEDDED_DATABASE_IN_PRODUCTION=true to run on it anyway)',
    );
  }
  if (/^\s*true\s*$/i.test(config.TRUST_PROXY)) problems.push(TRUST_PROXY_MESSAGE);
  // Node requires the headers timeout to be at most the request timeout (its http.createServer
  // refuses a longer one, which could never fire first).
  const { HTTP_HEADERS_TIMEOUT_MS: headers, HTTP_REQUEST_TIMEOUT_MS: request } = config;
  if (Number.isInteger(headers) && Number.isInteger(request) && headers > request) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  for (const url of typeof config.DATABASE_REPLICA_URLS === 'string' ? config.replicaUrls : []) {
    if (!/^postgres(ql)?:\/\/.+/.test(url)) {
      problems.push('DATABASE_REPLICA_URLS must be comma-separated postgres:// or postgresql:// URLs');
      break;
    }
  }
  if (typeof config.DATABASE_REPLICA_URLS === 'string' && config.replicaUrls.length > 0 && config.usesEmbeddedDatabase) {
    problems.push('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary): the embedded database has no replicas');
  }
  for (const origin of config.corsOrigins) {
    if (!ORIGIN.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path, no trailing slash, no "*")`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return config;
}

export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
