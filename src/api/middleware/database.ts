import type { MiddlewareHandler } from 'hono';
import { KeyUses } from '../auth/key-use.ts';
import { AccessCache } from '../cache/access-cache.ts';
import type { AppDeps, AppEnv } from '../context.ts';

/** Lends the request a database (shared pool on Node, per-request client on Workers). */
export function provideDatabase(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const accessCache = deps.database.onChange ? new AccessCache(deps.database.onChange) : undefined;
  const keyUses = new KeyUses();
  return async (c, next) => {
    c.set('deps', deps);
    c.set('accessCache', accessCache);
    c.set('keyUses', keyUses);
    await deps.database.run(async (db, bulk) => {
      c.set('db', db);
      c.set('readDb', deps.database.replica ?? db);
      c.set('bulk', bulk);
      await next();
    });
  };
}
