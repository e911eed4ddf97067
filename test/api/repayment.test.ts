import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, loadContract, type LoadedContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { validateIndigoOrganisation, validateIndigoProject } from '../../src/domain/indigo/standard.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client } from '../support/world.ts';

/**
 * From registration to final repayment, through the API, checking every figure of the status view
 * against values computed here independently (plain arithmetic, closed forms, NPV at the reported IRR).
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let target: Target;
let now = new Date('2026-11-23T12:00:00Z');
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  await ensureAdministrator(database.db, ADMIN_KEY);
  now = new Date('2026-11-23T12:00:00Z');
  app = createTestApp(database, { clock: () => now });
  target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => app.request(path, init), close: async () => {} };
});

const key = (l: LoadedContract, role: string) => l.parties.find((p) => p.roles.includes(role))!.apiKey;
const as = (l: LoadedContract, role: string) => client(app, key(l, role));
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
/** NPV of dated flows at an annual rate, actual/365, in plain floating point (independent of the Decimal code). */
const npv = (rate: number, flows: [string, number][]) => flows.reduce((s, [date, amount]) => s + amount / (1 + rate) ** (days(flows[0]![0], date) / 365), 0);

describe('Educate Girls: capped at 15% IRR, from registration to final repayment', () => {
  it('repays the investor exactly its capped return, and the status view shows it', async () => {
    const l = await loadContract(target, 'contracts/educate-girls.json', { approve: true, data: ['contracts/data/educate-girls.results.csv'], validate: true });
    const id = l.contractId;
    const drawdown = await as(l, 'investor').post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2015-06-01', amount: '270000.00', currency: 'USD', tranche: 'upfront' });
    expect(drawdown.status).toBe(201);

    now = new Date('2018-03-31T23:00:00Z'); // evaluated when its data was known: obligations exist from then on
    const run = await json(await as(l, 'outcome_payer').post(`/v1/contracts/${id}/evaluations`, { asOf: '2018-03-31' }));
    now = new Date('2026-11-23T12:00:00Z');
    const [obligation] = run.evaluation.obligations;
    // capacity on the due date (2018-05-30) under a 15% IRR cap on 270,000 drawn on 2015-06-01, rounded down to the cent
    const capped = Math.floor(270000 * 1.15 ** (days('2015-06-01', '2018-05-30') / 365) * 100) / 100;
    expect(Number(obligation.amount)).toBeCloseTo(capped, 2);
    expect(obligation.amount).toBe(capped.toFixed(2));

    const settled = await as(l, 'outcome_payer').post(`/v1/contracts/${id}/settlements`, {
      obligationId: obligation.id, amount: obligation.amount, currency: 'USD', settledOn: '2018-05-30', reference: 'CIFF-2018-05',
    });
    expect(settled.status).toBe(201);
    const { distribution } = await json(settled);
    expect(distribution.map((d: { recipient: { party: string }; amount: string }) => [d.recipient.party, d.amount])).toEqual([['ubs_optimus', obligation.amount]]);

    const status = await json(await as(l, 'investor').get(`/v1/contracts/${id}/status`));
    expect(status.capital).toEqual({ committed: '270000.00', drawn: '270000.00' });
    expect(status.obligations).toMatchObject({ triggered: obligation.amount, settled: obligation.amount, outstanding: '0.00', overdue: '0.00' });
    const [investor] = status.investors;
    expect(investor).toMatchObject({ party: 'ubs_optimus', drawn: '270000.00', repaidToDate: obligation.amount, returnCap: '15% IRR cap' });
    expect(Number(investor.moneyMultiple)).toBeCloseTo(capped / 270000, 12);
    // one flow out, one in: IRR = (received / paid)^(365 / days) − 1, just under the 15% cap (the cent rounded down)
    const irr = (capped / 270000) ** (365 / days('2015-06-01', '2018-05-30')) - 1;
    expect(Number(investor.irrToDate)).toBeCloseTo(irr, 10);
    expect(Number(investor.irrToDate)).toBeLessThanOrEqual(0.15);
    expect(Number(investor.irrToDate)).toBeGreaterThan(0.1499999);
    // headroom today: what 15% would allow on 2026-11-23 less what was received, each carried forward at 15%
    const today = '2026-11-23';
    const headroom = 270000 * 1.15 ** (days('2015-06-01', today) / 365) - capped * 1.15 ** (days('2018-05-30', today) / 365);
    expect(Number(investor.returnCapHeadroom)).toBeCloseTo(headroom, 1);
    const cap = status.caps.find((c: { cap: string }) => c.cap === 'maximumOutcomePayment');
    expect(cap).toEqual({ cap: 'maximumOutcomePayment', scope: 'contract', limit: '422000.00', used: obligation.amount, headroom: (422000 - capped).toFixed(2) });
    expect(status.nextEvaluation).toBeTruthy();
    expect(status.latestEvaluation.id).toBe(run.evaluation.id);
  });
});

describe('Peterborough: the pooled trigger pays at the end', () => {
  it('repays capital plus just over 3% a year, split by two payers, through the capital stack', async () => {
    const l = await loadContract(target, 'contracts/peterborough.json', { approve: true, data: ['contracts/data/peterborough.results.csv'], validate: true });
    const id = l.contractId;
    const tranches: [string, string][] = [['2010-09-10', '1000000.00'], ['2011-04-01', '1000000.00'], ['2012-04-01', '1000000.00'], ['2013-04-01', '1000000.00'], ['2014-04-01', '1000000.00']];
    for (const [drawnOn, amount] of tranches) {
      expect((await as(l, 'investor').post(`/v1/contracts/${id}/drawdowns`, { drawnOn, amount, currency: 'GBP' })).status).toBe(201);
    }
    expect((await as(l, 'investor').post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2014-05-01', amount: '0.01', currency: 'GBP' })).status).toBe(422);

    now = new Date('2014-06-30T23:00:00Z'); // evaluated when its data was known: obligations exist from then on
    const early = await json(await as(l, 'outcome_payer').post(`/v1/contracts/${id}/evaluations`, { asOf: '2014-06-30' }));
    now = new Date('2026-11-23T12:00:00Z');
    expect(early.evaluation.obligations).toEqual([]);
    now = new Date('2017-06-30T23:00:00Z'); // evaluated when its data was known: obligations exist from then on
    const final = await json(await as(l, 'outcome_payer').post(`/v1/contracts/${id}/evaluations`, { asOf: '2017-06-30' }));
    now = new Date('2026-11-23T12:00:00Z');
    const byPayer = Object.fromEntries(final.evaluation.obligations.map((o: { payer: { party: string }; amount: string; id: string }) => [o.payer.party, o]));
    expect(byPayer.moj.amount).toBe('3699000.00');
    expect(byPayer.big_lottery_fund.amount).toBe('2219400.00');

    const moj = l.parties.find((p) => p.partyKey === 'moj')!;
    const blf = l.parties.find((p) => p.partyKey === 'big_lottery_fund')!;
    // the Big Lottery Fund cannot settle the Ministry's obligation
    expect((await client(app, blf.apiKey).post(`/v1/contracts/${id}/settlements`, { obligationId: byPayer.moj.id, amount: '1.00', currency: 'GBP', settledOn: '2017-08-01' })).status).toBe(403);
    for (const [payer, obligation] of [[moj, byPayer.moj], [blf, byPayer.big_lottery_fund]] as const) {
      const r = await client(app, payer.apiKey).post(`/v1/contracts/${id}/settlements`, { obligationId: obligation.id, amount: obligation.amount, currency: 'GBP', settledOn: '2017-08-01' });
      expect(r.status).toBe(201);
    }
    const status = await json(await as(l, 'investor').get(`/v1/contracts/${id}/status`));
    const [investor] = status.investors;
    expect(investor.repaidToDate).toBe('5918400.00');
    expect(investor.moneyMultiple).toBe('1.18368');
    // independently: the reported IRR zeroes the NPV of the flows, and it is "just over 3% a year"
    const flows: [string, number][] = [...tranches.map(([d, a]): [string, number] => [d, -Number(a)]), ['2017-08-01', 5918400]];
    expect(Math.abs(npv(Number(investor.irrToDate), flows))).toBeLessThan(0.01);
    expect(Number(investor.irrToDate)).toBeGreaterThan(0.03);
    expect(Number(investor.irrToDate)).toBeLessThan(0.035);
    expect(status.obligations).toMatchObject({ triggered: '5918400.00', settled: '5918400.00', outstanding: '0.00', overdue: '0.00' });
    expect(status.caps.find((c: { scope: string }) => c.scope === 'moj')).toMatchObject({ limit: '5000000.00', used: '3699000.00', headroom: '1301000.00' });

    const portfolio = await json(await as(l, 'investor').get('/v1/portfolio'));
    expect(portfolio.contracts).toHaveLength(1);
    expect(portfolio.totals).toEqual({ GBP: { committed: '5000000', drawn: '5000000', repaidToDate: '5918400' } });
    // the INDIGO open-data records of the whole story, valid against the standard (release 4.1.0, vendored)
    const indigo = await client(app, moj.apiKey).get(`/v1/contracts/${id}/export/indigo`);
    expect(indigo.status).toBe(200);
    const exported = await json(indigo);
    const record = exported.project;
    expect(validateIndigoProject(record, { organisationIds: new Set(exported.organisations.map((o: { id: string }) => o.id)) })).toEqual([]);
    for (const o of exported.organisations) expect(validateIndigoOrganisation(o.data)).toEqual([]);
    const payments = (type: string) => record.outcome_payments.filter((p: { type: { value: string } }) => p.type.value === type)
      .reduce((s: number, p: { money?: { amount: { value: number } }; amount?: { value: number } }) => s + (p.money?.amount.value ?? p.amount?.value ?? 0), 0);
    expect(payments('Planned')).toBeCloseTo(5918400, 2);
    expect(payments('Actual')).toBeCloseTo(5918400, 2);
    expect((await as(l, 'investor').get(`/v1/contracts/${id}/export/indigo`)).status).toBe(403);

    const liabilities = await json(await client(app, moj.apiKey).get('/v1/liabilities'));
    expect(liabilities.contracts[0]).toMatchObject({ payer: 'moj', triggered: '3699000.00', outstanding: '0.00', maximumCommitment: '5000000.00', maximumRemainingExposure: '1301000.00' });
  });
});

describe('the status view', () => {
  it('is recomputed as soon as a fact of the contract changes', async () => {
    const l = await loadContract(target, 'contracts/educate-girls.json', { approve: true });
    const read = async () => json(await as(l, 'investor').get(`/v1/contracts/${l.contractId}/status`));
    expect((await read()).capital.drawn).toBe('0.00');
    expect((await read()).capital.drawn).toBe('0.00');
    await as(l, 'investor').post(`/v1/contracts/${l.contractId}/drawdowns`, { drawnOn: '2015-06-01', amount: '100000.00', currency: 'USD' });
    expect((await read()).capital.drawn).toBe('100000.00');
  });
});

describe('settlements', () => {
  async function owed() {
    const l = await loadContract(target, 'contracts/peterborough.json', { approve: true, data: ['contracts/data/peterborough.results.csv'], validate: true });
    now = new Date('2017-06-30T23:00:00Z'); // evaluated when its data was known: obligations exist from then on
    const final = await json(await as(l, 'outcome_payer').post(`/v1/contracts/${l.contractId}/evaluations`, { asOf: '2017-06-30' }));
    now = new Date('2026-11-23T12:00:00Z');
    const obligation = final.evaluation.obligations.find((o: { payer: { party: string } }) => o.payer.party === 'moj');
    return { l, obligation, moj: client(app, l.parties.find((p) => p.partyKey === 'moj')!.apiKey) };
  }

  it('refuses over-settlement, another currency and non-positive amounts; allows partial settlements', async () => {
    const { l, obligation, moj } = await owed();
    const post = (body: object) => moj.post(`/v1/contracts/${l.contractId}/settlements`, { obligationId: obligation.id, currency: 'GBP', settledOn: '2017-08-01', ...body });
    const over = await post({ amount: '3699000.01' });
    expect(over.status).toBe(422);
    expect((await json(over)).errors[0]).toMatchObject({ path: 'amount', message: expect.stringMatching(/over-settle/) });
    expect((await json(await post({ amount: '100.00', currency: 'EUR' }))).errors[0].path).toBe('currency');
    expect((await post({ amount: '-5.00' })).status).toBe(422);
    expect((await post({ amount: '0' })).status).toBe(422);
    expect((await post({ amount: '10.001' })).status).toBe(422);
    expect((await post({ amount: '1000000.00' })).status).toBe(201);
    expect((await post({ amount: '2699000.00', settledOn: '2017-09-01' })).status).toBe(201);
    expect((await post({ amount: '0.01', settledOn: '2017-09-02' })).status).toBe(409);
    expect((await post({ amount: '1.00', settledOn: '2017-07-01' })).status).toBeGreaterThanOrEqual(409);
  });

  it('two settlements racing on one obligation never over-settle it', async () => {
    const { l, obligation, moj } = await owed();
    const body = { obligationId: obligation.id, amount: '2000000.00', currency: 'GBP', settledOn: '2017-08-01' };
    const results = await Promise.all([1, 2, 3].map(() => moj.post(`/v1/contracts/${l.contractId}/settlements`, body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    const settlements = await json(await moj.get(`/v1/contracts/${l.contractId}/settlements`));
    expect(settlements.items.map((s: { amount: string }) => s.amount)).toEqual(['2000000.00']);
  });

  it('exports obligations, settlements and distributions as CSV', async () => {
    const { l, obligation, moj } = await owed();
    await moj.post(`/v1/contracts/${l.contractId}/settlements`, { obligationId: obligation.id, amount: obligation.amount, currency: 'GBP', settledOn: '2017-08-01', reference: 'MOJ-1' });
    const lines = async (path: string) => (await (await as(l, 'outcome_payer').get(`/v1/contracts/${l.contractId}/${path}/export`)).text()).trim().split('\r\n');
    expect(await lines('obligations')).toHaveLength(3);
    const settlements = await lines('settlements');
    expect(settlements).toHaveLength(2);
    expect(settlements[1]).toContain(',3699000.00,GBP,2017-08-01,MOJ-1,');
    const distributions = await lines('distributions');
    expect(distributions[0]).toBe('id,settlement_id,recipient_party,recipient_organisation_id,role,seniority,amount,currency,distributed_on,capacity_before,explanation');
    expect(distributions[1]).toContain(',sip_investors,');
  });
});

describe('what each party sees', () => {
  it('an investor sees its own line, the payer all, the operator none; strangers nothing', async () => {
    const definition = JSON.parse(readFileSync('contracts/peterborough.json', 'utf8'));
    definition.parties.push({ key: 'second_investor', name: 'Second Investor', roles: ['investor'] });
    definition.investors[0].commitment = '4000000.00';
    definition.investors[0].tranches = definition.investors[0].tranches.slice(0, 4);
    definition.investors.push({ party: 'second_investor', commitment: '1000000.00', seniority: 'subordinate', tranches: [{ key: 't1', amount: '1000000.00', plannedDate: '2010-09-10' }] });
    const file = `${process.env.TMPDIR ?? '/tmp'}/two-investors-${process.pid}.json`;
    (await import('node:fs')).writeFileSync(file, JSON.stringify(definition));
    const l = await loadContract(target, file, { approve: true });
    const id = l.contractId;
    const investors = (k: string) => client(app, l.parties.find((p) => p.partyKey === k)!.apiKey);
    const parties = async (c: ReturnType<typeof client>) => (await json(await c.get(`/v1/contracts/${id}/status`))).investors.map((i: { party: string }) => i.party);
    expect(await parties(investors('sip_investors'))).toEqual(['sip_investors']);
    expect(await parties(investors('second_investor'))).toEqual(['second_investor']);
    expect(await parties(as(l, 'outcome_payer'))).toEqual(['sip_investors', 'second_investor']);
    expect(await parties(as(l, 'operator'))).toEqual([]);
    const stranger = await call(target, '/v1/organisations', ADMIN_KEY, 'POST', { name: 'Stranger', kind: 'investor' });
    const strangerKey = (await call(target, `/v1/organisations/${stranger.id}/api-keys`, ADMIN_KEY, 'POST', {})).key;
    expect((await client(app, strangerKey).get(`/v1/contracts/${id}/status`)).status).toBe(404);
    expect((await json(await client(app, strangerKey).get('/v1/portfolio'))).contracts).toEqual([]);
    expect((await as(l, 'operator').post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2011-01-01', amount: '1.00', currency: 'GBP', investor: 'sip_investors' })).status).toBe(403);
    expect((await investors('sip_investors').post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2011-01-01', amount: '1.00', currency: 'GBP', investor: 'second_investor' })).status).toBe(403);
  });
});
