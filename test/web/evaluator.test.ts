import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { personIn, Visitor } from './support.ts';

/**
 * The evaluator's desk and the dispute pages, server side, over a real database: the queue and
 * its filters, a participant's records, a rejection without a reason refused in the form, the bulk
 * review confirmed with its count and applied exactly once, disputes read by the payer and
 * upheld by the evaluator, and a member of another organisation who reaches none of it by URL.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let alpha: string;
let beta: string;
const ids = new Map<string, string>();

const claimsCsv = (...rows: string[]) => ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', ...rows].join('\n');

async function upload(contractId: string, rows: string[]) {
  const response = await world.operator.api.send(`/v1/contracts/${contractId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: claimsCsv(...rows) });
  expect(response.status).toBe(201);
  const body = await json(response);
  const { items } = await json(await world.evaluator.api.get(`/v1/contracts/${contractId}/claims?limit=100`));
  for (const r of items as { id: string; participantRef: string; outcome: string }[]) ids.set(`${r.participantRef}/${r.outcome}`, r.id);
  return body.id as string;
}

const participantsIn = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/contracts\/[^"]+\/participants\/[^"]+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]).sort();
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The fields of the form posting to `action` in `html` (hidden inputs), as a browser would post them. */
function formFields(html: string, action: string): [string, string][] {
  const start = html.indexOf(`action="${action}"`);
  expect(start).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, unescape(m[2]!)]);
}
async function postPairs(visitor: Visitor, path: string, pairs: [string, string][]) {
  const body = new URLSearchParams(pairs);
  const response = await app.request(path, {
    method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: visitor.cookieHeader }, body: body.toString(),
  });
  const html = await response.text();
  return { response, html };
}
const csrfOfPage = (v: Visitor) => /name="_csrf" value="([^"]*)"/.exec(v.lastHtml)![1]!;
const reviews = async () => Number((await sql<{ n: number }>`select count(*)::int as n from measurement_review`.execute(database.db)).rows[0]!.n);
const status = async (contractId: string, recordId: string) => (await json(await world.evaluator.api.get(`/v1/contracts/${contractId}/claims/${recordId}`))).record.status;

let eva: Visitor;
let paul: Visitor;
let otto: Visitor;
let alphaSubmission: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  world = await createWorld(database, app);
  alpha = (await activeContract(world, rateCardDefinition({ title: 'Contract Alpha' }))).id;
  beta = (await activeContract(world, rateCardDefinition({ reference: 'TEST-BETA', title: 'Contract Beta' }))).id;
  alphaSubmission = await upload(alpha, [
    'P-1,job_entry,cohort_1,2024-03-01,,payslip-1', 'P-2,job_entry,cohort_1,2024-04-01,,payslip-2',
    'P-3,job_sustained,cohort_1,2024-05-01,,', 'P-4,job_entry,cohort_1,2024-06-01,,payslip-4',
  ]);
  await upload(beta, ['Q-1,job_entry,cohort_1,2024-03-15,,payslip-q']);
  await personIn(app, world.evaluator.id, 'eva@evaluators.example', { name: 'Eva Evaluator' });
  await personIn(app, world.payer.id, 'paul@department.example', { name: 'Paul Payer' });
  await personIn(app, world.outsider.id, 'otto@council.example', { name: 'Otto Outsider' });
  eva = new Visitor(app);
  expect((await eva.signIn('eva@evaluators.example')).status).toBe(303);
  paul = new Visitor(app);
  expect((await paul.signIn('paul@department.example')).status).toBe(303);
  otto = new Visitor(app);
  expect((await otto.signIn('otto@council.example')).status).toBe(303);
}, 180_000);
afterAll(() => database?.close());

describe('the review queue', () => {
  it('lists the claims awaiting review across the contracts the organisation verifies, in a real table', async () => {
    const page = await eva.get('/evaluator');
    expect(page.status).toBe(200);
    expect(participantsIn(eva.lastHtml)).toEqual(['P-1', 'P-2', 'P-3', 'P-4', 'Q-1']);
    expect(eva.lastHtml).toMatch(/<caption>Records 1 to 5 matching the filters \(5 in all\)<\/caption>/);
    expect(eva.lastHtml).toContain('<th scope="col">Participant</th>');
    expect(eva.lastHtml).toContain('All 5 records awaiting review that match the filters');
    expect(eva.lastHtml).toContain('href="/evaluator"'); // the navigation link registered by the desk
  });

  it('filters by contract, submission, outcome, cohort and date, with the API filter schema (a bad date is named in the form)', async () => {
    await eva.get(`/evaluator?contract=${beta}`);
    expect(participantsIn(eva.lastHtml)).toEqual(['Q-1']);
    await eva.get(`/evaluator?submission=${alphaSubmission}`);
    expect(participantsIn(eva.lastHtml)).toEqual(['P-1', 'P-2', 'P-3', 'P-4']);
    await eva.get('/evaluator?outcome=job_sustained');
    expect(participantsIn(eva.lastHtml)).toEqual(['P-3']);
    await eva.get('/evaluator?cohort=cohort_1&from=2024-04-01&to=2024-05-31');
    expect(participantsIn(eva.lastHtml)).toEqual(['P-2', 'P-3']);
    await eva.get('/evaluator?cohort=no_such_cohort');
    expect(eva.lastHtml).toContain('No record matches these filters.');
    const bad = await eva.get('/evaluator?from=31%2F03%2F2024');
    expect(bad.status).toBe(422);
    expect(eva.lastHtml).toMatch(/<span class="error-text" id="f-from-error">Write the date as YYYY-MM-DD/);
    expect(eva.lastHtml).toMatch(/id="f-from"[^>]*aria-invalid="true"/);
  });

  it('in French, with the domain words', async () => {
    const french = new Visitor(app, { 'accept-language': 'fr-FR' });
    await personIn(app, world.evaluator.id, 'eve@evaluators.example', { name: 'Ève', locale: 'fr' });
    await french.signIn('eve@evaluators.example');
    await french.get('/evaluator');
    expect(french.lastHtml).toContain('<html lang="fr">');
    expect(french.lastHtml).toContain('File de vérification');
  });
});

describe("a participant's records", () => {
  it('shows every record of the participant in the contract with its state, and a form to review it', async () => {
    const page = await eva.get(`/contracts/${alpha}/participants/P-2`);
    expect(page.status).toBe(200);
    expect(eva.lastHtml).toContain('<caption>Records of participant P-2</caption>');
    expect(eva.lastHtml).toContain('awaiting review');
    expect(eva.lastHtml).toContain(`value="${alpha}:${ids.get('P-2/job_entry')}"`);
    expect((await eva.get(`/contracts/${alpha}/participants/NOBODY`)).status).toBe(404);
  });

  it('a rejection without a reason is refused in the form (422), naming the field; with a reason it applies', async () => {
    await eva.get(`/contracts/${alpha}/participants/P-2`);
    const pairs = formFields(eva.lastHtml, '/evaluator/review');
    const refused = await postPairs(eva, '/evaluator/review', [...pairs, ['reason', ''], ['decision', 'rejected']]);
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Give a reason for rejecting.');
    expect(refused.html).toMatch(new RegExp(`id="reason-${ids.get('P-2/job_entry')}"[^>]*aria-invalid="true"`));
    expect(await status(alpha, ids.get('P-2/job_entry')!)).toBe('submitted');

    const applied = await postPairs(eva, '/evaluator/review', [...pairs, ['reason', 'Payslip unreadable'], ['decision', 'rejected']]);
    expect(applied.response.status).toBe(303);
    expect(applied.response.headers.get('location')).toBe(`/contracts/${alpha}/participants/P-2`);
    expect(await status(alpha, ids.get('P-2/job_entry')!)).toBe('rejected');
  });

  it('in bulk, a rejection without a reason is refused at the confirmation step', async () => {
    await eva.get('/evaluator');
    const refused = await postPairs(eva, '/evaluator/review/confirm', [
      ['_csrf', csrfOfPage(eva)], ['scope', 'selected'], ['record', `${beta}:${ids.get('Q-1/job_entry')}`], ['decision', 'rejected'], ['reason', '  '],
    ]);
    expect(refused.response.status).toBe(422);
    expect(refused.html).toMatch(/<span class="error-text" id="bulk-reason-error">Give a reason for rejecting.<\/span>/);
    expect(refused.html).toMatch(/id="bulk-reason"[^>]*aria-invalid="true"/);
    const none = await postPairs(eva, '/evaluator/review/confirm', [['_csrf', csrfOfPage(eva)], ['scope', 'selected'], ['decision', 'validated']]);
    expect(none.response.status).toBe(422);
    expect(none.html).toContain('Select at least one record');
  });
});

describe('bulk review', () => {
  it('confirms the count, then validates exactly those records, once even when the confirmation is posted twice', async () => {
    await eva.get(`/evaluator?contract=${alpha}&outcome=job_entry`);
    const before = await reviews();
    const confirm = await postPairs(eva, '/evaluator/review/confirm', [
      ['_csrf', csrfOfPage(eva)], ['contract', alpha], ['outcome', 'job_entry'], ['scope', 'filter'], ['decision', 'validated'], ['reason', ''],
    ]);
    expect(confirm.response.status).toBe(200);
    // P-1 and P-4 (P-2 is rejected already, P-3 another outcome)
    expect(confirm.html).toContain('You are about to validate 2 records.');
    expect(await reviews()).toBe(before); // nothing applied yet
    const pairs = formFields(confirm.html, '/evaluator/review');
    const first = await postPairs(eva, '/evaluator/review', pairs);
    expect(first.response.status).toBe(303);
    expect(first.response.headers.get('location')).toBe(`/evaluator?contract=${alpha}&outcome=job_entry&done=validated&count=2`);
    const again = await postPairs(eva, '/evaluator/review', pairs);
    expect(again.response.status).toBe(303);
    expect(again.response.headers.get('location')).toBe(first.response.headers.get('location'));
    expect(await reviews()).toBe(before + 2);
    expect(await status(alpha, ids.get('P-1/job_entry')!)).toBe('validated');
    expect(await status(alpha, ids.get('P-4/job_entry')!)).toBe('validated');
    expect(await status(alpha, ids.get('P-3/job_sustained')!)).toBe('submitted');
    expect(await status(beta, ids.get('Q-1/job_entry')!)).toBe('submitted');
    const done = await eva.get(first.response.headers.get('location')!);
    expect(done.status).toBe(200);
    expect(eva.lastHtml).toContain('2 records validated.');
    // the person is recorded on the reviews
    const { rows } = await sql<{ name: string }>`select m.name from measurement_review r join member m on m.id = r.member_id where r.decision = 'validated'`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(['Eva Evaluator', 'Eva Evaluator']);
  });

  it('selected records across contracts; a confirmation gone stale applies nothing', async () => {
    await eva.get('/evaluator');
    const confirm = await postPairs(eva, '/evaluator/review/confirm', [
      ['_csrf', csrfOfPage(eva)], ['scope', 'selected'], ['record', `${alpha}:${ids.get('P-3/job_sustained')}`], ['record', `${beta}:${ids.get('Q-1/job_entry')}`], ['decision', 'validated'],
    ]);
    expect(confirm.html).toContain('You are about to validate 2 records.');
    const stale = await postPairs(eva, '/evaluator/review/confirm', [
      ['_csrf', csrfOfPage(eva)], ['contract', beta], ['scope', 'filter'], ['decision', 'validated'],
    ]);
    expect(stale.html).toContain('You are about to validate 1 record.');
    const pairs = formFields(confirm.html, '/evaluator/review');
    expect((await postPairs(eva, '/evaluator/review', pairs)).response.status).toBe(303);
    const before = await reviews();
    const refused = await postPairs(eva, '/evaluator/review', formFields(stale.html, '/evaluator/review'));
    expect(refused.response.status).toBe(409);
    expect(refused.html).toContain('You confirmed 1 records, but 0 now match');
    expect(await reviews()).toBe(before);
  });
});

describe('disputes', () => {
  let disputeId: string;
  it('the payer sees the open disputes of its contracts, with the thread, and cannot resolve them', async () => {
    const opened = await world.operator.api.post(`/v1/contracts/${alpha}/disputes`, {
      kind: 'participant_claims', recordId: ids.get('P-2/job_entry'), reason: 'The payslip is readable at 200%', evidenceRef: 'payslip-2-rescan.pdf',
    });
    expect(opened.status).toBe(201);
    disputeId = (await json(opened)).id;
    const list = await paul.get('/disputes');
    expect(list.status).toBe(200);
    expect(paul.lastHtml).toContain('<caption>Open disputes (1)</caption>');
    for (const text of ['Payslip unreadable', 'The payslip is readable at 200%', 'payslip-2-rescan.pdf', 'Contract Alpha', 'P-2']) expect(paul.lastHtml).toContain(text);
    expect(paul.lastHtml).toContain('an evaluator of the contract resolves them');
    const one = await paul.get(`/contracts/${alpha}/disputes/${disputeId}`);
    expect(one.status).toBe(200);
    expect(paul.lastHtml).not.toContain('/resolution"');
    const refused = await paul.post(`/contracts/${alpha}/disputes/${disputeId}/resolution`, { decision: 'upheld', reason: 'no' });
    expect(refused.status).toBe(403);
  });

  it('the evaluator upholds it with a reason (required, in the form): the record counts as validated', async () => {
    await eva.get('/disputes');
    expect(eva.lastHtml).toContain(`href="/contracts/${alpha}/disputes/${disputeId}"`);
    await eva.get(`/contracts/${alpha}/disputes/${disputeId}`);
    expect(eva.lastHtml).toContain(`action="/contracts/${alpha}/disputes/${disputeId}/resolution"`);
    const key = formFields(eva.lastHtml, `/contracts/${alpha}/disputes/${disputeId}/resolution`).find(([k]) => k === 'key')![1];
    const missing = await eva.post(`/contracts/${alpha}/disputes/${disputeId}/resolution`, { decision: 'upheld', reason: '', key });
    expect(missing.status).toBe(422);
    expect(eva.lastHtml).toMatch(/id="resolve-reason-error">Give a reason for the decision.<\/span>/);
    const upheld = await eva.post(`/contracts/${alpha}/disputes/${disputeId}/resolution`, { decision: 'upheld', reason: 'Rescan shows the employer', key });
    expect(upheld.status).toBe(303);
    expect(await status(alpha, ids.get('P-2/job_entry')!)).toBe('validated');
    await eva.get(upheld.headers.get('location')!);
    expect(eva.lastHtml).toContain('The dispute is upheld');
    expect(eva.lastHtml).toContain('Rescan shows the employer');
    await paul.get('/disputes');
    expect(paul.lastHtml).toContain('No dispute is open.');
  });
});

describe('pages of the queue', () => {
  it('shows 50 records a page, the next page after the last one shown', async () => {
    const gamma = (await activeContract(world, rateCardDefinition({ reference: 'TEST-GAMMA', title: 'Contract Gamma' }))).id;
    await upload(gamma, Array.from({ length: 55 }, (_, i) => `G-${String(i + 1).padStart(2, '0')},job_entry,cohort_1,2024-03-01,,payslip`));
    await eva.get(`/evaluator?contract=${gamma}`);
    expect(participantsIn(eva.lastHtml)).toHaveLength(50);
    expect(eva.lastHtml).toContain('<caption>Records 1 to 50 matching the filters (55 in all)</caption>');
    const next = /<a href="([^"]+)">Next page<\/a>/.exec(eva.lastHtml)![1]!.replace(/&amp;/g, '&');
    await eva.get(next);
    const second = participantsIn(eva.lastHtml);
    expect(second).toHaveLength(5);
    expect(eva.lastHtml).toContain('<caption>Records 51 to 55 matching the filters (55 in all)</caption>');
    expect(eva.lastHtml).not.toContain('Next page');
    expect(eva.lastHtml).toContain('First page');
  });
});

describe('a member of another organisation', () => {
  it('gets the 404 page for every page and form of a contract it is not party to, and nothing is written', async () => {
    const before = await reviews();
    const record = ids.get('P-3/job_sustained')!;
    const dispute = (await json(await world.evaluator.api.get(`/v1/contracts/${alpha}/disputes`))).items[0].id as string;
    await otto.get('/evaluator');
    expect(otto.lastHtml).toContain('Your organisation verifies no contract.');
    for (const path of [`/evaluator?contract=${alpha}`, `/contracts/${alpha}/participants/P-1`, `/disputes?contract=${alpha}`, `/contracts/${alpha}/disputes/${dispute}`]) {
      expect((await otto.get(path)).status, path).toBe(404);
    }
    await otto.get('/evaluator');
    const csrf = csrfOfPage(otto);
    for (const [path, pairs] of [
      ['/evaluator/review/confirm', [['record', `${alpha}:${record}`], ['scope', 'selected'], ['decision', 'validated']]],
      ['/evaluator/review', [['record', `${alpha}:${record}`], ['scope', 'selected'], ['decision', 'validated'], ['count', '1'], ['key', 'k-otto']]],
      ['/evaluator/review', [['contract', alpha], ['scope', 'filter'], ['decision', 'validated'], ['count', '1'], ['key', 'k-otto-2']]],
      [`/contracts/${alpha}/disputes/${dispute}/resolution`, [['decision', 'dismissed'], ['reason', 'no']]],
    ] as [string, [string, string][]][]) {
      const { response } = await postPairs(otto, path, [['_csrf', csrf], ...pairs]);
      expect(response.status, path).toBe(404);
    }
    expect(await reviews()).toBe(before);
  });
});
