import { createApp, type App } from '../app.ts';
import { workersScalarBundle } from '../api/docs/scalar-bundle.workers.ts';
import { workersWebAssets } from '../web/assets/workers.ts';
import { systemClock } from '../clock.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import type { PostgresOptions } from '../db/postgres.ts';
import { createConsoleLogger, type Logger } from '../logging/logger.ts';
import { runDueEvaluations } from '../jobs/scheduler.ts';
import { deliverDueWebhooks } from '../jobs/webhook-delivery.ts';
import { emitOverdueObligations } from '../usecases/webhooks.ts';
import { ensureAdministrator } from '../runtime/bootstrap-admin.ts';
import { type ExecutionContext, perRequestDatabase, serveWithDatabase } from '../runtime/worker-database.ts';

/**
 * Cloudflare Workers entry. The PostgreSQL connection string comes from the HYPERDRIVE binding
 * (wrangler.toml) or, without Hyperdrive, from a DATABASE_URL secret (`wrangler secret put DATABASE_URL`).
 * Other settings are plain vars with the same names as on Node; ADMIN_API_KEY (a secret) is
 * registered by the first request of each isolate, as Node does at start. Migrations are not run
 * here: run `npm run migrate` with DATABASE_URL before deploying. The optional rate-limiting
 * bindings RATE_LIMITER and AUTH_FAILURE_LIMITER are read by the middleware (rate-limit.ts,
 * auth-failures.ts).
 */
export interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string };
  DATABASE_URL?: string;
  [setting: string]: unknown;
}

interface ScheduledEvent {
  readonly scheduledTime: number;
  readonly cron: string;
}

/** What an isolate builds once from its bindings (they do not change within one). */
interface Isolate {
  env: WorkerEnv;
  setup: Setup | { problems: ConfigError['problems'] };
}

interface Setup {
  config: Config;
  database: PostgresOptions;
  logger: Logger;
  app: App;
  /** ADMIN_API_KEY is registered (or there is none). */
  adminReady: boolean;
}

let cached: Isolate | undefined;

function configure(env: WorkerEnv): Isolate['setup'] {
  const settings: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === 'string') settings[key] = value;
  const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL;
  if (!url) {
    return { problems: [{ variable: 'HYPERDRIVE', message: 'no database: bind HYPERDRIVE (wrangler.toml) or set the DATABASE_URL secret' }] };
  }
  let config: Config;
  try {
    config = loadConfig({ ...settings, DATABASE_URL: url, SCHEDULER_ENABLED: 'false' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A bad connection string is HYPERDRIVE's when it came from there.
    const problems = error.problems.map((p) => (p.variable === 'DATABASE_URL' && env.HYPERDRIVE ? { ...p, variable: 'HYPERDRIVE' } : p));
    return { problems };
  }
  const database: PostgresOptions = {
    url: config.DATABASE_URL!,
    connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
    statementTimeoutSeconds: config.DATABASE_STATEMENT_TIMEOUT_SECONDS,
    idleInTransactionTimeoutSeconds: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS,
  };
  const logger = createConsoleLogger(config.LOG_LEVEL);
  const app = createApp({ database: perRequestDatabase(database), clock: systemClock, config, logger, scalarBundle: workersScalarBundle, webAssets: workersWebAssets });
  return { config, database, logger, app, adminReady: !config.ADMIN_API_KEY };
}

function isolateFor(env: WorkerEnv): Isolate['setup'] {
  if (cached?.env !== env) {
    cached = { env, setup: configure(env) };
    if ('problems' in cached.setup) console.error(new ConfigError(cached.setup.problems).message);
  }
  return cached.setup;
}

/** A problem+json 500 answered without the app (which could not be built). */
function problem(request: Request, detail: string): Response {
  const requestId = request.headers.get('x-request-id') ?? crypto.randomUUID();
  const body = {
    type: 'urn:outcome-ledger:problem:internal_error',
    title: 'Internal error',
    status: 500,
    detail,
    code: 'internal_error',
    instance: new URL(request.url).pathname,
    requestId,
  };
  return new Response(JSON.stringify(body), {
    status: 500,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId },
  });
}

/**
 * Every request of a misconfigured Worker, /healthz included, is answered with this problem: it
 * names each bad variable and what is wrong with it (never its value).
 */
function configurationProblem(request: Request, problems: ConfigError['problems']): Response {
  return problem(request, `The Worker is misconfigured: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}. ` +
    'Correct the variables (wrangler.toml [vars], secrets or .dev.vars) and deploy or start again.');
}

/**
 * ADMIN_API_KEY is registered as Node registers it at start (ensureAdministrator: once; a new value
 * adds a key, a key revoked through the API stays revoked), before the first request of an isolate
 * is handled. Requests arriving together each try (it is idempotent, serialised in the database):
 * a request never waits on another request's I/O. A failure (database unreachable) is logged and
 * tried again by the next request.
 */
async function registerAdministrator(setup: Setup): Promise<void> {
  const key = setup.config.ADMIN_API_KEY;
  if (setup.adminReady || !key) return;
  try {
    await perRequestDatabase(setup.database).run((db) => ensureAdministrator(db, key));
    setup.adminReady = true;
  } catch (error) {
    setup.logger.error({ err: describe(error) }, 'could not register ADMIN_API_KEY; the next request tries again');
  }
}

const describe = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) });

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let setup: Isolate['setup'];
    try {
      setup = isolateFor(env);
    } catch (error) {
      // Not a bad variable: the app itself could not be built in this runtime (a bug). Told in
      // the log, with its stack; the client gets a problem, not the runtime's bare 500.
      console.error('The Worker could not build the app:', error);
      return problem(request, 'The Worker could not start (see its log). Quote the request id when reporting it.');
    }
    if ('problems' in setup) return configurationProblem(request, setup.problems);
    return serveWithDatabase(
      setup.database,
      ctx,
      async () => {
        await registerAdministrator(setup);
        return setup.app.fetch(request, env, ctx as never);
      },
      (error, failed) => {
        const fields = { method: request.method, path: new URL(request.url).pathname, err: describe(error) };
        if (failed === 'body') setup.logger.error(fields, 'the response body failed midway: what was sent is incomplete');
        else setup.logger.warn(fields, 'the client stopped reading the response body');
      },
    );
  },
  /** The cron trigger of wrangler.toml: the same sweep as the Node scheduler. */
  async scheduled(event: ScheduledEvent, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const setup = isolateFor(env);
    if ('problems' in setup) throw new ConfigError(setup.problems);
    const run = runDueEvaluations(perRequestDatabase(setup.database), systemClock, setup.logger).then((report) => {
      setup.logger.info({ cron: event.cron, scheduledTime: new Date(event.scheduledTime).toISOString(), ...report }, 'evaluation sweep');
    }).then(() => perRequestDatabase(setup.database).run(async (db) => {
      // Webhooks: the overdue sweep, then one round of due deliveries (on Workers, at the cron's pace).
      const overdue = await emitOverdueObligations(db, systemClock);
      const deliveries = await deliverDueWebhooks(db, systemClock, { logger: setup.logger });
      setup.logger.info({ overdue, ...deliveries }, 'webhook deliveries');
    }));
    ctx.waitUntil(run);
    await run;
  },
};
