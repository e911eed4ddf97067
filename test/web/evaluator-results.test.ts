import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { personIn, Visitor } from './support.ts';

/**
 * The evaluator's results page, server side, over a real database: the aggregate results of a
 * Peterborough contract uploaded by the operator through the API, listed with their relative
 * difference; validated by selection → confirmation with the count → done, once however often the
 * confirmation is posted; rejected only with a reason; refused to payers and investors; in French.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let eva: Visitor;
let paul: Visitor;
let ivan: Visitor;

const definition = JSON.parse(readFileSync('contracts/peterborough.json', 'utf8')) as { reference: string; title: string; parties: { key: string; roles: string[] }[] };
const resultsCsv = readFileSync('contracts/data/peterborough.results.csv', 'utf8');

async function peterborough(reference: string, title: string): Promise<{ id: string; results: Map<string, string> }> {
  const bindings = Object.fromEntries(definition.parties.map((p) => [p.key,
    p.roles.includes('outcome_payer') ? world.payer.id : p.roles.includes('investor') ? world.investor.id
      : p.roles.includes('operator') || p.roles.includes('intermediary') ? world.operator.id : world.evaluator.id]));
  const { id } = await activeContract(world, { ...structuredClone(definition), reference, title }, bindings as never);
  const uploaded = await world.operator.api.send(`/v1/contracts/${id}/results`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: resultsCsv });
  expect(uploaded.status).toBe(201);
  const { items } = await json(await world.evaluator.api.get(`/v1/contracts/${id}/results`));
  return { id, results: new Map((items as { id: string; cohort: string }[]).map((r) => [r.cohort, r.id])) };
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The hidden fields of the form posting to `action` in `html`, as a browser would post them. */
function formFields(html: string, action: string): [string, string][] {
  const start = html.indexOf(`action="${action}"`);
  expect(start).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, unescape(m[2]!)]);
}
async function postPairs(visitor: Visitor, path: string, pairs: [string, string][]) {
  const csrf = /name="_csrf" value="([^"]*)"/.exec(visitor.lastHtml)?.[1] ?? '';
  const response = await app.request(path, {
    method: 'POST',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: visitor.cookieHeader },
    body: new URLSearchParams([['_csrf', csrf], ...pairs.filter(([k]) => k !== '_csrf')]).toString(),
  });
  const html = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('text/html')) visitor.lastHtml = html;
  return { response, html };
}
const reviews = async () => Number((await sql<{ n: number }>`select count(*)::int as n from measurement_review where result_id is not null`.execute(database.db)).rows[0]!.n);
const apiResults = async (contractId: string, status: string) =>
  (await json(await world.evaluator.api.get(`/v1/contracts/${contractId}/results?status=${status}`))).items as { id: string; cohort: string; status: string; review: { reason: string | null } | null }[];

let first: { id: string; results: Map<string, string> };

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  world = await createWorld(database, app);
  first = await peterborough(definition.reference, definition.title);
  await personIn(app, world.evaluator.id, 'eva@assessors.example', { name: 'Eva Assessor' });
  await personIn(app, world.payer.id, 'paul@justice.example', { name: 'Paul Payer' });
  await personIn(app, world.investor.id, 'ivan@foundation.example', { name: 'Ivan Investor' });
  eva = new Visitor(app);
  expect((await eva.signIn('eva@assessors.example')).status).toBe(303);
  paul = new Visitor(app);
  expect((await paul.signIn('paul@justice.example')).status).toBe(303);
  ivan = new Visitor(app);
  expect((await ivan.signIn('ivan@foundation.example')).status).toBe(303);
}, 180_000);
afterAll(() => database?.close());

describe('the evaluator’s results page', () => {
  it('is linked from the review queue and the navigation', async () => {
    await eva.get('/evaluator');
    expect(eva.lastHtml).toContain('<a href="/evaluator/results">Review the aggregate results</a>');
    expect(eva.lastHtml).toMatch(/<a href="\/evaluator\/results"[^>]*>Aggregate results<\/a>/);
  });

  it('lists the pending aggregate results with the relative difference computed in decimals', async () => {
    const page = await eva.get('/evaluator/results');
    expect(page.status).toBe(200);
    const html = eva.lastHtml;
    expect(html).toContain('<caption>Aggregate results matching the filters (2)</caption>');
    expect(html).toContain('<th scope="col" class="num">Relative difference');
    // cohort_1: (155 − 142) / 155 = 8.39 %; cohort_2: (150 − 135.6) / 150 = 9.6 %.
    expect(html).toMatch(/<td class="num">142<\/td><td class="num">155<\/td><td class="num">8\.39%<\/td><td class="num">1,000<\/td><td class="num">9,480<\/td>/);
    expect(html).toMatch(/<td class="num">135\.6<\/td><td class="num">150<\/td><td class="num">9\.6%<\/td><td class="num">1,000<\/td><td class="num">9,310<\/td>/);
    for (const text of ['31 December 2013', '31 December 2015', 'reconviction_events', 'propensity score matching', 'MoJ Research Series 8/12 (2012)', 'Anders and Dorsett (independent assessors)', 'awaiting review']) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`value="${first.id}:${first.results.get('cohort_1')}"`);
    expect(html).toContain(`Select the result of cohort_1 for reconviction_events, measured on 31 December 2013, in ${definition.title}`);
    expect(html).toMatch(/<input type="radio" id="review-decision-validated" name="decision" value="validated"[^>]*\/?><label for="review-decision-validated">Validate<\/label>/);
    expect(html).toContain('<button type="submit">Continue</button>');
  });

  it('validates the selected results after confirming the count, once however often the confirmation is posted', async () => {
    const before = await reviews();
    const selected = [...first.results.values()].map((id) => ['result', `${first.id}:${id}`] as [string, string]);
    const none = await postPairs(eva, '/evaluator/results/confirm', [['decision', 'validated']]);
    expect(none.response.status).toBe(422);
    expect(none.html).toContain('Select at least one result awaiting review.');
    const confirm = await postPairs(eva, '/evaluator/results/confirm', [...selected, ['decision', 'validated'], ['reason', '']]);
    expect(confirm.response.status).toBe(200);
    expect(confirm.html).toContain('You are about to validate 2 results.');
    expect(confirm.html).toContain('<button type="submit">Confirm</button>');
    expect(await reviews()).toBe(before); // nothing yet
    const fields = formFields(confirm.html, '/evaluator/results/review');
    const applied = await postPairs(eva, '/evaluator/results/review', fields);
    expect(applied.response.status).toBe(303);
    const location = applied.response.headers.get('location')!;
    expect(location).toBe('/evaluator/results?done=validated&count=2');
    await eva.get(location);
    expect(eva.lastHtml).toContain('2 results validated.');
    expect((await apiResults(first.id, 'validated')).map((r) => r.cohort).sort()).toEqual(['cohort_1', 'cohort_2']);
    expect(await reviews()).toBe(before + 2);

    // The same confirmation posted again (a double click, a reload): the same answer, nothing more.
    const again = await postPairs(eva, '/evaluator/results/review', fields);
    expect(again.response.status).toBe(303);
    expect(again.response.headers.get('location')).toBe(location);
    expect(await reviews()).toBe(before + 2);
    // Another confirmation of the same results (a second tab): a harmless message, nothing applied.
    const stale = await postPairs(eva, '/evaluator/results/review', fields.map(([k, v]) => [k, k === 'key' ? crypto.randomUUID() : v] as [string, string]));
    expect(stale.response.status).toBe(409);
    expect(stale.html).toContain('no longer awaiting review');
    expect(await reviews()).toBe(before + 2);

    await eva.get('/evaluator/results?status=validated');
    expect(eva.lastHtml).toContain('<caption>Aggregate results matching the filters (2)</caption>');
    expect(eva.lastHtml).not.toContain('name="result"');
    await eva.get('/evaluator/results?status=submitted');
    expect(eva.lastHtml).toContain('No result matches these filters.');
  });

  it('rejects a result only with a reason, and records it', async () => {
    const second = await peterborough('PETERBOROUGH-SECOND', 'Peterborough, second trial');
    const cohort2 = second.results.get('cohort_2')!;
    await eva.get(`/evaluator/results?contract=${second.id}`);
    expect(eva.lastHtml).toContain('<caption>Aggregate results matching the filters (2)</caption>');
    const pair: [string, string] = ['result', `${second.id}:${cohort2}`];
    const missing = await postPairs(eva, '/evaluator/results/confirm', [['contract', second.id], pair, ['decision', 'rejected'], ['reason', '']]);
    expect(missing.response.status).toBe(422);
    expect(missing.html).toMatch(/<span class="error-text" id="review-reason-error">Give a reason for rejecting.<\/span>/);
    expect(missing.html).toMatch(/id="review-reason"[^>]*aria-invalid="true"/);
    expect(missing.html).toMatch(new RegExp(`value="${second.id}:${cohort2}" checked`)); // the selection kept
    const reason = 'Comparison group redefined after the fact';
    const confirm = await postPairs(eva, '/evaluator/results/confirm', [['contract', second.id], pair, ['decision', 'rejected'], ['reason', reason]]);
    expect(confirm.html).toContain('You are about to reject 1 result.');
    expect(confirm.html).toContain(`Reason: ${reason}`);
    // Without the reason, the confirmation itself is refused too (a hand-made post).
    const handMade = await postPairs(eva, '/evaluator/results/review', formFields(confirm.html, '/evaluator/results/review').map(([k, v]) => [k, k === 'reason' ? '' : v] as [string, string]));
    expect(handMade.response.status).toBe(422);
    const applied = await postPairs(eva, '/evaluator/results/review', formFields(confirm.html, '/evaluator/results/review'));
    expect(applied.response.status).toBe(303);
    await eva.get(applied.response.headers.get('location')!);
    expect(eva.lastHtml).toContain('1 result rejected.');
    expect(eva.lastHtml).toContain(reason);
    const rejected = await apiResults(second.id, 'rejected');
    expect(rejected.map((r) => [r.id, r.review?.reason])).toEqual([[cohort2, reason]]);
    expect((await apiResults(second.id, 'submitted')).map((r) => r.cohort)).toEqual(['cohort_1']);
    // Pending first: cohort_1 awaiting review comes before the rejected cohort_2.
    const shown = [...eva.lastHtml.matchAll(/<td>reconviction_events<\/td><td>(cohort_\d)<\/td>/g)].map((m) => m[1]);
    expect(shown).toEqual(['cohort_1', 'cohort_2']);
  });

  it('is refused to payers and investors, and nothing is written', async () => {
    const before = await reviews();
    const record = first.results.get('cohort_1')!;
    for (const visitor of [paul, ivan]) {
      expect((await visitor.get('/evaluator/results')).status).toBe(403);
      expect((await visitor.get(`/evaluator/results?contract=${first.id}`)).status).toBe(403);
      await visitor.get('/');
      for (const [path, pairs] of [
        ['/evaluator/results/confirm', [['result', `${first.id}:${record}`], ['decision', 'validated']]],
        ['/evaluator/results/review', [['result', `${first.id}:${record}`], ['decision', 'validated'], ['count', '1'], ['key', crypto.randomUUID()]]],
      ] as [string, [string, string][]][]) {
        const { response } = await postPairs(visitor, path, pairs);
        expect([403, 404], path).toContain(response.status);
      }
    }
    expect(await reviews()).toBe(before);
  });

  it('in French', async () => {
    const second = await peterborough('PETERBOROUGH-FR', 'Peterborough, essai en français');
    await personIn(app, world.evaluator.id, 'eve@assessors.example', { name: 'Ève', locale: 'fr' });
    const french = new Visitor(app, { 'accept-language': 'fr-FR' });
    await french.signIn('eve@assessors.example');
    await french.get(`/evaluator/results?contract=${second.id}`);
    const html = french.lastHtml;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Résultats agrégés</h1>');
    expect(html).toContain('évaluateur');
    expect(html).toContain('8,39\u00a0%');
    expect(html).toContain('9,6\u00a0%');
    expect(html).toContain('31 décembre 2013');
    expect(html).toContain('Valider');
    expect(html).toContain('Rejeter');
    const confirm = await postPairs(french, '/evaluator/results/confirm', [...second.results.values()].map((id) => ['result', `${second.id}:${id}`] as [string, string]).concat([['decision', 'validated']]));
    expect(confirm.html).toContain('Vous allez valider 2 résultats agrégés.');
  });
});
