import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSchemaSource, SCHEMA_FILE } from '../../clients/typescript/generate.ts';
import { createOutcomeLedgerClient, type OutcomeLedgerClient, type Schema } from '../../clients/typescript/index.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { ADMIN_KEY } from '../support/world.ts';

/**
 * The API as an integrator uses it: the types generated from /openapi.json (clients/typescript/schema.ts) with
 * openapi-fetch, against the real app in-process (the client's `fetch` is the app's). A whole Peterborough
 * contract, from the parties' registration to the investors' repayment, with no cast on any answer.
 */
let database: TestDatabase;
let now = new Date('2026-11-23T12:00:00Z');
let app: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, { clock: () => now });
});
afterAll(() => database.close());

const as = (apiKey: string): OutcomeLedgerClient =>
  createOutcomeLedgerClient({ baseUrl: 'http://ledger.test', apiKey, fetch: async (request) => app.fetch(request) });

/** The answer of a call that must succeed, or a failure naming the problem the API gave. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

const kindOf: Record<string, Schema<'CreateOrganisation'>['kind']> = {
  outcome_payer: 'public_authority', investor: 'investor', operator: 'operator', evaluator: 'evaluator', intermediary: 'intermediary',
};

describe('the generated TypeScript client', () => {
  it('is the one of this build (clients/typescript/schema.ts equals a fresh `npm run client:generate`)', async () => {
    const response = await app.request('/openapi.json');
    const fresh = await clientSchemaSource((await response.json()) as Record<string, unknown>);
    expect(readFileSync(SCHEMA_FILE, 'utf8') === fresh, 'clients/typescript/schema.ts is stale: run `npm run client:generate`').toBe(true);
  });

  it('drives a Peterborough contract from registration to repayment', async () => {
    const admin = as(ADMIN_KEY);
    const definition = JSON.parse(readFileSync('contracts/peterborough.json', 'utf8')) as Schema<'RegisterContract'>['definition'];

    // Every party: an organisation and its key, as the administrator onboards them.
    const keys: Record<string, string> = {};
    const parties: Record<string, string> = {};
    for (const party of JSON.parse(readFileSync('contracts/peterborough.json', 'utf8')).parties as { key: string; name: string; roles: string[] }[]) {
      const organisation = ok(await admin.POST('/v1/organisations', { body: { name: party.name, kind: kindOf[party.roles[0]!]! } }));
      expect(organisation.name).toBe(party.name);
      const issued = ok(await admin.POST('/v1/organisations/{id}/api-keys', {
        params: { path: { id: organisation.id } },
        body: { label: 'typed client', scope: 'admin' },
      }));
      expect(issued.organisationId).toBe(organisation.id);
      expect(issued.key).toMatch(/^olk_/);
      keys[party.key] = issued.key!;
      parties[party.key] = organisation.id;
    }
    const moj = as(keys.moj!);
    const lottery = as(keys.big_lottery_fund!);
    const investors = as(keys.sip_investors!);
    const operator = as(keys.one_service!);
    const assessor = as(keys.independent_assessor!);
    expect(ok(await investors.GET('/v1/me')).organisation.id).toBe(parties.sip_investors);

    // Registered as a draft by a payer, active once every required party approved the same content hash.
    const registered = ok(await moj.POST('/v1/contracts', { body: { definition, parties } }));
    expect(registered).toMatchObject({ reference: definition.reference, status: 'draft', currentVersion: null });
    const { contentHash, approvals } = registered.pendingVersion!;
    const id = registered.id;
    let status: Schema<'ContractSummary'>['status'] = registered.status;
    for (const [key, organisationId] of Object.entries(parties)) {
      if (!approvals.required.includes(organisationId)) continue;
      status = ok(await as(keys[key]!).POST('/v1/contracts/{id}/approvals', { params: { path: { id } }, body: { contentHash } })).status;
    }
    expect(status).toBe('active');
    const contract = ok(await investors.GET('/v1/contracts/{id}', { params: { path: { id } } }));
    expect(contract.currentVersion?.number).toBe(1);
    expect(contract.yourRoles).toEqual(['investor']);

    // The operator uploads the results as the CSV file they come in; the independent assessor validates them.
    const submission = ok(await operator.POST('/v1/contracts/{id}/results', {
      params: { path: { id } },
      body: readFileSync('contracts/data/peterborough.results.csv', 'utf8'),
      bodySerializer: (csv) => csv,
      headers: { 'content-type': 'text/csv' },
    }));
    expect(submission).toMatchObject({ kind: 'aggregate_results', rows: 2, contractVersion: 1 });
    const review = ok(await assessor.POST('/v1/contracts/{id}/results/reviews', {
      params: { path: { id } },
      body: { decision: 'validated', filter: { submissionId: submission.id } },
    }));
    expect(review).toMatchObject({ decision: 'validated', reviewed: 2 });
    const results = ok(await investors.GET('/v1/contracts/{id}/results', { params: { path: { id }, query: { status: 'validated' } } }));
    expect(results.items.map((r) => [r.cohort, r.treatmentValue, r.comparisonValue])).toEqual([['cohort_1', '142', '155'], ['cohort_2', '135.6', '150']]);

    // The investors draw the five tranches of £1m.
    const tranches = ['2010-09-10', '2011-04-01', '2012-04-01', '2013-04-01', '2014-04-01'];
    for (const drawnOn of tranches) {
      const drawdown = ok(await investors.POST('/v1/contracts/{id}/drawdowns', { params: { path: { id } }, body: { drawnOn, amount: '1000000.00', currency: 'GBP' } }));
      expect(drawdown).toMatchObject({ drawnOn, amount: '1000000.00', investor: { party: 'sip_investors' } });
    }

    // Evaluated when the cohort-2 result was known: cohort 1 (8.4%) pays nothing, the pooled trigger (about 9%) pays,
    // split between the two payers.
    now = new Date('2017-06-30T23:00:00Z');
    const evaluation = await moj.POST('/v1/contracts/{id}/evaluations', { params: { path: { id } }, body: { asOf: '2017-06-30' } });
    now = new Date('2026-11-23T12:00:00Z');
    expect(evaluation.response.status).toBe(201);
    const run = ok(evaluation);
    expect(run.status).toBe('created');
    const amounts = Object.fromEntries(run.evaluation.obligations.map((o) => [o.payer.party, o.amount]));
    expect(amounts).toEqual({ moj: '3699000.00', big_lottery_fund: '2219400.00' });
    expect(run.evaluation.totals.newObligations).toBe('5918400.00');

    const obligations = ok(await moj.GET('/v1/contracts/{id}/obligations', { params: { path: { id } } }));
    expect(obligations.items.map((o) => [o.payer.party, o.amount, o.kind, o.currency])).toEqual(
      expect.arrayContaining([['moj', '3699000.00', 'payment', 'GBP'], ['big_lottery_fund', '2219400.00', 'payment', 'GBP']]),
    );
    expect(obligations.items).toHaveLength(2);

    // A payer cannot settle another payer's obligation: a typed problem, not an exception.
    const mojObligation = obligations.items.find((o) => o.payer.party === 'moj')!;
    const refused = await lottery.POST('/v1/contracts/{id}/settlements', {
      params: { path: { id } },
      body: { obligationId: mojObligation.id, amount: '1.00', currency: 'GBP', settledOn: '2017-08-01' },
    });
    expect(refused.data).toBeUndefined();
    expect(refused.response.status).toBe(403);
    expect(refused.error?.code).toBe('forbidden');

    // Each payer settles its own obligation; every settlement goes straight to the investors (below their 13% IRR cap).
    for (const [payer, client] of [['moj', moj], ['big_lottery_fund', lottery]] as const) {
      const obligation = obligations.items.find((o) => o.payer.party === payer)!;
      const settled = await client.POST('/v1/contracts/{id}/settlements', {
        params: { path: { id } },
        body: { obligationId: obligation.id, amount: obligation.amount, currency: 'GBP', settledOn: '2017-08-01', reference: `${payer}-2017-08` },
        headers: { 'idempotency-key': `settle-${payer}` },
      });
      expect(settled.response.status).toBe(201);
      expect(settled.response.headers.get('audit-receipt')).toMatch(new RegExp(`^${id}:\\d+:`));
      const settlement = ok(settled);
      expect(settlement).toMatchObject({ obligationId: obligation.id, amount: obligation.amount });
      expect(settlement.distribution.map((d) => [d.recipient.party, d.amount])).toEqual([['sip_investors', obligation.amount]]);
    }

    // The repayment status the investors read: capital plus just over 3% a year.
    const contractStatus = ok(await investors.GET('/v1/contracts/{id}/status', { params: { path: { id } } }));
    expect(contractStatus.capital).toEqual({ committed: '5000000.00', drawn: '5000000.00' });
    expect(contractStatus.obligations).toMatchObject({ triggered: '5918400.00', settled: '5918400.00', outstanding: '0.00', overdue: '0.00' });
    const [investor] = contractStatus.investors;
    expect(investor).toMatchObject({ party: 'sip_investors', drawn: '5000000.00', repaidToDate: '5918400.00', moneyMultiple: '1.18368' });
    expect(Number(investor!.irrToDate)).toBeGreaterThan(0.03);
    expect(Number(investor!.irrToDate)).toBeLessThan(0.035);
    expect(contractStatus.latestEvaluation?.id).toBe(run.evaluation.id);

    // And the trail of all of it verifies.
    const verified = ok(await investors.GET('/v1/contracts/{id}/audit/verify', { params: { path: { id }, query: { deep: 'true' } } }));
    expect(verified.ok).toBe(true);
  });
});
