import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import type { BulkRunner } from '../db/bulk.ts';
import type { DatabaseAccess } from '../db/database.ts';
import { createPostgresClient, type PostgresOptions, postgresBulk } from '../db/postgres.ts';
import type { Database } from '../db/schema.ts';

/**
 * On Workers a socket cannot outlive the request that opened it, so every request (and every
 * scheduled run) gets its own small postgres.js client. Through a Hyperdrive binding the
 * connection itself is pooled by Cloudflare, so this stays cheap.
 */

interface Client {
  db: Kysely<Database>;
  bulk: BulkRunner;
}

/** One request's client: opened on first use, closed once. */
class RequestClient {
  private client: Client | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: PostgresOptions) {}

  get used(): boolean {
    return this.client !== undefined;
  }

  open(): Client {
    if (this.closing) throw new Error("This request's database client is closed already.");
    if (!this.client) {
      const sql = createPostgresClient({ poolMax: 5, ...this.options });
      this.client = { db: new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) }), bulk: postgresBulk(sql) };
    }
    return this.client;
  }

  close(): Promise<void> {
    this.closing ??= this.client ? this.client.db.destroy() : Promise.resolve();
    return this.closing;
  }
}

/** The client of the request being served by `serveWithDatabase`, if any. */
const current = new AsyncLocalStorage<RequestClient>();

/**
 * The app's database on Workers. Inside `serveWithDatabase` every use shares that request's
 * client; elsewhere (the scheduled handler) each `run` opens a client and closes it when done.
 */
export function perRequestDatabase(options: PostgresOptions): DatabaseAccess {
  return {
    kind: 'postgres',
    async run(work) {
      const shared = current.getStore();
      if (shared) {
        const { db, bulk } = shared.open();
        return work(db, bulk);
      }
      const own = new RequestClient(options);
      try {
        const { db, bulk } = own.open();
        return await work(db, bulk);
      } finally {
        await own.close();
      }
    },
  };
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** How a response body ended early: it failed (`body`), or the client stopped reading (`client`). */
export type BodyFailure = 'body' | 'client';

/**
 * Serves one request with its own database client, kept open until the response body has been
 * sent to the end: exports stream rows from the database after the handler has returned. The
 * body is passed through unchanged; once it ends — completely, with an error, or because the
 * client went away — the client is closed (the execution context waits for that).
 *
 * A body that fails midway cannot be told from a complete one by HTTP on Workers: workerd ends an
 * errored body stream with the normal final chunk (cloudflare/workerd#6818). So a CSV body that
 * fails gets a last line saying that it is incomplete (`incompleteCsvLine`) before it ends; an
 * XLSX body cut short is a ZIP archive without its directory, which no spreadsheet opens.
 */
export async function serveWithDatabase(
  options: PostgresOptions,
  ctx: ExecutionContext,
  handle: () => Promise<Response>,
  onFailure: (error: unknown, failed: BodyFailure) => void,
): Promise<Response> {
  const client = new RequestClient(options);
  let response: Response;
  try {
    response = await current.run(client, handle);
  } catch (error) {
    await client.close();
    throw error;
  }
  if (!client.used || response.body === null) {
    await client.close();
    return response;
  }
  const csv = /^text\/csv\b/i.test(response.headers.get('content-type') ?? '');
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const sent = relay(response.body, writable, csv ? () => new TextEncoder().encode(incompleteCsvLine(requestId)) : undefined)
    .catch((failure: RelayFailure) => onFailure(failure.error, failure.failed))
    .finally(() => client.close());
  ctx.waitUntil(sent);
  return new Response(readable, response);
}

/** The last line of a CSV export that failed midway: one field, read by people and refused by tools expecting the columns. */
export function incompleteCsvLine(requestId: string | undefined): string {
  return '"EXPORT INCOMPLETE: reading the records failed after the rows above, which are not all of them. ' +
    `Export again${requestId ? ` (request ${requestId})` : ''}."\r\n`;
}

class RelayFailure {
  constructor(readonly error: unknown, readonly failed: BodyFailure) {}
}

/** Copies `body` to `sink`; if `body` fails, writes `lastWords()` and errors the sink. */
async function relay(body: ReadableStream<Uint8Array>, sink: WritableStream<Uint8Array>, lastWords?: () => Uint8Array): Promise<void> {
  const reader = body.getReader();
  const writer = sink.getWriter();
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (lastWords) await writer.write(lastWords()).catch(() => {});
      await writer.abort(error).catch(() => {});
      throw new RelayFailure(error, 'body');
    }
    if (chunk.done) {
      await writer.close();
      return;
    }
    try {
      await writer.write(chunk.value);
    } catch (error) {
      await reader.cancel(error).catch(() => {});
      throw new RelayFailure(error, 'client');
    }
  }
}
