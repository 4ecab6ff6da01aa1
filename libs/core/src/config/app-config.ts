import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EnvironmentSchema, parseTrustProxy } from './environment.schema';

/** The validated, typed configuration. Built once by `loadConfig`, injected as `AppConfig`. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** HOST was set: `npm start` with the demo then listens where it says rather than on 127.0.0.1 only. */
  hostFromEnvironment: boolean;
  /** Unset in zero-config mode until the embedded PostgreSQL has started. */
  databaseUrl?: string;
  databasePoolSize: number;
  redisUrl?: string;
  /** Namespace of BullMQ's keys in Redis, so that several systems (or test files) can share one Redis. */
  redisPrefix: string;
  jwt: { secret: string; ttlSeconds: number; issuer: string; audience: string };
  /** Base64 PKCS#8 DER Ed25519 private key that signs badge codes. */
  badgeSigningKey: string;
  /** Public keys of earlier signing keys: codes they signed still verify (key rotation). */
  badgeRetiredPublicKeys: string[];
  /** How long a rendered badge file is kept before it expires. */
  badgeFileTtlHours: number;
  /** Public self-registrations allowed per client address per hour. */
  registrationsPerHourPerAddress: number;
  logLevel: string;
  /** `pretty`: coloured lines (pino-pretty); `json`: one JSON object a line; `auto`: pretty on a terminal, JSON otherwise. */
  logFormat: 'auto' | 'pretty' | 'json';
  /**
   * Prometheus metrics. `token`: GET /metrics on the API port answers with `Authorization: Bearer <token>`
   * (without a token it answers 404). `port`: a listener of its own serving /metrics, on `host`
   * (127.0.0.1 unless METRICS_HOST says otherwise, which needs the token). Neither set: metrics are off.
   */
  metrics: { token?: string; port?: number; host: string };
  dataDir: string;
  embeddedPostgresPort: number;
  demoStartDate?: string;
  seedDemo: boolean;
  shutdownTimeoutMs: number;
  outboxPollMs: number;
  login: { maxFailures: number; windowSeconds: number };
  /**
   * Which proxies in front of the API to believe about the client address (X-Forwarded-For), as
   * Express's `trust proxy`: false (the connection's address), a hop count, or proxy addresses.
   */
  trustProxy: false | number | string[];
  workerConcurrency: number;
  /** How long a worker holds a job before others may take it over as stalled (a crashed worker's jobs). */
  workerLockMs: number;
  /** Where the secrets came from, for the start-up banner. */
  secretsSource: 'environment' | 'generated';
  /**
   * Outgoing mail. `smtpUrl`: the SMTP server (smtp:// or smtps://, credentials in the URL); without it,
   * `npm start` runs a local mailbox on the loopback (`localSmtpPort`, 0: any free port) whose page is /mailbox.
   * `perSecond`: the most messages sent a second, across the workers.
   */
  mail: { smtpUrl?: string; from: string; perSecond: number; localSmtpPort: number };
  /** Where people open FairOps (links in messages): PUBLIC_URL, default http://localhost:<port>. */
  publicUrl: string;
  /**
   * Jurors with an unsubmitted ballot are reminded `hours` before scoring closes (JURY_REMINDER_HOURS,
   * default 24); the workers look for reminders due every `checkSeconds` (JURY_REMINDER_CHECK_SECONDS, default 300).
   */
  juryReminder: { hours: number; checkSeconds: number };
  /** The built web app the API serves at `/` (WEB_ROOT, default dist/web of the working directory). */
  webRoot: string;
}

/** Thrown when the environment is invalid; its message is the single line printed at start-up. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(errors: ValidationError[]): string[] {
  return errors.map((e) => {
    const shown = typeof e.value === 'string' && e.value.length > 40 ? `${e.value.slice(0, 40)}…` : e.value;
    const secret = /SECRET|KEY|URL|TOKEN/.test(e.property);
    const reasons = [...new Set(Object.values(e.constraints ?? {}))].join(', ');
    return `${e.property} ${reasons}${secret ? '' : ` (got ${JSON.stringify(shown)})`}`;
  });
}

interface DevSecrets {
  jwtSecret: string;
  badgeSigningKey: string;
}

/** Development secrets, generated once and kept in the data folder so tokens and badges survive restarts. */
function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    badgeSigningKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Metrics are never public by default: a listener beyond the loopback needs the bearer token. */
function metricsConfig(env: EnvironmentSchema): AppConfig['metrics'] {
  const host = env.METRICS_HOST ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !env.METRICS_TOKEN) {
    throw new ConfigError(`Invalid configuration: METRICS_HOST=${host} needs METRICS_TOKEN (metrics beyond the loopback are served only with a bearer token)`);
  }
  return { token: env.METRICS_TOKEN, port: env.METRICS_PORT, host };
}

/**
 * Validates the environment and returns the configuration. Throws `ConfigError` with one line naming
 * every bad variable and what is wrong with it.
 */
export function loadConfig(environment: Record<string, string | undefined>): AppConfig {
  const raw = Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(EnvironmentSchema, raw, { excludeExtraneousValues: false });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false, stopAtFirstError: true });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${describe(errors).join('; ')}`);

  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const missing = ['JWT_SECRET', 'BADGE_SIGNING_KEY'].filter((k) => !env[k as keyof EnvironmentSchema]);
  if (nodeEnv === 'production' && missing.length > 0) {
    throw new ConfigError(`Invalid configuration: ${missing.map((k) => `${k} is required when NODE_ENV=production`).join('; ')}`);
  }
  const dev = missing.length > 0 ? loadOrCreateDevSecrets(dataDir) : undefined;

  return {
    env: nodeEnv,
    port: env.PORT ?? 3000,
    host: env.HOST ?? '0.0.0.0',
    hostFromEnvironment: env.HOST !== undefined,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE ?? 10,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX ?? 'fairops',
    jwt: {
      secret: env.JWT_SECRET ?? dev!.jwtSecret,
      ttlSeconds: env.JWT_TTL_SECONDS ?? 8 * 3600,
      issuer: env.JWT_ISSUER ?? 'fairops',
      audience: env.JWT_AUDIENCE ?? 'fairops-api',
    },
    badgeSigningKey: env.BADGE_SIGNING_KEY ?? dev!.badgeSigningKey,
    badgeRetiredPublicKeys: env.BADGE_RETIRED_PUBLIC_KEYS ? env.BADGE_RETIRED_PUBLIC_KEYS.split(',') : [],
    registrationsPerHourPerAddress: env.REGISTRATIONS_PER_HOUR_PER_ADDRESS ?? 20,
    badgeFileTtlHours: env.BADGE_FILE_TTL_HOURS ?? 72,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    logFormat: (env.LOG_FORMAT ?? 'auto') as AppConfig['logFormat'],
    metrics: metricsConfig(env),
    dataDir,
    embeddedPostgresPort: env.EMBEDDED_POSTGRES_PORT ?? 54329,
    demoStartDate: env.DEMO_START_DATE,
    // The demo fair is loaded by default only in zero-config mode: a deployed system has no demo accounts.
    seedDemo: env.SEED_DEMO ?? !env.DATABASE_URL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS ?? 10000,
    outboxPollMs: env.OUTBOX_POLL_MS ?? 500,
    login: {
      maxFailures: env.LOGIN_MAX_FAILURES ?? 5,
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS ?? 900,
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY) ?? false,
    workerConcurrency: env.WORKER_CONCURRENCY ?? 4,
    workerLockMs: env.WORKER_LOCK_MS ?? 30000,
    secretsSource: dev ? 'generated' : 'environment',
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? 'FairOps <no-reply@fairops.invalid>',
      perSecond: env.MAIL_PER_SECOND ?? 10,
      // 0: the local mailbox takes any free port, and npm start hands it to the transport.
      localSmtpPort: env.LOCAL_SMTP_PORT ?? 0,
    },
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`,
    juryReminder: { hours: env.JURY_REMINDER_HOURS ?? 24, checkSeconds: env.JURY_REMINDER_CHECK_SECONDS ?? 300 },
    webRoot: resolve(env.WEB_ROOT ?? 'dist/web'),
  };
}
