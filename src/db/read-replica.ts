import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from './database.ts';
import { openPostgresDatabase } from './postgres.ts';
import type { Database } from './schema.ts';

/**
 * The optional read replica (DATABASE_READ_URL): a PostgreSQL standby streaming from the primary
 * (DATABASE_URL). Only read-only handlers read from it — the status view, portfolio, liabilities,
 * listings and exports —, and only once it has caught up with what the request must see (see
 * `replicaCaughtUpWithContract` and `replicaCaughtUpWithPrimary`). Every write, and every read
 * inside a write, stays on the primary. With PGlite, or when unset, there is no replica: reads use
 * the primary.
 */
export function openReadReplica(
  config: Pick<
    Config,
    | 'DATABASE_URL' | 'DATABASE_READ_URL' | 'DATABASE_POOL_MAX' | 'DATABASE_CONNECT_TIMEOUT_SECONDS' | 'DATABASE_ACQUIRE_TIMEOUT_SECONDS'
    | 'DATABASE_STATEMENT_TIMEOUT_SECONDS' | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS'
  >,
): DatabaseHandle | undefined {
  if (!config.DATABASE_URL || !config.DATABASE_READ_URL) return undefined;
  return openPostgresDatabase({
    url: config.DATABASE_READ_URL,
    poolMax: config.DATABASE_POOL_MAX,
    connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
    acquireTimeoutSeconds: config.DATABASE_ACQUIRE_TIMEOUT_SECONDS ?? config.DATABASE_CONNECT_TIMEOUT_SECONDS,
    statementTimeoutSeconds: config.DATABASE_STATEMENT_TIMEOUT_SECONDS,
    idleInTransactionTimeoutSeconds: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS,
  });
}

/**
 * Whether the replica holds the contract's audit chain up to `head` (the head the primary showed
 * this request: every write to a contract appends to its chain in the same transaction, so a
 * replica with that entry has every fact the primary had when the request began). One index
 * lookup on the replica.
 */
export async function replicaCaughtUpWithContract(replica: Kysely<Database>, contractId: string, head: number): Promise<boolean> {
  if (head <= 0) return true;
  const { rows } = await sql<{ seq: number | string }>`
    select seq from audit_entry where chain = ${contractId} and seq = ${head} limit 1`.execute(replica);
  return rows.length > 0;
}

/**
 * For reads across contracts (portfolio, liabilities, the list of contracts): whether the replica
 * has replayed all the WAL the primary had written when asked. One query on each.
 */
export async function replicaCaughtUpWithPrimary(primary: Kysely<Database>, replica: Kysely<Database>): Promise<boolean> {
  const { rows: [written] } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
  const { rows: [replayed] } = await sql<{ ok: boolean | null }>`
    select coalesce(pg_last_wal_replay_lsn() >= ${written!.lsn}::pg_lsn, true) as ok`.execute(replica);
  return replayed?.ok !== false;
}
