import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';

/** Lends the request a database (shared pool on Node, per-request client on Workers). */
export function provideDatabase(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    await deps.database.run(async (db, bulk) => {
      c.set('db', db);
      c.set('bulk', bulk);
      await next();
    });
  };
}
