import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, bindings, createWorld, type World } from '../support/world.ts';

/**
 * Issue 13, "What breaks today": each hole as it was reproduced on the previous main, which
 * these tests failed on, and the behaviour that closes it.
 */
let database: TestDatabase;
let world: World;
let now = new Date('2024-06-01T12:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  now = new Date('2024-06-01T12:00:00Z');
  world = await createWorld(database, createTestApp(database, { clock: () => now }));
});

const count = async (table: string) =>
  Number((await database.db.selectFrom(table as 'settlement').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const twoCohorts = () => rateCardDefinition({
  cohorts: [
    { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2024-01-01', end: '2024-06-30' }, followUpMonths: 12, recordingLagMonths: 3 },
    { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2024-01-01', end: '2024-12-31' }, followUpMonths: 12, recordingLagMonths: 3 },
  ],
});

describe('consent: no party rewrites the deal alone', () => {
  it('an amendment rebinding every party to the payer needs the approval of the parties in force (failed before: the payer alone put it in force)', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const terms = await json(await world.payer.api.get(`/v1/contracts/${id}`));
    const takeover = Object.fromEntries(Object.keys(bindings(world)).map((k) => [k, world.payer.id]));
    const proposed = await world.payer.api.post(`/v1/contracts/${id}/amendments`, {
      definition: terms.definition, parties: takeover, description: 'take over', reason: 'because',
    });
    expect(proposed.status).toBe(201);
    const version = await json(proposed);
    expect(version.approvals.required).toEqual([world.payer.id, world.investor.id, world.operator.id].sort());
    expect((await world.payer.api.post(`/v1/contracts/${id}/approvals`, { contentHash: version.contentHash })).status).toBe(200);
    const after = await json(await world.investor.api.get(`/v1/contracts/${id}`));
    expect(after.currentVersion.number).toBe(1);
    expect(after.pendingVersion.approvals.missing).toEqual([world.investor.id, world.operator.id].sort());
    expect((await world.investor.api.get(`/v1/contracts/${id}/status`)).status).toBe(200);
    // Only when the parties being removed agree does the new binding take effect.
    for (const member of [world.investor, world.operator]) {
      expect((await member.api.post(`/v1/contracts/${id}/approvals`, { contentHash: version.contentHash })).status).toBe(200);
    }
    expect((await json(await world.payer.api.get(`/v1/contracts/${id}`))).currentVersion.number).toBe(2);
    expect((await world.investor.api.get(`/v1/contracts/${id}/status`)).status).toBe(404);
  });
});

describe('money that reconciles', () => {
  it('a correction moving a paid claim to another cohort offsets the new line instead of paying it twice (failed before: settled 28,400 on 27,100 triggered)', async () => {
    const { id } = await activeContract(world, twoCohorts());
    const upload = (body: string) => world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    expect((await upload('participant_ref,outcome,cohort,achieved_on,evidence\nP-1,job_entry,cohort_1,2024-03-01,payslip\n')).status).toBe(201);
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    now = new Date('2024-06-02T12:00:00Z');
    const first = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-06-01' }));
    const [paid] = first.evaluation.obligations;
    expect(paid.amount).toBe('2600.00');
    now = new Date('2024-06-10T12:00:00Z');
    const settle = (obligationId: string, amount: string, settledOn: string) =>
      world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId, amount, currency: 'GBP', settledOn });
    expect((await settle(paid.id, '2600.00', '2024-06-10')).status).toBe(201);

    const claims = await json(await world.operator.api.get(`/v1/contracts/${id}/claims`));
    expect((await upload(`participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-1,job_entry,cohort_2,2024-03-01,payslip,${claims.items[0].id}\n`)).status).toBe(201);
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    now = new Date('2024-06-20T12:00:00Z');
    const second = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-06-20' }));
    const amounts = second.evaluation.obligations.map((o: { amount: string }) => o.amount).sort();
    expect(amounts).toEqual(['-2600.00', '2600.00']);
    const credit = second.evaluation.obligations.find((o: { amount: string }) => o.amount === '-2600.00');
    const moved = second.evaluation.obligations.find((o: { amount: string }) => o.amount === '2600.00');

    const refusedCredit = await settle(credit.id, '2600.00', '2024-06-20');
    expect(refusedCredit.status).toBe(409);
    const refusedTwice = await settle(moved.id, '2600.00', '2024-06-20');
    expect(refusedTwice.status).toBe(409);
    expect((await json(refusedTwice)).detail).toMatch(/owes this recipient 0\.00 GBP/);
    expect(await count('settlement')).toBe(1);

    const status = await json(await world.investor.api.get(`/v1/contracts/${id}/status`));
    expect(status.obligations).toMatchObject({ triggered: '5200.00', credits: '2600.00', settled: '2600.00', outstanding: '0.00', owedBack: '0.00' });
    const listed = await json(await world.payer.api.get(`/v1/contracts/${id}/obligations`));
    const line = listed.items.find((o: { id: string }) => o.id === moved.id).line;
    expect(line).toEqual({ triggered: '2600.00', credited: '2600.00', settled: '0.00', outstanding: '0.00' });
    expect(listed.accounts).toEqual([expect.objectContaining({ triggered: '5200.00', credits: '2600.00', settled: '2600.00', outstanding: '0.00', owedBack: '0.00' })]);
    const distributed = (await json(await world.payer.api.get(`/v1/contracts/${id}/distributions`))).items
      .reduce((s: number, d: { amount: string }) => s + Number(d.amount), 0);
    expect(distributed).toBe(2600);
  });

  it('a credit on a line already paid, with nothing to offset, is a balance owed back in status and distributions', async () => {
    const { id } = await activeContract(world, twoCohorts());
    const upload = (body: string) => world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    expect((await upload('participant_ref,outcome,cohort,achieved_on,evidence\nP-1,job_entry,cohort_1,2024-03-01,payslip\n')).status).toBe(201);
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    now = new Date('2024-06-02T12:00:00Z');
    const [paid] = (await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-06-01' }))).evaluation.obligations;
    expect((await world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId: paid.id, amount: '2600.00', currency: 'GBP', settledOn: '2024-06-02' })).status).toBe(201);
    const claims = await json(await world.operator.api.get(`/v1/contracts/${id}/claims`));
    // The corrected record moves the outcome to a date the rate card does not pay yet (after the cut-off).
    expect((await upload(`participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-1,job_entry,cohort_1,2024-06-15,payslip,${claims.items[0].id}\n`)).status).toBe(201);
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    now = new Date('2024-06-05T12:00:00Z');
    const second = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-06-04' }));
    expect(second.evaluation.obligations.map((o: { amount: string }) => o.amount)).toEqual(['-2600.00']);
    const status = await json(await world.payer.api.get(`/v1/contracts/${id}/status`));
    expect(status.obligations).toMatchObject({ triggered: '2600.00', credits: '2600.00', settled: '2600.00', outstanding: '-2600.00', owedBack: '2600.00' });
    const distributions = await json(await world.payer.api.get(`/v1/contracts/${id}/distributions`));
    expect(distributions.owedBack).toEqual([{ payerOrganisationId: world.payer.id, recipientOrganisationId: world.operator.id, amount: '2600.00' }]);
  });
});

describe('every write is safe to retry', () => {
  async function owedObligation() {
    const { id } = await activeContract(world, rateCardDefinition());
    await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'participant_ref,outcome,cohort,achieved_on,evidence\nP-1,job_entry,cohort_1,2024-03-01,payslip\n',
    });
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    now = new Date('2024-06-02T12:00:00Z');
    const [obligation] = (await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-06-01' }))).evaluation.obligations;
    return { id, obligation };
  }

  it('a settlement retried with the same Idempotency-Key is recorded once and answers the first response (failed before: recorded twice, then a third)', async () => {
    const { id, obligation } = await owedObligation();
    const post = (amount: string) => world.payer.api.post(`/v1/contracts/${id}/settlements`,
      { obligationId: obligation.id, amount, currency: 'GBP', settledOn: '2024-06-02' }, { 'idempotency-key': 'pay-2024-06-02' });
    const first = await post('100.00');
    expect(first.status).toBe(201);
    expect(first.headers.get('audit-receipt')).toMatch(new RegExp(`^${id}:\\d+:`));
    const again = await post('100.00');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('audit-receipt')).toBe(first.headers.get('audit-receipt'));
    expect(await json(again)).toEqual(await json(first));
    const other = await post('200.00');
    expect(other.status).toBe(422);
    expect(await json(other)).toMatchObject({ code: 'idempotency_key_reused', errors: [expect.objectContaining({ path: 'Idempotency-Key' })] });
    expect(await count('settlement')).toBe(1);
    // Concurrent requests with one key: one write.
    const raced = await Promise.all([1, 2, 3].map(() => world.payer.api.post(`/v1/contracts/${id}/settlements`,
      { obligationId: obligation.id, amount: '5.00', currency: 'GBP', settledOn: '2024-06-02' }, { 'idempotency-key': 'raced' })));
    expect(raced.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(await count('settlement')).toBe(2);
  });

  it('an Idempotency-Key is scoped to the organisation across every write: reused for an upload after a settlement is refused', async () => {
    const { id, obligation } = await owedObligation();
    expect((await world.payer.api.post(`/v1/contracts/${id}/settlements`,
      { obligationId: obligation.id, amount: '1.00', currency: 'GBP', settledOn: '2024-06-02' }, { 'idempotency-key': 'shared' })).status).toBe(201);
    // The operator's key space is its own: the same key is free for it.
    const csv = 'participant_ref,outcome,cohort,achieved_on,evidence\nP-2,job_entry,cohort_1,2024-03-02,payslip\n';
    const upload = (member: typeof world.operator) => member.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv', 'idempotency-key': 'shared' }, body: csv });
    const first = await upload(world.operator);
    expect(first.status).toBe(201);
    expect(first.headers.get('audit-receipt')).toMatch(new RegExp(`^${id}:\\d+:`));
    const again = await upload(world.operator);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('audit-receipt')).toBe(first.headers.get('audit-receipt'));
    expect(await count('submission')).toBe(2);
    // The payer's key was spent on a settlement: another write under it is refused, and nothing is evaluated.
    const evaluations = await count('evaluation');
    const reused = await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-06-01' }, { 'idempotency-key': 'shared' });
    expect(reused.status).toBe(422);
    expect((await json(reused)).code).toBe('idempotency_key_reused');
    expect(await count('evaluation')).toBe(evaluations);
  });

  it('organisations, keys, approvals, drawdowns and evaluations retried with a key write once', async () => {
    const key = { 'idempotency-key': 'onboard-1' };
    const org1 = await world.admin.post('/v1/organisations', { name: 'Retry Trust', kind: 'operator' }, key);
    const org2 = await world.admin.post('/v1/organisations', { name: 'Retry Trust', kind: 'operator' }, key);
    expect([org1.status, org2.status]).toEqual([201, 201]);
    expect((await json(org2)).id).toBe((await json(org1)).id);
    const key1 = await world.admin.post(`/v1/organisations/${world.operator.id}/api-keys`, { label: 'ci' }, { 'idempotency-key': 'k' });
    const key2 = await world.admin.post(`/v1/organisations/${world.operator.id}/api-keys`, { label: 'ci' }, { 'idempotency-key': 'k' });
    expect((await json(key1)).key).toMatch(/^olk_/);
    expect((await json(key2)).key).toBeNull(); // the secret is shown once, never kept
    expect(await count('api_key')).toBe(1 + 5 + 1);
    const { id } = await owedObligation();
    const drawdown = { drawnOn: '2024-01-15', amount: '1000.00', currency: 'GBP' };
    await world.investor.api.post(`/v1/contracts/${id}/drawdowns`, drawdown, { 'idempotency-key': 'd' });
    await world.investor.api.post(`/v1/contracts/${id}/drawdowns`, drawdown, { 'idempotency-key': 'd' });
    expect(await count('drawdown')).toBe(1);
    const evaluations = await count('evaluation');
    now = new Date('2024-07-02T12:00:00Z');
    await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-07-01' }, { 'idempotency-key': 'e' });
    const replay = await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-07-01' }, { 'idempotency-key': 'e' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('evaluation')).toBe(evaluations + 1);
  });
});

describe('dates that make sense', () => {
  it('refuses drawdowns before the contract start and settlements before their obligation existed (failed before: 1900-01-01 accepted)', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const drawdown = await world.investor.api.post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '1900-01-01', amount: '1000.00', currency: 'GBP' });
    expect(drawdown.status).toBe(422);
    expect((await json(drawdown)).errors).toEqual([expect.objectContaining({ path: 'drawnOn' })]);
    await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'participant_ref,outcome,cohort,achieved_on,evidence\nP-1,job_entry,cohort_1,2024-03-01,payslip\n',
    });
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    now = new Date('2024-06-02T12:00:00Z');
    const [obligation] = (await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-06-01' }))).evaluation.obligations;
    for (const settledOn of ['1900-01-01', '2024-06-01', '2024-06-03']) {
      const refused = await world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId: obligation.id, amount: '1.00', currency: 'GBP', settledOn });
      expect(refused.status).toBe(422);
      expect((await json(refused)).errors).toEqual([expect.objectContaining({ path: 'settledOn' })]);
    }
    expect(await count('settlement')).toBe(0);
    expect(await count('drawdown')).toBe(0);
  });

  it('answers every amount with the currency minor unit (failed before: "100")', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const drawdown = await json(await world.investor.api.post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2024-01-15', amount: '100', currency: 'GBP' }));
    expect(drawdown.amount).toBe('100.00');
  });
});
