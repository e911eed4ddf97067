import { sql } from 'kysely';
import { migrations } from '../../../migrations/index.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { SERVICE_VERSION } from '../../version.ts';
import { ApiError } from '../errors/api-error.ts';
import type { AppRouteHandler } from '../router.ts';
import type { HealthzRoute, ReadyzRoute } from './system.routes.ts';

export const healthz: AppRouteHandler<HealthzRoute> = (c) =>
  c.json({ status: 'ok' as const, version: SERVICE_VERSION }, 200);

export const readyz: AppRouteHandler<ReadyzRoute> = async (c) => {
  const db = c.var.db;
  await sql`select 1`.execute(db);
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    throw new ApiError('database_unavailable', `The database is missing ${pending.length} migration(s): ${pending.join(', ')}.`, {
      headers: { 'retry-after': '5' },
    });
  }
  return c.json(
    {
      status: 'ready' as const,
      database: c.var.deps.database.kind,
      migrations: { applied: Object.keys(migrations).length, pending },
    },
    200,
  );
};
