import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isEmbedded } from '../../src/db/embedded.ts';
import { loadEvaluationData } from '../../src/db/queries/evaluations.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition, rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

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

const claimsCsv = (...rows: string[]) => ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', ...rows].join('\n');
async function upload(id: string, ...rows: string[]) {
  const response = await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: claimsCsv(...rows) });
  expect(response.status).toBe(201);
  const submission = await json(response);
  const review = await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: { submissionId: submission.id } });
  expect(review.status).toBe(200);
  return submission;
}
const evaluateNow = (id: string, body: object = { asOf: '2025-06-30' }) => world.payer.api.post(`/v1/contracts/${id}/evaluations`, body);
const obligationCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from obligation`.execute(database.db)).rows[0]!.n);

describe('evaluations', () => {
  it('create obligations from validated data, only once; new data adds only the difference', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p', 'P-2,job_entry,cohort_1,2024-04-01,,p');
    const first = await evaluateNow(id);
    expect(first.status).toBe(201);
    const created = await json(first);
    expect(created.status).toBe('created');
    expect(created.evaluation.obligations).toEqual([
      expect.objectContaining({ lineKey: 'rate_card:cohort_1:payer', amount: '5200.00', kind: 'payment', currency: 'GBP', dueOn: '2025-07-30', payer: { party: 'payer', organisationId: world.payer.id }, recipient: { party: 'operator', organisationId: world.operator.id } }),
    ]);
    expect(created.evaluation.dataCounts).toEqual({ claims: 2, results: 0, priorObligations: 0, drawdowns: 0 });

    const again = await evaluateNow(id);
    expect(again.status).toBe(200);
    expect((await json(again))).toMatchObject({ status: 'unchanged', evaluation: { id: created.evaluation.id } });
    expect(await obligationCount()).toBe(1);

    await upload(id, 'P-1,job_sustained,cohort_1,2024-09-01,,p', 'P-3,job_entry,cohort_1,2024-05-01,,p');
    const third = await json(await evaluateNow(id));
    // P-1: 2600 + 1000 capped at 3000 → +400; P-3: +2600
    expect(third.evaluation.obligations.map((o: { amount: string; kind: string }) => [o.amount, o.kind])).toEqual([['3000.00', 'adjustment']]);
    expect(third.evaluation.obligations[0].corrects).toEqual([created.evaluation.obligations[0].id]);
    expect(third.evaluation.totals).toEqual({ entitled: '8200.00', previouslyObligated: '5200.00', newObligations: '3000.00' });
  });

  it('a correction that withdraws a paid outcome yields a negative adjustment referencing what it corrects', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p');
    const first = await json(await evaluateNow(id));
    const [claim] = (await json(await world.payer.api.get(`/v1/contracts/${id}/claims`))).items;
    // corrected: the job started outside the cohort window's outcomes? here: the payslip was for another person → rejected correction
    const fix = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-1,job_entry,cohort_1,2024-03-01,p2,${claim.id}\n`,
    });
    const correction = await json(fix);
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'not employed', filter: { submissionId: correction.id } });
    const second = await json(await evaluateNow(id));
    expect(second.evaluation.obligations).toEqual([
      expect.objectContaining({ amount: '-2600.00', kind: 'adjustment', corrects: [first.evaluation.obligations[0].id] }),
    ]);
  });

  it('only the payer (or the administrator) runs them; investors read them without participant detail', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p', 'P-1,job_sustained,cohort_1,2024-09-01,,p');
    expect((await world.operator.api.post(`/v1/contracts/${id}/evaluations`, {})).status).toBe(403);
    expect((await world.investor.api.post(`/v1/contracts/${id}/evaluations`, {})).status).toBe(403);
    expect((await world.outsider.api.post(`/v1/contracts/${id}/evaluations`, {})).status).toBe(404);
    const byAdmin = await world.admin.post(`/v1/contracts/${id}/evaluations`, { asOf: '2025-06-30' });
    expect(byAdmin.status).toBe(201);
    const evaluationId = (await json(byAdmin)).evaluation.id;
    const forPayer = await json(await world.payer.api.get(`/v1/contracts/${id}/evaluations/${evaluationId}`));
    expect(JSON.stringify(forPayer.explanation)).toContain('P-1');
    const forInvestor = await json(await world.investor.api.get(`/v1/contracts/${id}/evaluations/${evaluationId}`));
    expect(JSON.stringify(forInvestor.explanation)).not.toContain('P-1');
    expect(forInvestor.obligations).toHaveLength(1);
    expect((await world.outsider.api.get(`/v1/contracts/${id}/evaluations/${evaluationId}`)).status).toBe(404);
    const list = await json(await world.investor.api.get(`/v1/contracts/${id}/evaluations`));
    expect(list.items).toEqual([expect.objectContaining({ id: evaluationId, trigger: 'manual', totals: expect.objectContaining({ newObligations: '3000.00' }) })]);
    const obligations = await json(await world.investor.api.get(`/v1/contracts/${id}/obligations`));
    expect(obligations.items.map((o: { amount: string }) => o.amount)).toEqual(['3000.00']);
  });

  it('a dry run returns the full result and stores nothing; a scenario forecasts from the definition', async () => {
    const definition = rateCardDefinition({
      scenarios: [{ key: 'medium', name: 'Medium', expectations: [{ metric: 'job_entry', cohort: 'cohort_1', count: 10 }] }],
    });
    const { id } = await activeContract(world, definition);
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p');
    const dry = await evaluateNow(id, { asOf: '2025-06-30', dryRun: true });
    expect(dry.status).toBe(200);
    const body = await json(dry);
    expect(body).toMatchObject({ status: 'dry_run', evaluation: null, forecast: { asOf: '2025-06-30', contractVersion: 1, scenario: null } });
    expect(body.forecast.result.totals.newObligations).toBe('2600.00');
    const forecast = await json(await evaluateNow(id, { asOf: '2026-12-31', dryRun: true, scenario: 'medium' }));
    expect(forecast.forecast.result.totals.newObligations).toBe('26000.00');
    expect(await obligationCount()).toBe(0);
    expect((await evaluateNow(id, { dryRun: true, scenario: 'nope' })).status).toBe(422);
    expect((await evaluateNow(id, { scenario: 'medium' })).status).toBe(422);
  });

  it('records what it considered, so the same data can be read back and its digest checked later', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p');
    const created = await json(await evaluateNow(id));
    await upload(id, 'P-2,job_entry,cohort_1,2024-03-02,,p');
    const row = await database.db.selectFrom('evaluation').selectAll().where('id', '=', created.evaluation.id).executeTakeFirstOrThrow();
    const version = await database.db.selectFrom('contract_version').select('content_hash').where('id', '=', row.version_id).executeTakeFirstOrThrow();
    const replayed = await loadEvaluationData(database.db, { contractId: id, asOf: row.as_of, sequence: row.ledger_seq, versionHash: version.content_hash });
    expect(replayed.digest).toBe(created.evaluation.dataDigest);
    expect(replayed.claims.toArray().map((c) => c.participantRef)).toEqual(['P-1']);
  });

  it('reads, under the contract lock, the same records as the reading of it again later, corrections included', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p', 'P-2,job_entry,cohort_1,2024-04-01,,p');
    const [claim] = (await json(await world.payer.api.get(`/v1/contracts/${id}/claims`))).items;
    // P-1's claim corrected (a validated correction): the check of corrections has one to find
    const fix = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-1,job_entry,cohort_1,2024-03-02,p2,${claim.id}\n`,
    });
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: { submissionId: (await json(fix)).id } });
    // evaluateContract reads under the lock (no join to submissions), with its N
    const created = await json(await evaluateNow(id));
    expect(created.evaluation.dataCounts.claims).toBe(2);
    // after it: a new claim, and a correction of P-2's claim (not yet reviewed: a correction hides what it corrects once submitted)
    await upload(id, 'P-3,job_entry,cohort_1,2024-05-01,,p');
    const p2 = (await json(await world.payer.api.get(`/v1/contracts/${id}/claims`))).items.find((c: { participantRef: string }) => c.participantRef === 'P-2');
    expect((await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-2,job_entry,cohort_1,2024-04-02,p2,${p2.id}\n`,
    })).status).toBe(201);
    const row = await database.db.selectFrom('evaluation').selectAll().where('id', '=', created.evaluation.id).executeTakeFirstOrThrow();
    const version = await database.db.selectFrom('contract_version').select('content_hash').where('id', '=', row.version_id).executeTakeFirstOrThrow();
    const input = { contractId: id, asOf: row.as_of, sequence: row.ledger_seq, versionHash: version.content_hash };
    // read again at that N without the lock: what came after left out, the same digest
    const later = await loadEvaluationData(database.db, input);
    expect(later.digest).toBe(created.evaluation.dataDigest);
    // plain references (no character COPY escapes): every transfer, COPY's text read in place included, reads the same
    for (const transfer of isEmbedded(database.db) ? ['rows', 'chunks'] as const : ['rows', 'chunks', 'copy'] as const) {
      const read = await database.db.transaction().execute((trx) => loadEvaluationData(trx, input, { transfer }));
      expect([transfer, read.digest, read.claims.toArray()]).toEqual([transfer, later.digest, later.claims.toArray()]);
    }
    expect(later.claims.toArray().map((c) => [c.participantRef, c.achievedOn]).sort()).toEqual([['P-1', '2024-03-02'], ['P-2', '2024-04-01']]);
    // the later correction is told apart only by its submission's number: what the flag may assume only under the lock
    const assumed = await loadEvaluationData(database.db, { ...input, underContractLock: true });
    expect(assumed.claims.toArray().map((c) => c.participantRef)).toEqual(['P-1']);
  });

  it('reads claims exactly as stored and in id order, whichever way they travel from the database', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p', 'P-2,job_entry,cohort_1,2024-04-01,2024-03-15,p', 'P-3,job_sustained,cohort_1,2024-09-01,,p');
    // Claims written straight into the table (a copy of P-1's, validated) with what the API would not write
    const rawClaim = (ref: string, quantity: string) => sql`
      with c as (
        insert into participant_claim (id, contract_id, submission_id, row_number, participant_ref, metric, cohort, achieved_on, held_from, evidence, supersedes_id, quantity)
        select gen_random_uuid(), contract_id, submission_id, 99, ${ref}, metric, cohort, achieved_on, held_from, evidence, null, ${quantity}::numeric
        from participant_claim where contract_id = ${id} and participant_ref = 'P-1' returning id, contract_id)
      insert into measurement_review (id, contract_id, claim_id, decision, reason, organisation_id, api_key_id, batch_id, reviewed_at)
      select gen_random_uuid(), r.contract_id, c.id, r.decision, r.reason, r.organisation_id, r.api_key_id, r.batch_id, r.reviewed_at
      from c, measurement_review r join participant_claim p on p.id = r.claim_id and p.participant_ref = 'P-1'`.execute(database.db);
    // a reference with tab, backslash, newline, and words that look like the fields after it, and a
    // quantity: every transfer must still return it byte for byte
    await rawClaim('odd\tref\\x\\t\nend q2 2024-01-01 ', '2.50');
    // a quantity of one written "1.0": only "1" is left out of the digest line
    await rawClaim('P-4', '1.0');
    const input = { contractId: id, asOf: '2025-06-30', sequence: '999999999999', versionHash: 'sha256:test' };
    // The rows transfer turns parallel plans off for its one statement, and back on after it.
    const workers = (trx: typeof database.db) => sql<{ value: string }>`select current_setting('max_parallel_workers_per_gather') as value`.execute(trx);
    const rows = await database.db.transaction().execute(async (trx) => {
      const before = (await workers(trx)).rows[0]!.value;
      const data = await loadEvaluationData(trx, input, { transfer: 'rows' });
      expect((await workers(trx)).rows[0]!.value).toBe(before);
      return data;
    });
    const claims = rows.claims.toArray();
    expect(claims).toHaveLength(5);
    expect(rows.claims.idsAscending).toBe(true);
    // in chunks of 1 to 5 claims: each chunk starts after the last claim of the one before
    for (const claimsPerChunk of [1, 2, 3, 4, 5]) {
      const chunks = await loadEvaluationData(database.db, input, { transfer: 'chunks', claimsPerChunk });
      expect(chunks.claims.toArray()).toEqual(claims);
      expect(chunks.digest).toBe(rows.digest);
    }
    // On PostgreSQL, COPY … TO STDOUT (its default): the same claims, the odd reference unescaped,
    // the same digest; parallel plans back on after it, and the session usable (the COPY is over)
    if (!isEmbedded(database.db)) {
      const copied = await database.db.transaction().execute(async (trx) => {
        const before = (await workers(trx)).rows[0]!.value;
        const data = await loadEvaluationData(trx, input, { transfer: 'copy' });
        expect((await workers(trx)).rows[0]!.value).toBe(before);
        return data;
      });
      expect(copied.claims.toArray()).toEqual(claims);
      expect(copied.digest).toBe(rows.digest);
      expect((await loadEvaluationData(database.db, input)).digest).toBe(rows.digest);
    }
    // The digest's format, as every stored evaluation was digested (a quantity of 1 left out):
    const lines = claims.map((c) => `c ${c.id} ${c.participantRef} ${c.metric} ${c.cohort} ${c.achievedOn} ${c.heldFrom ?? ''}${c.quantity === '1' ? '' : ` q${c.quantity}`}\n`);
    expect(rows.digest).toBe(`sha256:${createHash('sha256').update(`terms sha256:test\nas-of 2025-06-30\n${lines.join('')}`).digest('hex')}`);
    expect(claims.map((c) => c.id)).toEqual(claims.map((c) => c.id).sort());
    expect(claims.map((c) => c.participantRef).sort()).toEqual(['P-1', 'P-2', 'P-3', 'P-4', 'odd\tref\\x\\t\nend q2 2024-01-01 ']);
    expect(claims.find((c) => c.participantRef.startsWith('odd'))).toMatchObject({ metric: 'job_entry', achievedOn: '2024-03-01', heldFrom: null, quantity: '2.50' });
    expect(claims.find((c) => c.participantRef === 'P-4')).toMatchObject({ quantity: '1.0' });
    expect(lines.find((l) => l.includes(' P-4 '))).toMatch(/ q1\.0\n$/);
    expect(claims.find((c) => c.participantRef === 'P-2')).toMatchObject({ metric: 'job_entry', cohort: 'cohort_1', achievedOn: '2024-04-01', heldFrom: '2024-03-15' });
  });

  it('the status view counts validated claims and distinct participants per outcome and cohort', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p', 'P-1,job_entry,cohort_1,2024-05-01,,p', 'P-2,job_entry,cohort_1,2024-04-01,,p', 'P-2,job_sustained,cohort_1,2024-09-01,,p');
    // submitted but not validated: not counted
    const pending = await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: claimsCsv('P-3,job_entry,cohort_1,2024-06-01,,p') });
    expect(pending.status).toBe(201);
    const status = await json(await world.investor.api.get(`/v1/contracts/${id}/status`));
    const scope = (metric: string) => status.outcomes.find((o: { metric: string }) => o.metric === metric).byScope.find((s: { cohort: string }) => s.cohort === 'cohort_1');
    expect(scope('job_entry')).toMatchObject({ achieved: '3', participants: 2 });
    expect(scope('job_sustained')).toMatchObject({ achieved: '1', participants: 1 });
  });

  it('Peterborough-style thresholds through the API: nothing for cohort 1 alone, the pooled trigger once both are in', async () => {
    // Surplus to the operator and a large commitment: neither the return cap nor the payer's cap binds here.
    const { id } = await activeContract(world, aggregateDefinition({ distribution: { surplus: 'operator' }, payers: [{ party: 'payer', maximumCommitment: '1000000.00' }] }));
    const header = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by';
    const post = async (row: string) => {
      const r = await world.operator.api.send(`/v1/contracts/${id}/results`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `${header}\n${row}\n` });
      expect(r.status).toBe(201);
      await world.evaluator.api.post(`/v1/contracts/${id}/results/reviews`, { decision: 'validated', filter: {} });
    };
    await post('reconvictions,cohort_1,,2025-12-31,142,155,1000,9000,PSM,v1,Evaluator');
    expect((await json(await evaluateNow(id, { asOf: '2026-01-31' }))).evaluation.obligations).toEqual([]);
    await post('reconvictions,cohort_2,,2026-06-30,135.55,150,1000,9000,PSM,v1,Evaluator');
    const final = await json(await evaluateNow(id, { asOf: '2026-07-31' }));
    // pooled 138.775 vs 152.5 = 9.0% >= 7.5%: 274.5 events avoided × £1,000
    expect(final.evaluation.obligations).toEqual([expect.objectContaining({ lineKey: 'reoffending:pooled:payer', amount: '274500.00' })]);
  });
});
