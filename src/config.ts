import { z } from 'zod';

/**
 * Every setting the service reads, parsed once at start-up. A bad value stops the process with a
 * message naming the variable (see `loadConfig`). Secrets are never logged.
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const positiveInt = z.coerce.number().int().positive();

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  /**
   * A PostgreSQL read replica (a standby streaming from DATABASE_URL): the status view, portfolio,
   * liabilities, listings and exports read from it once it has caught up with what the request must
   * see, else from the primary (README, "A read replica"). Ignored with the embedded database.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  DATABASE_POOL_MAX: positiveInt.max(1000).default(10),
  /** One attempt to connect to PostgreSQL gives up after this. */
  DATABASE_CONNECT_TIMEOUT_SECONDS: positiveInt.max(600).default(5),
  /**
   * Getting a connection for a request — waiting for a free one of the pool, and connecting it —
   * gives up after this (503 database_unavailable). Unset: DATABASE_CONNECT_TIMEOUT_SECONDS.
   */
  DATABASE_ACQUIRE_TIMEOUT_SECONDS: positiveInt.max(600).optional(),
  /** PostgreSQL's statement_timeout on every connection (0: the server's setting). Uploads run without one. */
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  /** PostgreSQL's idle_in_transaction_session_timeout on every connection (0: the server's setting). */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest JSON body accepted, in bytes. */
  JSON_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  /** Largest CSV upload accepted, in bytes (streamed, never held in memory). */
  CSV_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024 * 1024),
  /** Platform administrator key; if unset, one is generated on first start and printed once. */
  ADMIN_API_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Run the evaluation scheduler inside this process (Node only). */
  SCHEDULER_ENABLED: booleanFlag.default(true),
  /** Seconds between two rounds of webhook deliveries, in the scheduler (0: no deliveries from this process). */
  WEBHOOK_DELIVERY_INTERVAL_SECONDS: z.coerce.number().min(0).max(3600).default(2),
  /**
   * Webhook endpoints may point to private, loopback and link-local addresses (literal IPs,
   * `localhost`). Off by default, so an endpoint cannot make the service call its own network.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFlag.default(false),
  /** Comma-separated origins allowed by CORS; empty means CORS is off. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter((o) => o.length > 0)),
  /** Requests per minute allowed per API key (0 turns rate limiting off). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Failed authentications per minute allowed per client address before 429 (0 turns the limit off). */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  /**
   * How many reverse proxies in front of the service append to X-Forwarded-For: the client address
   * is then the entry that many places from the right. `false`/`0` (the default): the header is
   * ignored and the socket's peer address is used; `true` means 1.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|yes|no|on|off|\d{1,2})$/i, 'must be true, false or a number of proxies')
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : ['true', 'yes', 'on'].includes(v.toLowerCase()) ? 1 : 0))
    .default(0),
  /** Where people reach the service (links in invitations); unset: the address the request came to, or http://localhost:PORT. */
  PUBLIC_URL: z.url().regex(/^https?:\/\//, 'must be an http:// or https:// address').optional(),
  /** A session of a person ends after this many minutes without use. */
  SESSION_IDLE_TIMEOUT_MINUTES: positiveInt.max(7 * 24 * 60).default(30),
  /** …and this many hours after sign-in, however much it is used. */
  SESSION_ABSOLUTE_TIMEOUT_HOURS: positiveInt.max(24 * 90).default(12),
  /** An invitation link works for this many hours. */
  INVITATION_TTL_HOURS: positiveInt.max(24 * 30).default(72),
  /** Failed sign-ins allowed per account within SIGN_IN_FAILURE_WINDOW_MINUTES before 429 (0: off). */
  SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(0).default(5),
  /** Failed sign-ins allowed per client address within the window before 429 (0: off). */
  SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(0).default(20),
  SIGN_IN_FAILURE_WINDOW_MINUTES: positiveInt.max(24 * 60).default(15),
  /** smtp://user:pass@host:port or smtps://…: invitations are e-mailed through it. Unset: links are only shown. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// address').optional(),
  /** The From of e-mails sent. */
  SMTP_FROM: z.string().min(3).default('Outcome Ledger <no-reply@localhost>'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}
