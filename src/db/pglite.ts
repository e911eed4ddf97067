import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { CompiledQuery, Kysely } from 'kysely';
import { type BulkRunner, type BulkSession, copyLine, type RowSink } from './bulk.ts';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { CHANGES_CHANNEL, changeFeed, type DatabaseHandle } from './database.ts';
import { EmbeddedPostgresAdapter } from './embedded.ts';
import type { Database } from './schema.ts';

const keepText = (value: string) => value;

class EmbeddedDialect extends PGliteDialect {
  override createAdapter() {
    return new EmbeddedPostgresAdapter();
  }
}

/**
 * Values come back exactly as PostgreSQL prints them for the types whose JS form would lose
 * information or differ from postgres.js: NUMERIC and INT8 as decimal strings, DATE as
 * `YYYY-MM-DD`. Timestamps are Date objects on both drivers.
 */
export const pgliteParsers = {
  [types.NUMERIC]: keepText,
  [types.INT8]: keepText,
  [types.DATE]: keepText,
};

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in this process. `dataDir` persists to a folder;
 * without it the database lives in memory (tests, CLI what-if runs). PGlite has one connection:
 * the dialect queues callers, so transactions are serialised.
 */
export async function openPgliteDatabase(options: { dataDir?: string } = {}): Promise<DatabaseHandle & { pglite: PGlite }> {
  if (options.dataDir && !existsSync(join(options.dataDir, 'PG_VERSION'))) await initialiseDataDir(options.dataDir);
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: pgliteParsers,
  });
  const db = new Kysely<Database>({ dialect: new EmbeddedDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite,
    bulk: pgliteBulk(db, pglite),
    onChange: changeFeed((deliver) => pglite.listen(CHANGES_CHANNEL, deliver).then(() => undefined)),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/**
 * Creates a new data folder in a worker thread that then exits. PGlite's initdb grows its
 * WebAssembly memory to ~850 MiB, and that memory never shrinks: done in this thread, the server
 * would keep it for life. Opened afresh, the database needs ~350 MiB.
 */
async function initialiseDataDir(dataDir: string): Promise<void> {
  const module = import.meta.resolve('@electric-sql/pglite');
  const script = `import(${JSON.stringify(module)}).then(async ({ PGlite }) => {
    const pglite = await PGlite.create({ dataDir: ${JSON.stringify(dataDir)} });
    await pglite.close();
  })`;
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(script, { eval: true });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initialising ${dataDir} failed (worker exit ${code})`))));
  });
}

/** COPY text sent to the embedded database at a time: bounded, so an upload never sits whole in memory (4 MiB chunks raised the peak RSS of a 300,000-row upload by ~55 MiB; 1 MiB keeps it as with INSERTs). */
const COPY_CHUNK = 1024 * 1024;

/**
 * Bulk sessions on PGlite: a Kysely transaction (PGlite has one session: the direct `pglite.query`
 * calls below run inside it), rows written with COPY FROM a blob of COPY text, a chunk at a time
 * (no statement of tens of thousands of parameters to bind, no row held after its chunk is sent).
 */
function pgliteBulk(db: Kysely<Database>, pglite: PGlite): BulkRunner {
  return (work) =>
    db.transaction().execute(async (trx) => {
      const session: BulkSession = {
        async query<R>(text: string, params: readonly unknown[] = []) {
          const result = await trx.executeQuery<R>(CompiledQuery.raw(text, [...params]));
          return result.rows as R[];
        },
        async rowSink(table, columns) {
          let chunk = '';
          const flush = async () => {
            if (chunk.length === 0) return;
            const blob = new Blob([chunk]);
            chunk = '';
            await pglite.query(`copy ${table} (${columns.join(',')}) from '/dev/blob'`, [], { blob });
          };
          const sink: RowSink = {
            async write(row) {
              chunk += copyLine(row);
              if (chunk.length >= COPY_CHUNK) await flush();
            },
            async writeText(text) {
              chunk += text;
              if (chunk.length >= COPY_CHUNK) await flush();
            },
            end: flush,
            async abort() {
              chunk = '';
            },
          };
          return sink;
        },
      };
      return work(session);
    });
}
