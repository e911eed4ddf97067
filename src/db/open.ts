import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from './database.ts';
import { openPgliteDatabase } from './pglite.ts';
import { openPostgresDatabase } from './postgres.ts';

/** Chooses the backend from configuration: PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR. */
export async function openDatabase(
  config: Pick<
    Config,
    | 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_POOL_MAX' | 'DATABASE_CONNECT_TIMEOUT_SECONDS' | 'DATABASE_ACQUIRE_TIMEOUT_SECONDS'
    | 'DATABASE_STATEMENT_TIMEOUT_SECONDS' | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS'
  >,
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return openPostgresDatabase({
      url: config.DATABASE_URL,
      poolMax: config.DATABASE_POOL_MAX,
      connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
      acquireTimeoutSeconds: config.DATABASE_ACQUIRE_TIMEOUT_SECONDS ?? config.DATABASE_CONNECT_TIMEOUT_SECONDS,
      statementTimeoutSeconds: config.DATABASE_STATEMENT_TIMEOUT_SECONDS,
      idleInTransactionTimeoutSeconds: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS,
    });
  }
  return openPgliteDatabase({ dataDir: join(config.DATA_DIR, 'pgdata') });
}
