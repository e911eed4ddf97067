import { createApp, type App } from '../app.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createConsoleLogger } from '../logging/logger.ts';
import { runDueEvaluations } from '../jobs/scheduler.ts';
import { perRequestDatabase } from '../runtime/worker-database.ts';

/**
 * Cloudflare Workers entry. The PostgreSQL connection string comes from the HYPERDRIVE binding
 * (wrangler.toml) or, without Hyperdrive, from a DATABASE_URL secret (`wrangler secret put DATABASE_URL`).
 * Other settings are plain vars with the same names as on Node. Migrations are not run here:
 * run `npm run migrate` with DATABASE_URL before deploying.
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

interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

let cached: { env: WorkerEnv; app: App } | undefined;

function connectionString(env: WorkerEnv): string {
  const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL;
  if (!url) throw new Error('No database: bind HYPERDRIVE or set the DATABASE_URL secret.');
  return url;
}

/** The app is built once per isolate (bindings do not change within one); the database is per request. */
function appFor(env: WorkerEnv): App {
  if (cached?.env === env) return cached.app;
  const settings: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === 'string') settings[key] = value;
  const config = loadConfig({ ...settings, DATABASE_URL: connectionString(env), SCHEDULER_ENABLED: 'false' });
  const app = createApp({
    database: perRequestDatabase(config.DATABASE_URL!),
    clock: systemClock,
    config,
    logger: createConsoleLogger(config.LOG_LEVEL),
  });
  cached = { env, app };
  return app;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx as never);
  },
  /** The cron trigger of wrangler.toml: the same sweep as the Node scheduler. */
  async scheduled(event: ScheduledEvent, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    const logger = createConsoleLogger(typeof env.LOG_LEVEL === 'string' ? (env.LOG_LEVEL as never) : 'info');
    const run = runDueEvaluations(perRequestDatabase(connectionString(env)), systemClock, logger).then((report) => {
      logger.info({ cron: event.cron, scheduledTime: new Date(event.scheduledTime).toISOString(), ...report }, 'evaluation sweep');
    });
    ctx.waitUntil(run);
    await run;
  },
};
