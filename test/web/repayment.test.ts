import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type LoadedContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client, createMember } from '../support/world.ts';
import { personIn, Visitor } from './support.ts';

/**
 * Repayment at a glance, server side over a real database: the Educate Girls example registered,
 * drawn and evaluated through the API; then the pages. The status page shows the API's status
 * figures exactly (data-value of every number cell) to the payer and to the investor, with its
 * charts and their tables; the evaluation's statement lines are the API's; the payer's settlement
 * form is pre-filled, refuses a wrong amount in the form, and posted twice records one settlement;
 * another organisation reaches none of it.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let now = new Date('2026-11-23T12:00:00Z');
let l: LoadedContract;
let id: string;
let evaluationId: string;
let obligation: { id: string; amount: string };
let payer: Visitor;
let investor: Visitor;
let outsider: Visitor;

const party = (role: string) => l.parties.find((p) => p.roles.includes(role))!;
const api = (role: string) => client(app, party(role).apiKey);
/** The exact decimals of a table's number cells, by row header. */
function figures(html: string, tableClass: string): Record<string, string> {
  const start = html.indexOf(`<table class="${tableClass}"`);
  expect(start, tableClass).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  return Object.fromEntries([...table.matchAll(/<th scope="row">([^<]*)<\/th><td class="num" data-value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

beforeAll(async () => {
  database = await openTestDatabase();
  await database.reset();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, { clock: () => now });
  const target: Target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => app.request(path, init), close: async () => {} };
  l = await loadContract(target, 'contracts/educate-girls.json', { approve: true, data: ['contracts/data/educate-girls.results.csv'], validate: true });
  id = l.contractId;
  expect((await api('investor').post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2015-06-01', amount: '270000.00', currency: 'USD', tranche: 'upfront' })).status).toBe(201);
  now = new Date('2018-03-31T23:00:00Z');
  const run = await json(await api('outcome_payer').post(`/v1/contracts/${id}/evaluations`, { asOf: '2018-03-31' }));
  now = new Date('2026-11-23T12:00:00Z');
  evaluationId = run.evaluation.id;
  obligation = run.evaluation.obligations[0];
  const other = await createMember(app, 'Another Council', 'public_authority');
  await personIn(app, party('outcome_payer').organisationId, 'finance@payer.test');
  await personIn(app, party('investor').organisationId, 'analyst@investor.test');
  await personIn(app, other.id, 'someone@elsewhere.test');
  payer = new Visitor(app);
  investor = new Visitor(app);
  outsider = new Visitor(app);
  for (const [v, email] of [[payer, 'finance@payer.test'], [investor, 'analyst@investor.test'], [outsider, 'someone@elsewhere.test']] as const) {
    expect((await v.signIn(email)).status).toBe(303);
  }
}, 120_000);
afterAll(() => database?.close());

describe('repayment pages', () => {
  it('the status page shows the API status figures exactly, to the payer and to the investor, with charts and their tables', async () => {
    for (const [visitor, role] of [[payer, 'outcome_payer'], [investor, 'investor']] as const) {
      const status = await json(await api(role).get(`/v1/contracts/${id}/status`));
      const page = await visitor.get(`/contracts/${id}/status`);
      expect(page.status).toBe(200);
      const html = visitor.lastHtml;
      expect(figures(html, 'status-summary')).toMatchObject({
        'Capital committed': status.capital.committed, 'Capital drawn': status.capital.drawn,
        'Obligations triggered': status.obligations.triggered, Settled: status.obligations.settled,
        Outstanding: status.obligations.outstanding, Overdue: status.obligations.overdue,
      });
      expect(status.investors).toHaveLength(1);
      const [inv] = status.investors;
      expect(figures(html, 'investor-figures')).toEqual({
        'Capital committed': inv.committed, 'Capital drawn': inv.drawn, 'Repaid to date': inv.repaidToDate,
        'Money multiple': inv.moneyMultiple ?? '', 'IRR to date': inv.irrToDate ?? '', 'Headroom under its return cap': inv.returnCapHeadroom ?? '',
      });
      const caps = figures(html, 'caps');
      expect(Object.keys(caps)).toHaveLength(status.caps.length);
      expect(Object.values(caps)).toEqual(status.caps.map((cap: { limit: string }) => cap.limit));
      // each cap named in words, as the terms page names it (never its code)
      expect(Object.keys(caps)).toEqual(status.caps.map((cap: { cap: string }) => (cap.cap === 'maximumOutcomePayment' ? 'Most paid under the contract' : expect.stringMatching(/^Commitment of Children/))));
      const projections = figures(html, 'projections');
      for (const p of inv.projected) expect(projections[p.name]).toBe(p.contractTotal);
      // charts: accessible SVG images, each followed by its table
      const charts = [...html.matchAll(/<svg [^>]*role="img"[^>]*aria-label="[^"]+"/g)];
      expect(charts.length).toBeGreaterThanOrEqual(4);
      expect(html).toMatch(/<\/svg><\/figure><div class="table-wrap" tabindex="0"><table class="obligations-over-time"><caption>Obligations triggered and settled, cumulative<\/caption>/);
      expect(html).toContain(`data-value="${obligation.amount}"`);
      expect(html).not.toMatch(/<script[^>]*>[^<]/); // no inline script: the charts need none
    }
  });

  it('investors see only their own line and no participant-level data', async () => {
    await investor.get(`/contracts/${id}/status`);
    const html = investor.lastHtml;
    expect([...html.matchAll(/<section class="investor" data-party="([^"]+)"/g)].map((m) => m[1])).toEqual([party('investor').partyKey]);
    expect(html).not.toMatch(/participant_ref|participants\//);
  });

  it('the evaluation statement lines are the API statement, with CSV/XLSX links and a print stylesheet', async () => {
    const statement = await json(await api('investor').get(`/v1/contracts/${id}/evaluations/${evaluationId}/statement`));
    expect((await investor.get(`/contracts/${id}/evaluations`)).status).toBe(200);
    expect(investor.lastHtml).toContain(`/contracts/${id}/evaluations/${evaluationId}`);
    expect((await investor.get(`/contracts/${id}/evaluations/${evaluationId}`)).status).toBe(200);
    const html = investor.lastHtml;
    const lines = [...html.matchAll(/<section class="statement-line" data-line="([^"]+)">/g)].map((m) => m[1]);
    expect(lines).toEqual(statement.lines.map((x: { lineKey: string }) => x.lineKey));
    for (const line of statement.lines as { lineKey: string; amount: string; steps: { amount: string; total: string }[] }[]) {
      const start = html.indexOf(`data-line="${line.lineKey}"`);
      const section = html.slice(start, html.indexOf('</section>', start));
      const values = [...section.matchAll(/data-value="([^"]*)"/g)].map((m) => m[1]);
      for (const s of line.steps) expect(values).toContain(s.amount);
      expect(section).toContain(`<tr class="total"><th scope="row">Total</th><td class="num" data-value="${line.amount}"`);
    }
    const csv = `/v1/contracts/${id}/evaluations/${evaluationId}/statement/export?format=csv`;
    expect(html).toContain(`href="${csv}"`);
    const download = await investor.get(csv, { accept: 'text/csv' });
    expect(download.status).toBe(200);
    const css = await (await app.request(/href="(\/assets\/[^"]+\.css)"/.exec(html)![1]!)).text();
    expect(css).toContain('@media print');
  });

  it('the payer settles from a pre-filled form: a wrong amount is refused in the form, two posts record one settlement', async () => {
    expect((await payer.get('/payer')).status).toBe(200);
    expect(figures(payer.lastHtml, 'liabilities')).toBeDefined();
    const liabilities = await json(await api('outcome_payer').get('/v1/liabilities'));
    expect(payer.lastHtml).toContain(`data-value="${liabilities.contracts[0].maximumRemainingExposure}"`);
    const settle = `/contracts/${id}/obligations/${obligation.id}/settle`;
    expect(payer.lastHtml).toContain(`href="${settle}"`);
    expect(payer.lastHtml).toContain('href="/disputes"');

    expect((await payer.get(settle)).status).toBe(200);
    const form = payer.lastHtml;
    expect(form).toMatch(new RegExp(`id="amount" name="amount" type="text" value="${obligation.amount.replace('.', '\\.')}"`));
    expect(form).toContain('id="currency" name="currency" type="text" value="USD"');
    expect(form).toContain('id="settledOn" name="settledOn" type="date" value="2026-11-23"');
    const key = /name="key" value="([^"]+)"/.exec(form)![1]!;

    const tooMuch = await payer.post(settle, { key: `${key}-x`, amount: '999999999.00', currency: 'USD', settledOn: '2026-11-23', reference: '' });
    expect(tooMuch.status).toBe(422);
    expect(payer.lastHtml).toMatch(/id="amount-error">[^<]*would over-settle/);
    expect(payer.lastHtml).toMatch(/id="amount" name="amount"[^>]*aria-invalid="true"/);

    await payer.get(settle);
    const fields = { key, amount: obligation.amount, currency: 'USD', settledOn: '2026-11-23', reference: 'CIFF-2026' };
    const first = await payer.post(settle, fields);
    expect(first.status).toBe(303);
    const second = await payer.post(settle, fields, /name="_csrf" value="([^"]*)"/.exec(form)![1]!);
    expect(second.status).toBe(303);
    const settlements = await json(await api('outcome_payer').get(`/v1/contracts/${id}/settlements`));
    expect(settlements.items).toHaveLength(1);
    expect(settlements.items[0]).toMatchObject({ obligationId: obligation.id, amount: obligation.amount, settledOn: '2026-11-23', reference: 'CIFF-2026' });

    // the investor sees the repayment, the multiple and the IRR, as the API does
    const status = await json(await api('investor').get(`/v1/contracts/${id}/status`));
    expect(status.investors[0].repaidToDate).toBe(obligation.amount);
    await investor.get(`/contracts/${id}/status`);
    expect(figures(investor.lastHtml, 'investor-figures')).toMatchObject({ 'Repaid to date': obligation.amount, 'Money multiple': status.investors[0].moneyMultiple, 'IRR to date': status.investors[0].irrToDate });
    expect((await investor.get('/investor')).status).toBe(200);
    const portfolio = await json(await api('investor').get('/v1/portfolio'));
    const [mine] = portfolio.contracts[0].investments;
    const row = investor.lastHtml.slice(investor.lastHtml.indexOf(`<tr data-contract="${id}">`));
    for (const v of [mine.committed, mine.drawn, mine.repaidToDate, mine.moneyMultiple, mine.irrToDate]) expect(row).toContain(`data-value="${v}"`);
    expect(investor.lastHtml).toMatch(/<table class="distributions" data-contract="[^"]+"><caption>[^<]+<\/caption>.*data-value="[^"]+"/s);
    expect(investor.lastHtml).toContain('role="img"');
    // nothing more to settle: the form is gone with its obligation
    expect((await payer.get(settle)).status).toBe(404);
  });

  it('another organisation reaches none of it; an investor may not settle', async () => {
    for (const path of [`/contracts/${id}/status`, `/contracts/${id}/evaluations`, `/contracts/${id}/evaluations/${evaluationId}`, `/contracts/${id}/obligations/${obligation.id}/settle`]) {
      expect((await outsider.get(path)).status, path).toBe(404);
    }
    expect((await outsider.get('/payer')).status).toBe(200);
    expect(outsider.lastHtml).toContain('not the outcome payer of any contract');
    expect((await investor.get(`/contracts/${id}/obligations/${obligation.id}/settle`)).status).toBe(403);
  });
});
