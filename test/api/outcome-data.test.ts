import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition, rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

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

const header = 'participant_ref,outcome,cohort,achieved_on,held_from,evidence';
const csv = (...rows: string[]) => [header, ...rows].join('\n') + '\n';
const postCsv = (member: World['operator'], contractId: string, body: string, extra: Record<string, string> = {}) =>
  member.api.send(`/v1/contracts/${contractId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv', ...extra }, body });
const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n);

async function expectNothingStored() {
  expect(await count('participant_claim')).toBe(0);
  expect(await count('aggregate_result')).toBe(0);
  expect(await count('submission')).toBe(0);
}

async function expect422(response: Response, row: number, column: string, message: RegExp) {
  expect(response.status).toBe(422);
  const problem = await json(response);
  expect(problem.code).toBe('validation_failed');
  expect(problem.errors).toContainEqual(expect.objectContaining({ location: 'csv', row, column, message: expect.stringMatching(message) }));
  return problem;
}

describe('submitting participant claims', () => {
  it('stores a clean CSV upload atomically and lists it', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const response = await postCsv(world.operator, id, csv(
      'P-0001,job_entry,cohort_1,2024-03-01,,payslip-1',
      'P-0002,job_entry,cohort_1,2024-04-01,,payslip-2;letter-2',
      'P-0001,job_sustained,cohort_1,2024-09-01,,payslip-3',
    ));
    expect(response.status).toBe(201);
    const submission = await json(response);
    expect(submission).toMatchObject({ contractId: id, kind: 'participant_claims', contractVersion: 1, rows: 3, corrections: 0, contentType: 'text/csv' });
    expect(submission.bodyDigest).toMatch(/^sha256:/);
    const list = await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims`));
    expect(list.items).toHaveLength(3);
    expect(list.items[1]).toMatchObject({ participantRef: 'P-0002', outcome: 'job_entry', status: 'submitted', evidence: ['payslip-2', 'letter-2'], rowNumber: 2, submissionId: submission.id });
  });

  it('stores a clean JSON upload', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const response = await world.operator.api.post(`/v1/contracts/${id}/claims`, {
      claims: [{ participantRef: 'P-9', outcome: 'job_entry', cohort: 'cohort_1', achievedOn: '2024-05-05', evidence: ['payslip'] }],
    });
    expect(response.status).toBe(201);
    expect((await json(response)).rows).toBe(1);
    expect(await count('participant_claim')).toBe(1);
  });

  describe('rejects, storing nothing,', () => {
    let id: string;
    beforeEach(async () => {
      ({ id } = await activeContract(world, rateCardDefinition({
        metrics: [
          ...rateCardDefinition().metrics!,
          { key: 'wellbeing_score', name: 'Wellbeing', unit: 'points', direction: 'increase', level: 'aggregate', validationMethod: 'validated_survey' },
        ],
      })));
    });
    const good = 'P-0001,job_entry,cohort_1,2024-03-01,,payslip-1';

    it('an unknown outcome', async () => {
      await expect422(await postCsv(world.operator, id, csv(good, 'P-2,job_exit,cohort_1,2024-03-01,,x')), 2, 'outcome', /not an outcome/);
      await expectNothingStored();
    });
    it('an aggregate metric submitted as a claim', async () => {
      await expect422(await postCsv(world.operator, id, csv(good, 'P-2,wellbeing_score,cohort_1,2024-03-01,,x')), 2, 'outcome', /aggregate metric/);
      await expectNothingStored();
    });
    it('an unknown cohort', async () => {
      await expect422(await postCsv(world.operator, id, csv('P-2,job_entry,cohort_7,2024-03-01,,x')), 1, 'cohort', /not a cohort/);
      await expectNothingStored();
    });
    it('a date outside the contract term, and outside the cohort window', async () => {
      const problem = await expect422(await postCsv(world.operator, id, csv(good, 'P-2,job_entry,cohort_1,2027-03-01,,x', 'P-3,job_entry,cohort_1,2026-06-01,,x')), 2, 'achieved_on', /outside the contract term/);
      expect(problem.errors).toContainEqual(expect.objectContaining({ row: 3, column: 'achieved_on', message: expect.stringMatching(/outside cohort cohort_1's window/) }));
      await expectNothingStored();
    });
    it('a date that is not a date', async () => {
      await expect422(await postCsv(world.operator, id, csv('P-2,job_entry,cohort_1,2024-02-30,,x')), 1, 'achieved_on', /not a date/);
    });
    it('duplicate rows inside one upload', async () => {
      await expect422(await postCsv(world.operator, id, csv(good, 'P-0002,job_entry,cohort_1,2024-03-01,,y', good)), 3, 'row', /duplicates data row 1/);
      await expectNothingStored();
    });
    it('a row that duplicates a stored claim', async () => {
      expect((await postCsv(world.operator, id, csv(good))).status).toBe(201);
      const problem = await expect422(await postCsv(world.operator, id, csv('P-0009,job_entry,cohort_1,2024-03-01,,z', good)), 2, 'row', /already submitted/);
      expect(problem.errors).toHaveLength(1);
      expect(await count('participant_claim')).toBe(1);
    });
    it('participant references that look like e-mail addresses, phone numbers or names', async () => {
      const problem = await expect422(await postCsv(world.operator, id, csv(
        'jane.doe@example.org,job_entry,cohort_1,2024-03-01,,x',
        '+44 7700 900123,job_entry,cohort_1,2024-03-01,,x',
        'Jane Doe,job_entry,cohort_1,2024-03-01,,x',
        'QQ123456C,job_entry,cohort_1,2024-03-01,,x',
      )), 1, 'participant_ref', /e-mail/);
      expect(problem.errors.map((e: { row: number; message: string }) => [e.row, e.message.split(';')[0]])).toEqual([
        [1, 'looks like an e-mail address'], [2, 'looks like a phone number'], [3, 'must be 1-64 characters of letters, digits and - _ . : / (no spaces or names)'], [4, 'looks like a National Insurance number'],
      ]);
      await expectNothingStored();
    });
    it('a claim without the evidence its outcome requires', async () => {
      await expect422(await postCsv(world.operator, id, csv('P-2,job_entry,cohort_1,2024-03-01,,')), 1, 'evidence', /requires evidence/);
    });
    it('a header with an unknown or missing column', async () => {
      const unknown = await postCsv(world.operator, id, 'participant_ref,outcome,cohort,achieved_on,colour\nP-1,job_entry,cohort_1,2024-03-01,red\n');
      expect(unknown.status).toBe(422);
      expect((await json(unknown)).errors).toContainEqual(expect.objectContaining({ row: 0, column: 'colour' }));
      const missing = await postCsv(world.operator, id, 'participant_ref,outcome,achieved_on\nP-1,job_entry,2024-03-01\n');
      expect((await json(missing)).errors).toContainEqual(expect.objectContaining({ column: 'cohort', message: 'required column "cohort" is missing' }));
      await expectNothingStored();
    });
    it('a row with the wrong number of fields', async () => {
      await expect422(await postCsv(world.operator, id, csv(good, 'P-2,job_entry,cohort_1')), 2, 'row', /has 3 fields/);
    });
    it('malformed CSV, with 400', async () => {
      const response = await postCsv(world.operator, id, csv(good, 'P-2,"job_entry,cohort_1,2024-03-01,,x'));
      expect(response.status).toBe(400);
      expect((await json(response)).code).toBe('malformed_body');
      await expectNothingStored();
    });
    it('a body that is neither CSV nor JSON, with 415', async () => {
      const response = await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<claims/>' });
      expect(response.status).toBe(415);
    });
    it('JSON with amounts or fields of the wrong type, naming the path', async () => {
      const response = await world.operator.api.post(`/v1/contracts/${id}/claims`, { claims: [{ participantRef: 'P-1', outcome: 'job_entry', cohort: 'cohort_1', achievedOn: 20240301 }] });
      expect(response.status).toBe(422);
      expect((await json(response)).errors).toContainEqual(expect.objectContaining({ location: 'body', path: 'claims[0].achievedOn' }));
      await expectNothingStored();
    });
    it('many bad rows: the first 100 listed, all counted', async () => {
      const rows = Array.from({ length: 150 }, (_, i) => `P-${i},job_exit,cohort_1,2024-03-01,,x`);
      const response = await postCsv(world.operator, id, csv(...rows));
      const problem = await json(response);
      expect(response.status).toBe(422);
      expect(problem.errors).toHaveLength(100);
      expect(problem.totalErrors).toBe(150);
      expect(problem.errors[99].row).toBe(100);
      await expectNothingStored();
    });
    it('a body cut off mid-upload (the connection dropped)', async () => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(csv(good, 'P-0002,job_entry,cohort_1,2024-03-02,,y')));
          controller.error(new Error('connection reset by peer'));
        },
      });
      const response = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
        method: 'POST', headers: { 'content-type': 'text/csv' }, body, duplex: 'half',
      } as RequestInit);
      expect(response.status).toBeGreaterThanOrEqual(400);
      await expectNothingStored();
    });
  });

  it('answers the original response to a replayed Idempotency-Key and stores nothing new; another body is 422 idempotency_key_reused', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const body = csv('P-1,job_entry,cohort_1,2024-03-01,,x');
    const first = await postCsv(world.operator, id, body, { 'idempotency-key': 'upload-2024-03' });
    expect(first.status).toBe(201);
    const again = await postCsv(world.operator, id, body, { 'idempotency-key': 'upload-2024-03' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(await json(first));
    expect(await count('participant_claim')).toBe(1);
    expect(await count('submission')).toBe(1);
    const other = await postCsv(world.operator, id, csv('P-2,job_entry,cohort_1,2024-03-01,,x'), { 'idempotency-key': 'upload-2024-03' });
    expect(other.status).toBe(422);
    expect((await json(other)).code).toBe('idempotency_key_reused');
    expect(await count('participant_claim')).toBe(1);
  });

  it('is for the operator of an active contract only', async () => {
    const body = csv('P-1,job_entry,cohort_1,2024-03-01,,x');
    const draft = await json(await world.payer.api.post('/v1/contracts', { definition: rateCardDefinition({ reference: 'DRAFT' }), parties: { payer: world.payer.id, investor: world.investor.id, operator: world.operator.id, evaluator: world.evaluator.id } }));
    expect((await postCsv(world.operator, draft.id, body)).status).toBe(409);
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await postCsv(world.payer, id, body)).status).toBe(403);
    expect((await postCsv(world.investor, id, body)).status).toBe(403);
    expect((await postCsv(world.evaluator, id, body)).status).toBe(403);
    expect((await postCsv(world.outsider, id, body)).status).toBe(404);
    await world.payer.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2025-01-01', reason: 'ended' });
    expect((await postCsv(world.operator, id, body)).status).toBe(409);
    await expectNothingStored();
  });

  it('keeps concurrent uploads to the same contract apart', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const batch = (prefix: string) => csv(...Array.from({ length: 200 }, (_, i) => `${prefix}-${i},job_entry,cohort_1,2024-03-01,,x`));
    const responses = await Promise.all([postCsv(world.operator, id, batch('A')), postCsv(world.operator, id, batch('B')), postCsv(world.operator, id, batch('C'))]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(await count('participant_claim')).toBe(600);
    const submissions = await json(await world.operator.api.get(`/v1/contracts/${id}/submissions`));
    expect(submissions.items.map((s: { rows: number }) => s.rows)).toEqual([200, 200, 200]);
  });
});

describe('aggregate results', () => {
  const resultsHeader = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by';
  it('are stored from CSV and visible to investors; bad decimals are rejected', async () => {
    const { id } = await activeContract(world, aggregateDefinition());
    const ok = await world.operator.api.send(`/v1/contracts/${id}/results`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `${resultsHeader}\nreconvictions,cohort_1,,2025-12-31,142.0,155.0,1000,9480,PSM,v1,Evaluator Ltd\n`,
    });
    expect(ok.status).toBe(201);
    const list = await json(await world.investor.api.get(`/v1/contracts/${id}/results`));
    expect(list.items[0]).toMatchObject({ metric: 'reconvictions', cohort: 'cohort_1', treatmentValue: '142', comparisonValue: '155', treatmentSampleSize: 1000, status: 'submitted' });
    const bad = await world.operator.api.send(`/v1/contracts/${id}/results`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `${resultsHeader}\nreconvictions,cohort_2,,2025-12-31,1,2.3e5,1000,,PSM,v1,E\njob_entry,cohort_2,,2025-12-31,1,2,1,1,PSM,v1,E\nreconvictions,cohort_1,period_x,2025-12-31,1,2,,,PSM,v1,E\n`,
    });
    const problem = await json(bad);
    expect(bad.status).toBe(422);
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 1, column: 'comparison_value' }),
      expect.objectContaining({ row: 2, column: 'metric', message: expect.stringMatching(/participant-level/) }),
      expect.objectContaining({ row: 3, column: 'period' }),
    ]));
    expect(await count('aggregate_result')).toBe(1);
  });
});

describe('validation and corrections', () => {
  it('evaluators validate one by one and in bulk by filter; rejecting needs a reason; a review is final', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await postCsv(world.operator, id, csv('P-1,job_entry,cohort_1,2024-03-01,,x', 'P-2,job_entry,cohort_1,2024-03-02,,x', 'P-3,job_entry,cohort_1,2024-03-03,,x'));
    const claims = (await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims`))).items;
    expect((await world.operator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', ids: [claims[0].id] })).status).toBe(403);
    expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', ids: [claims[0].id] })).status).toBe(422);
    const rejected = await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'Payslip does not match', ids: [claims[0].id] });
    expect(await json(rejected)).toMatchObject({ decision: 'rejected', reviewed: 1 });
    expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', ids: [claims[0].id] })).status).toBe(409);
    const bulk = await json(await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: { cohort: 'cohort_1' } }));
    expect(bulk.reviewed).toBe(2);
    const statuses = (await json(await world.payer.api.get(`/v1/contracts/${id}/claims`))).items.map((c: { status: string }) => c.status);
    expect(statuses).toEqual(['rejected', 'validated', 'validated']);
    const validated = await json(await world.payer.api.get(`/v1/contracts/${id}/claims?status=validated`));
    expect(validated.items).toHaveLength(2);
  });

  it('a correction supersedes the earlier record, which stays; history shows both', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await postCsv(world.operator, id, csv('P-1,job_entry,cohort_1,2024-03-01,,wrong-payslip'));
    const [original] = (await json(await world.operator.api.get(`/v1/contracts/${id}/claims`))).items;
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'wrong payslip', ids: [original.id] });
    const fix = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-1,job_entry,cohort_1,2024-03-01,right-payslip,${original.id}\n`,
    });
    expect(fix.status).toBe(201);
    expect((await json(fix)).corrections).toBe(1);
    const current = (await json(await world.operator.api.get(`/v1/contracts/${id}/claims`))).items;
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ supersedes: original.id, evidence: ['right-payslip'], status: 'submitted' });
    const all = (await json(await world.operator.api.get(`/v1/contracts/${id}/claims?includeSuperseded=true`))).items;
    expect(all).toHaveLength(2);
    const detail = await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims/${original.id}`));
    expect(detail.record).toMatchObject({ id: original.id, superseded: true, supersededBy: current[0].id, status: 'rejected' });
    expect(detail.history.map((h: { id: string }) => h.id)).toEqual([original.id, current[0].id]);

    const again = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-1,job_entry,cohort_1,2024-03-01,third,${original.id}\n`,
    });
    expect(again.status).toBe(422);
    expect((await json(again)).errors[0].message).toMatch(/already corrected/);
    const review = await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', ids: [original.id] });
    expect(review.status).toBe(409);
    const rows = await sql<{ n: number }>`select count(*)::int as n from participant_claim`.execute(database.db);
    expect(rows.rows[0]!.n).toBe(2);
  });
});

describe('visibility', () => {
  it('investors see aggregates only, never participant-level rows; outsiders see nothing', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await postCsv(world.operator, id, csv('P-1,job_entry,cohort_1,2024-03-01,,x', 'P-2,job_entry,cohort_1,2024-03-02,,x'));
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    expect((await world.investor.api.get(`/v1/contracts/${id}/claims`)).status).toBe(403);
    expect((await world.investor.api.get(`/v1/contracts/${id}/claims/export`)).status).toBe(403);
    const claimId = (await json(await world.payer.api.get(`/v1/contracts/${id}/claims`))).items[0].id;
    expect((await world.investor.api.get(`/v1/contracts/${id}/claims/${claimId}`)).status).toBe(403);
    const summary = await json(await world.investor.api.get(`/v1/contracts/${id}/claims/summary`));
    expect(summary.items).toEqual([{ outcome: 'job_entry', cohort: 'cohort_1', submitted: 0, validated: 2, rejected: 0, disputed: 0, participants: 2 }]);
    expect(JSON.stringify(summary)).not.toContain('P-1');
    for (const path of ['claims', 'claims/summary', 'results', 'submissions', `claims/${claimId}`]) {
      expect((await world.outsider.api.get(`/v1/contracts/${id}/${path}`)).status).toBe(404);
    }
  });

  it('exports what a party may see as CSV', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await postCsv(world.operator, id, csv('P-1,job_entry,cohort_1,2024-03-01,,a;b', 'P-2,job_entry,cohort_1,2024-03-02,,"=HYPERLINK(""x"")"'));
    expect(await count('participant_claim')).toBe(2);
    const response = await world.payer.api.get(`/v1/contracts/${id}/claims/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,participant_ref,outcome,cohort,achieved_on,held_from,evidence,quantity,status,review_reason,superseded_by,supersedes,submission_id,row_number,contract_version');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',P-1,job_entry,cohort_1,2024-03-01,,a;b,1,submitted,');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('pages through claims with a cursor', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    await postCsv(world.operator, id, csv(...Array.from({ length: 7 }, (_, i) => `P-${i},job_entry,cohort_1,2024-03-01,,x`)));
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const body = await json(await world.payer.api.get(`/v1/contracts/${id}/claims?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...body.items.map((c: { participantRef: string }) => c.participantRef));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(seen).toEqual(['P-0', 'P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6']);
  });
});
