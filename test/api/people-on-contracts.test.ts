import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { loadEntityState } from '../../src/db/queries/entity-states.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { bindings, createWorld, type Member, type World } from '../support/world.ts';

/**
 * People act on contracts (issue 17): a person signed in (session cookie, CSRF token on every
 * change) acts as their organisation, through the same permissions table as its keys; what they do
 * records them (approvals, submissions, reviews, evaluations, settlements, audit entries).
 */
let database: TestDatabase;
let world: World;
let app: App;
const now = () => new Date('2026-02-15T12:00:00Z');

/** A person of `organisation`, invited by its admin key, who accepted and signed in: keeps the cookie and the CSRF token. */
async function person(on: App, organisation: Member, name: string, role: 'admin' | 'member') {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
  const password = `${name} has a long password`;
  const invited = await organisation.api.post(`/v1/organisations/${organisation.id}/invitations`, { email, name, role, locale: 'en' });
  expect(invited.status).toBe(201);
  const token = new URL((await json(invited)).link).searchParams.get('token')!;
  const accepted = await on.request('/v1/invitation/accept', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name, password }),
  });
  expect(accepted.status).toBe(201);
  const { id } = await json(accepted);
  const signedIn = await on.request('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = await json(signedIn);
  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}, csrf = true) =>
    on.request(path, { method, headers: { cookie, ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}), ...headers }, ...(body === undefined ? {} : { body }) });
  return {
    id, name, cookie, csrfToken,
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown, options: { csrf?: boolean } = {}) =>
      send('POST', path, JSON.stringify(body), { 'content-type': 'application/json' }, options.csrf ?? true),
    send,
  };
}
type Person = Awaited<ReturnType<typeof person>>;

let payerAdmin: Person;
let payerMember: Person;
let operatorPerson: Person;
let evaluatorPerson: Person;
let outsiderPerson: Person;
let contractId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database, { clock: now });
  world = await createWorld(database, app);
  payerAdmin = await person(app, world.payer, 'Paula Payer', 'admin');
  payerMember = await person(app, world.payer, 'Mark Member', 'member');
  operatorPerson = await person(app, world.operator, 'Olga Operator', 'member');
  evaluatorPerson = await person(app, world.evaluator, 'Eva Evaluator', 'member');
  outsiderPerson = await person(app, world.outsider, 'Otto Outsider', 'admin');
  const definition = aggregateDefinition({ distribution: { surplus: 'operator' }, payers: [{ party: 'payer', maximumCommitment: '1000000.00' }] });
  const registered = await payerAdmin.post('/v1/contracts', { definition, parties: bindings(world) });
  expect(registered.status).toBe(201);
  contractId = (await json(registered)).id;
}, 120_000);
afterAll(() => database.close());

const results = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by\n' +
  'reconvictions,cohort_1,,2025-12-31,140,160,1000,9000,PSM,v1,E\n';

describe('a person acts on contracts as their organisation', () => {
  it('approves with the CSRF token (not without), and the approval names the person and the organisation', async () => {
    const contract = await json(await payerAdmin.get(`/v1/contracts/${contractId}`));
    const { contentHash } = contract.pendingVersion;
    const refused = await payerAdmin.post(`/v1/contracts/${contractId}/approvals`, { contentHash }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await json(refused)).errors[0]).toMatchObject({ location: 'header', path: 'X-CSRF-Token', message: 'missing CSRF token' });
    const wrong = await payerAdmin.send('POST', `/v1/contracts/${contractId}/approvals`, JSON.stringify({ contentHash }),
      { 'content-type': 'application/json', 'x-csrf-token': operatorPerson.csrfToken }, false);
    expect(wrong.status).toBe(403);

    expect((await payerAdmin.post(`/v1/contracts/${contractId}/approvals`, { contentHash })).status).toBe(200);
    expect((await world.investor.api.post(`/v1/contracts/${contractId}/approvals`, { contentHash })).status).toBe(200); // keys unchanged
    expect((await operatorPerson.post(`/v1/contracts/${contractId}/approvals`, { contentHash })).status).toBe(200);

    const active = await json(await operatorPerson.get(`/v1/contracts/${contractId}`));
    expect(active.status).toBe('active');
    const given = active.currentVersion.approvals.given as { organisationId: string; approvedByPerson: unknown }[];
    expect(Object.fromEntries(given.map((g) => [g.organisationId, g.approvedByPerson]))).toEqual({
      [world.payer.id]: { id: payerAdmin.id, name: 'Paula Payer' },
      [world.investor.id]: null,
      [world.operator.id]: { id: operatorPerson.id, name: 'Olga Operator' },
    });
    const rows = await database.db.selectFrom('contract_approval').select(['organisation_id', 'member_id', 'api_key_id']).where('contract_id', '=', contractId).execute();
    const payerRow = rows.find((r) => r.organisation_id === world.payer.id)!;
    expect(payerRow).toMatchObject({ member_id: payerAdmin.id, api_key_id: null });
    expect(rows.find((r) => r.organisation_id === world.investor.id)).toMatchObject({ member_id: null, api_key_id: expect.any(String) });
  });

  it('the operator uploads, the evaluator reviews, the payer evaluates and settles — each a person with the CSRF token', async () => {
    const headers = { 'content-type': 'text/csv' };
    const noToken = await operatorPerson.send('POST', `/v1/contracts/${contractId}/results`, results, headers, false);
    expect(noToken.status).toBe(403);
    const uploaded = await operatorPerson.send('POST', `/v1/contracts/${contractId}/results`, results, headers);
    expect(uploaded.status).toBe(201);
    expect(await json(uploaded)).toMatchObject({ rows: 1, submittedBy: world.operator.id, submittedByPerson: { id: operatorPerson.id, name: 'Olga Operator' } });

    expect((await evaluatorPerson.post(`/v1/contracts/${contractId}/results/reviews`, { decision: 'validated', filter: {} }, { csrf: false })).status).toBe(403);
    const reviewed = await evaluatorPerson.post(`/v1/contracts/${contractId}/results/reviews`, { decision: 'validated', filter: {} });
    expect(reviewed.status).toBe(200);
    const listed = await json(await world.operator.api.get(`/v1/contracts/${contractId}/results`));
    expect(listed.items[0].review).toMatchObject({ decision: 'validated', reviewedBy: world.evaluator.id, reviewedByPerson: { id: evaluatorPerson.id, name: 'Eva Evaluator' } });

    const evaluated = await payerAdmin.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2026-01-31' });
    expect(evaluated.status).toBe(201);
    const { evaluation } = await json(evaluated);
    expect(evaluation.requestedByPerson).toEqual({ id: payerAdmin.id, name: 'Paula Payer' });
    const [obligation] = evaluation.obligations;

    expect((await world.investor.api.post(`/v1/contracts/${contractId}/drawdowns`, { drawnOn: '2024-01-15', amount: '50000.00', currency: 'GBP' })).status).toBe(201);
    const settlement = { obligationId: obligation.id, amount: '1000.00', currency: 'GBP', settledOn: '2026-02-15' };
    expect((await payerAdmin.post(`/v1/contracts/${contractId}/settlements`, settlement, { csrf: false })).status).toBe(403);
    const settled = await payerAdmin.post(`/v1/contracts/${contractId}/settlements`, settlement);
    expect(settled.status).toBe(201);
    expect(await json(settled)).toMatchObject({ recordedByPerson: { id: payerAdmin.id, name: 'Paula Payer' } });
    const settlements = await json(await world.payer.api.get(`/v1/contracts/${contractId}/settlements`));
    expect(settlements.items[0].recordedByPerson).toEqual({ id: payerAdmin.id, name: 'Paula Payer' });
    const drawdowns = await json(await payerMember.get(`/v1/contracts/${contractId}/drawdowns`));
    expect(drawdowns.items[0].recordedByPerson).toBeNull();

    const stored = async (table: 'submission' | 'measurement_review' | 'evaluation' | 'settlement' | 'drawdown') =>
      database.db.selectFrom(table).select(['member_id', 'api_key_id']).where('contract_id', '=', contractId).execute();
    expect(await stored('submission')).toEqual([{ member_id: operatorPerson.id, api_key_id: null }]);
    expect(await stored('measurement_review')).toEqual([{ member_id: evaluatorPerson.id, api_key_id: null }]);
    expect(await stored('evaluation')).toEqual([{ member_id: payerAdmin.id, api_key_id: null }]);
    expect(await stored('settlement')).toEqual([{ member_id: payerAdmin.id, api_key_id: null }]);
    expect(await stored('drawdown')).toEqual([{ member_id: null, api_key_id: expect.any(String) }]);
  });

  it("the contract's audit entries carry the person, and the chain and every state verify", async () => {
    const entries = (await json(await world.investor.api.get(`/v1/contracts/${contractId}/audit?limit=1000`))).items as
      { action: string; organisationId: string; memberId?: string; apiKeyId: string | null }[];
    const by = (action: string) => entries.filter((e) => e.action === action).map((e) => e.memberId ?? null);
    expect(by('contract.registered')).toEqual([payerAdmin.id]);
    expect(by('contract.approved')).toEqual([payerAdmin.id, null, operatorPerson.id]);
    expect(by('data.submitted')).toEqual([operatorPerson.id]);
    expect(by('data.reviewed')).toEqual([evaluatorPerson.id]);
    expect(by('evaluation.created')).toEqual([payerAdmin.id]);
    expect(by('drawdown.recorded')).toEqual([null]);
    expect(by('settlement.recorded')).toEqual([payerAdmin.id]);
    for (const e of entries) if (e.memberId) expect(e.apiKeyId).toBeNull();
    // A row a key wrote is audited as before migration 0014 (no member_id); a person's row carries them.
    const approvals = await database.db.selectFrom('contract_approval').select(['id', 'organisation_id']).where('contract_id', '=', contractId).execute();
    const stateOf = async (organisationId: string) =>
      loadEntityState(database.db, 'contract_approval', approvals.find((a) => a.organisation_id === organisationId)!.id) as Promise<Record<string, unknown>>;
    expect(Object.keys(await stateOf(world.investor.id))).not.toContain('member_id');
    expect((await stateOf(world.payer.id)).member_id).toBe(payerAdmin.id);
    const verified = await json(await operatorPerson.get(`/v1/contracts/${contractId}/audit/verify?deep=true`));
    expect(verified).toMatchObject({ ok: true, states: { mismatches: [] }, evaluations: { mismatches: [] } });
  });

  it('a person of another organisation gets 404 on our contract, as its keys do', async () => {
    expect((await outsiderPerson.get(`/v1/contracts/${contractId}`)).status).toBe(404);
    const approve = await outsiderPerson.post(`/v1/contracts/${contractId}/approvals`, { contentHash: 'sha256:x' });
    expect(approve.status).toBe(404);
    expect((await outsiderPerson.get(`/v1/contracts/${contractId}/audit`)).status).toBe(404);
  });

  it("a party's person without the role gets 403, as its keys do", async () => {
    const response = await evaluatorPerson.post(`/v1/contracts/${contractId}/settlements`, { obligationId: contractId, amount: '1.00', currency: 'GBP', settledOn: '2026-02-15' });
    expect(response.status).toBe(403);
  });

  it('a member (not admin) acts on contracts but cannot do what takes an admin: their role maps to the key scope', async () => {
    expect((await payerMember.get(`/v1/contracts/${contractId}/status`)).status).toBe(200);
    const me = await json(await payerMember.get('/v1/me'));
    expect(me).toMatchObject({ organisation: { id: world.payer.id }, keyId: null, scope: 'member', member: { id: payerMember.id, role: 'member' } });
    expect((await json(await payerAdmin.get('/v1/me'))).scope).toBe('admin');
    expect((await payerMember.post(`/v1/organisations/${world.payer.id}/api-keys`, { label: 'mine', scope: 'member' })).status).toBe(403);
    expect((await payerMember.post('/v1/webhook-endpoints', { url: 'https://hooks.example.org/ledger', eventTypes: ['settlement.recorded'] })).status).toBe(403);
    expect((await payerMember.post(`/v1/organisations/${world.payer.id}/invitations`, { email: 'x@example.org', role: 'member' })).status).toBe(403);
  });

  it("an admin person issues and revokes their organisation's keys, as an admin key does", async () => {
    const issued = await payerAdmin.post(`/v1/organisations/${world.payer.id}/api-keys`, { label: 'issued by a person', scope: 'member' });
    expect(issued.status).toBe(201);
    const { id: keyId } = await json(issued);
    const revoked = await payerAdmin.send('DELETE', `/v1/organisations/${world.payer.id}/api-keys/${keyId}`);
    expect(revoked.status).toBe(200);
    expect(await database.db.selectFrom('api_key').select(['created_by_key_id', 'revoked_by_key_id']).where('id', '=', keyId).executeTakeFirst())
      .toEqual({ created_by_key_id: null, revoked_by_key_id: null });
    const entry = await database.db.selectFrom('audit_entry').select(['member_id', 'api_key_id']).where('action', '=', 'api_key.revoked').where('entity_id', '=', keyId).executeTakeFirst();
    expect(entry).toEqual({ member_id: payerAdmin.id, api_key_id: null });
  });

  it('keys work unchanged, /v1/me included', async () => {
    const me = await json(await world.payer.api.get('/v1/me'));
    expect(me).toMatchObject({ organisation: { id: world.payer.id }, keyId: expect.any(String), scope: 'admin', member: null });
    expect((await world.operator.api.get(`/v1/contracts/${contractId}/submissions`)).status).toBe(200);
    expect((await world.outsider.api.get(`/v1/contracts/${contractId}`)).status).toBe(404);
  });

  it('a signed-out session is refused with 401 on contract routes', async () => {
    const gone = await person(app, world.investor, 'Ivy Investor', 'member');
    expect((await gone.get(`/v1/contracts/${contractId}/status`)).status).toBe(200);
    expect((await gone.send('DELETE', '/v1/session')).status).toBe(200);
    const refused = await gone.get(`/v1/contracts/${contractId}/status`);
    expect(refused.status).toBe(401);
    expect((await app.request(`/v1/contracts/${contractId}/status`)).status).toBe(401);
  });
});

describe('limits apply to sessions as to keys', () => {
  it('rate-limits each session like a key', async () => {
    const limited = createTestApp(database, { clock: now, config: { RATE_LIMIT_PER_MINUTE: '3' } });
    const someone = await person(limited, world.operator, 'Rita Ratelimited', 'member');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await someone.get(`/v1/contracts/${contractId}/status`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another session (another person) has its own bucket.
    expect((await operatorPerson.send('GET', `/v1/contracts/${contractId}/status`)).status).toBe(200);
  });

  it('counts unknown session cookies as failed authentications of the address', async () => {
    const guarded = createTestApp(database, { clock: now, config: { AUTH_FAILURES_PER_MINUTE: '2' } });
    const guess = (n: number) => guarded.request(`/v1/contracts/${contractId}/status`, { headers: { cookie: `ol_session=ols_guess_${n}` } });
    expect((await guess(1)).status).toBe(401);
    expect((await guess(2)).status).toBe(401);
    const blocked = await guess(3);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
