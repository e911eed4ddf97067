import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { csrfOf, personIn, Visitor } from './support.ts';

/**
 * Registering a contract and proposing an amendment through the pages (issue 18), server side over
 * a real database: the payer registers Peterborough by paste and by file upload, binding every
 * party; an invalid definition lists each problem at its path (422) and writes nothing; another
 * party gets the action's refusal in the form; a form posted twice registers once; an amendment
 * changes the threshold and the versions page lists it; an invalid amendment lists its problems;
 * the editor's live check is served by the app (no CDN).
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;

const peterboroughText = readFileSync('contracts/peterborough.json', 'utf8');
const peterborough = () => JSON.parse(peterboroughText) as Record<string, unknown> & { reference: string; pricing: Record<string, unknown>[]; term: Record<string, string> };

const bindingFields = (w: World): Record<string, string> => ({
  'party.moj': w.payer.id, 'party.big_lottery_fund': w.payer.id, 'party.social_impact_partnership': w.operator.id,
  'party.sip_investors': w.investor.id, 'party.one_service': w.operator.id, 'party.independent_assessor': w.evaluator.id,
});
const bindingsOf = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^party\./, ''), v]));

const keyOf = (html: string) => /name="key" value="([^"]+)"/.exec(html)?.[1] ?? '';
const contractsCalled = async (reference: string) => (await database.db.selectFrom('contract').select('id').where('reference', '=', reference).execute()).length;
const versionsIdFrom = (location: string | null) => /^\/contracts\/([0-9a-f-]{36})\/versions$/.exec(location ?? '')?.[1];

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  world = await createWorld(database, app);
  await personIn(app, world.payer.id, 'pam@payer.example', { name: 'Pam Payer' });
  await personIn(app, world.operator.id, 'oscar@operator.example', { name: 'Oscar Operator' });
}, 300_000);
afterAll(() => database?.close());

async function signedIn(email: string): Promise<Visitor> {
  const visitor = new Visitor(app);
  expect((await visitor.signIn(email)).status).toBe(303);
  return visitor;
}

describe('registering a contract', () => {
  it('offers the examples, the INDIGO import, a file and the editor, linked from the navigation', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get('/');
    expect(pam.lastHtml).toContain('<a href="/contracts/new"');
    const page = await pam.get('/contracts/new');
    expect(page.status).toBe(200);
    const html = pam.lastHtml;
    expect(html).toContain('<option value="peterborough.json"');
    expect(html).toContain('name="indigo"');
    expect(html).toContain('name="file" type="file"');
    expect(html).toMatch(/<label for="definition">Contract definition \(JSON\)<\/label>/);
    expect(html).toMatch(/<script type="module" src="\/assets\/definition-editor-[0-9a-f]{8}\.js"><\/script>/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

    // Loading an example fills the editor and offers the binding selects.
    await pam.post('/contracts/new', { intent: 'example', example: 'peterborough.json', key: keyOf(html) });
    expect(pam.lastHtml).toContain('&quot;reference&quot;: &quot;');
    expect(pam.lastHtml).toContain('name="party.moj"');
  });

  it('serves the live check’s modules from the app: the JSON Schema validator and the page script', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get('/contracts/new');
    const script = /<script type="module" src="([^"]+)"/.exec(pam.lastHtml)![1]!;
    const validator = /data-validator="([^"]+)"/.exec(pam.lastHtml)![1]!;
    expect(validator).toMatch(/^\/assets\/json-schema-4\.1\.6\/index\.js$/);
    for (const path of [script, validator, validator.replace('index.js', 'validator.js'), validator.replace('index.js', 'validate.js')]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/javascript');
      const text = await response.text();
      expect(text).not.toContain('sourceMappingURL');
      expect(text).not.toMatch(/(import|from)\s*\(?\s*['"]https?:/);
    }
    expect((await app.request('/assets/json-schema-4.1.6/nothing.js')).status).toBe(404);
    expect((await app.request('/v1/schemas/contract-definition')).status).toBe(200);
  });

  it('the payer registers Peterborough by paste: step 1 checks and asks for the bindings, step 2 registers; the versions page follows', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get('/contracts/new');
    const key = keyOf(pam.lastHtml);
    const checked = await pam.post('/contracts/new', { intent: 'check', key, definition: peterboroughText });
    expect(checked.status).toBe(200);
    for (const party of ['moj', 'big_lottery_fund', 'social_impact_partnership', 'sip_investors', 'one_service', 'independent_assessor']) {
      expect(pam.lastHtml).toContain(`name="party.${party}"`);
    }
    expect(pam.lastHtml).toContain('Test Foundation');
    expect(pam.lastHtml).toContain('>Register the contract</button>');

    const registered = await pam.post('/contracts/new', { intent: 'register', key, definition: peterboroughText, ...bindingFields(world) });
    expect(registered.status).toBe(303);
    const id = versionsIdFrom(registered.headers.get('location'));
    expect(id).toBeDefined();
    const versions = await pam.get(`/contracts/${id}/versions`);
    expect(versions.status).toBe(200);
    const contract = await world.payer.api.get(`/v1/contracts/${id}`);
    expect(contract.status).toBe(200);
    expect(await contract.json()).toMatchObject({ reference: peterborough().reference });
  });

  it('registers from an uploaded file (multipart form)', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get('/contracts/new');
    const definition = { ...peterborough(), reference: 'PB-UPLOADED' };
    const form = new FormData();
    form.set('_csrf', csrfOf(pam.lastHtml)!);
    form.set('key', keyOf(pam.lastHtml));
    form.set('intent', 'register');
    form.set('definition', '');
    for (const [name, value] of Object.entries(bindingFields(world))) form.set(name, value);
    form.set('file', new File([JSON.stringify(definition)], 'peterborough.json', { type: 'application/json' }));
    const response = await app.request('/contracts/new', { method: 'POST', headers: { accept: 'text/html', cookie: pam.cookieHeader }, body: form });
    expect(response.status, await response.clone().text()).toBe(303);
    expect(versionsIdFrom(response.headers.get('location'))).toBeDefined();
    expect(await contractsCalled('PB-UPLOADED')).toBe(1);
  });

  it('an invalid definition lists each problem at its path (422) and writes nothing', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get('/contracts/new');
    const definition = { ...peterborough(), reference: 'PB-INVALID', term: { start: '2010-09-10', end: 'someday' } };
    delete (definition as Record<string, unknown>).currency;
    const text = JSON.stringify(definition, null, 2);
    for (const intent of ['check', 'register']) {
      const response = await pam.post('/contracts/new', { intent, key: keyOf(pam.lastHtml), definition: text, ...bindingFields(world) });
      expect(response.status).toBe(422);
      expect(pam.lastHtml).toContain('<code>term.end</code>');
      expect(pam.lastHtml).toContain('<code>currency</code>');
      expect(pam.lastHtml).toContain('aria-invalid="true"');
    }
    const broken = await pam.post('/contracts/new', { intent: 'check', key: keyOf(pam.lastHtml), definition: '{\n  "reference": "x",\n  oops\n}' });
    expect(broken.status).toBe(422);
    expect(pam.lastHtml).toMatch(/Not valid JSON at line 3, column \d+/);
    expect(await contractsCalled('PB-INVALID')).toBe(0);
  });

  it('a party that is not an outcome payer gets the action’s refusal in the form', async () => {
    const oscar = await signedIn('oscar@operator.example');
    await oscar.get('/contracts/new');
    const text = JSON.stringify({ ...peterborough(), reference: 'PB-OPERATOR' });
    const response = await oscar.post('/contracts/new', { intent: 'register', key: keyOf(oscar.lastHtml), definition: text, ...bindingFields(world) });
    expect(response.status).toBe(403);
    expect(oscar.lastHtml).toContain('Only an outcome payer of the contract registers it');
    expect(oscar.lastHtml).toContain('name="party.moj"');
    expect(await contractsCalled('PB-OPERATOR')).toBe(0);
  });

  it('a form posted twice registers once', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get('/contracts/new');
    const key = keyOf(pam.lastHtml);
    const fields = { intent: 'register', key, definition: JSON.stringify({ ...peterborough(), reference: 'PB-TWICE' }), ...bindingFields(world) };
    const first = await pam.post('/contracts/new', fields);
    const second = await pam.post('/contracts/new', fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await contractsCalled('PB-TWICE')).toBe(1);
  });

  it('imports an INDIGO project record into the editor, the parties already bound', async () => {
    const { id } = await activeContract(world, { ...peterborough(), reference: 'PB-INDIGO' }, bindingsOf(bindingFields(world)) as never);
    const exported = await world.payer.api.get(`/v1/contracts/${id}/export/indigo`);
    expect(exported.status).toBe(200);
    const pam = await signedIn('pam@payer.example');
    await pam.get('/contracts/new');
    const response = await pam.post('/contracts/new', { intent: 'indigo', key: keyOf(pam.lastHtml), indigo: await exported.text() });
    expect(response.status).toBe(200);
    expect(pam.lastHtml).toContain('The INDIGO record was converted');
    // Party keys come from the organisations' names; each is bound to the organisation the record refers to.
    expect(pam.lastHtml).toContain('name="party.test_department"');
    expect(pam.lastHtml).toContain(`<option value="${world.payer.id}" selected="">`);
    expect(pam.lastHtml).toContain(`<option value="${world.investor.id}" selected="">`);
    expect(pam.lastHtml).toContain('<code>cohorts</code>');
    const refused = await pam.post('/contracts/new', { intent: 'indigo', key: keyOf(pam.lastHtml), indigo: '{"name": {"value": 5}}' });
    expect(refused.status).toBe(422);
    expect(pam.lastHtml).toContain('does not validate against the standard');
    expect(pam.lastHtml).toContain('<code>project.name.value</code>');
  });
});

describe('proposing an amendment', () => {
  let contractId: string;
  beforeAll(async () => {
    contractId = (await activeContract(world, { ...peterborough(), reference: 'PB-AMEND' }, bindingsOf(bindingFields(world)) as never)).id;
  });

  it('is linked from the terms page for the payer, and not for the operator (403 on the page)', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get(`/contracts/${contractId}`);
    expect(pam.lastHtml).toContain(`<a href="/contracts/${contractId}/amend">`);
    const oscar = await signedIn('oscar@operator.example');
    await oscar.get(`/contracts/${contractId}`);
    expect(oscar.lastHtml).not.toContain(`/contracts/${contractId}/amend`);
    expect((await oscar.get(`/contracts/${contractId}/amend`)).status).toBe(403);
  });

  it('changes the threshold from the current terms; the versions page lists the proposal', async () => {
    const pam = await signedIn('pam@payer.example');
    const page = await pam.get(`/contracts/${contractId}/amend`);
    expect(page.status).toBe(200);
    expect(pam.lastHtml).toContain('&quot;cohortThreshold&quot;: &quot;0.10&quot;');
    // In the order a person writes the terms (the database keeps keys sorted).
    expect(pam.lastHtml).toMatch(/<textarea id="definition"[^>]*>\{\n {2}&quot;reference&quot;: &quot;PB-AMEND&quot;,\n {2}&quot;title&quot;/);
    expect(pam.lastHtml).toMatch(/&quot;term&quot;: \{\n {4}&quot;start&quot;: &quot;2010-09-10&quot;,\n {4}&quot;end&quot;/);
    for (const label of ['Description', 'Reason', 'Effective date (optional)']) expect(pam.lastHtml).toContain(`>${label}</label>`);
    expect(pam.lastHtml).toContain(`<option value="${world.investor.id}" selected="">`);
    const definition = peterborough();
    definition.reference = 'PB-AMEND';
    definition.pricing[0]!.cohortThreshold = '0.12';
    const fields = {
      intent: 'propose', key: keyOf(pam.lastHtml), definition: JSON.stringify(definition, null, 2), description: 'Cohort threshold raised to 12%',
      reason: 'Agreed at the 2012 review', effectiveFrom: '2012-01-01', ...bindingFields(world),
    };
    const proposed = await pam.post(`/contracts/${contractId}/amend`, fields);
    expect(proposed.status, pam.lastHtml).toBe(303);
    expect(proposed.headers.get('location')).toBe(`/contracts/${contractId}/versions`);
    const again = await pam.post(`/contracts/${contractId}/amend`, fields);
    expect(again.status).toBe(303);
    await pam.get(`/contracts/${contractId}/versions`);
    expect(pam.lastHtml).toContain('Cohort threshold raised to 12%');
    const versions = (await (await world.payer.api.get(`/v1/contracts/${contractId}/versions`)).json()) as { items: { status: string }[] };
    expect(versions.items.filter((v) => v.status === 'proposed')).toHaveLength(1);
    expect(versions.items).toHaveLength(2);

    // The editor now starts from the pending proposal.
    await pam.get(`/contracts/${contractId}/amend`);
    expect(pam.lastHtml).toContain('&quot;cohortThreshold&quot;: &quot;0.12&quot;');
  });

  it('an invalid amendment lists its problems at their paths (422) and proposes nothing', async () => {
    const pam = await signedIn('pam@payer.example');
    await pam.get(`/contracts/${contractId}/amend`);
    const definition = peterborough();
    definition.reference = 'PB-AMEND';
    definition.pricing[0]!.cohortThreshold = 'a lot';
    const before = ((await (await world.payer.api.get(`/v1/contracts/${contractId}/versions`)).json()) as { items: unknown[] }).items.length;
    const response = await pam.post(`/contracts/${contractId}/amend`, {
      intent: 'propose', key: keyOf(pam.lastHtml), definition: JSON.stringify(definition), description: '', reason: 'r', effectiveFrom: 'soon',
    });
    expect(response.status).toBe(422);
    expect(pam.lastHtml).toContain('<code>pricing[0].cohortThreshold</code>');
    expect(pam.lastHtml).toContain('id="description-error"');
    expect(pam.lastHtml).toContain('id="effectiveFrom-error"');
    const after = ((await (await world.payer.api.get(`/v1/contracts/${contractId}/versions`)).json()) as { items: unknown[] }).items.length;
    expect(after).toBe(before);
  });
});
