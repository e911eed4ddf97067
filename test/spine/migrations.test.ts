import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { migrateToLatest, pendingMigrations } from '../../src/db/migrate.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
  });
  afterAll(() => database.close());

  it('reports not ready until migrated, then ready', async () => {
    const app = createTestApp(database);
    const before = await app.request('/readyz');
    expect(before.status).toBe(503);
    expect(before.headers.get('content-type')).toBe('application/problem+json');
    expect((await json(before)).code).toBe('database_unavailable');

    const applied = await migrateToLatest(database.db);
    expect(applied).toEqual(Object.keys(migrations));

    const after = await app.request('/readyz');
    expect(after.status).toBe(200);
    expect(await json(after)).toMatchObject({ status: 'ready', database: database.kind, migrations: { pending: [] } });
  });

  it('running them again is a no-op', async () => {
    const tablesBefore = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(database.db);
    expect(await migrateToLatest(database.db)).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual([]);
    expect(await pendingMigrations(database.db)).toEqual([]);
    const tablesAfter = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(database.db);
    expect(tablesAfter.rows[0]!.n).toBe(tablesBefore.rows[0]!.n);
  });

  it('are named so that their order is their sort order', () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
  });
});
