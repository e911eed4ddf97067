import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewBatchState } from '../../src/db/queries/entity-states.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * Migration 0021: a review names a record of its own contract, checked once per statement instead
 * of by a foreign-key trigger per row; a statement with one stray review writes nothing.
 */
describe('reviews name records of their own contract (migration 0021)', () => {
  let database: TestDatabase;
  const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
  const [org, contract, other, version, otherVersion, submission, otherSubmission, result] = [1, 2, 3, 4, 5, 6, 7, 8].map(id) as [string, string, string, string, string, string, string, string];
  const claims = [id(11), id(12), id(13)] as const;
  const otherClaim = id(21);
  const key = id(99);

  beforeAll(async () => {
    database = await openTestDatabase();
    const db = database.db;
    await sql`insert into organisation (id, name, kind) values (${org}, 'Ministry', 'public_authority')`.execute(db);
    for (const [c, v, s, ref] of [[contract, version, submission, 'A'], [other, otherVersion, otherSubmission, 'B']] as const) {
      await sql`insert into contract (id, reference, title, policy_area, currency, status, registered_by_organisation_id)
                values (${c}, ${ref}, 'T', 'employment', 'GBP', 'active', ${org})`.execute(db);
      await sql`insert into contract_version (id, contract_id, number, kind, definition, party_organisations, content_hash, status, proposed_by_organisation_id)
                values (${v}, ${c}, 1, 'original', '{}', '{}', 'h', 'in_force', ${org})`.execute(db);
      await sql`insert into submission (id, contract_id, version_id, kind, organisation_id, api_key_id, content_type, row_count, correction_count, body_digest, response)
                values (${s}, ${c}, ${v}, 'participant_claims', ${org}, ${key}, 'text/csv', 3, 0, 'd', '{}')`.execute(db);
    }
    for (const [i, claim] of claims.entries()) {
      await sql`insert into participant_claim (id, contract_id, submission_id, row_number, participant_ref, metric, cohort, achieved_on, evidence)
                values (${claim}, ${contract}, ${submission}, ${i + 1}, ${`P${i}`}, 'job', 'c1', '2026-01-01', '{}')`.execute(db);
    }
    await sql`insert into participant_claim (id, contract_id, submission_id, row_number, participant_ref, metric, cohort, achieved_on, evidence)
              values (${otherClaim}, ${other}, ${otherSubmission}, 1, 'P9', 'job', 'c1', '2026-01-01', '{}')`.execute(db);
    await sql`insert into submission (id, contract_id, version_id, kind, organisation_id, api_key_id, content_type, row_count, correction_count, body_digest, response)
              values (${id(30)}, ${contract}, ${version}, 'aggregate_results', ${org}, ${key}, 'text/csv', 1, 0, 'd', '{}')`.execute(db);
    await sql`insert into aggregate_result (id, contract_id, submission_id, row_number, metric, cohort, measured_on, treatment_value, methodology, methodology_version, measured_by)
              values (${result}, ${contract}, ${id(30)}, 1, 'reconviction', 'c1', '2026-01-01', 10, 'matched comparison', 'v1', 'Evaluator')`.execute(db);
  });
  afterAll(() => database.close());

  const reviewsOf = async (batch: string) =>
    Number((await sql<{ n: string }>`select count(*)::text as n from measurement_review where batch_id = ${batch}`.execute(database.db)).rows[0]!.n);

  const review = (rows: { n: number; contract: string; claim?: string; result?: string }[], batch: string) =>
    sql`insert into measurement_review (id, contract_id, claim_id, result_id, decision, organisation_id, api_key_id, batch_id)
        select r.id::uuid, r.contract_id::uuid, r.claim_id::uuid, r.result_id::uuid, 'validated', ${org}, ${key}, ${batch}
        from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: id(r.n), contract_id: r.contract, claim_id: r.claim ?? null, result_id: r.result ?? null })))}::text::jsonb)
          as r(id text, contract_id text, claim_id text, result_id text)`.execute(database.db);

  it('refuses a whole statement in which one review names a record of another contract, or none', async () => {
    const batch = id(100);
    const stray = review([{ n: 101, contract, claim: claims[0] }, { n: 102, contract, claim: otherClaim }, { n: 103, contract, claim: claims[1] }], batch);
    await expect(stray).rejects.toMatchObject({ code: '23503' });
    const missing = review([{ n: 104, contract, claim: claims[0] }, { n: 105, contract, result: id(77) }], batch);
    await expect(missing).rejects.toMatchObject({ code: '23503' });
    // The other contract's claim under its own contract id: not a record of `contract` either way round.
    await expect(review([{ n: 106, contract: other, claim: claims[2] }], batch)).rejects.toMatchObject({ code: '23503' });
    // An organisation that does not exist.
    await expect(sql`insert into measurement_review (id, contract_id, claim_id, decision, organisation_id, api_key_id, batch_id)
      values (${id(107)}, ${contract}, ${claims[2]!}, 'validated', ${id(98)}, ${key}, ${batch})`.execute(database.db)).rejects.toMatchObject({ code: '23503' });
    expect(await reviewsOf(batch)).toBe(0);
  });

  it('stores reviews of the contract\'s own claims and results, and reads the batch back by its index', async () => {
    const batch = id(200);
    await review([{ n: 201, contract, claim: claims[0] }, { n: 202, contract, claim: claims[1] }, { n: 203, contract, result: result }], batch);
    expect(await reviewsOf(batch)).toBe(3);
    expect(await reviewBatchState(database.db, batch)).toMatchObject({ reviews: '3', decisions: 'validated' });
    // Still one review per record, claim or result.
    await expect(review([{ n: 204, contract, claim: claims[0] }], id(201))).rejects.toMatchObject({ code: '23505' });
    await expect(review([{ n: 205, contract, result }], id(202))).rejects.toMatchObject({ code: '23505' });
  });

  it('checks per statement, not per row: no foreign key from reviews to records or to the contract', async () => {
    const { rows: keys } = await sql<{ ref: string }>`
      select r.relname as ref from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
      where c.contype = 'f' and t.relname = 'measurement_review' order by 1`.execute(database.db);
    expect(keys.map((k) => k.ref)).toEqual(['member']);
    const { rows: triggers } = await sql<{ name: string }>`
      select tgname as name from pg_trigger where tgrelid = 'measurement_review'::regclass and not tgisinternal order by 1`.execute(database.db);
    expect(triggers.map((t) => t.name)).toContain('measurement_review_of_contract_records');
    const { rows: indexes } = await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes where tablename = 'measurement_review' order by 1`.execute(database.db);
    const def = (name: string) => indexes.find((i) => i.name === name)?.def;
    expect(def('measurement_review_by_batch')).toMatch(/\(batch_id\)$/);
    // One review per record: unique over the non-null keys only (a claim's review is not indexed under result_id).
    expect(def('measurement_review_claim_id_key')).toMatch(/UNIQUE .*\(claim_id, contract_id\) WHERE \(claim_id IS NOT NULL\)/);
    expect(def('measurement_review_result_id_key')).toMatch(/UNIQUE .*\(result_id, contract_id\) WHERE \(result_id IS NOT NULL\)/);
  });
});
