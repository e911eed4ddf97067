import { PGlite, types } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

const keepText = (value: string) => value;

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
export async function openPgliteDatabase(options: { dataDir?: string } = {}): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: pgliteParsers,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
