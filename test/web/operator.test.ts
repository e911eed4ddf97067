import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { csrfOf, personIn, Visitor } from './support.ts';

/**
 * The operator's desk (issue 17), server side over a real database: the preview of a French
 * Excel CSV (Windows-1252, semicolons, decimal commas, dd/mm/yyyy) stores nothing; a bad row is a
 * 422 page naming its spreadsheet row, nothing stored; a good file gives the receipt; the same form
 * posted twice stores once; a rejected record is corrected and another disputed from the page; a
 * member of another organisation gets the 404 page.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let contractId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  world = await createWorld(database, app);
  contractId = (await activeContract(world, rateCardDefinition({ title: 'Emploi durable — Test' }))).id;
  await personIn(app, world.operator.id, 'olga@charity.example', { name: 'Olga Operator', locale: 'fr' });
  await personIn(app, world.outsider.id, 'otto@council.example', { name: 'Otto Outsider' });
}, 120_000);
afterAll(() => database?.close());

/** What French Excel writes as "CSV (séparateur : point-virgule)": Windows-1252, `;`, decimal commas, dd/mm/yyyy. */
function frenchCsv(rows: string[]): Uint8Array {
  const text = ['participant_ref;outcome;cohort;achieved_on;evidence;quantity', ...rows].join('\r\n') + '\r\n';
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

const count = async (table: 'participant_claim' | 'submission') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('contract_id', '=', contractId).executeTakeFirstOrThrow()).n);

async function signedIn(email: string): Promise<Visitor> {
  const visitor = new Visitor(app);
  const response = await visitor.signIn(email);
  expect(response.status).toBe(303);
  return visitor;
}

/** Posts the upload form with a file (multipart, as a browser without JavaScript does); follows the redirect to the preview. */
async function uploadFile(visitor: Visitor, file: Uint8Array, name: string, fields: Record<string, string> = {}): Promise<Response> {
  await visitor.get(`/contracts/${contractId}/upload`);
  const form = new FormData();
  form.set('_csrf', csrfOf(visitor.lastHtml)!);
  form.set('kind', 'participant_claims');
  form.set('charset', 'auto');
  form.set('locale', 'fr-FR');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new File([file], name, { type: 'text/csv' }));
  const posted = await app.request(`/contracts/${contractId}/upload`, { method: 'POST', headers: { accept: 'text/html', cookie: visitor.cookieHeader }, body: form });
  expect(posted.status).toBe(303);
  return visitor.get(posted.headers.get('location')!);
}

const keyOf = (html: string) => /name="key" value="([^"]+)"/.exec(html)?.[1];

describe('the upload preview', () => {
  it('shows how a French Excel CSV is read — Windows-1252 detected, semicolons, decimal comma, the first rows converted — and stores nothing', async () => {
    const visitor = await signedIn('olga@charity.example');
    const preview = await uploadFile(visitor, frenchCsv(['P-000101;job_entry;cohort_1;05/03/2024;Fiche de paie élève;1,5', 'P-000102;job_entry;cohort_1;06/03/2024;Fiche de paie;1']), 'résultats.csv');
    expect(preview.status).toBe(200);
    const html = visitor.lastHtml;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('windows-1252 (détecté');
    expect(html).toContain('point-virgule (;)');
    expect(html).toContain('décimale « , », dates dd/mm/yyyy (fr-FR)');
    expect(html).toMatch(/<td>2024-03-05<\/td><td>Fiche de paie élève<\/td><td>1\.5<\/td>/);
    expect(html).toContain('Rien n’a encore été enregistré.');
    expect(html).toContain('Déposer le fichier : 2 ligne(s)');
    expect(await count('participant_claim')).toBe(0);
    expect(await count('submission')).toBe(0);
  });

  it('takes a file larger than the API\'s JSON body limit from the plain form (no JavaScript): 25,000 rows, about 1.4 MB', async () => {
    const visitor = await signedIn('olga@charity.example');
    const rows = Array.from({ length: 25_000 }, (_, i) => `P-${String(i).padStart(6, '0')};job_entry;cohort_1;05/03/2024;Fiche de paie;1`);
    const file = frenchCsv(rows);
    expect(file.byteLength).toBeGreaterThan(1024 * 1024);
    const preview = await uploadFile(visitor, file, 'gros.csv');
    expect(preview.status).toBe(200);
    expect(visitor.lastHtml).toContain('Déposer le fichier : 25');
    expect(await count('participant_claim')).toBe(0);
  });

  it('reads the file sent as the request body, as the page\'s script sends it (fields in the query, the token in X-CSRF-Token)', async () => {
    const visitor = await signedIn('olga@charity.example');
    await visitor.get(`/contracts/${contractId}/upload`);
    const csv = '\ufeffparticipant_ref,outcome,cohort,achieved_on,evidence\nP-000151,job_entry,cohort_1,2024-03-05,Payslip\n';
    const posted = await app.request(`/contracts/${contractId}/upload?kind=participant_claims&charset=auto&locale=&name=claims.csv`, {
      method: 'POST', headers: { accept: 'text/html', cookie: visitor.cookieHeader, 'content-type': 'text/csv', 'x-csrf-token': csrfOf(visitor.lastHtml)! }, body: csv,
    });
    expect(posted.status).toBe(303);
    const preview = await visitor.get(posted.headers.get('location')!);
    expect(preview.status).toBe(200);
    expect(visitor.lastHtml).toContain('Prévisualisation de claims.csv');
    expect(visitor.lastHtml).toMatch(/<dd>utf-8<\/dd>/);
    expect(visitor.lastHtml).toContain('virgule (,)');
    // Without its CSRF token the upload is refused.
    const refused = await app.request(`/contracts/${contractId}/upload?kind=participant_claims&name=claims.csv`, {
      method: 'POST', headers: { accept: 'text/html', cookie: visitor.cookieHeader, 'content-type': 'text/csv' }, body: csv,
    });
    expect(refused.status).toBe(403);
    expect(await count('submission')).toBe(0);
  });

  it('links the contract\'s upload templates, which the person downloads with their session', async () => {
    const visitor = await signedIn('olga@charity.example');
    await visitor.get(`/contracts/${contractId}/upload`);
    const href = /href="(\/v1\/contracts\/[^"]+\/templates\/claims\.csv\?lang=fr)"/.exec(visitor.lastHtml)?.[1];
    expect(href).toBeDefined();
    const template = await visitor.get(href!);
    expect(template.status).toBe(200);
    expect((await template.text()).split(/\r?\n/)[0]).toContain('participant_ref');
  });

  it('a bad row is a 422 page listing its spreadsheet row number, and nothing is stored', async () => {
    const visitor = await signedIn('olga@charity.example');
    const preview = await uploadFile(visitor, frenchCsv(['P-000201;job_entry;cohort_1;05/03/2024;Fiche;1', 'P-000202;job_entry;cohort_9;05/03/2024;Fiche;1']), 'bad.csv');
    expect(preview.status).toBe(422);
    // Data row 2 is the spreadsheet's row 3 (the header is row 1).
    expect(visitor.lastHtml).toMatch(/<tr data-row="3"><th scope="row" class="num">3<\/th><td><code>cohort<\/code><\/td><td>« cohort_9 » n’est pas une cohorte du contrat<\/td>/); // in the reader's language (the API says it in English, with its code)
    expect(keyOf(visitor.lastHtml)).toBeUndefined(); // no submit button while a row is at fault
    expect(await count('participant_claim')).toBe(0);
  });

  it('an Excel workbook: its problems carry the worksheet\'s own row numbers, nothing stored', async () => {
    const good = new ExcelJS.Workbook();
    const ws = good.addWorksheet('Résultats');
    ws.addRow(['participant_ref', 'outcome', 'cohort', 'achieved_on', 'evidence', 'quantity']);
    ws.addRow(['P-000161', 'job_entry', 'cohort_1', new Date(Date.UTC(2024, 2, 5)), 'Payslip', 1]);
    ws.addRow([]); // a blank row: skipped, and the rows after it keep their worksheet numbers
    ws.addRow(['P-000162', 'job_entry', 'cohort_1', new Date(Date.UTC(2030, 2, 5)), 'Payslip', 2.5]);
    const visitor = await signedIn('olga@charity.example');
    const preview = await uploadFile(visitor, new Uint8Array(await good.xlsx.writeBuffer()), 'mars.xlsx');
    expect(preview.status).toBe(422);
    expect(visitor.lastHtml).toContain('<dt>Feuille</dt><dd>Résultats</dd>');
    expect(visitor.lastHtml).toMatch(/<tr data-row="4"><th scope="row" class="num">4<\/th><td><code>achieved_on<\/code><\/td><td>2030-03-05 est hors de la durée du contrat, du 2024-01-01 au /);
    expect(await count('submission')).toBe(0);
  });

  it('a header with an unknown column is refused as a whole, nothing stored', async () => {
    const visitor = await signedIn('olga@charity.example');
    await visitor.get(`/contracts/${contractId}/upload`);
    const text = 'participant_ref;outcome;cohort;achieved_on;colour\r\nP-1;job_entry;cohort_1;05/03/2024;blue\r\n';
    const preview = await uploadFile(visitor, new Uint8Array(Buffer.from(text)), 'header.csv');
    expect(preview.status).toBe(422);
    expect(visitor.lastHtml).toContain('unknown column &quot;colour&quot;');
    expect(await count('submission')).toBe(0);
  });
});

describe('submitting', () => {
  it('a good file gives the receipt (rows, corrections, audit receipt); the same form posted twice stores once', async () => {
    const visitor = await signedIn('olga@charity.example');
    await uploadFile(visitor, frenchCsv(['P-000301;job_entry;cohort_1;05/03/2024;Fiche 1;1', 'P-000302;job_entry;cohort_1;06/03/2024;Fiche 2;1', 'P-000303;job_entry;cohort_1;07/03/2024;Fiche 3;2,5']), 'bon.csv');
    const action = /<form method="post" action="(\/contracts\/[^"]+\/upload\/[0-9a-f]+)"/.exec(visitor.lastHtml)![1]!;
    const key = keyOf(visitor.lastHtml)!;
    const csrf = csrfOf(visitor.lastHtml)!;
    const first = await visitor.post(action, { key }, csrf);
    expect(first.status).toBe(303);
    const second = await visitor.post(action, { key }, csrf); // a double click
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(`${first.headers.get('location')}?replayed=1`);
    expect(await count('submission')).toBe(1);
    expect(await count('participant_claim')).toBe(3);
    const receipt = await visitor.get(first.headers.get('location')!);
    expect(receipt.status).toBe(200);
    expect(visitor.lastHtml).toMatch(/data-receipt="rows">3</);
    expect(visitor.lastHtml).toMatch(/data-receipt="corrections">0</);
    expect(visitor.lastHtml).toMatch(new RegExp(`data-receipt="audit">${contractId}:\\d+:sha256:[0-9a-f]{64}<`));
    const stored = await database.db.selectFrom('participant_claim').select(['quantity', 'achieved_on']).where('participant_ref', '=', 'P-000303').executeTakeFirstOrThrow();
    expect(String(stored.quantity)).toMatch(/^2\.50*$/);
  });

  it('a row the store refuses (a duplicate of a stored record) is a 422 page with its spreadsheet row, nothing stored', async () => {
    const visitor = await signedIn('olga@charity.example');
    await uploadFile(visitor, frenchCsv(['P-000401;job_entry;cohort_1;05/03/2024;Fiche;1', 'P-000301;job_entry;cohort_1;05/03/2024;Fiche 1;1']), 'doublon.csv');
    expect(visitor.lastHtml).toContain('Déposer le fichier : 2 ligne(s)'); // the preview's checks are the contract's; duplicates are the store's
    const action = /<form method="post" action="(\/contracts\/[^"]+\/upload\/[0-9a-f]+)"/.exec(visitor.lastHtml)![1]!;
    const refused = await visitor.post(action, { key: keyOf(visitor.lastHtml)! });
    expect(refused.status).toBe(422);
    expect(visitor.lastHtml).toContain('Rien n’a été enregistré');
    expect(visitor.lastHtml).toMatch(/<tr data-row="3">/);
    expect(await count('submission')).toBe(1);
    expect(await database.db.selectFrom('participant_claim').select('id').where('participant_ref', '=', 'P-000401').execute()).toHaveLength(0);
  });
});

describe('my submissions', () => {
  it('a rejected record shows its reason; it is corrected from the page (a correction superseding it), another disputed', async () => {
    const claims = await database.db.selectFrom('participant_claim').select(['id', 'participant_ref']).where('contract_id', '=', contractId).orderBy('participant_ref').execute();
    const [first, second] = [claims.find((c) => c.participant_ref === 'P-000301')!, claims.find((c) => c.participant_ref === 'P-000302')!];
    const rejected = await world.evaluator.api.post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'rejected', reason: 'Payslip unreadable', ids: [first.id, second.id] });
    expect(rejected.status).toBe(200);

    const visitor = await signedIn('olga@charity.example');
    const desk = await visitor.get('/operator');
    expect(desk.status).toBe(200);
    expect(visitor.lastHtml).toMatch(/data-count="rejected">2</);
    await visitor.get(`/contracts/${contractId}/submissions`);
    expect(visitor.lastHtml).toContain('Payslip unreadable');
    expect(visitor.lastHtml).toMatch(/data-count="pending">1</);

    const form = await visitor.get(`/contracts/${contractId}/records/participant_claims/${first.id}/correct`);
    expect(form.status).toBe(200);
    expect(visitor.lastHtml).toContain('value="P-000301"');
    const corrected = await visitor.post(`/contracts/${contractId}/records/participant_claims/${first.id}/correct`, {
      key: keyOf(visitor.lastHtml)!, participant_ref: 'P-000301', outcome: 'job_entry', cohort: 'cohort_1', achieved_on: '2024-03-05',
      held_from: '', evidence: 'Fiche 1 (lisible)', quantity: '1',
    });
    expect(corrected.status).toBe(303);
    expect(corrected.headers.get('location')).toBe(`/contracts/${contractId}/submissions?done=correction`);
    const correction = await database.db.selectFrom('participant_claim').select(['id', 'evidence']).where('supersedes_id', '=', first.id).execute();
    expect(correction).toHaveLength(1);
    expect(correction[0]!.evidence).toEqual(['Fiche 1 (lisible)']);
    // The corrected record is no longer to correct.
    expect((await visitor.get(`/contracts/${contractId}/records/participant_claims/${first.id}/correct`)).status).toBe(404);

    await visitor.get(`/contracts/${contractId}/records/participant_claims/${second.id}/dispute`);
    const disputed = await visitor.post(`/contracts/${contractId}/records/participant_claims/${second.id}/dispute`, { reason: 'The payslip is legible on page 2', evidenceRef: 'DOC-2024-0302' });
    expect(disputed.status).toBe(303);
    const dispute = await database.db.selectFrom('dispute').select(['state', 'evidence_ref']).where('claim_id', '=', second.id).executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({ state: 'open', evidence_ref: 'DOC-2024-0302' });
    await visitor.get(`/contracts/${contractId}/submissions`);
    expect(visitor.lastHtml).toContain('Enregistrements contestés');
  });
});

describe('another organisation', () => {
  it('gets the 404 page on every operator page of the contract, by URL', async () => {
    const visitor = await signedIn('otto@council.example');
    for (const path of [`/contracts/${contractId}/upload`, `/contracts/${contractId}/submissions`]) {
      const page = await visitor.get(path);
      expect(page.status).toBe(404);
      expect(visitor.lastHtml).toContain('Page not found');
    }
    const post = await app.request(`/contracts/${contractId}/upload`, {
      method: 'POST', headers: { accept: 'text/html', cookie: visitor.cookieHeader, 'content-type': 'text/csv', 'x-csrf-token': csrfOf(visitor.lastHtml) ?? '' }, body: 'x',
    });
    expect(post.status).toBe(404);
    expect(await count('submission')).toBe(2); // the good file and the correction, nothing of theirs
  });
});
