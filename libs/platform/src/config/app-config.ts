// Every setting the processes read, validated once at boot: a bad value stops start-up naming the variable.
import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
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

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'boolean'
      ? value
      : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
        ? true
        : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
          ? false
          : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

export class AppConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be one of development, production, test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer port number (0-65535)' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString() HOST = '127.0.0.1';

  /**
   * Connections the kernel holds for the API while it is busy accepting others (listen's backlog;
   * Linux caps it at net.core.somaxconn). Node's 511 overflows when a room of learners opens the
   * sign-in page in the same seconds: the rest wait for a SYN retry and time out in the browser.
   */
  @Transform(toInt)
  @IsInt({ message: 'HTTP_BACKLOG must be an integer number of connections (64-65535)' })
  @Min(64)
  @Max(65535)
  HTTP_BACKLOG = 4096;

  @Matches(/^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/, {
    message: 'PUBLIC_URL must be an http(s) URL such as https://training.example.gov.mn',
  })
  @IsOptional()
  PUBLIC_URL?: string;

  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/chadavkhi',
  })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Redis Sentinels (host:port,host:port,…): when set, every Redis connection asks them for the
   * current primary of REDIS_SENTINEL_NAME and follows a failover; REDIS_URL then gives only the
   * password, database number and TLS.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, {
    message: 'REDIS_SENTINELS must be a comma-separated list of host:port such as 10.0.0.5:26379,10.0.0.6:26379',
  })
  REDIS_SENTINELS?: string;

  @Matches(/^[A-Za-z0-9_.-]{1,100}$/, {
    message: 'REDIS_SENTINEL_NAME must be the name the sentinels monitor the primary under, such as mymaster',
  })
  REDIS_SENTINEL_NAME = 'mymaster';

  /**
   * Streaming replicas (comma-separated PostgreSQL URLs) that read-heavy, staleness-tolerant
   * queries may go to (database/read-replicas.ts); unset: every query goes to DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s,]+(,postgres(ql)?:\/\/[^\s,]+)*$/, {
    message:
      'DATABASE_REPLICA_URLS must be a comma-separated list of PostgreSQL URLs such as postgres://user:password@replica1:5432/chadavkhi',
  })
  DATABASE_REPLICA_URLS?: string;

  /** Connections each process keeps to the primary (the API's and the worker's pools each). */
  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer number of connections (2-200)' })
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * How long a request waits for a free connection when all are busy (a storm of sign-ins at an exam's
   * start) before it is answered 503 with Retry-After. Waiting is better than refusing up to about
   * what a browser waits without complaint.
   */
  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_WAIT_MS must be an integer number of milliseconds (500-120000)' })
  @Min(500)
  @Max(120_000)
  DATABASE_POOL_WAIT_MS = 15_000;

  /** A replica further behind the primary than this is not read from (the primary answers instead). */
  @Transform(toInt)
  @IsInt({ message: 'DATABASE_REPLICA_MAX_LAG_MS must be an integer number of milliseconds (200-600000)' })
  @Min(200)
  @Max(600_000)
  DATABASE_REPLICA_MAX_LAG_MS = 2000;

  /**
   * The Redis key prefix of queues and counters. Unset (the default), each deployment derives its own
   * from its database (deployment/deployment.ts), so deployments sharing a Redis never meet.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,60}$/, {
    message: 'REDIS_PREFIX must be 1-60 letters, digits, dots, dashes or underscores',
  })
  REDIS_PREFIX!: string;

  /** Not a setting: the deployment's identity, derived from its database at start (resolveDeployment). */
  DEPLOYMENT_ID?: string;

  @Matches(/^https?:\/\/\S+$/, { message: 'MEILI_URL must be the Meilisearch URL such as http://127.0.0.1:7700' })
  MEILI_URL!: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'MEILI_MASTER_KEY must be at least 16 characters' })
  MEILI_MASTER_KEY?: string;

  @Matches(/^[A-Za-z0-9_-]{0,40}$/, {
    message: 'MEILI_INDEX_PREFIX must be up to 40 letters, digits, dashes or underscores',
  })
  MEILI_INDEX_PREFIX = 'chadavkhi_';

  @IsString({ message: 'JWT_SECRET must be set: at least 32 random characters (openssl rand -base64 48)' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (openssl rand -base64 48)' })
  @MaxLength(512, { message: 'JWT_SECRET must be at most 512 characters' })
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt({ message: 'JWT_TTL_SECONDS must be an integer number of seconds (60-3600)' })
  @Min(60)
  @Max(3600)
  JWT_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt({ message: 'SESSION_MAX_HOURS must be an integer number of hours (1-72)' })
  @Min(1)
  @Max(72)
  SESSION_MAX_HOURS = 12;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';

  @Transform(toBool)
  @IsBoolean({ message: 'RUN_WORKERS must be true or false' })
  RUN_WORKERS = true;

  @Transform(toBool)
  @IsBoolean({ message: 'COOKIE_SECURE must be true or false' })
  @IsOptional()
  COOKIE_SECURE?: boolean;

  @Transform(toBool)
  @IsBoolean({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY = false;

  @Transform(toInt)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer number of bytes (1024-104857600)' })
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsString() DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_POLL_MS must be an integer number of milliseconds (50-60000)' })
  @Min(50)
  @Max(60000)
  OUTBOX_POLL_MS = 500;

  @Transform(toInt)
  @IsInt({ message: 'WORKER_HEALTH_PORT must be an integer port number' })
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /**
   * On SIGTERM a process stops taking requests and jobs and finishes those in hand; past this bound
   * it exits anyway (an orchestrator's grace period is usually 30 s: stay under it).
   */
  @Transform(toInt)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer number of milliseconds (1000-600000)' })
  @Min(1000)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 25000;

  @IsOptional()
  @Matches(/^\{.*"kty"\s*:\s*"OKP".*\}$/s, {
    message:
      'CERT_SIGNING_KEY must be an Ed25519 private key as JWK JSON (npm run cli -- rotate-keys --print prints one)',
  })
  CERT_SIGNING_KEY?: string;

  @IsOptional()
  @Matches(/^\{.*"kty"\s*:\s*"EC".*\}$/s, {
    message:
      'CERT_JWT_SIGNING_KEY must be a P-256 private key as JWK JSON (npm run cli -- rotate-keys --print prints one)',
  })
  CERT_JWT_SIGNING_KEY?: string;

  @Transform(toInt)
  @IsInt({ message: 'CERT_SWEEP_SECONDS must be an integer number of seconds (1-3600)' })
  @Min(1)
  @Max(3600)
  CERT_SWEEP_SECONDS = 60;

  @Transform(toInt)
  @IsInt({ message: 'CERT_SWEEP_GRACE_SECONDS must be an integer number of seconds (0-86400)' })
  @Min(0)
  @Max(86400)
  CERT_SWEEP_GRACE_SECONDS = 120;

  @Transform(toInt)
  @IsOptional()
  @IsInt({
    message:
      'CERT_PDF_THREADS must be an integer number of threads (0-16; 0 draws PDFs on the main thread; unset: one fewer than the cores, at least one)',
  })
  @Min(0)
  @Max(16)
  CERT_PDF_THREADS?: number;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  CERT_ISSUER_NAME = 'Төрийн албаны зөвлөл · Civil Service Council of Mongolia';

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, {
    message:
      'SMTP_URL must be an SMTP URL such as smtps://user:password@smtp.example.gov.mn:465 (unset: mail is written as .eml files under DATA_DIR/mail)',
  })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Matches(/^[^\r\n]*@[^\r\n]*$/, {
    message: 'MAIL_FROM must be a sender address such as "Chadavkhi <no-reply@training.example.gov.mn>"',
  })
  MAIL_FROM = 'Чадавхи · Chadavkhi <no-reply@chadavkhi.local>';

  /**
   * How long a worker's claim on a notification's e-mail keeps other workers off it: longer than any
   * send may take (the SMTP timeouts add up to 80 s). A worker that dies mid-send holds it this long.
   */
  @Transform(toInt)
  @IsInt({ message: 'EMAIL_LEASE_SECONDS must be an integer number of seconds (1-3600)' })
  @Min(1)
  @Max(3600)
  EMAIL_LEASE_SECONDS = 300;

  @Transform(toInt)
  @IsInt({ message: 'RECERT_GRACE_DAYS must be an integer number of days (1-3650)' })
  @Min(1)
  @Max(3650)
  RECERT_GRACE_DAYS = 90;

  @Transform(toInt)
  @IsInt({ message: 'KNOWLEDGE_COMMENT_RESPONSE_DAYS must be an integer number of working days (1-90)' })
  @Min(1)
  @Max(90)
  KNOWLEDGE_COMMENT_RESPONSE_DAYS = 15;

  @Transform(toInt)
  @IsInt({
    message: 'KNOWLEDGE_COMMENTS_PER_HOUR must be an integer (1-1000): public comments one address may post an hour',
  })
  @Min(1)
  @Max(1000)
  KNOWLEDGE_COMMENTS_PER_HOUR = 5;

  @Transform(toInt)
  @IsInt({
    message:
      'KNOWLEDGE_ANONYMOUS_SEARCHES_PER_MINUTE must be an integer (1-100000): knowledge searches one address may make a minute without signing in',
  })
  @Min(1)
  @Max(100_000)
  KNOWLEDGE_ANONYMOUS_SEARCHES_PER_MINUTE = 300;

  /** A staff file (CSV or XLSX) larger than this is refused unread: 200,000 people take about 30 MiB of CSV. */
  @Transform(toInt)
  @IsInt({ message: 'STAFF_IMPORT_MAX_BYTES must be an integer number of bytes (1024-536870912)' })
  @Min(1024)
  @Max(512 * 1024 * 1024)
  STAFF_IMPORT_MAX_BYTES = 64 * 1024 * 1024;

  /** A SCORM package (zip) larger than this is refused unread (issue 21). */
  @Transform(toInt)
  @IsInt({ message: 'SCORM_MAX_PACKAGE_BYTES must be an integer number of bytes (1024-1073741824)' })
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  SCORM_MAX_PACKAGE_BYTES = 100 * 1024 * 1024;

  /** What a SCORM package may expand to, counted as its files are actually inflated (never as declared). */
  @Transform(toInt)
  @IsInt({ message: 'SCORM_MAX_UNPACKED_BYTES must be an integer number of bytes (1024-4294967296)' })
  @Min(1024)
  @Max(4 * 1024 * 1024 * 1024)
  SCORM_MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

  @Transform(toInt)
  @IsInt({ message: 'SCORM_MAX_FILES must be an integer (1-100000): the most files one SCORM package may hold' })
  @Min(1)
  @Max(100_000)
  SCORM_MAX_FILES = 10_000;

  /**
   * The origin SCORM packages are played from (issue 21), another host than PUBLIC_URL's so a
   * package never runs where the session cookie is sent. Unset: on a loopback PUBLIC_URL, from the
   * address a page was opened at (127.0.0.1 ↔ localhost; x.localhost → scorm.x.localhost, the same
   * site, so offline too: scorm-content-origin.ts); elsewhere packages cannot be played.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+$/, {
    message:
      'SCORM_CONTENT_ORIGIN must be an origin (scheme and host, no path) such as https://content.training.example.gov.mn',
  })
  SCORM_CONTENT_ORIGIN?: string;

  @Transform(toInt)
  @IsInt({ message: 'STAFF_IMPORT_MAX_ROWS must be an integer (1-1000000): the most people one staff file may list' })
  @Min(1)
  @Max(1_000_000)
  STAFF_IMPORT_MAX_ROWS = 250_000;

  /** A JSON file listing the identity providers people may sign in with (docs/sign-in.md); unset: passwords only. */
  @IsOptional()
  @IsString({ message: 'SIGN_IN_PROVIDERS_FILE must be the path of a JSON file of identity providers' })
  SIGN_IN_PROVIDERS_FILE?: string;

  /**
   * Roles whose holders must give a TOTP code (RFC 6238) after a correct password; "none" asks
   * nobody. Sign-ins through an identity provider are never asked.
   */
  @Matches(/^(none|[a-z_]+(,[a-z_]+)*)$/, {
    message: 'SECOND_FACTOR_ROLES must be a comma-separated list of roles (such as admin,hr_officer) or none',
  })
  SECOND_FACTOR_ROLES = 'admin,hr_officer';

  /**
   * The key second-factor secrets are encrypted with and recovery codes hashed under; unset: derived
   * from JWT_SECRET (then changing JWT_SECRET means everyone enrols again).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SECOND_FACTOR_KEY must be at least 32 characters (openssl rand -base64 48)' })
  @MaxLength(512)
  SECOND_FACTOR_KEY?: string;

  @Transform(toInt)
  @IsInt({ message: 'KNOWLEDGE_ATTACHMENT_MAX_BYTES must be an integer number of bytes (1024-104857600)' })
  @Min(1024)
  @Max(100 * 1024 * 1024)
  KNOWLEDGE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  @Transform(toInt)
  @IsInt({
    message:
      "KNOWLEDGE_TEXT_TIME_LIMIT_MS must be an integer number of milliseconds (100-120000): time an attachment's text may take to read",
  })
  @Min(100)
  @Max(120_000)
  KNOWLEDGE_TEXT_TIME_LIMIT_MS = 10_000;

  /** The origin pages and links are served from; PUBLIC_URL when set. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://${this.HOST === '0.0.0.0' ? '127.0.0.1' : this.HOST}:${this.PORT}`).replace(
      /\/$/,
      '',
    );
  }

  /** Threads that draw certificate PDFs beside the event loop; 0 draws them on it. */
  get certPdfThreads(): number {
    return this.CERT_PDF_THREADS ?? Math.max(1, availableParallelism() - 1);
  }

  /** The roles SECOND_FACTOR_ROLES names (none: an empty list). */
  get secondFactorRoles(): string[] {
    return this.SECOND_FACTOR_ROLES === 'none' ? [] : this.SECOND_FACTOR_ROLES.split(',');
  }

  /** The sentinels REDIS_SENTINELS names (none: an empty list). */
  get redisSentinels(): { host: string; port: number }[] {
    return (this.REDIS_SENTINELS ?? '')
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const at = entry.lastIndexOf(':');
        return { host: entry.slice(0, at), port: Number(entry.slice(at + 1)) };
      });
  }

  /** The replicas DATABASE_REPLICA_URLS names (none: an empty list). */
  get databaseReplicaUrls(): string[] {
    return (this.DATABASE_REPLICA_URLS ?? '').split(',').filter(Boolean);
  }

  get cookieSecure(): boolean {
    return this.COOKIE_SECURE ?? this.publicUrl.startsWith('https://');
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const KNOWN = new Set(
  Object.keys(new AppConfig()).concat([
    'PUBLIC_URL',
    'SCORM_CONTENT_ORIGIN',
    'REDIS_PREFIX',
    'REDIS_SENTINELS',
    'DATABASE_URL',
    'DATABASE_REPLICA_URLS',
    'MEILI_URL',
    'MEILI_MASTER_KEY',
    'JWT_SECRET',
    'COOKIE_SECURE',
    'CERT_SIGNING_KEY',
    'CERT_JWT_SIGNING_KEY',
    'CERT_PDF_THREADS',
    'SMTP_URL',
    'SECOND_FACTOR_KEY',
    'SIGN_IN_PROVIDERS_FILE',
  ]),
);
KNOWN.delete('DEPLOYMENT_ID'); // derived at start, never read from the environment

/** Reads the settings from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<string, unknown>> = {},
): AppConfig {
  const source: Record<string, unknown> = {};
  for (const key of KNOWN) if (env[key] !== undefined && env[key] !== '') source[key] = env[key];
  Object.assign(source, overrides);
  const config = plainToInstance(AppConfig, source, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length) {
    throw new ConfigError(
      errors.map((e) => {
        const constraints = e.constraints ?? {};
        // The type rule says what is expected; range rules only make sense once the type is right.
        const preferred = ['isString', 'matches', 'isIn', 'isInt', 'isBoolean'].find((k) => constraints[k]);
        const message = (preferred ? constraints[preferred] : Object.values(constraints)[0]) ?? 'is invalid';
        const shown = message.startsWith(e.property)
          ? message
          : `${e.property} ${message.replace(new RegExp(`^${e.property}\\s*`), '')}`;
        return e.value === undefined ? `${shown} (it is not set)` : shown;
      }),
    );
  }
  return config;
}
