import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import postgres from 'postgres';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { openPgliteDatabase } from '../../src/db/pglite.ts';
import { openPostgresDatabase } from '../../src/db/postgres.ts';

/** The real PostgreSQL server the suite runs against, when DATABASE_URL is set (CI's second pass). */
export const serverUrl = process.env.DATABASE_URL || undefined;
export const backend = serverUrl ? 'postgres' : 'pglite';

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of this file's own database (server backend only). */
  readonly url: string | undefined;
  /** Empties every table (not the migration bookkeeping), so each test starts clean. */
  reset(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: PGlite in memory, or a throwaway database created
 * on the server (and dropped on close). Migrated unless `migrate: false`.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let drop: () => Promise<void> = async () => {};
  if (serverUrl) {
    const name = `ol_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    handle = openPostgresDatabase({ url, poolMax: 10 });
    drop = async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    handle = await openPgliteDatabase();
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    db: handle.db,
    kind: handle.kind,
    bulk: handle.bulk,
    url,
    async reset() {
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name not like 'schema_migration%'`.execute(handle.db);
      if (rows.length === 0) return;
      const list = rows.map((r) => `"${r.table_name}"`).join(', ');
      // Tables of record refuse TRUNCATE (migration 0009): their triggers are off for this one
      // transaction, as the table owner may.
      await handle.db.transaction().execute(async (trx) => {
        for (const r of rows) await sql.raw(`alter table "${r.table_name}" disable trigger user`).execute(trx);
        await sql.raw(`truncate ${list} restart identity cascade`).execute(trx);
        for (const r of rows) await sql.raw(`alter table "${r.table_name}" enable trigger user`).execute(trx);
      });
    },
    async close() {
      await handle.close();
      await drop();
    },
  };
}
