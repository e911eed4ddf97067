import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase, PGLITE_SETTINGS } from '../../src/db/pglite.ts';

/**
 * The embedded database's PostgreSQL settings (issue 19, memory): in force in memory and on a data
 * folder, including one created by the child process that runs initdb, and again after reopening.
 */
const setting = async (handle: Awaited<ReturnType<typeof openPgliteDatabase>>, name: string) =>
  (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(handle.db)).rows[0]!.value;

describe('embedded database settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outcome-ledger-pglite-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are in force in memory, with PGlite’s own start parameters kept', async () => {
    const handle = await openPgliteDatabase();
    try {
      for (const [name, value] of Object.entries(PGLITE_SETTINGS)) expect(await setting(handle, name)).toBe(value);
      expect(await setting(handle, 'max_parallel_workers_per_gather')).toBe('0');
      expect(await setting(handle, 'search_path')).toBe('public');
    } finally {
      await handle.close();
    }
  });

  it('are in force on a new data folder (initialised in a child process) and after reopening it', { timeout: 120_000 }, async () => {
    const dataDir = join(dir, 'pgdata');
    const first = await openPgliteDatabase({ dataDir });
    try {
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      for (const [name, value] of Object.entries(PGLITE_SETTINGS)) expect(await setting(first, name)).toBe(value);
      await sql`create table kept (n integer)`.execute(first.db);
      await sql`insert into kept select generate_series(1, 10000)`.execute(first.db);
    } finally {
      await first.close();
    }
    const again = await openPgliteDatabase({ dataDir });
    try {
      for (const [name, value] of Object.entries(PGLITE_SETTINGS)) expect(await setting(again, name)).toBe(value);
      expect((await sql<{ n: number }>`select count(*)::int as n from kept`.execute(again.db)).rows[0]!.n).toBe(10000);
    } finally {
      await again.close();
    }
  });

  it('a data folder that cannot be created fails with initdb’s reason', async () => {
    await expect(openPgliteDatabase({ dataDir: '/proc/outcome-ledger-cannot-be-here/pgdata' })).rejects.toThrow(/initialising .* failed/);
  });
});
