import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { replicaCaughtUpWithContract, replicaCaughtUpWithPrimary } from '../db/read-replica.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv, AppVariables } from './context.ts';

/** What choosing a reader needs of a request's context (API routes and web pages alike). */
type ReaderContext = { var: Pick<AppVariables, 'db' | 'readDb' | 'deps'>; header(name: string, value: string): void };

/**
 * Where a read-only handler reads from. Without a replica: the primary (`c.var.db`). With one
 * (DATABASE_READ_URL): the replica, unless it lags behind what this request must see — then the
 * primary, for this request only. So a client that wrote and then reads sees its write, whichever
 * instance answers. A replica that cannot be asked (down, timed out) counts as lagging.
 *
 * Never for a handler that writes, or reads inside a write: those use `c.var.db` / the write's
 * transaction.
 */

/**
 * A contract's reads: the replica once it holds the contract's audit chain up to the head the
 * primary showed this request (`c.var.access.auditHead`, read on the primary by the contract-access
 * check — every write to the contract appends to that chain in its own transaction).
 */
export async function readerForContract(c: ReaderContext, contractId: string, head: number): Promise<Kysely<Database>> {
  const replica = c.var.readDb;
  if (!replica || replica === c.var.db) return c.var.db;
  return pick(c, () => replicaCaughtUpWithContract(replica, contractId, head), replica);
}

/** The `:id` contract's reads of a contract route (see `readerForContract`). */
export function contractReader(c: Context<AppEnv>): Promise<Kysely<Database>> {
  return readerForContract(c, c.var.access.contract.id, c.var.access.auditHead);
}

/**
 * Reads across contracts (portfolio, liabilities, the list of contracts): the replica once it has
 * replayed all the WAL the primary had written when asked (one `pg_current_wal_lsn()` on the
 * primary, one `pg_last_wal_replay_lsn()` on the replica).
 */
export async function readerAcrossContracts(c: ReaderContext): Promise<Kysely<Database>> {
  const replica = c.var.readDb;
  if (!replica || replica === c.var.db) return c.var.db;
  return pick(c, () => replicaCaughtUpWithPrimary(c.var.db, replica), replica);
}

async function pick(c: ReaderContext, caughtUp: () => Promise<boolean>, replica: Kysely<Database>): Promise<Kysely<Database>> {
  try {
    if (await caughtUp()) {
      c.header('x-read-from', 'replica');
      return replica;
    }
  } catch (error) {
    c.var.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'read replica unavailable: reading from the primary');
  }
  c.header('x-read-from', 'primary');
  return c.var.db;
}
