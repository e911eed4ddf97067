import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { PGlite, types } from '@electric-sql/pglite';
import { CompiledQuery, Kysely } from 'kysely';
import { type BulkRunner, type BulkSession, type RowSink, sqlSavepoint } from './bulk.ts';
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
    startParams: pgliteStartParams,
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
 * PostgreSQL settings of the embedded database, on top of PGlite's own start parameters.
 * shared_buffers: PostgreSQL's default 128 MB sits inside PGlite's WebAssembly memory, which never
 * shrinks, so the process kept ~128 MiB resident for its whole life once an upload had filled the
 * pool; pages outside the pool are read through PGlite's file system layer, one call per page.
 * 32 MB took the peak RSS of a 1,000,000-row upload from ~540 to ~440 MiB, but made reading a
 * million claims for an evaluation 45% slower (8.9 → 12.8 s) and the upload 13% slower; 64 MB is
 * the middle way (issue 19; figures in the README's performance table).
 */
export const PGLITE_SETTINGS = { shared_buffers: '64MB' } as const;

const pgliteStartParams = [...PGlite.defaultStartParams, ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`])];

/**
 * Creates a new data folder in a child process that then exits. PGlite's initdb grows its
 * WebAssembly memory to ~850 MiB, and that memory never shrinks: done in this process, the server
 * would keep it for life. A worker thread (as before) gave it back only in part: the server
 * started on a new folder sat ~80–110 MiB above one started on an existing folder (malloc arenas
 * and heap the thread left behind); a process returns all of it.
 */
async function initialiseDataDir(dataDir: string): Promise<void> {
  const module = import.meta.resolve('@electric-sql/pglite');
  const script = `import(${JSON.stringify(module)}).then(async ({ PGlite }) => {
    const pglite = await PGlite.create({ dataDir: ${JSON.stringify(dataDir)} });
    await pglite.close();
  })`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initialising ${dataDir} failed (exit ${code}): ${stderr}`))));
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
        savepoint(work) {
          return sqlSavepoint((text) => trx.executeQuery(CompiledQuery.raw(text, [])), 'bulk_work', work);
        },
      };
      return work(session);
    });
}
