import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyRefusedError } from '../../src/db/bulk.ts';
import { isUniqueViolation } from '../../src/db/errors.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * A COPY FROM STDIN that the database refuses after its last data (postgres.js 3.4.9 never settled
 * it: porsager/postgres#1173 — the upload waited forever) fails its `end()`, and the session goes
 * on from a savepoint; refused while rows still stream, the write fails with the database's error.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const refused = (error: unknown) => isUniqueViolation(error) || error instanceof CopyRefusedError;

describe('a COPY the database refuses', () => {
  it('after its last data: end() fails, the session goes back to its savepoint and on', async () => {
    const rows = await database.bulk(async (session) => {
      await session.query('create temp table copied (a int primary key) on commit drop');
      await session.query('insert into copied values (1)');
      await session.query('savepoint before_copy');
      const sink = await session.rowSink('copied', ['a']);
      await sink.writeText('2\n1\n');
      const failure = await sink.end().then(() => undefined, (error: unknown) => error);
      expect(refused(failure)).toBe(true);
      await sink.abort(failure);
      await session.query('rollback to savepoint before_copy');
      await session.query('insert into copied values (3)');
      return session.query<{ a: number }>('select a from copied order by a');
    });
    expect(rows).toEqual([{ a: 1 }, { a: 3 }]);
  });

  it('while rows still stream: a write or end() fails with the refusal, and the session goes on', async () => {
    const rows = await database.bulk(async (session) => {
      await session.query('create temp table copied (a int primary key) on commit drop');
      await session.query('savepoint before_copy');
      const sink = await session.rowSink('copied', ['a']);
      let failure: unknown;
      try {
        await sink.writeText('1\n1\n');
        // enough further rows for the refusal to come back while they are sent
        for (let i = 0; i < 200; i++) await sink.writeText(Array.from({ length: 1000 }, (_, k) => `${10 + i * 1000 + k}\n`).join(''));
        await sink.end();
      } catch (error) {
        failure = error;
      }
      expect(refused(failure)).toBe(true);
      await sink.abort(failure);
      await session.query('rollback to savepoint before_copy');
      return session.query<{ n: number }>('select count(*)::int as n from copied');
    });
    expect(rows).toEqual([{ n: 0 }]);
  });
});
