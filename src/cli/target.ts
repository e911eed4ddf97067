import { createApp } from '../app.ts';
import { displayPrefix, generateApiKey, hashApiKey } from '../api/auth/keys.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { sharedDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { openPgliteDatabase } from '../db/pglite.ts';
import { insertApiKey, revokeApiKey } from '../db/queries/api-keys.ts';
import { appendAudit, kyselyExec, PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { silentLogger } from '../logging/logger.ts';
import { ensureAdministrator } from '../runtime/bootstrap-admin.ts';
import { lockDataDir } from '../runtime/data-dir-lock.ts';
import { ConnectionError, connectionReason } from './errors.ts';

/**
 * Where CLI commands send their requests: a running service over HTTP, or the configured
 * database directly through the same app in this process (no server needed; the server must not
 * be running on the same DATA_DIR).
 */
export interface Target {
  readonly description: string;
  readonly adminKey: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export function remoteTarget(url: string, adminKey: string): Target {
  const base = url.replace(/\/+$/, '');
  return {
    description: base,
    adminKey,
    async request(path, init) {
      try {
        return await fetch(base + path, init);
      } catch (error) {
        if (error instanceof TypeError || (error as { cause?: unknown })?.cause) throw new ConnectionError(base, connectionReason(error));
        throw error;
      }
    },
    close: async () => {},
  };
}

/** Opens the database, and issues a short-lived administrator key that is revoked on close. */
export async function embeddedTarget(config: Config): Promise<Target> {
  const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const { platformOrganisationId } = await ensureAdministrator(database.db, config.ADMIN_API_KEY);
    const adminKey = generateApiKey();
    const keyHash = await hashApiKey(adminKey);
    const row = await database.db.transaction().execute(async (trx) => {
      const created = await insertApiKey(trx, {
        organisationId: platformOrganisationId, keyHash, keyPrefix: displayPrefix(adminKey), label: 'cli session', createdByKeyId: null, scope: 'admin',
      });
      await appendAudit(kyselyExec(trx), {
        chain: PLATFORM_CHAIN, action: 'api_key.created', entityType: 'api_key', entityId: created.id, organisationId: null, apiKeyId: null,
        requestId: null, recordedAt: new Date(), state: created,
      });
      return created;
    });
    const app = createApp({ database: sharedDatabase(database), clock: systemClock, config, logger: silentLogger });
    return {
      description: config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.DATA_DIR}`,
      adminKey,
      request: async (path, init) => app.request(path, init),
      async close() {
        await database.db.transaction().execute(async (trx) => {
          const revoked = await revokeApiKey(trx, row.id, row.id, new Date());
          await appendAudit(kyselyExec(trx), {
            chain: PLATFORM_CHAIN, action: 'api_key.revoked', entityType: 'api_key', entityId: revoked.id, organisationId: null, apiKeyId: null,
            requestId: null, recordedAt: new Date(), state: revoked,
          });
        });
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    await database.close();
    unlock();
    throw error;
  }
}

/** A throwaway in-memory database with the app over it: `cli evaluate` what-if runs, no server, no files. */
export async function memoryTarget(config: Config): Promise<Target> {
  const database = await openPgliteDatabase();
  await migrateToLatest(database.db);
  const adminKey = generateApiKey();
  await ensureAdministrator(database.db, adminKey);
  const app = createApp({ database: sharedDatabase(database), clock: systemClock, config, logger: silentLogger });
  return {
    description: 'in-memory database',
    adminKey,
    request: async (path, init) => app.request(path, init),
    close: () => database.close(),
  };
}
