import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateIndigoProject } from '../../src/domain/indigo/standard.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition, rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type Member, type World } from '../support/world.ts';

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  world = await createWorld(database, createTestApp(database, { config: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } }));
});

const claimsCsv = (...rows: string[]) => ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', ...rows].join('\n');
const evaluateNow = (id: string) => world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2025-06-30' });

/** Uploads claims P-1 (validated) and P-2 (rejected); returns their ids. */
async function uploadAndReview(id: string) {
  const response = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
    method: 'POST', headers: { 'content-type': 'text/csv' },
    body: claimsCsv('P-1,job_entry,cohort_1,2024-03-01,,payslip-1', 'P-2,job_entry,cohort_1,2024-04-01,,payslip-2'),
  });
  expect(response.status).toBe(201);
  const { items } = await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims`));
  const [p1, p2] = items as { id: string }[];
  expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', ids: [p1!.id] })).status).toBe(200);
  const rejected = await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'Payslip unreadable', ids: [p2!.id] });
  expect(rejected.status).toBe(200);
  return { validated: p1!.id, rejected: p2!.id };
}

const dispute = (member: Member, id: string, body: object, headers: Record<string, string> = {}) =>
  member.api.post(`/v1/contracts/${id}/disputes`, body, headers);
const resolve = (member: Member, id: string, disputeId: string, body: object) =>
  member.api.post(`/v1/contracts/${id}/disputes/${disputeId}/resolution`, body);
const claimStatus = async (id: string, recordId: string) => (await json(await world.operator.api.get(`/v1/contracts/${id}/claims/${recordId}`))).record;
const opening = (recordId: string) => ({ kind: 'participant_claims', recordId, reason: 'The payslip is readable at 200%', evidenceRef: 'payslip-2-rescan.pdf' });

async function endpointFor(member: Member) {
  const response = await member.api.post('/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/hooks', eventTypes: ['dispute.opened', 'dispute.resolved'] });
  expect(response.status).toBe(201);
  return member.id;
}

/** Which organisations got a delivery of each event type. */
async function deliveries() {
  const { rows } = await sql<{ type: string; organisation_id: string }>`
    select ev.type, e.organisation_id from webhook_delivery d
    join webhook_event ev on ev.id = d.event_id join webhook_endpoint e on e.id = d.endpoint_id
    order by ev.type, e.organisation_id`.execute(database.db);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.type] ??= []).push(r.organisation_id);
  return out;
}

/** A member of `organisation`, invited by its admin key, who accepted and signed in: requests with the session cookie and CSRF token. */
async function person(app: ReturnType<typeof createTestApp>, organisation: Member, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
  const password = `${name} has a long password`;
  const invited = await organisation.api.post(`/v1/organisations/${organisation.id}/invitations`, { email, name, role: 'member', locale: 'en' });
  expect(invited.status).toBe(201);
  const token = new URL((await json(invited)).link).searchParams.get('token')!;
  const accepted = await app.request('/v1/invitation/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name, password }) });
  expect(accepted.status).toBe(201);
  const { id } = await json(accepted);
  const signedIn = await app.request('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = await json(signedIn);
  return {
    id: id as string,
    post: (path: string, body: unknown) => app.request(path, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body),
    }),
  };
}

describe('disputes', () => {
  it('upheld: the rejected record is disputed, then validated and counted by the next evaluation; the thread is audited', async () => {
    for (const m of [world.payer, world.investor, world.operator, world.evaluator]) await endpointFor(m);
    const { id } = await activeContract(world, rateCardDefinition());
    const { rejected } = await uploadAndReview(id);

    const before = await json(await evaluateNow(id));
    expect(before.evaluation.obligations).toEqual([expect.objectContaining({ amount: '2600.00' })]);

    const opened = await dispute(world.operator, id, opening(rejected), { 'idempotency-key': 'dispute-p2' });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('audit-receipt')).toMatch(new RegExp(`^${id}:\\d+:`));
    const d = await json(opened);
    expect(d).toMatchObject({
      contractId: id, kind: 'participant_claims', recordId: rejected, participantRef: 'P-2', state: 'open',
      reason: 'The payslip is readable at 200%', evidenceRef: 'payslip-2-rescan.pdf',
      openedBy: { organisationId: world.operator.id, memberId: null }, resolution: null,
    });
    // a retry with the same key answers the same dispute, writing nothing
    const replay = await dispute(world.operator, id, opening(rejected), { 'idempotency-key': 'dispute-p2' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(replay)).id).toBe(d.id);

    // the record shows disputed (and still counts in no evaluation)
    expect(await claimStatus(id, rejected)).toMatchObject({ status: 'disputed', dispute: { id: d.id, state: 'open' }, review: { decision: 'rejected' } });
    expect((await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims?status=disputed`))).items.map((r: { id: string }) => r.id)).toEqual([rejected]);
    expect((await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims?status=rejected`))).items).toEqual([]);
    expect((await json(await world.payer.api.get(`/v1/contracts/${id}/claims/summary`))).items[0]).toMatchObject({ validated: 1, rejected: 0, disputed: 1 });
    expect((await json(await evaluateNow(id))).status).toBe('unchanged');

    // the payer sees the open disputes
    const open = await json(await world.payer.api.get(`/v1/contracts/${id}/disputes?state=open`));
    expect(open.items.map((x: { id: string }) => x.id)).toEqual([d.id]);

    const upheld = await resolve(world.evaluator, id, d.id, { decision: 'upheld', reason: 'Rescan shows the employer and dates' });
    expect(upheld.status).toBe(200);
    expect(await json(upheld)).toMatchObject({ state: 'upheld', resolution: { decision: 'upheld', reason: 'Rescan shows the employer and dates', resolvedBy: { organisationId: world.evaluator.id } } });
    expect(await claimStatus(id, rejected)).toMatchObject({ status: 'validated', dispute: { id: d.id, state: 'upheld' } });
    expect((await json(await world.payer.api.get(`/v1/contracts/${id}/disputes?state=open`))).items).toEqual([]);

    // the next evaluation counts it; the first stays reproducible
    const after = await json(await evaluateNow(id));
    expect(after.status).toBe('created');
    expect(after.evaluation.dataCounts.claims).toBe(2);
    expect(after.evaluation.obligations).toEqual([expect.objectContaining({ amount: '2600.00', kind: 'adjustment' })]);

    // the thread, each step with its audit entry; the audit trail verifies (evaluations recomputed)
    const thread = await json(await world.operator.api.get(`/v1/contracts/${id}/disputes/${d.id}`));
    expect(thread.thread.map((t: { event: string }) => t.event)).toEqual(['rejected', 'disputed', 'upheld']);
    expect(thread.thread[0]).toMatchObject({ reason: 'Payslip unreadable', by: { organisationId: world.evaluator.id }, audit: { action: 'data.reviewed' } });
    expect(thread.thread[1]).toMatchObject({ evidenceRef: 'payslip-2-rescan.pdf', audit: { action: 'dispute.opened' } });
    expect(thread.thread[2]).toMatchObject({ reason: 'Rescan shows the employer and dates', audit: { action: 'dispute.resolved' } });
    const audit = await json(await world.payer.api.get(`/v1/contracts/${id}/audit?limit=100`));
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['dispute.opened', 'dispute.resolved']));
    const verified = await json(await world.payer.api.get(`/v1/contracts/${id}/audit/verify?deep=true`));
    expect(verified.ok).toBe(true);

    // webhooks: opened to the payer and evaluator; resolved to operator, payer and evaluator; never to the investor
    const sent = await deliveries();
    expect(sent['dispute.opened']).toEqual([world.payer.id, world.evaluator.id].sort());
    expect(sent['dispute.resolved']).toEqual([world.payer.id, world.operator.id, world.evaluator.id].sort());
    const { rows } = await sql<{ payload: { data: Record<string, unknown>; links: Record<string, string> } }>`
      select payload from webhook_event where type = 'dispute.resolved'`.execute(database.db);
    expect(rows[0]!.payload.data).toEqual({ contractId: id, disputeId: d.id, kind: 'participant_claims', recordId: rejected, decision: 'upheld' });
    expect(rows[0]!.payload.links.dispute).toBe(`/v1/contracts/${id}/disputes/${d.id}`);
  });

  it('dismissed: the record stays rejected, is not disputed again, and counts in no evaluation', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const { rejected } = await uploadAndReview(id);
    const d = await json(await dispute(world.operator, id, opening(rejected)));
    const dismissed = await resolve(world.evaluator, id, d.id, { decision: 'dismissed', reason: 'The rescan is of another month' });
    expect(dismissed.status).toBe(200);
    expect(await json(dismissed)).toMatchObject({ state: 'dismissed', resolution: { decision: 'dismissed' } });
    expect(await claimStatus(id, rejected)).toMatchObject({ status: 'rejected', dispute: { state: 'dismissed' } });
    const again = await resolve(world.evaluator, id, d.id, { decision: 'upheld', reason: 'changed my mind' });
    expect(again.status).toBe(409);
    const reopen = await dispute(world.operator, id, opening(rejected));
    expect(reopen.status).toBe(409);
    expect((await json(reopen)).detail).toMatch(/disputed already/);
    const evaluation = await json(await evaluateNow(id));
    expect(evaluation.evaluation.dataCounts.claims).toBe(1);
    expect((await json(await world.payer.api.get(`/v1/contracts/${id}/disputes?state=dismissed`))).items).toHaveLength(1);
  });

  it('only the operator disputes, only an evaluator resolves, other contracts see nothing', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const { rejected } = await uploadAndReview(id);
    for (const m of [world.payer, world.investor, world.evaluator]) expect((await dispute(m, id, opening(rejected))).status).toBe(403);
    expect((await dispute(world.outsider, id, opening(rejected))).status).toBe(404);
    const d = await json(await dispute(world.operator, id, opening(rejected)));
    for (const m of [world.payer, world.investor, world.operator]) {
      expect((await resolve(m, id, d.id, { decision: 'upheld', reason: 'x' })).status).toBe(403);
    }
    expect((await resolve(world.outsider, id, d.id, { decision: 'upheld', reason: 'x' })).status).toBe(404);
    // investors never read disputes (participant-level); outsiders get 404
    expect((await world.investor.api.get(`/v1/contracts/${id}/disputes`)).status).toBe(403);
    expect((await world.outsider.api.get(`/v1/contracts/${id}/disputes`)).status).toBe(404);
    expect((await world.outsider.api.get(`/v1/contracts/${id}/disputes/${d.id}`)).status).toBe(404);
    // a party to another contract: the dispute is not one of its contract's
    const other = await activeContract(world, rateCardDefinition({ reference: 'TEST-RATE-CARD-2' }));
    expect((await world.evaluator.api.get(`/v1/contracts/${other.id}/disputes/${d.id}`)).status).toBe(404);
    expect((await resolve(world.evaluator, other.id, d.id, { decision: 'upheld', reason: 'x' })).status).toBe(404);
    expect((await dispute(world.operator, other.id, opening(rejected))).status).toBe(422);
    expect((await json(await world.evaluator.api.get(`/v1/contracts/${other.id}/disputes`))).items).toEqual([]);
  });

  it('a reason and an evidence reference are required, and only a rejected, current record can be disputed, once at a time', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const { rejected, validated } = await uploadAndReview(id);
    const blank = await json(await dispute(world.operator, id, { ...opening(rejected), reason: '   ' }));
    expect(blank).toMatchObject({ status: 422, code: 'validation_failed', errors: [expect.objectContaining({ path: 'reason' })] });
    const missing = await json(await dispute(world.operator, id, { kind: 'participant_claims', recordId: rejected, reason: 'r' }));
    expect(missing).toMatchObject({ status: 422, errors: [expect.objectContaining({ path: 'evidenceRef' })] });
    const onValidated = await dispute(world.operator, id, opening(validated));
    expect(onValidated.status).toBe(409);
    expect((await json(onValidated)).detail).toMatch(/only a rejected record/i);

    const d = await json(await dispute(world.operator, id, opening(rejected)));
    const twice = await dispute(world.operator, id, opening(rejected));
    expect(twice.status).toBe(409);
    expect((await json(twice)).detail).toMatch(/already has an open dispute/);
    const noReason = await json(await resolve(world.evaluator, id, d.id, { decision: 'upheld' }));
    expect(noReason).toMatchObject({ status: 422, errors: [expect.objectContaining({ path: 'reason' })] });
    const blankReason = await json(await resolve(world.evaluator, id, d.id, { decision: 'dismissed', reason: ' ' }));
    expect(blankReason).toMatchObject({ status: 422, errors: [expect.objectContaining({ path: 'reason' })] });
    expect((await resolve(world.evaluator, id, d.id, { decision: 'maybe', reason: 'r' })).status).toBe(422);
    expect((await world.payer.api.get(`/v1/contracts/${id}/disputes/${d.id}`)).status).toBe(200);

    // a corrected record: the correction is what may be disputed once rejected
    const fix = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-1,job_entry,cohort_1,2024-03-01,p2,${validated}\n`,
    });
    expect(fix.status).toBe(201);
    const correction = (await json(await world.operator.api.get(`/v1/contracts/${id}/claims?status=submitted`))).items[0].id;
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'wrong person', ids: [correction] });
    expect((await dispute(world.operator, id, opening(validated))).status).toBe(409);
    expect((await dispute(world.operator, id, opening(correction))).status).toBe(201);
  });

  it('disputes aggregate results too', async () => {
    const { id } = await activeContract(world, aggregateDefinition({ distribution: { surplus: 'operator' }, payers: [{ party: 'payer', maximumCommitment: '1000000.00' }] }));
    const header = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by';
    const r = await world.operator.api.send(`/v1/contracts/${id}/results`, {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: `${header}\nreconvictions,cohort_1,,2025-12-31,100,155,1000,9000,PSM,v1,Evaluator\n`,
    });
    expect(r.status).toBe(201);
    await world.evaluator.api.post(`/v1/contracts/${id}/results/reviews`, { decision: 'rejected', reason: 'sample too small', filter: {} });
    const [result] = (await json(await world.investor.api.get(`/v1/contracts/${id}/results`))).items;
    const d = await json(await dispute(world.operator, id, { kind: 'aggregate_results', recordId: result.id, reason: 'see the protocol', evidenceRef: 'protocol-v1' }));
    expect(d).toMatchObject({ kind: 'aggregate_results', participantRef: null, state: 'open' });
    expect((await json(await world.investor.api.get(`/v1/contracts/${id}/results/${result.id}`))).record.status).toBe('disputed');
    expect((await json(await evaluateNow(id))).evaluation.dataCounts.results).toBe(0);
    // the INDIGO export gives it with the standard's DISPUTED status, and is valid
    const exported = await json(await world.payer.api.get(`/v1/contracts/${id}/export/indigo`));
    const disputed = exported.project.results.filter((x: { status: string }) => x.status === 'DISPUTED');
    expect(disputed).toHaveLength(1);
    expect(disputed[0].notes).toMatch(new RegExp(`Result ${result.id} .*disputes the rejection`));
    expect(validateIndigoProject(exported.project, { organisationIds: new Set(exported.organisations.map((o: { id: string }) => o.id)) })).toEqual([]);
    expect((await resolve(world.evaluator, id, d.id, { decision: 'upheld', reason: 'protocol allows it' })).status).toBe(200);
    expect((await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2026-01-31' }))).evaluation.dataCounts.results).toBe(1);
    expect((await json(await world.investor.api.get(`/v1/contracts/${id}/results?status=validated`))).items).toHaveLength(1);
    const after = await json(await world.payer.api.get(`/v1/contracts/${id}/export/indigo`));
    expect(after.project.results.filter((x: { status: string; notes: string }) => x.notes.includes(result.id)).map((x: { status: string }) => x.status)).toEqual(['PUBLIC']);
  });

  it('people signed in open and resolve disputes as their organisation, and are recorded', async () => {
    const app = createTestApp(database);
    const operatorPerson = await person(app, world.operator, 'Olga Operator');
    const evaluatorPerson = await person(app, world.evaluator, 'Eva Evaluator');
    const { id } = await activeContract(world, rateCardDefinition());
    const { rejected } = await uploadAndReview(id);
    const opened = await operatorPerson.post(`/v1/contracts/${id}/disputes`, opening(rejected));
    expect(opened.status).toBe(201);
    const d = await json(opened);
    expect(d.openedBy).toEqual({ organisationId: world.operator.id, memberId: operatorPerson.id });
    const resolved = await evaluatorPerson.post(`/v1/contracts/${id}/disputes/${d.id}/resolution`, { decision: 'upheld', reason: 'Agreed' });
    expect(resolved.status).toBe(200);
    expect((await json(resolved)).resolution.resolvedBy).toEqual({ organisationId: world.evaluator.id, memberId: evaluatorPerson.id });
    const row = (await sql<{ opened_by_api_key_id: string | null; resolved_by_api_key_id: string | null }>`
      select opened_by_api_key_id, resolved_by_api_key_id from dispute where id = ${d.id}`.execute(database.db)).rows[0]!;
    expect(row).toEqual({ opened_by_api_key_id: null, resolved_by_api_key_id: null });
    const thread = await json(await world.payer.api.get(`/v1/contracts/${id}/disputes/${d.id}`));
    expect(thread.thread.slice(1).map((t: { by: { memberId: string } }) => t.by.memberId)).toEqual([operatorPerson.id, evaluatorPerson.id]);
    const entries = (await sql<{ member_id: string | null }>`
      select member_id from audit_entry where entity_type = 'dispute' and entity_id = ${d.id} order by seq`.execute(database.db)).rows;
    expect(entries.map((e) => e.member_id)).toEqual([operatorPerson.id, evaluatorPerson.id]);
    expect((await json(await world.payer.api.get(`/v1/contracts/${id}/audit/verify`))).ok).toBe(true);
  });

  it('the database refuses any change to a dispute but its resolution, once', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const { rejected } = await uploadAndReview(id);
    const d = await json(await dispute(world.operator, id, opening(rejected)));
    await expect(sql`update dispute set reason = 'rewritten' where id = ${d.id}`.execute(database.db)).rejects.toThrow(/immutable but for their resolution/);
    await expect(sql`delete from dispute where id = ${d.id}`.execute(database.db)).rejects.toThrow(/DELETE refused/);
    await expect(sql`truncate dispute cascade`.execute(database.db)).rejects.toThrow(/immutable/);
    await resolve(world.evaluator, id, d.id, { decision: 'dismissed', reason: 'no' });
    await expect(sql`update dispute set state = 'upheld' where id = ${d.id}`.execute(database.db)).rejects.toThrow(/may not move from dismissed/);
  });
});
