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
 * Every write appends to an audit chain, and in the same transaction notifies this channel with
 * the chain (a contract id, or "platform"): delivered to every listening instance at commit.
 */
export const CHANGES_CHANNEL = 'outcome_ledger_changes';

/**
 * Subscribes to changes: a chain, or null when notifications may have been missed (the listening
 * connection was lost, or listens again). `listening()` is false while notifications cannot
 * arrive (not yet listening, or the connection is lost): a cache must then neither serve nor keep
 * anything, since it would not hear of changes.
 */
export interface ChangeFeed {
  (listener: (chain: string | null) => void): void;
  listening(): boolean;
}

/**
 * How the app reaches the database. On Node one pool serves every request (`sharedDatabase`);
 * on Workers each request opens its own client (sockets cannot be shared across requests).
 */
export interface DatabaseAccess {
  readonly kind: DatabaseKind;
  readonly onChange?: ChangeFeed;
  /** The read replica (DATABASE_READ_URL), when there is one: see db/read-replica.ts. */
  readonly replica?: Kysely<Database>;
  /** Lends a database to `work` for the duration of one request or job run. */
  run<T>(work: (db: Kysely<Database>, bulk: BulkRunner) => Promise<T>): Promise<T>;
}

export function sharedDatabase(handle: DatabaseHandle, replica?: DatabaseHandle): DatabaseAccess {
  return {
    kind: handle.kind, run: (work) => work(handle.db, handle.bulk), ...(handle.onChange ? { onChange: handle.onChange } : {}),
    ...(replica ? { replica: replica.db } : {}),
  };
}

/** What a listening connection reports to its feed. */
export interface FeedEvents {
  /** A change of `chain` was notified. */
  deliver(chain: string): void;
  /** Listening (again): anything may have changed before. */
  up(): void;
  /** Not listening any more: changes may be missed from now on. */
  down(): void;
}

/** A change feed whose listening connection is started by `start` on the first subscription. */
export function feed(start: (events: FeedEvents) => void): ChangeFeed {
  const listeners: ((chain: string | null) => void)[] = [];
  let started = false;
  let live = false;
  const all = (chain: string | null) => { for (const l of listeners) l(chain); };
  const subscribe = (listener: (chain: string | null) => void) => {
    listeners.push(listener);
    if (started) return;
    started = true;
    start({
      deliver: (chain) => all(chain),
      up: () => { live = true; all(null); },
      down: () => { live = false; all(null); },
    });
  };
  return Object.assign(subscribe, { listening: () => live });
}

/** A change feed over a driver's LISTEN (`resync`: it listens again after a reconnection). */
export function changeFeed(listen: (deliver: (chain: string) => void, resync: () => void) => Promise<void>): ChangeFeed {
  return feed(({ deliver, up, down }) => {
    listen(deliver, up).then(up, down); // not listening: callers must not trust caches
  });
}
