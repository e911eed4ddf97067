import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type LoadedContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { dateInZone } from '../../src/domain/time/dates.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client } from '../support/world.ts';
import { personIn, Visitor } from './support.ts';

/**
 * Running an evaluation from the evaluations page (issue 18), over a real database: the Educate
 * Girls example registered, approved, its data uploaded and validated through the API; the payer's
 * person runs the evaluation from the form (the API's action: its totals are the API's dry run of
 * the same data), lands on the statement; the same form posted twice runs once; run again with
 * nothing new, the page says nothing changed; an investor has no form and is refused (403); a bad
 * date, a reused key and a contract not in force are said in the page.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
const now = new Date('2018-03-31T23:00:00Z');
let l: LoadedContract;
let draft: LoadedContract;
let id: string;
let payer: Visitor;
let investor: Visitor;
let draftPayer: Visitor;

const party = (role: string, of = l) => of.parties.find((p) => p.roles.includes(role))!;
const api = (role: string) => client(app, party(role).apiKey);
const keyOf = (html: string) => /<input type="hidden" name="key" value="([^"]+)"/.exec(html)?.[1];

beforeAll(async () => {
  database = await openTestDatabase();
  await database.reset();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, { clock: () => now });
  const target: Target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => app.request(path, init), close: async () => {} };
  l = await loadContract(target, 'contracts/educate-girls.json', { approve: true, data: ['contracts/data/educate-girls.results.csv'], validate: true });
  id = l.contractId;
  expect((await api('investor').post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2015-06-01', amount: '270000.00', currency: 'USD', tranche: 'upfront' })).status).toBe(201);
  draft = await loadContract(target, 'contracts/educate-girls.json', { approve: false });
  await personIn(app, party('outcome_payer').organisationId, 'finance@payer.test', { name: 'Fiona Finance' });
  await personIn(app, party('investor').organisationId, 'analyst@investor.test');
  await personIn(app, party('outcome_payer', draft).organisationId, 'finance@draft-payer.test');
  payer = new Visitor(app);
  investor = new Visitor(app);
  draftPayer = new Visitor(app);
  for (const [v, email] of [[payer, 'finance@payer.test'], [investor, 'analyst@investor.test'], [draftPayer, 'finance@draft-payer.test']] as const) {
    expect((await v.signIn(email)).status).toBe(303);
  }
}, 180_000);
afterAll(() => database?.close());

describe('running an evaluation from the page', () => {
  let location: string;
  let evaluationId: string;

  it("shows the payer a form with the cut-off pre-filled with today in the contract's time zone", async () => {
    expect((await payer.get(`/contracts/${id}/evaluations`)).status).toBe(200);
    const html = payer.lastHtml;
    expect(html).toContain(`<form method="post" action="/contracts/${id}/evaluations">`);
    expect(html).toContain('<h2 id="run-evaluation">Run an evaluation</h2>');
    expect(html).toContain('<label for="asOf">As of (cut-off date)</label>');
    expect(html).toContain(`id="asOf" name="asOf" type="date" value="${dateInZone(now, 'Asia/Kolkata')}"`);
    expect(html).toContain('<button type="submit">Run evaluation</button>');
    expect(keyOf(html)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("runs the API's evaluation and lands on its statement, with the API's totals", async () => {
    const forecast = await json(await api('outcome_payer').post(`/v1/contracts/${id}/evaluations`, { asOf: '2018-03-31', dryRun: true }));
    expect(forecast.status).toBe('dry_run');
    await payer.get(`/contracts/${id}/evaluations`);
    const key = keyOf(payer.lastHtml)!;
    const response = await payer.post(`/contracts/${id}/evaluations`, { key, asOf: '2018-03-31' });
    expect(response.status).toBe(303);
    location = response.headers.get('location')!;
    const match = new RegExp(`^/contracts/${id}/evaluations/([0-9a-f-]{36})\\?evaluated=created$`).exec(location);
    expect(match, location).not.toBeNull();
    evaluationId = match![1]!;

    const evaluation = await json(await api('outcome_payer').get(`/v1/contracts/${id}/evaluations/${evaluationId}`));
    expect(evaluation.asOf).toBe('2018-03-31');
    expect(evaluation.totals).toEqual(forecast.forecast.result.totals);
    expect(evaluation.requestedByPerson).toMatchObject({ name: 'Fiona Finance' });
    expect(evaluation.obligations.length).toBeGreaterThan(0);

    expect((await payer.get(location)).status).toBe(200);
    expect(payer.lastHtml).toContain('data-evaluated="created"');
    expect(payer.lastHtml).toContain('Evaluation recorded (as of 31 March 2018).');
    for (const o of evaluation.obligations) expect(payer.lastHtml).toContain(`data-value="${o.amount}"`);
    // the audit trail names the person
    const entries = (await json(await api('investor').get(`/v1/contracts/${id}/audit?limit=1000`))).items;
    expect(entries.filter((e: { action: string }) => e.action === 'evaluation.created').at(-1).memberId).toBeDefined();
  });

  it('run again with nothing new, it records nothing and says so on that evaluation', async () => {
    await payer.get(`/contracts/${id}/evaluations`);
    const before = (await json(await api('outcome_payer').get(`/v1/contracts/${id}/evaluations`))).items.length;
    const response = await payer.post(`/contracts/${id}/evaluations`, { key: keyOf(payer.lastHtml)!, asOf: '2018-03-31' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/contracts/${id}/evaluations/${evaluationId}?evaluated=unchanged`);
    expect((await json(await api('outcome_payer').get(`/v1/contracts/${id}/evaluations`))).items.length).toBe(before);
    await payer.get(response.headers.get('location')!);
    expect(payer.lastHtml).toContain('data-evaluated="unchanged"');
    expect(payer.lastHtml).toContain('Nothing changed since the evaluation as of 31 March 2018');
  });

  it('posted twice with the same form, it runs once: the second answer is the first', async () => {
    const before = (await json(await api('outcome_payer').get(`/v1/contracts/${id}/evaluations`))).items.length;
    await payer.get(`/contracts/${id}/evaluations`);
    const key = keyOf(payer.lastHtml)!;
    const first = await payer.post(`/contracts/${id}/evaluations`, { key, asOf: '2018-04-30' });
    const second = await payer.post(`/contracts/${id}/evaluations`, { key, asOf: '2018-04-30' });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('location')).toMatch(/\?evaluated=created$/); // the replay answers "created" again, not "unchanged"
    const after = await json(await api('outcome_payer').get(`/v1/contracts/${id}/evaluations`));
    expect(after.items.length).toBe(before + 1);
  });

  it('an investor sees no form, and its post is refused (403)', async () => {
    expect((await investor.get(`/contracts/${id}/evaluations`)).status).toBe(200);
    expect(investor.lastHtml).not.toContain('name="asOf"');
    expect(investor.lastHtml).not.toContain('Run evaluation');
    const before = (await json(await api('investor').get(`/v1/contracts/${id}/evaluations`))).items.length;
    const refused = await investor.post(`/contracts/${id}/evaluations`, { key: crypto.randomUUID(), asOf: '2018-05-31' });
    expect(refused.status).toBe(403);
    expect((await investor.get(`/contracts/${id}/evaluate`)).status).toBe(403);
    expect((await json(await api('investor').get(`/v1/contracts/${id}/evaluations`))).items.length).toBe(before);
  });

  it('says in the page what went wrong: a bad date, a reused key, a contract not in force (never a 500)', async () => {
    await payer.get(`/contracts/${id}/evaluations`);
    const bad = await payer.post(`/contracts/${id}/evaluations`, { key: keyOf(payer.lastHtml)!, asOf: '2018-02-30' });
    expect(bad.status).toBe(422);
    expect(payer.lastHtml).toContain('<span class="error-text" id="asOf-error">a date as yyyy-mm-dd, e.g. 2018-03-31</span>');
    expect(payer.lastHtml).toContain('value="2018-02-30"');

    // a key already used for another cut-off
    await payer.get(`/contracts/${id}/evaluations`);
    const key = keyOf(payer.lastHtml)!;
    expect((await payer.post(`/contracts/${id}/evaluations`, { key, asOf: '2018-03-31' })).status).toBe(303);
    const reused = await payer.post(`/contracts/${id}/evaluations`, { key, asOf: '2018-01-31' });
    expect(reused.status).toBe(422);
    expect(payer.lastHtml).toContain('The evaluation could not be run');
    expect(payer.lastHtml).toMatch(/class="evaluate-problem">This Idempotency-Key was used/);
    expect(keyOf(payer.lastHtml)).not.toBe(key); // a fresh form
    const retried = await payer.post(`/contracts/${id}/evaluations`, { key: keyOf(payer.lastHtml)!, asOf: '2018-03-31' });
    expect(retried.status).toBe(303);

    // a contract whose terms are not yet approved
    expect((await draftPayer.get(`/contracts/${draft.contractId}/evaluations`)).status).toBe(200);
    const notActive = await draftPayer.post(`/contracts/${draft.contractId}/evaluations`, { key: keyOf(draftPayer.lastHtml)!, asOf: '' });
    expect(notActive.status).toBe(409);
    expect(draftPayer.lastHtml).toContain('This contract cannot be evaluated: it has no terms in force');
    expect((await json(await client(app, party('outcome_payer', draft).apiKey).get(`/v1/contracts/${draft.contractId}/evaluations`))).items).toEqual([]);
  });

  it('reads in French', async () => {
    const fr = new Visitor(app, { 'accept-language': 'fr' });
    await personIn(app, party('outcome_payer').organisationId, 'finances@payer.test', { locale: 'fr' });
    await fr.signIn('finances@payer.test');
    await fr.get(`/contracts/${id}/evaluations`);
    expect(fr.lastHtml).toContain('Lancer une évaluation');
    expect(fr.lastHtml).toContain('<button type="submit">Lancer l’évaluation</button>');
    await fr.get(`/contracts/${id}/evaluations/${evaluationId}?evaluated=unchanged`);
    expect(fr.lastHtml).toContain('Rien n’a changé depuis l’évaluation arrêtée au 31 mars 2018');
  });
});
