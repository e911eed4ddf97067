import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { type Kysely, PostgresAdapter, type PostgresCursor } from 'kysely';

/**
 * Marks a Kysely instance (and its transactions, which share the adapter) whose streaming reads
 * `COPY … TO STDOUT` through CopyOutCursor: the service's pool on Node (postgres.ts). The Workers
 * runtime's dialect (kysely-postgres-js) streams rows instead, and reads claims as rows.
 */
export class CopyOutPostgresAdapter extends PostgresAdapter {}

export function readsCopyOut(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof CopyOutPostgresAdapter;
}

/** COPY text gathered per `read` before it is decoded and handed over (one string per read, not one per row). */
const CHUNK_BYTES = 1024 * 1024;

/** Starts `COPY … TO STDOUT` on the session the cursor was given to (see postgres.ts). */
export type CopyOut = (text: string) => Promise<{ stream: Readable; done: () => void }>;

/**
 * `COPY (query) TO STDOUT` through Kysely's streaming (`executor.stream`), on PostgreSQL: the
 * cursor class of the dialect. Each `read` returns one row `{ text }`: whole lines of COPY text
 * (each ends with a newline; special characters escaped as COPY escapes them), about a megabyte at
 * a time; an empty array at the end. A million single-column rows arrive as ~80 strings instead of
 * a million row objects (the evaluation's claims: see queries/evaluations.ts).
 *
 * COPY takes no parameters: the statement must carry its values as literals.
 */
export class CopyOutCursor implements PostgresCursor<{ text: string }> {
  private started: Promise<void> | undefined;
  private done: () => void = () => {};
  private buffers: Buffer[] = [];
  private size = 0;
  private ended = false;
  private failure: unknown;
  private finished = false;
  private wake: (() => void) | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(readonly sql: string, parameters: unknown[], private readonly chunkBytes = CHUNK_BYTES) {
    if (parameters.length > 0) throw new Error('COPY takes no parameters: write its values as literals');
  }

  /**
   * Called by the session the cursor is given to (Kysely's `client.query(cursor)`). The stream
   * flows (a 'data' listener, never paused): postgres.js pauses its socket when a COPY stream's
   * buffer is full and resumes it only when the stream is read again, so a pause that comes with
   * the stream's last rows leaves the socket paused after the COPY, and the session's next
   * statement never answers (measured with postgres.js 3.4.9 and a reader slower than the
   * server). What arrives is held here until read: at most the result of the statement, as the
   * rows it replaces were.
   */
  start(copyOut: CopyOut): void {
    const notify = () => {
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    };
    this.started = copyOut(`copy (${this.sql}) to stdout`).then(({ stream, done }) => {
      this.done = done;
      stream.on('data', (buffer: Buffer) => {
        this.buffers.push(buffer);
        this.size += buffer.length;
        if (this.size >= this.chunkBytes) notify();
      });
      stream.once('end', () => {
        this.ended = true;
        notify();
      });
      stream.once('error', (error: unknown) => {
        this.failure = error;
        notify();
      });
      // closed without its end and without an error: the COPY did not finish (never waited for forever)
      stream.once('close', () => {
        if (!this.ended && this.failure === undefined) this.failure = new Error('the COPY stream closed before its end');
        notify();
      });
    });
    this.started.catch(() => {});
  }

  async read(): Promise<{ text: string }[]> {
    if (!this.started) throw new Error('CopyOutCursor read before it was started');
    await this.started;
    while (!this.finished) {
      await this.arrived(this.chunkBytes);
      if (this.failure !== undefined) {
        this.finish();
        throw this.failure;
      }
      if (this.ended) this.finish();
      const bytes = Buffer.concat(this.buffers, this.size);
      this.buffers = [];
      this.size = 0;
      const text = this.pending + this.decoder.write(bytes) + (this.finished ? this.decoder.end() : '');
      const end = this.finished ? text.length : text.lastIndexOf('\n') + 1;
      this.pending = text.slice(end);
      if (end > 0) return [{ text: text.slice(0, end) }];
    }
    return [];
  }

  /** Waits for the rest of the COPY (the session must not be left inside it), then lets the watchdog go. */
  async close(): Promise<void> {
    if (!this.started || this.finished) return;
    if (!(await this.started.then(() => true, () => false))) return;
    await this.arrived(Infinity);
    this.buffers = [];
    this.finish();
  }

  /** Until `bytes` have arrived, or the COPY is over (ended or failed). */
  private async arrived(bytes: number): Promise<void> {
    while (this.size < bytes && !this.ended && this.failure === undefined) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.done();
  }
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A line of COPY text output as the value it stands for (COPY escapes backslash and \b \f \n \r \t \v). */
export function unescapeCopyText(line: string): string {
  return line.replace(/\\([\\bfnrtv])/g, (_, c: string) => COPY_ESCAPES[c]!);
}
