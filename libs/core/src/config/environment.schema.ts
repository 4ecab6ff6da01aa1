import { Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { isCalendarDate } from '../clock/time-zones';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** `false`/`off`, a hop count (1 to 10), or addresses, CIDR ranges and names of trusted proxies, comma-separated. */
export function parseTrustProxy(value: string | undefined): false | number | string[] | undefined {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  if (['false', 'off', 'no', '0'].includes(v)) return false;
  if (/^\d+$/.test(v)) return Number(v) >= 1 && Number(v) <= 10 ? Number(v) : undefined;
  const parts = v.split(',').map((p) => p.trim());
  const ok = parts.every((p) => {
    if (PROXY_NAMES.includes(p)) return true;
    const [address, bits, extra] = p.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  return ok ? parts : undefined;
}

/**
 * (Within a line, decorators run right to left: the type check is written last so that it runs first.)
 *
 * Every environment variable FairOps reads, in one place. `loadConfig` validates
 * `process.env` against this class once at start-up; nothing else reads the environment.
 * Each property carries the variable's exact name so that an error names it.
 */
export class EnvironmentSchema {
  @IsOptional() @IsIn(['development', 'production', 'test'], { message: 'must be one of development, production, test' })
  NODE_ENV?: string;

  @IsOptional() @Transform(toInt) @Max(65535, { message: 'must be between 1 and 65535' }) @Min(1, { message: 'must be between 1 and 65535' }) @IsInt({ message: 'must be an integer' })
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  HOST?: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(toInt) @Max(200, { message: 'must be between 2 and 200' }) @Min(2, { message: 'must be between 2 and 200' }) @IsInt({ message: 'must be an integer' })
  DATABASE_POOL_SIZE?: number;

  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be 1 to 32 letters, digits, dashes or underscores' })
  REDIS_PREFIX?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Transform(toInt) @Max(604800, { message: 'must be between 60 and 604800 seconds' }) @Min(60, { message: 'must be between 60 and 604800 seconds' }) @IsInt({ message: 'must be an integer' })
  JWT_TTL_SECONDS?: number;

  @IsOptional() @IsString() @MinLength(1)
  JWT_ISSUER?: string;

  @IsOptional() @IsString() @MinLength(1)
  JWT_AUDIENCE?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9+/]{60,}={0,2}$/, { message: 'must be a base64-encoded PKCS#8 DER Ed25519 private key' })
  BADGE_SIGNING_KEY?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9+/=]{40,}(,[A-Za-z0-9+/=]{40,})*$/, { message: 'must be base64 SPKI DER Ed25519 public keys separated by commas' })
  BADGE_RETIRED_PUBLIC_KEYS?: string;

  @IsOptional() @Transform(toInt) @Max(100000, { message: 'must be between 1 and 100000' }) @Min(1, { message: 'must be between 1 and 100000' }) @IsInt({ message: 'must be an integer' })
  REGISTRATIONS_PER_HOUR_PER_ADDRESS?: number;

  @IsOptional() @Transform(toInt) @Max(600000, { message: 'must be between 2000 and 600000 ms' }) @Min(2000, { message: 'must be between 2000 and 600000 ms' }) @IsInt({ message: 'must be an integer' })
  WORKER_LOCK_MS?: number;

  @IsOptional() @Transform(toInt) @Max(8760, { message: 'must be between 1 and 8760 hours' }) @Min(1, { message: 'must be between 1 and 8760 hours' }) @IsInt({ message: 'must be an integer' })
  BADGE_FILE_TTL_HOURS?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL?: string;

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR?: string;

  @IsOptional() @Transform(toInt) @Max(65535, { message: 'must be between 1024 and 65535' }) @Min(1024, { message: 'must be between 1024 and 65535' }) @IsInt({ message: 'must be an integer' })
  EMBEDDED_POSTGRES_PORT?: number;

  @IsOptional() @ValidateBy({ name: 'calendarDate', validator: { validate: isCalendarDate } }, { message: 'must be a date written YYYY-MM-DD that exists in the calendar' })
  DEMO_START_DATE?: string;

  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'must be true or false' })
  SEED_DEMO?: boolean;

  @IsOptional() @Transform(toInt) @Max(600000, { message: 'must be between 1000 and 600000 ms' }) @Min(1000, { message: 'must be between 1000 and 600000 ms' }) @IsInt({ message: 'must be an integer' })
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @Max(60000, { message: 'must be between 50 and 60000 ms' }) @Min(50, { message: 'must be between 50 and 60000 ms' }) @IsInt({ message: 'must be an integer' })
  OUTBOX_POLL_MS?: number;

  @IsOptional() @Transform(toInt) @Max(1000, { message: 'must be between 1 and 1000' }) @Min(1, { message: 'must be between 1 and 1000' }) @IsInt({ message: 'must be an integer' })
  LOGIN_MAX_FAILURES?: number;

  @IsOptional() @Transform(toInt) @Max(86400, { message: 'must be between 10 and 86400 seconds' }) @Min(10, { message: 'must be between 10 and 86400 seconds' }) @IsInt({ message: 'must be an integer' })
  LOGIN_FAILURE_WINDOW_SECONDS?: number;

  @IsOptional() @Transform(toInt) @Max(64, { message: 'must be between 1 and 64' }) @Min(1, { message: 'must be between 1 and 64' }) @IsInt({ message: 'must be an integer' })
  WORKER_CONCURRENCY?: number;

  @IsOptional() @IsIn(['auto', 'pretty', 'json'], { message: 'must be one of auto, pretty, json' })
  LOG_FORMAT?: string;

  @IsOptional() @Matches(/^[\x21-\x7e]{16,256}$/, { message: 'must be 16 to 256 printable characters without spaces' })
  METRICS_TOKEN?: string;

  @IsOptional() @Transform(toInt) @Max(65535, { message: 'must be between 1 and 65535' }) @Min(1, { message: 'must be between 1 and 65535' }) @IsInt({ message: 'must be an integer' })
  METRICS_PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  METRICS_HOST?: string;

  @IsOptional() @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http:// or https:// URL without a trailing slash' })
  PUBLIC_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  WEB_ROOT?: string;

  @IsOptional() @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @Transform(toInt) @Max(720, { message: 'must be between 1 and 720 hours' }) @Min(1, { message: 'must be between 1 and 720 hours' }) @IsInt({ message: 'must be an integer' })
  JURY_REMINDER_HOURS?: number;

  @IsOptional() @Transform(toInt) @Max(3600, { message: 'must be between 1 and 3600 seconds' }) @Min(1, { message: 'must be between 1 and 3600 seconds' }) @IsInt({ message: 'must be an integer' })
  JURY_REMINDER_CHECK_SECONDS?: number;

  @IsOptional() @Matches(/^[^\r\n<>]{0,100}<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/, { message: 'must be an address, or a name and an address: FairOps <no-reply@example.org>' })
  MAIL_FROM?: string;

  @IsOptional() @Transform(toInt) @Max(1000, { message: 'must be between 1 and 1000' }) @Min(1, { message: 'must be between 1 and 1000' }) @IsInt({ message: 'must be an integer' })
  MAIL_PER_SECOND?: number;

  @IsOptional() @Transform(toInt) @Max(65535, { message: 'must be between 1024 and 65535' }) @Min(1024, { message: 'must be between 1024 and 65535' }) @IsInt({ message: 'must be an integer' })
  LOCAL_SMTP_PORT?: number;

  @IsOptional()
  @ValidateBy({
    name: 'trustProxy',
    validator: { validate: (v: unknown) => typeof v === 'string' && parseTrustProxy(v) !== undefined },
  }, { message: 'must be false, a number of proxy hops from 1 to 10, or proxy addresses/CIDR ranges (or loopback, linklocal, uniquelocal) separated by commas' })
  TRUST_PROXY?: string;
}
