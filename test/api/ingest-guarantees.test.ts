import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

/**
 * Issue 19, migration 0018: a claim's foreign keys (to its contract, its submission, the claim it
 * corrects) are no longer checked row by row by the database; the upload guarantees each under the
 * contract lock. These tests hold the upload to it, through the API, with the real database.
 */
let database: TestDatabase;
let world: World;
let app: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  app = createTestApp(database);
  world = await createWorld(database, app);
});

const header = 'participant_ref,outcome,cohort,achieved_on,evidence,supersedes';
const csv = (...rows: string[]) => [header, ...rows].join('\n') + '\n';
const post = (contractId: string, body: string, extra: Record<string, string> = {}) =>
  world.operator.api.send(`/v1/contracts/${contractId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv', ...extra }, body });
const claimCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from participant_claim`.execute(database.db)).rows[0]!.n);
const line = (i: number) => `P-${i},job_entry,cohort_1,2024-03-01,payslip-${i},`;

/** Every stored claim names a submission of its own contract, and corrects (if at all) a claim of its own contract. */
async function orphans(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from participant_claim c
    where not exists (select 1 from submission s where s.id = c.submission_id and s.contract_id = c.contract_id)
       or not exists (select 1 from contract k where k.id = c.contract_id)
       or (c.supersedes_id is not null and not exists (select 1 from participant_claim o where o.id = c.supersedes_id and o.contract_id = c.contract_id))`.execute(database.db);
  return rows[0]!.n;
}

describe('uploads keep the facts the foreign keys checked', () => {
  it('stores every row under its own submission and contract; corrections of claims of the same contract only', async () => {
    const a = await activeContract(world, rateCardDefinition());
    const b = await activeContract(world, rateCardDefinition({ reference: 'TEST-RATE-CARD-2' }));
    expect((await post(a.id, csv(line(1), line(2)))).status).toBe(201);
    expect((await post(b.id, csv(line(1)))).status).toBe(201);
    const [ofA] = (await json(await world.operator.api.get(`/v1/contracts/${a.id}/claims`))).items;

    // Correcting contract A's claim from contract B: refused, nothing stored.
    const crossed = await post(b.id, csv(`P-1,job_entry,cohort_1,2024-03-01,other,${ofA.id}`));
    expect(crossed.status).toBe(422);
    expect((await json(crossed)).errors[0]).toMatchObject({
      row: 1, column: 'supersedes', message: `no claim ${ofA.id} in this contract`, code: 'no_such_claim', params: { record: ofA.id },
    });
    // A record that does not exist at all.
    const unknown = newId();
    const missing = await post(a.id, csv(`P-1,job_entry,cohort_1,2024-03-01,other,${unknown}`));
    expect((await json(missing)).errors[0].message).toBe(`no claim ${unknown} in this contract`);
    expect(await claimCount()).toBe(3);

    // Two corrections of one record in one upload: refused; then one, then a second across uploads: refused.
    const twice = await post(a.id, csv(`P-1,job_entry,cohort_1,2024-03-01,x,${ofA.id}`, `P-1,job_entry,cohort_1,2024-03-01,y,${ofA.id}`));
    expect(twice.status).toBe(422);
    expect((await json(twice)).errors[0]).toMatchObject({ row: 2, column: 'supersedes', message: expect.stringMatching(/already corrected by data row 1/) });
    expect((await post(a.id, csv(`P-1,job_entry,cohort_1,2024-03-01,x,${ofA.id}`))).status).toBe(201);
    const again = await post(a.id, csv(`P-1,job_entry,cohort_1,2024-03-01,y,${ofA.id}`));
    expect(again.status).toBe(422);
    expect((await json(again)).errors[0].message).toMatch(/already corrected/);
    expect(await claimCount()).toBe(4);
    expect(await orphans()).toBe(0);
  });

  it('the database still refuses a second correction of one record and a second original of one claim', async () => {
    const a = await activeContract(world, rateCardDefinition());
    expect((await post(a.id, csv(line(1)))).status).toBe(201);
    const { rows: [original] } = await sql<{ id: string; submission_id: string }>`select id, submission_id from participant_claim`.execute(database.db);
    const insert = (supersedes: string | null, evidence: string) => sql`
      insert into participant_claim (id, contract_id, submission_id, row_number, participant_ref, metric, cohort, achieved_on, evidence, supersedes_id)
      values (${newId()}, ${a.id}, ${original!.submission_id}, 9, 'P-1', 'job_entry', 'cohort_1', '2024-03-01', ${JSON.stringify([evidence])}::text::jsonb, ${supersedes})`.execute(database.db);
    await expect(insert(null, 'payslip-1')).rejects.toMatchObject({ code: '23505' });
    await insert(original!.id, 'fixed');
    await expect(insert(original!.id, 'fixed again')).rejects.toMatchObject({ code: '23505' });
  });

  it('a large upload with one bad row, or one duplicate, at its end stores nothing; the same upload fixed stores every row once', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const rows = Array.from({ length: 40_000 }, (_, i) => line(i));
    const bad = await post(id, csv(...rows, 'P-x,job_entry,cohort_1,not-a-date,payslip-x,'));
    expect(bad.status).toBe(422);
    expect((await json(bad)).errors[0]).toMatchObject({ row: 40_001 });
    const duplicate = await post(id, csv(...rows, line(17)));
    expect(duplicate.status).toBe(422);
    expect((await json(duplicate)).errors[0]).toMatchObject({ row: 40_001, message: expect.stringMatching(/duplicates data row 18/) });
    expect(await claimCount()).toBe(0);
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from submission`.execute(database.db)).rows[0]!.n)).toBe(0);

    const stored = await post(id, csv(...rows), { 'idempotency-key': 'upload-40k' });
    expect(stored.status).toBe(201);
    const submission = await json(stored);
    expect(submission.rows).toBe(40_000);
    // The same request again: the stored answer, nothing new.
    const replay = await post(id, csv(...rows), { 'idempotency-key': 'upload-40k' });
    expect(replay.status).toBe(201);
    expect((await json(replay)).id).toBe(submission.id);
    // The same rows under another key: every row a duplicate of a stored claim.
    const restated = await post(id, csv(...rows.slice(0, 3)));
    expect(restated.status).toBe(422);
    expect((await json(restated)).totalErrors).toBe(3);
    expect(await claimCount()).toBe(40_000);
    expect(await orphans()).toBe(0);
  });
});
