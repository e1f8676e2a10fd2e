import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
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
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

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

  get usesEmbeddedDatabase(): boolean {
    return !this.DATABASE_URL;
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.keys(new AppConfig()).concat('DATABASE_URL', 'SUPERADMIN_API_KEY').map((key) => [key, env[key]]),
  );
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const config = plainToInstance(AppConfig, defined);
  const problems = validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}));
  if (config.NODE_ENV === 'production' && config.API_KEY_SECRET === DEV_API_KEY_SECRET) {
    problems.push('API_KEY_SECRET must be set to a secret of your own when NODE_ENV=production');
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
