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
  close(): Promise<void>;
}

/**
 * How the app reaches the database. On Node one pool serves every request (`sharedDatabase`);
 * on Workers each request opens its own client (sockets cannot be shared across requests).
 */
export interface DatabaseAccess {
  readonly kind: DatabaseKind;
  /** Lends a database to `work` for the duration of one request or job run. */
  run<T>(work: (db: Kysely<Database>, bulk: BulkRunner) => Promise<T>): Promise<T>;
}

export function sharedDatabase(handle: DatabaseHandle): DatabaseAccess {
  return { kind: handle.kind, run: (work) => work(handle.db, handle.bulk) };
}
