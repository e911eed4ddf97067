import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type DatabaseHandle, sharedDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { startNodeScheduler } from '../jobs/node-scheduler.ts';
import { openDatabase } from '../db/open.ts';
import { openReadReplica } from '../db/read-replica.ts';
import { invitationLink } from '../api/people/links.ts';
import type { Logger } from '../logging/logger.ts';
import { announceAdministratorKey } from './announce.ts';
import { ensureAdministrator } from './bootstrap-admin.ts';
import { announceFirstInvitation, firstAdministratorInvitation } from './first-invitation.ts';
import { lockDataDir } from './data-dir-lock.ts';

export interface RunningService {
  port: number;
  database: DatabaseHandle;
  stop(): Promise<void>;
}

/**
 * Starts Outcome Ledger on Node: opens the database (embedded PGlite in DATA_DIR unless
 * DATABASE_URL is set), applies migrations, and serves HTTP on PORT.
 */
export async function startNodeService(config: Config, logger: Logger): Promise<RunningService> {
  const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
  let database: DatabaseHandle | undefined;
  let firstInvitation: { token: string; expiresAt: Date } | null = null;
  try {
    database = await openDatabase(config);
    const applied = await migrateToLatest(database.db);
    logger.info({ database: database.kind, applied }, 'database ready');
    const admin = await ensureAdministrator(database.db, config.ADMIN_API_KEY);
    if (admin.generatedKey) announceAdministratorKey(admin.generatedKey);
    firstInvitation = await firstAdministratorInvitation(database.db, config, systemClock, admin.platformOrganisationId);
  } catch (error) {
    await database?.close();
    unlock();
    throw error;
  }
  if (config.DATABASE_READ_URL && !config.DATABASE_URL) logger.warn({}, 'DATABASE_READ_URL is ignored with the embedded database: reads use it');
  const replica = openReadReplica(config);
  if (replica) logger.info({}, 'read replica configured: status, listings and exports read from it once it has caught up');
  const access = sharedDatabase(database, replica);
  const app = createApp({ database: access, clock: systemClock, config, logger });
  const scheduler = config.SCHEDULER_ENABLED ? startNodeScheduler(access, systemClock, logger, { webhookIntervalMs: config.WEBHOOK_DELIVERY_INTERVAL_SECONDS * 1000 }) : undefined;
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: config.HOST, database: database.kind }, 'Outcome Ledger listening');
  if (firstInvitation) {
    const base = (config.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
    announceFirstInvitation(invitationLink(base, firstInvitation.token), firstInvitation.expiresAt);
  }

  const db = database;
  let stopping: Promise<void> | undefined;
  return {
    port,
    database: db,
    stop() {
      stopping ??= (async () => {
        // Stop accepting connections, close idle keep-alive ones, and give requests in flight 5 s.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        http.closeIdleConnections?.();
        const force = setTimeout(() => http.closeAllConnections?.(), 5000);
        await closed;
        clearTimeout(force);
        await scheduler?.stop();
        await db.close();
        await replica?.close();
        unlock();
        logger.info({}, 'stopped');
      })();
      return stopping;
    },
  };
}
