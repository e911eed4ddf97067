import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_WRITE, refreshStatistics } from '../../src/db/queries/statistics.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * After a large write the planner's statistics are refreshed (ANALYZE) only when the write is a
 * tenth or more of the table as last analysed, or the table was never analysed. Observed through
 * pg_class.reltuples, which ANALYZE of the (empty) table sets to 0.
 */
describe('refreshStatistics', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const known = async () => Number((await sql<{ n: string | number }>`select reltuples as n from pg_class where oid = 'participant_claim'::regclass`.execute(database.db)).rows[0]!.n);
  const pretend = (rows: number) => sql`update pg_class set reltuples = ${rows} where oid = 'participant_claim'::regclass`.execute(database.db);

  it('analyses a table never analysed, and one a write grows by a tenth or more; not for small writes or a small share', async () => {
    await pretend(-1);
    await refreshStatistics(database.db, 'participant_claim', LARGE_WRITE - 1);
    expect(await known()).toBe(-1);
    await refreshStatistics(database.db, 'participant_claim', LARGE_WRITE);
    expect(await known()).toBe(0);

    await pretend(10_000_000);
    await refreshStatistics(database.db, 'participant_claim', 100_000);
    expect(await known()).toBe(10_000_000);
    await refreshStatistics(database.db, 'participant_claim', 999_999);
    expect(await known()).toBe(10_000_000);
    await refreshStatistics(database.db, 'participant_claim', 1_000_000);
    expect(await known()).toBe(0);
  });
});
