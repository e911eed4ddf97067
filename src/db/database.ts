import type { Kysely } from 'kysely';
import type { BulkRunner } from './bulk.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the typed Kysely instance, which backend it is, and how to close it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** Raw bulk transactions (uploads of millions of rows). */
  readonly bulk: BulkRunner;
  /** Change notifications (see CHANGES_CHANNEL), for caches; absent where no connection can listen. */
  readonly onChange?: ChangeFeed;
  close(): Promise<void>;
}

/**
 * How the app reaches the database. On Node one pool serves every request (`sharedDatabase`);
 * on Workers each request opens its own client (sockets cannot be shared across requests).
 */
/**
 * Every write appends to an audit chain, and in the same transaction notifies this channel with
 * the chain (a contract id, or "platform"): delivered to every listening instance at commit.
 */
export const CHANGES_CHANNEL = 'outcome_ledger_changes';

/** Subscribes to changes: a chain, or null when notifications may have been missed (reconnection). */
export type ChangeFeed = (listener: (chain: string | null) => void) => void;

export interface DatabaseAccess {
  readonly kind: DatabaseKind;
  readonly onChange?: ChangeFeed;
  /** Lends a database to `work` for the duration of one request or job run. */
  run<T>(work: (db: Kysely<Database>, bulk: BulkRunner) => Promise<T>): Promise<T>;
}

export function sharedDatabase(handle: DatabaseHandle): DatabaseAccess {
  return { kind: handle.kind, run: (work) => work(handle.db, handle.bulk), ...(handle.onChange ? { onChange: handle.onChange } : {}) };
}

/** A change feed over a driver's LISTEN, started on the first subscription. */
export function changeFeed(listen: (deliver: (chain: string) => void, resync: () => void) => Promise<void>): ChangeFeed {
  const listeners: ((chain: string | null) => void)[] = [];
  let started = false;
  return (listener) => {
    listeners.push(listener);
    if (started) return;
    started = true;
    const all = (chain: string | null) => { for (const l of listeners) l(chain); };
    listen((chain) => all(chain), () => all(null)).catch(() => {
      started = false; // no listening connection now; callers must not trust caches
      all(null);
    });
  };
}
