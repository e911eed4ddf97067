import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { type BulkRunner, type BulkSession, copyLine } from './bulk.ts';
import { CHANGES_CHANNEL, changeFeed, type DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

const keepText = { serialize: (x: unknown) => String(x), parse: (x: string) => x };

export interface PostgresOptions {
  url: string;
  poolMax?: number;
  connectTimeoutSeconds?: number;
}

/** Creates the postgres.js client with the value conventions shared with PGlite (see pglite.ts). */
export function createPostgresClient(options: PostgresOptions) {
  return postgres(options.url, {
    max: options.poolMax ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    idle_timeout: 30,
    onnotice: () => {},
    // NUMERIC (1700) and INT8 (20) are strings by default in postgres.js; DATE (1082) is not.
    types: {
      date: { to: 1082, from: [1082], ...keepText },
    },
    connection: { application_name: 'outcome-ledger', TimeZone: 'UTC' },
  });
}

/** A real PostgreSQL server through postgres.js. */
export function openPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const sql = createPostgresClient(options);
  const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) });
  let closed = false;
  return {
    db,
    kind: 'postgres',
    bulk: postgresBulk(sql),
    // postgres.js keeps a dedicated listening connection and re-listens after a reconnection.
    onChange: changeFeed((deliver, resync) => sql.listen(CHANGES_CHANNEL, deliver, resync).then(() => undefined)),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

type Sql = ReturnType<typeof createPostgresClient>;

/** Bulk sessions on PostgreSQL: one postgres.js transaction; rows streamed with COPY FROM STDIN. */
export function postgresBulk(sql: Sql): BulkRunner {
  return <T>(work: (session: BulkSession) => Promise<T>) =>
    sql.begin(async (tx) => {
      const session: BulkSession = {
        async query<R>(text: string, params: readonly unknown[] = []) {
          return (await tx.unsafe(text, params as never[])) as unknown as R[];
        },
        async rowSink(table, columns) {
          const stream = await tx.unsafe(`copy ${table} (${columns.join(',')}) from stdin`).writable();
          let failure: unknown;
          stream.on('error', (error: unknown) => {
            failure ??= error;
          });
          let chunk = '';
          const push = async (text: string) => {
            if (failure) throw failure;
            if (!stream.write(text)) {
              await new Promise<void>((resolve, reject) => {
                const onDrain = () => { stream.off('error', onError); resolve(); };
                const onError = (error: unknown) => { stream.off('drain', onDrain); reject(error); };
                stream.once('drain', onDrain);
                stream.once('error', onError);
              });
            }
          };
          return {
            async write(row) {
              chunk += copyLine(row);
              if (chunk.length >= 256 * 1024) {
                const text = chunk;
                chunk = '';
                await push(text);
              }
            },
            async end() {
              if (chunk.length > 0) await push(chunk);
              chunk = '';
              await new Promise<void>((resolve, reject) => {
                if (failure) return reject(failure);
                stream.once('error', reject);
                stream.once('finish', resolve);
                stream.end();
              });
            },
            async abort(reason) {
              // Destroying the stream sends CopyFail: the server ends the COPY and the connection stays usable.
              await new Promise<void>((resolve) => {
                stream.once('close', () => resolve());
                stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
              });
            },
          };
        },
      };
      return work(session);
    }) as Promise<T>;
}
