import type { Spool } from './spool.ts';

/**
 * Bulk work in one transaction, below Kysely: raw SQL with $n parameters and a fast row writer
 * (COPY FROM STDIN on PostgreSQL, multi-row INSERTs on PGlite). Used where millions of rows flow
 * through (outcome data uploads) and everything must commit or roll back together.
 */
export interface RowSink {
  /** Queues whole lines of COPY text (see copyLine), many rows at once. Await it: it applies backpressure. */
  writeText(text: string): Promise<void>;
  /** Flushes what is queued and finishes the write. */
  end(): Promise<void>;
  /** Abandons the write (the transaction is going to roll back); the session is usable again after. */
  abort(reason: unknown): Promise<void>;
}

export interface BulkSession {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Starts writing rows into `table`. No other query may run until `end()` resolved. */
  rowSink(table: string, columns: readonly string[]): Promise<RowSink>;
  /** Runs `work` (queries of this session) inside a savepoint: if it fails, the transaction goes back to the savepoint and the error is rethrown. */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
  /**
   * A spool for the lines of an upload that writes its rows straight into their table (ingest.ts),
   * on sessions that can offer one (a file: not in a Worker) and that take SAVEPOINT, ROLLBACK TO
   * and RELEASE as plain statements of `query`: the service's PostgreSQL pool. Without it uploads
   * always stage their rows (PGlite: writing straight to the table was slower there).
   */
  spool?(): Promise<Spool>;
}

/** `savepoint` for sessions that send SQL as it is (not postgres.js, which tracks errors per scope). */
export async function sqlSavepoint<T>(query: (text: string) => Promise<unknown>, name: string, work: () => Promise<T>): Promise<T> {
  await query(`savepoint ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await query(`rollback to savepoint ${name}`);
    throw error;
  }
  await query(`release savepoint ${name}`);
  return result;
}

/**
 * The database refused the rows of a COPY without the driver saying why (see postgres.ts): a
 * duplicate the table's unique index refused, or any other error of the rows.
 */
export class CopyRefusedError extends Error {
  readonly code = 'COPY_REFUSED';
  constructor() {
    super('The database refused the rows of a COPY (the driver did not report its error).');
    this.name = 'CopyRefusedError';
  }
}

export type BulkRunner = <T>(work: (session: BulkSession) => Promise<T>) => Promise<T>;

const escaped = /[\\\t\n\r]/;

/** One value in the text format of COPY: `\N` for null, backslash escapes. */
export function copyField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return escaped.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

/** Text format of COPY: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(row: readonly (string | null)[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += '\t';
    line += copyField(row[i]);
  }
  return line + '\n';
}
