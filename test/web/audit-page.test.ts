import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { bindings, createWorld, type World } from '../support/world.ts';
import { PASSWORD, personIn, Visitor } from './support.ts';

/**
 * The audit trail page (issue 18), over a real database: people register, approve (one party by
 * its key), upload, validate and evaluate through the API; the page lists each write with the
 * person and organisation, in readable words, with its receipt, and the chain's verification as
 * the API's verify route computes it (head hash equal). Paginated by entry number; French; CSV;
 * a party only (404 otherwise); a row altered behind the service's back shows the chain broken.
 */
let database: TestDatabase;
let app: App;
let world: World;
let contractId: string;
const now = () => new Date('2026-02-15T12:00:00Z');

/** A person signed in to the API with a session cookie; writes carry the CSRF token. */
async function apiSession(on: App, email: string) {
  const signedIn = await on.request('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = await json(signedIn);
  return {
    get: (path: string) => on.request(path, { headers: { cookie } }),
    post: (path: string, body: unknown, contentType = 'application/json') => on.request(path, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  };
}

const results = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by\n' +
  'reconvictions,cohort_1,,2025-12-31,140,160,1000,9000,PSM,v1,E\n';

let paula: Visitor;
let olga: Visitor;
let ivan: Visitor;
let otto: Visitor;

/** The rows of the audit table: entry, action code, cells' text. */
function rowsOf(html: string) {
  const start = html.indexOf('<table class="audit-trail"');
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr data-seq="(\d+)" data-action="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
    seq: Number(m[1]), action: m[2]!, cells: [...m[3]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()),
  }));
}

beforeAll(async () => {
  database = await openTestDatabase();
  await database.reset();
  app = createTestApp(database, { clock: now });
  world = await createWorld(database, app);
  await personIn(app, world.payer.id, 'paula@payer.test', { name: 'Paula Payer' });
  await personIn(app, world.operator.id, 'olga@operator.test', { name: 'Olga Operator' });
  await personIn(app, world.evaluator.id, 'eva@evaluator.test', { name: 'Eva Evaluator' });
  await personIn(app, world.investor.id, 'ivan@investor.test', { name: 'Ivan Investor', locale: 'fr' });
  await personIn(app, world.outsider.id, 'otto@outsider.test', { name: 'Otto Outsider' });
  const payer = await apiSession(app, 'paula@payer.test');
  const operator = await apiSession(app, 'olga@operator.test');
  const evaluator = await apiSession(app, 'eva@evaluator.test');

  const definition = aggregateDefinition({ distribution: { surplus: 'operator' }, payers: [{ party: 'payer', maximumCommitment: '1000000.00' }] });
  const registered = await payer.post('/v1/contracts', { definition, parties: bindings(world) });
  expect(registered.status).toBe(201);
  const body = await json(registered);
  contractId = body.id;
  const { contentHash } = body.pendingVersion;
  expect((await payer.post(`/v1/contracts/${contractId}/approvals`, { contentHash })).status).toBe(200);
  expect((await world.investor.api.post(`/v1/contracts/${contractId}/approvals`, { contentHash })).status).toBe(200); // a key, not a person
  expect((await operator.post(`/v1/contracts/${contractId}/approvals`, { contentHash })).status).toBe(200);
  expect((await operator.post(`/v1/contracts/${contractId}/results`, results, 'text/csv')).status).toBe(201);
  expect((await evaluator.post(`/v1/contracts/${contractId}/results/reviews`, { decision: 'validated', filter: {} })).status).toBe(200);
  expect((await payer.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2026-01-31' })).status).toBe(201);

  paula = new Visitor(app);
  olga = new Visitor(app);
  ivan = new Visitor(app);
  otto = new Visitor(app);
  for (const [v, email] of [[paula, 'paula@payer.test'], [olga, 'olga@operator.test'], [ivan, 'ivan@investor.test'], [otto, 'otto@outsider.test']] as const) {
    expect((await v.signIn(email)).status).toBe(303);
  }
}, 120_000);
afterAll(() => database?.close());

describe('the audit trail page', () => {
  it('lists every write with who (person, organisation), what in words, when and its receipt, as the API lists them', async () => {
    const api = (await json(await world.payer.api.get(`/v1/contracts/${contractId}/audit?limit=1000`))).items as
      { seq: number; action: string; entryHash: string; memberId?: string; organisationId: string | null; recordedAt: string }[];
    const response = await paula.get(`/contracts/${contractId}/audit`);
    expect(response.status).toBe(200);
    const rows = rowsOf(paula.lastHtml);
    expect(rows.map((r) => [r.seq, r.action])).toEqual(api.map((e) => [e.seq, e.action]));
    const row = (action: string) => rows.filter((r) => r.action === action);
    // entry, time, what, person, organisation, receipt
    expect(row('contract.registered')[0]!.cells.slice(2, 5)).toEqual(['Contract registered', 'Paula Payer &lt;paula@payer.test&gt;', 'Test Department']);
    expect(row('contract.approved').map((r) => r.cells.slice(2, 5))).toEqual([
      ['Version approved', 'Paula Payer &lt;paula@payer.test&gt;', 'Test Department'],
      ['Version approved', 'API key', 'Test Foundation'],
      ['Version approved', 'Olga Operator', 'Test Charity'], // another organisation's person: their name, not their e-mail
    ]);
    expect(row('data.submitted')[0]!.cells.slice(2, 5)).toEqual(['Outcome data uploaded', 'Olga Operator', 'Test Charity']);
    expect(row('data.reviewed')[0]!.cells.slice(2, 5)).toEqual(['Outcome data reviewed', 'Eva Evaluator', 'Test Evaluators']);
    expect(row('evaluation.created')[0]!.cells.slice(2, 5)).toEqual(['Evaluation run', 'Paula Payer &lt;paula@payer.test&gt;', 'Test Department']);
    // the receipt of each write, as the Audit-Receipt header gives it
    for (const e of api) {
      const r = rows.find((x) => x.seq === e.seq)!;
      expect(r.cells[5]).toBe(`${contractId}:${e.seq}:${e.entryHash}`);
      expect(paula.lastHtml).toContain(`<time datetime="${e.recordedAt}">`);
    }
    // links to the thing: versions, the evaluation's statement
    const evaluation = api.find((e) => e.action === 'evaluation.created')!;
    const evaluationId = (await json(await world.payer.api.get(`/v1/contracts/${contractId}/evaluations`))).items[0].id;
    expect(paula.lastHtml).toContain(`<a href="/contracts/${contractId}/evaluations/${evaluationId}">Evaluation run</a>`);
    expect(paula.lastHtml).toContain(`<a href="/contracts/${contractId}/versions">Version approved</a>`);
    expect(evaluation).toBeDefined();
  });

  it('shows the chain verified, with the head hash the API verify route computes', async () => {
    const verified = await json(await world.investor.api.get(`/v1/contracts/${contractId}/audit/verify`));
    expect(verified.ok).toBe(true);
    await ivan.get(`/contracts/${contractId}/audit`, { 'accept-language': 'en' });
    const html = ivan.lastHtml;
    expect(html).toContain('data-ok="true"');
    expect(html).toContain(`<code class="audit-head">${verified.links.head}</code>`);
    expect(html).toContain(`(entrée ${verified.links.entries})`); // Ivan reads French (his preference)
  });

  it('is linked from the terms and the status page, and downloads as CSV', async () => {
    for (const path of [`/contracts/${contractId}`, `/contracts/${contractId}/status`]) {
      expect((await paula.get(path)).status).toBe(200);
      expect(paula.lastHtml).toContain(`<a href="/contracts/${contractId}/audit">Audit trail</a>`);
    }
    await paula.get(`/contracts/${contractId}/audit`);
    expect(paula.lastHtml).toContain(`href="/contracts/${contractId}/audit.csv"`);
    const csv = await paula.get(`/contracts/${contractId}/audit.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.+\.csv"$/);
    const lines = (await csv.text()).trim().split('\r\n');
    const api = (await json(await world.payer.api.get(`/v1/contracts/${contractId}/audit?limit=1000`))).items as { seq: number; entryHash: string }[];
    expect(lines[0]).toMatch(/^seq,recorded_at,action,action_label,/);
    expect(lines).toHaveLength(api.length + 1);
    expect(lines[1]).toContain('contract.registered,Contract registered,contract,');
    expect(lines[1]).toContain('Paula Payer <paula@payer.test>');
    expect(lines[api.length]).toMatch(new RegExp(`${contractId}:${api.length}:${api[api.length - 1]!.entryHash}$`));
  });

  it('pages by entry number, with a link to the next page, as the API pages', async () => {
    const total = (await json(await world.payer.api.get(`/v1/contracts/${contractId}/audit?limit=1000`))).items.length;
    expect(total).toBeGreaterThan(6);
    await olga.get(`/contracts/${contractId}/audit?limit=3`);
    expect(rowsOf(olga.lastHtml).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(olga.lastHtml).toContain(`Audit entries 1 to 3 of ${total}`);
    const next = /<a href="([^"]+)" rel="next">Next page \(entries after 3\)<\/a>/.exec(olga.lastHtml)![1]!.replace(/&amp;/g, '&');
    expect(next).toBe(`/contracts/${contractId}/audit?after=3&limit=3`);
    await olga.get(next);
    expect(rowsOf(olga.lastHtml).map((r) => r.seq)).toEqual([4, 5, 6]);
    const apiPage = await json(await world.operator.api.get(`/v1/contracts/${contractId}/audit?afterSeq=3&limit=3`));
    expect(apiPage.items.map((e: { seq: number }) => e.seq)).toEqual([4, 5, 6]);
    await olga.get(`/contracts/${contractId}/audit?after=${total - 1}`);
    expect(rowsOf(olga.lastHtml).map((r) => r.seq)).toEqual([total]);
    expect(olga.lastHtml).not.toContain('rel="next"');
    // the default page holds 100
    await olga.get(`/contracts/${contractId}/audit`);
    expect(rowsOf(olga.lastHtml)).toHaveLength(Math.min(total, 100));
  });

  it('proves a receipt in the chain, and says when a text is not a receipt', async () => {
    const api = (await json(await world.payer.api.get(`/v1/contracts/${contractId}/audit?limit=1000`))).items as { seq: number; entryHash: string }[];
    const receipt = `${contractId}:2:${api[1]!.entryHash}`;
    await paula.get(`/contracts/${contractId}/audit?receipt=${encodeURIComponent(receipt)}`);
    expect(paula.lastHtml).toContain('data-in-chain="true"');
    await paula.get(`/contracts/${contractId}/audit?receipt=${encodeURIComponent(`2:${api[2]!.entryHash}`)}`);
    expect(paula.lastHtml).toContain('data-in-chain="false"');
    const bad = await paula.get(`/contracts/${contractId}/audit?receipt=nonsense`);
    expect(bad.status).toBe(422);
    expect(paula.lastHtml).toContain('This is not a receipt');
    expect(paula.lastHtml.match(/ id="receipt"/g)).toHaveLength(1); // the field, its label's target
    expect(paula.lastHtml).toContain('<label for="receipt">Receipt</label>');
  });

  it('reads in French', async () => {
    await ivan.get(`/contracts/${contractId}/audit`);
    const html = ivan.lastHtml;
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Piste d’audit');
    expect(html).toContain('Vérifiée');
    expect(rowsOf(html).find((r) => r.action === 'contract.registered')!.cells[2]).toBe('Contrat enregistré');
    expect(rowsOf(html).find((r) => r.action === 'data.submitted')!.cells[2]).toBe('Données de résultats déposées');
    // a person of another organisation: their name only
    expect(rowsOf(html).find((r) => r.action === 'contract.registered')!.cells[3]).toBe('Paula Payer');
  });

  it('is not there for an organisation not party to the contract (404)', async () => {
    expect((await otto.get(`/contracts/${contractId}/audit`)).status).toBe(404);
    expect((await otto.get(`/contracts/${contractId}/audit.csv`)).status).toBe(404);
    const signedOut = await new Visitor(app).get(`/contracts/${contractId}/audit`);
    expect(signedOut.status).toBe(303);
  });

  it('shows the chain broken at the entry altered behind the service, as the API verify route does', async () => {
    await sql`alter table audit_entry disable trigger user`.execute(database.db);
    try {
      await sql`update audit_entry set request_id = 'forged' where chain = ${contractId} and seq = 2`.execute(database.db);
    } finally {
      await sql`alter table audit_entry enable trigger user`.execute(database.db);
    }
    const verified = await json(await world.payer.api.get(`/v1/contracts/${contractId}/audit/verify`));
    expect(verified).toMatchObject({ ok: false, links: { ok: false, brokenAt: { seq: 2 } } });
    const response = await paula.get(`/contracts/${contractId}/audit`);
    expect(response.status).toBe(200);
    const html = paula.lastHtml;
    expect(html).toContain('data-ok="false"');
    expect(html).toContain('Broken: the chain breaks at entry 2.');
    expect(html).toContain(verified.firstProblem.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(html).not.toContain('class="audit-head"');
    expect(html).toMatch(/<tr data-seq="2" data-action="[^"]+" class="broken">/);
  });
});
