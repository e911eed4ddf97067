import type { Writable } from 'node:stream';
import { Kysely, PostgresDialect, type PostgresCursorConstructor, type PostgresPool, type PostgresPoolClient } from 'kysely';
import postgres from 'postgres';
import { CopyOutCursor, CopyOutPostgresAdapter } from './copy-out.ts';
import { type BulkRunner, type BulkSession, CopyRefusedError, type RowSink, sqlSavepoint } from './bulk.ts';
import { fileSpool } from './spool.ts';
import { CHANGES_CHANNEL, type ChangeFeed, type DatabaseHandle, type FeedEvents, feed } from './database.ts';
import {
  DatabaseUnavailableError, type SessionClient, type SessionClientFactory, SessionPool, within,
} from './postgres-pool.ts';
import type { Database } from './schema.ts';

const keepText = { serialize: (x: unknown) => String(x), parse: (x: string) => x };

export interface PostgresOptions {
  url: string;
  poolMax?: number;
  /** One connection attempt (TCP, TLS, authentication) gives up after this. Default 5. */
  connectTimeoutSeconds?: number;
  /** Getting a connection from the pool — waiting for a free one, and connecting it — gives up after this. Default: the connect timeout. */
  acquireTimeoutSeconds?: number;
  /** PostgreSQL's statement_timeout for every session (unset or 0: the server's setting). Uploads run without one. */
  statementTimeoutSeconds?: number;
  /** PostgreSQL's idle_in_transaction_session_timeout for every session (unset or 0: the server's setting). */
  idleInTransactionTimeoutSeconds?: number;
}

/** The postgres.js options shared by every client, with the value conventions shared with PGlite (see pglite.ts). */
function clientOptions(options: PostgresOptions) {
  return {
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    onnotice: () => {},
    // NUMERIC (1700) and INT8 (20) are strings by default in postgres.js; DATE (1082) is not.
    types: {
      date: { to: 1082, from: [1082], ...keepText },
    },
    connection: {
      application_name: 'outcome-ledger',
      TimeZone: 'UTC',
      // Sent with the start-up message, so every session has them from its first statement (in
      // milliseconds; postgres.js leaves 0 out, so 0 keeps the server's own setting).
      ...(options.statementTimeoutSeconds ? { statement_timeout: options.statementTimeoutSeconds * 1000 } : {}),
      ...(options.idleInTransactionTimeoutSeconds
        ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutSeconds * 1000 }
        : {}),
    },
  };
}

/**
 * A postgres.js client with its own pool, for short-lived uses (a Worker's request). The Node
 * service uses `openPostgresDatabase`, whose pool bounds every wait (see postgres-pool.ts).
 */
export function createPostgresClient(options: PostgresOptions) {
  return postgres(options.url, { ...clientOptions(options), max: options.poolMax ?? 10, idle_timeout: 30 });
}

/**
 * postgres.js reads the array types on each new connection from an async function nobody awaits
 * (connection.js, fetchArrayTypes): if the connection closes or is destroyed meanwhile (a server
 * going down, a connect deadline), that rejection is unhandled and Node ends the process. It is of
 * no consequence — the query that opened the connection fails too, and is answered — so it, and
 * nothing else, is ignored. Anything else unhandled still ends the process, as by default (when
 * no one else listens).
 */
let typeFetchGuard = false;
function ignoreFailedTypeFetches(): void {
  if (typeFetchGuard) return;
  typeFetchGuard = true;
  process.on('unhandledRejection', (reason) => {
    const query = (reason as { query?: unknown } | null)?.query;
    if (typeof query === 'string' && query.includes('b.typarray') && query.includes('pg_catalog.pg_type')) return;
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}

/**
 * The single-connection client of one pooled session: no idle or lifetime timers of its own (the
 * pool closes sessions between leases, never inside one) and no back-off before reconnecting
 * (the pool's deadlines bound every attempt).
 */
export function sessionClientFactory(options: PostgresOptions): SessionClientFactory {
  ignoreFailedTypeFetches();
  return ({ onclose, onnotify }) => postgres(options.url, {
    ...clientOptions(options),
    max: 1,
    idle_timeout: 0,
    max_lifetime: 0,
    backoff: () => 0,
    onclose,
    ...(onnotify ? { onnotify } : {}),
  }) as unknown as SessionClient;
}

/** A real PostgreSQL server through postgres.js, every wait bounded (see postgres-pool.ts). */
export function openPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const connectTimeoutMs = (options.connectTimeoutSeconds ?? 5) * 1000;
  const client = sessionClientFactory(options);
  const pool = new SessionPool({
    size: options.poolMax ?? 10,
    connectTimeoutMs,
    acquireTimeoutMs: (options.acquireTimeoutSeconds ?? options.connectTimeoutSeconds ?? 5) * 1000,
    idleTimeoutMs: 30_000,
    maxLifetimeMs: (30 + Math.random() * 30) * 60_000,
    client,
  });
  const db = new Kysely<Database>({ dialect: new CopyOutDialect({ pool: kyselyPool(pool), cursor: CopyOutCursor as unknown as PostgresCursorConstructor }) });
  const changes = listenerFeed(client, connectTimeoutMs);
  let closed = false;
  return {
    db,
    kind: 'postgres',
    bulk: poolBulk(pool),
    onChange: changes.feed,
    async close() {
      if (closed) return;
      closed = true;
      changes.close();
      await db.destroy();
    },
  };
}

/** PostgreSQL through the pool, its streaming by COPY (see copy-out.ts). */
class CopyOutDialect extends PostgresDialect {
  override createAdapter() {
    return new CopyOutPostgresAdapter();
  }
}

/** The pool as Kysely's PostgresDialect expects it (the shape of node-postgres' pool). */
function kyselyPool(pool: SessionPool): PostgresPool {
  return {
    async connect() {
      const lease = await pool.acquire();
      const client = {
        query(text: string | CopyOutCursor, parameters: readonly unknown[]) {
          // Kysely's streaming (`executor.stream`) hands over a cursor and reads it (see copy-out.ts)
          if (text instanceof CopyOutCursor) {
            text.start((copy) => lease.copyOut(copy));
            return text;
          }
          return lease.query(text, parameters).then((result) => ({ command: result.command, rowCount: result.count ?? 0, rows: Array.from(result) }));
        },
        release: () => lease.release(),
      };
      return client as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * Bulk sessions on the pool: one transaction on one leased session, rows streamed with COPY FROM
 * STDIN. Uploads are paced by their client and may rightly run long: no statement timeout in them
 * (the watchdog still ends them if the server goes away). If the session is lost, the runner
 * rejects at once, whatever `work` is waiting for.
 */
function poolBulk(pool: SessionPool): BulkRunner {
  return async <T>(work: (session: BulkSession) => Promise<T>): Promise<T> => {
    const lease = await pool.acquire();
    const lost = lease.lost();
    const sinks = new Set<() => void>();
    let finished = false;
    try {
      await lease.query('begin');
      await lease.query('set local statement_timeout = 0');
      const session: BulkSession = {
        async query<R>(text: string, params: readonly unknown[] = []) {
          if (finished) throw new DatabaseUnavailableError('CONNECTION_CLOSED', 'The bulk session has ended.');
          return (await lease.query(text, params)) as unknown as R[];
        },
        async rowSink(table, columns) {
          if (finished) throw new DatabaseUnavailableError('CONNECTION_CLOSED', 'The bulk session has ended.');
          const { stream, done } = await lease.copyIn(`copy ${table} (${columns.join(',')}) from stdin`);
          sinks.add(done);
          return copySink(stream, { lost: lost.promise, probe: () => lease.query('select 1'), done });
        },
        savepoint(work) {
          return sqlSavepoint((text) => session.query(text), 'bulk_work', work);
        },
        spool: () => fileSpool(),
      };
      const result = await Promise.race([work(session), lost.promise]);
      await lease.query('commit');
      return result;
    } catch (error) {
      await lease.query('rollback').catch(() => {});
      throw error;
    } finally {
      finished = true;
      for (const done of sinks) done();
      lost.dispose();
      lease.release();
    }
  };
}

/** Runs `probe` once the driver takes statements again: the ended COPY stream has sent its last data. */
async function afterCopy(probe: () => Promise<unknown>): Promise<unknown> {
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'COPY_IN_PROGRESS') throw error;
    }
    // a macrotask: the stream calls its final step (where the driver lets go of the COPY) after this one
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * COPY text into a COPY stream, with backpressure; `done` is called once it is over.
 *
 * postgres.js (3.4.9) never settles a COPY that the server refuses after its last data, once the
 * stream has ended (porsager/postgres#1173): the stream neither finishes nor fails, and its error
 * is dropped. So `end` then runs `probe` (when given), a statement on the same session: it runs once the COPY is
 * over, and fails ("current transaction is aborted") if the COPY failed — then `end` fails with
 * CopyRefusedError. (A refusal while rows are still being sent does reach the stream, with its error.)
 */
function copySink(stream: Writable, options: { lost?: Promise<never>; probe?: () => Promise<unknown>; done?: () => void } = {}): RowSink {
  const { lost = new Promise<never>(() => {}), probe, done = () => {} } = options;
  let failure: unknown;
  stream.on('error', (error: unknown) => {
    failure ??= error;
  });
  // Waits for a stream event, or fails with the stream's error or the loss of the session.
  const until = (event: 'drain' | 'finish') => Promise.race([
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      if (stream.destroyed) return reject(new DatabaseUnavailableError('CONNECTION_CLOSED', 'The COPY stream was closed.'));
      const onEvent = () => { stream.off('error', onError); resolve(); };
      const onError = (error: unknown) => { stream.off(event, onEvent); reject(error); };
      stream.once(event, onEvent);
      stream.once('error', onError);
    }),
    lost,
  ]);
  return {
    async writeText(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await until('drain');
    },
    async end() {
      try {
        if (failure) throw failure;
        const finished = until('finish');
        finished.catch(() => {});
        stream.end();
        if (probe) {
          try {
            await Promise.race([afterCopy(probe), lost]);
          } catch (error) {
            if (failure) throw failure;
            if ((error as { code?: unknown }).code === '25P02') throw new CopyRefusedError();
            throw error;
          }
        }
        await finished;
      } finally {
        done();
      }
    },
    async abort(reason) {
      try {
        // Destroying the stream sends CopyFail: the server ends the COPY and the session stays usable.
        if (stream.destroyed) return;
        await new Promise<void>((resolve) => {
          stream.once('close', () => resolve());
          stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
        });
      } finally {
        done();
      }
    },
  };
}

/**
 * Bulk sessions on a postgres.js client of its own pool (a Worker's per-request client): one
 * `sql.begin` transaction; rows streamed with COPY FROM STDIN.
 */
export function postgresBulk(sql: ReturnType<typeof createPostgresClient>): BulkRunner {
  return <T>(work: (session: BulkSession) => Promise<T>) =>
    sql.begin(async (tx) => {
      // Queries go to the innermost savepoint's scope: postgres.js fails a scope whose query failed.
      let scope: typeof tx = tx;
      const session: BulkSession = {
        async query<R>(text: string, params: readonly unknown[] = []) {
          return (await scope.unsafe(text, params as never[])) as unknown as R[];
        },
        async rowSink(table, columns) {
          // No probe after the COPY here (see copySink): under workerd it made every upload answer
          // 500 (not found in time); a COPY the server refuses at its end still hangs in a Worker.
          return copySink(await scope.unsafe(`copy ${table} (${columns.join(',')}) from stdin`).writable());
        },
        savepoint(work) {
          return tx.savepoint(async (inner) => {
            const outer = scope;
            scope = inner as typeof tx;
            try {
              return await work();
            } finally {
              scope = outer;
            }
          }) as never;
        },
      };
      return work(session);
    }) as Promise<T>;
}

/**
 * The change notifications of every instance (LISTEN on CHANGES_CHANNEL), on a connection of its
 * own: re-established after any loss (back-off 0.25 s doubling to 5 s), checked every 10 s with a
 * `select 1` answered within the connect timeout (a half-open connection would otherwise stay
 * silent). While it is not listening the feed says so, and caches stop serving (database.ts).
 */
function listenerFeed(makeClient: SessionClientFactory, connectTimeoutMs: number, heartbeatMs = 10_000): { feed: ChangeFeed; close(): void } {
  let client: SessionClient | undefined;
  let events: FeedEvents | undefined;
  let live = false;
  let closed = false;
  let attempts = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let beatTimer: NodeJS.Timeout | undefined;

  const fresh = (): SessionClient => {
    const old = client;
    const c: SessionClient = makeClient({
      onclose: () => {
        if (client === c) lost();
      },
      onnotify: (channel, payload) => {
        if (client === c && channel === CHANGES_CHANNEL) events?.deliver(payload);
      },
    });
    client = c;
    if (old) void old.end({ timeout: 0 }).catch(() => {});
    return c;
  };
  const lost = () => {
    clearTimeout(beatTimer);
    if (!closed) fresh(); // one client per connection (see postgres-pool.ts, connectClient)
    if (live) {
      live = false;
      events?.down();
    }
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void listen();
    }, Math.min(250 * 2 ** attempts++, 5000));
    retryTimer.unref();
  };
  const timeout = () => new DatabaseUnavailableError('CONNECT_TIMEOUT', 'The listening connection did not answer.');
  const listen = async () => {
    if (closed) return;
    const c = client ?? fresh();
    try {
      await within(c.unsafe(`listen "${CHANGES_CHANNEL}"`), connectTimeoutMs, () => {}, timeout);
      if (c !== client || closed) return;
      attempts = 0;
      live = true;
      events?.up();
      beat(c);
    } catch {
      if (c !== client || closed) return;
      lost();
    }
  };
  const beat = (c: SessionClient) => {
    clearTimeout(beatTimer);
    beatTimer = setTimeout(async () => {
      try {
        await within(c.unsafe('select 1'), connectTimeoutMs, () => {}, timeout);
        if (c === client && live) beat(c);
      } catch {
        if (c !== client || closed) return;
        lost();
      }
    }, heartbeatMs);
    beatTimer.unref();
  };

  return {
    feed: feed((e) => {
      events = e;
      void listen();
    }),
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(beatTimer);
      if (client) void client.end({ timeout: 0 }).catch(() => {});
    },
  };
}
