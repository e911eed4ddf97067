import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, bindings, createWorld, type World } from '../support/world.ts';

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

async function register(definition: unknown = rateCardDefinition()) {
  const response = await world.payer.api.post('/v1/contracts', { definition, parties: bindings(world) });
  expect(response.status).toBe(201);
  return json(response);
}

describe('registering a contract', () => {
  it('creates a draft, version 1 awaiting approval by payer, investor and operator', async () => {
    const contract = await register();
    expect(contract).toMatchObject({ status: 'draft', reference: 'TEST-RATE-CARD-1', yourRoles: ['outcome_payer'], currentVersion: null });
    expect(contract.pendingVersion.number).toBe(1);
    expect(contract.pendingVersion.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect([...contract.pendingVersion.approvals.required].sort()).toEqual([world.payer.id, world.investor.id, world.operator.id].sort());
    expect(contract.definition.pricing[0].outcomes[0].maxClaimsPerParticipant).toBe(1);
  });

  it('is for outcome payers only', async () => {
    const response = await world.operator.api.post('/v1/contracts', { definition: rateCardDefinition(), parties: bindings(world) });
    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe('forbidden');
  });

  it('lists every problem of an invalid definition with its path, and stores nothing', async () => {
    const bad = rateCardDefinition({
      currency: 'XXX',
      cohorts: [{ key: 'cohort_1', name: 'C', enrolment: { start: '2020-01-01', end: '2024-12-31' }, followUpMonths: 12, recordingLagMonths: 0 }],
      pricing: [{ key: 'rc', kind: 'rate_card', outcomes: [{ metric: 'unknown_outcome', price: '10' }] }],
      evaluation: { schedule: 'every day', timeZone: 'UTC' },
    });
    const response = await world.payer.api.post('/v1/contracts', { definition: bad, parties: bindings(world) });
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.code).toBe('validation_failed');
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining([
      'definition.currency', 'definition.cohorts[0].enrolment.start', 'definition.pricing[0].outcomes[0].metric', 'definition.evaluation.schedule',
    ]));
    expect((await json(await world.payer.api.get('/v1/contracts'))).items).toHaveLength(0);
  });

  it('needs every party bound to an existing organisation', async () => {
    const response = await world.payer.api.post('/v1/contracts', {
      definition: rateCardDefinition(),
      parties: { payer: world.payer.id, investor: world.investor.id, operator: '019a0000-0000-7000-8000-000000000000' },
    });
    expect(response.status).toBe(422);
    const paths = (await json(response)).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['parties.evaluator', 'parties.operator']));
  });

  it('refuses a second contract with the same reference from the same payer', async () => {
    await register();
    const again = await world.payer.api.post('/v1/contracts', { definition: rateCardDefinition(), parties: bindings(world) });
    expect(again.status).toBe(409);
  });
});

describe('approval', () => {
  it('activates the contract once payer, investor and operator approved the exact version', async () => {
    const contract = await register();
    const hash = contract.pendingVersion.contentHash;
    for (const member of [world.payer, world.investor]) {
      const r = await member.api.post(`/v1/contracts/${contract.id}/approvals`, { contentHash: hash });
      expect(r.status).toBe(200);
      expect((await json(r)).status).toBe('draft');
    }
    const last = await json(await world.operator.api.post(`/v1/contracts/${contract.id}/approvals`, { contentHash: hash }));
    expect(last.status).toBe('active');
    expect(last.currentVersion).toMatchObject({ number: 1, status: 'in_force' });
    expect(last.currentVersion.approvals.missing).toEqual([]);
    expect(last.activatedAt).toBeTruthy();
  });

  it('refuses a stale content hash with 409', async () => {
    const contract = await register();
    const response = await world.investor.api.post(`/v1/contracts/${contract.id}/approvals`, { contentHash: `sha256:${'0'.repeat(64)}` });
    expect(response.status).toBe(409);
    const problem = await json(response);
    expect(problem.code).toBe('stale_version');
    expect(problem.detail).toContain(contract.pendingVersion.contentHash);
  });

  it('is not for evaluators (403) and invisible to outsiders (404)', async () => {
    const contract = await register();
    const hash = contract.pendingVersion.contentHash;
    expect((await world.evaluator.api.post(`/v1/contracts/${contract.id}/approvals`, { contentHash: hash })).status).toBe(403);
    expect((await world.outsider.api.post(`/v1/contracts/${contract.id}/approvals`, { contentHash: hash })).status).toBe(404);
  });

  it('is harmless twice', async () => {
    const contract = await register();
    const hash = contract.pendingVersion.contentHash;
    await world.investor.api.post(`/v1/contracts/${contract.id}/approvals`, { contentHash: hash });
    const again = await json(await world.investor.api.post(`/v1/contracts/${contract.id}/approvals`, { contentHash: hash }));
    expect(again.pendingVersion.approvals.given).toHaveLength(1);
  });
});

describe('amendments', () => {
  it('create a new version that takes effect only when all required parties approve it; earlier versions stay readable', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const amended = rateCardDefinition({
      pricing: [{ key: 'rate_card', kind: 'rate_card', outcomes: [{ metric: 'job_entry', price: '2800.00' }, { metric: 'job_sustained', price: '1000.00', requires: ['job_entry'] }], participantCap: '3500.00' }],
    });
    const proposal = await world.payer.api.post(`/v1/contracts/${id}/amendments`, {
      definition: amended, description: 'Entry price raised to £2,800', reason: 'Agreed at the 2025 review board',
    });
    expect(proposal.status).toBe(201);
    const version = await json(proposal);
    expect(version).toMatchObject({ number: 2, kind: 'amendment', status: 'proposed', reason: 'Agreed at the 2025 review board' });

    let contract = await json(await world.investor.api.get(`/v1/contracts/${id}`));
    expect(contract.currentVersion.number).toBe(1);
    expect(contract.definition.pricing[0].outcomes[0].price).toBe('2600.00');

    for (const member of [world.payer, world.investor]) await member.api.post(`/v1/contracts/${id}/approvals`, { contentHash: version.contentHash });
    contract = await json(await world.investor.api.get(`/v1/contracts/${id}`));
    expect(contract.currentVersion.number).toBe(1);

    await world.operator.api.post(`/v1/contracts/${id}/approvals`, { contentHash: version.contentHash });
    contract = await json(await world.investor.api.get(`/v1/contracts/${id}`));
    expect(contract.currentVersion.number).toBe(2);
    expect(contract.definition.pricing[0].outcomes[0].price).toBe('2800.00');

    const versions = await json(await world.evaluator.api.get(`/v1/contracts/${id}/versions`));
    expect(versions.items.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[1, 'superseded'], [2, 'in_force']]);
    const first = await json(await world.evaluator.api.get(`/v1/contracts/${id}/versions/1`));
    expect(first.definition.pricing[0].outcomes[0].price).toBe('2600.00');
  });

  it('a newer proposal withdraws an earlier one still awaiting approval; approving the old hash is stale', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const body = (title: string) => ({ definition: rateCardDefinition({ title }), description: title, reason: 'r' });
    const v2 = await json(await world.payer.api.post(`/v1/contracts/${id}/amendments`, body('Second')));
    await world.payer.api.post(`/v1/contracts/${id}/amendments`, body('Third'));
    const stale = await world.investor.api.post(`/v1/contracts/${id}/approvals`, { contentHash: v2.contentHash });
    expect(stale.status).toBe(409);
    const versions = await json(await world.payer.api.get(`/v1/contracts/${id}/versions`));
    expect(versions.items.map((v: { status: string }) => v.status)).toEqual(['in_force', 'withdrawn', 'proposed']);
  });

  it('cannot change the currency or the reference, and only the payer amends', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const refused = await world.payer.api.post(`/v1/contracts/${id}/amendments`, {
      definition: rateCardDefinition({ currency: 'EUR', reference: 'OTHER' }), description: 'd', reason: 'r',
    });
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors.map((e: { path: string }) => e.path)).toEqual(['definition.reference', 'definition.currency']);
    const byOperator = await world.operator.api.post(`/v1/contracts/${id}/amendments`, { definition: rateCardDefinition(), description: 'd', reason: 'r' });
    expect(byOperator.status).toBe(403);
  });
});

describe('termination', () => {
  it('records the date and reason; only the payer terminates; once', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await world.investor.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2025-06-30', reason: 'x' })).status).toBe(403);
    const outside = await world.payer.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2030-01-01', reason: 'x' });
    expect(outside.status).toBe(422);
    const done = await world.payer.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2025-06-30', reason: 'Policy change: programme closed' });
    expect(done.status).toBe(200);
    expect(await json(done)).toMatchObject({ status: 'terminated', termination: { terminatedOn: '2025-06-30', reason: 'Policy change: programme closed' } });
    expect((await world.payer.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2025-07-01', reason: 'again' })).status).toBe(409);
    expect((await world.investor.api.get(`/v1/contracts/${id}`)).status).toBe(200);
  });
});

describe('visibility and listing', () => {
  it('answers 404 to a non-party, exactly as for a contract that does not exist', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const foreign = await world.outsider.api.get(`/v1/contracts/${id}`);
    const missing = await world.outsider.api.get('/v1/contracts/019a0000-0000-7000-8000-000000000000');
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = [await json(foreign), await json(missing)];
    expect({ ...a, requestId: '', instance: '' }).toEqual({ ...b, requestId: '', instance: '' });
    expect((await json(await world.outsider.api.get('/v1/contracts'))).items).toEqual([]);
    expect((await world.admin.get(`/v1/contracts/${id}`)).status).toBe(404);
  });

  it('filters by status, role and policy area, with cursor pagination', async () => {
    const active = await activeContract(world, rateCardDefinition({ reference: 'A-1' }));
    await register(rateCardDefinition({ reference: 'D-1', policyArea: 'homelessness' }));
    await register(rateCardDefinition({ reference: 'D-2', policyArea: 'homelessness' }));
    const refs = async (client: World['payer'], query: string) =>
      (await json(await client.api.get(`/v1/contracts${query}`))).items.map((c: { reference: string }) => c.reference);
    expect(await refs(world.payer, '')).toEqual(['D-2', 'D-1', 'A-1']);
    expect(await refs(world.payer, '?status=active')).toEqual(['A-1']);
    expect(await refs(world.payer, '?policyArea=homelessness')).toEqual(['D-2', 'D-1']);
    expect(await refs(world.evaluator, '?role=evaluator')).toEqual(['D-2', 'D-1', 'A-1']);
    expect(await refs(world.evaluator, '?role=outcome_payer')).toEqual([]);
    const first = await json(await world.investor.api.get('/v1/contracts?limit=2'));
    expect(first.items).toHaveLength(2);
    const rest = await json(await world.investor.api.get(`/v1/contracts?limit=2&cursor=${first.nextCursor}`));
    expect(rest.items.map((c: { id: string }) => c.id)).toEqual([active.id]);
    expect(rest.nextCursor).toBeNull();
  });
});
