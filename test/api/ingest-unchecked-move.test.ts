import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

/**
 * An upload of valid originals moves to the table before any duplicate check (issue 19): the
 * unique index of originals refuses duplicates, then the checks list them. What answers used to
 * come from the checks run first must not change: the full listing, and a replay for the same
 * request sent twice at once with its idempotency key.
 */
let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  world = await createWorld(database, createTestApp(database));
});

const header = 'participant_ref,outcome,cohort,achieved_on,held_from,evidence';
const csv = (rows: string[]) => [header, ...rows].join('\n') + '\n';
const postCsv = (contractId: string, body: string, extra: Record<string, string> = {}) =>
  world.operator.api.send(`/v1/contracts/${contractId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv', ...extra }, body });
const claims = async () => Number((await sql<{ n: number }>`select count(*)::int as n from participant_claim`.execute(database.db)).rows[0]!.n);
const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1},job_entry,cohort_1,2024-03-01,,x`);

describe('uploads of valid originals, moved before their duplicate checks', () => {
  it('list every duplicate, within the upload and against stored claims, with row numbers, and store nothing', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await postCsv(id, csv(rows('S', 3)))).status).toBe(201);
    const upload = [...rows('N', 5), 'S-2,job_entry,cohort_1,2024-03-01,,x', 'N-3,job_entry,cohort_1,2024-03-01,,x', 'N-3,job_entry,cohort_1,2024-03-01,,x'];
    const response = await postCsv(id, csv(upload));
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.totalErrors).toBe(3);
    expect(problem.errors.map((e: { row: number; message: string }) => [e.row, e.message.replace(/record [0-9a-f-]+/, 'record …')])).toEqual([
      [6, 'duplicates record …, already submitted (the same participant, outcome, date and evidence); to correct it, give its id in "supersedes"'],
      [7, 'duplicates data row 3 (the same participant, outcome, date and evidence)'],
      [8, 'duplicates data row 3 (the same participant, outcome, date and evidence)'],
    ]);
    // Each with its stable code and the values of its message, for clients that say it in another language
    expect(problem.errors.map((e: { code: string; params: Record<string, string> }) => [e.code, Object.keys(e.params)])).toEqual([
      ['duplicate_claim_stored', ['record']], ['duplicate_claim_in_upload', ['firstRow']], ['duplicate_claim_in_upload', ['firstRow']],
    ]);
    expect(problem.errors[1].params).toEqual({ firstRow: '3' });
    expect(await claims()).toBe(3);
  });

  it('answer the same request sent twice at once with one idempotency key with one stored upload and its replay', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const body = csv(rows('P', 300));
    const [a, b] = await Promise.all([postCsv(id, body, { 'idempotency-key': 'twice-at-once' }), postCsv(id, body, { 'idempotency-key': 'twice-at-once' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await json(a)).id).toBe((await json(b)).id);
    expect(await claims()).toBe(300);
  });
});
