import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDefinitionInput } from '../../src/domain/contract/definition.ts';
import { totpCode } from '../../src/domain/people/totp.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { personIn, Visitor } from './support.ts';

/**
 * Contracts read as documents (issue 18), server side over a real database: every example
 * contract's terms page renders for a party (404 for others), a price in French exactly as French
 * writes it, the versions with their approvals, the comparison of an amended threshold, and an
 * approval that asks for the password again (wrong: 422, nothing approved; right: approved).
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
// A clock the test can move (a TOTP code is good once: the next one is 30 seconds later).
let offset = 0;
const clock = () => new Date(Date.now() + offset);
const contracts = new Map<string, { id: string; definition: ContractDefinitionInput }>();

const examples = readdirSync('contracts').filter((f) => f.endsWith('.json'));

function bindingsFor(w: World, definition: ContractDefinitionInput): Record<string, string> {
  const orgOf = (roles: readonly string[]) =>
    roles.includes('outcome_payer') ? w.payer.id : roles.includes('investor') ? w.investor.id
      : roles.includes('operator') || roles.includes('intermediary') ? w.operator.id : w.evaluator.id;
  return Object.fromEntries(definition.parties.map((p) => [p.key, orgOf(p.roles)]));
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database, { clock });
  world = await createWorld(database, app);
  for (const file of examples) {
    const definition = JSON.parse(readFileSync(`contracts/${file}`, 'utf8')) as ContractDefinitionInput;
    contracts.set(file, { id: (await activeContract(world, definition, bindingsFor(world, definition) as never)).id, definition });
  }
  await personIn(app, world.payer.id, 'paula@payer.example', { name: 'Paula Payer', locale: 'fr' });
  await personIn(app, world.investor.id, 'ivan@investor.example', { name: 'Ivan Investor' });
  await personIn(app, world.outsider.id, 'otto@council.example', { name: 'Otto Outsider' });
}, 300_000);
afterAll(() => database?.close());

async function signedIn(email: string): Promise<Visitor> {
  const visitor = new Visitor(app);
  expect((await visitor.signIn(email)).status).toBe(303);
  return visitor;
}

const peterborough = () => contracts.get('peterborough.json')!;

describe('the terms page', () => {
  it('renders every example contract as a document for a party: each rule in its section, names as written, nothing unwritten', async () => {
    const ivan = await signedIn('ivan@investor.example');
    for (const [file, { id, definition }] of contracts) {
      const response = await ivan.get(`/contracts/${id}`);
      expect(response.status, file).toBe(200);
      const html = ivan.lastHtml;
      for (const rule of definition.pricing) {
        expect(html, `${file} ${rule.key}`).toContain(`id="rule-${rule.key}"`);
        expect(html).toContain(`data-rule-kind="${rule.kind}"`);
      }
      for (const metric of definition.metrics) expect(html, metric.key).toContain(metric.name.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;'));
      expect(html).not.toContain('[object Object]');
      expect(html).not.toContain('undefined');
      expect(html).not.toContain('NaN');
      expect(html).toContain('Test Foundation');
      expect(html).toMatch(/<h1>Terms of /);
    }
  });

  it('is linked from the home page’s list of contracts', async () => {
    const ivan = await signedIn('ivan@investor.example');
    await ivan.get('/');
    for (const { id } of contracts.values()) expect(ivan.lastHtml).toContain(`<a href="/contracts/${id}">`);
  });

  it('is the 404 page for a person whose organisation is not a party', async () => {
    const otto = await signedIn('otto@council.example');
    expect((await otto.get(`/contracts/${peterborough().id}`)).status).toBe(404);
    expect((await otto.get(`/contracts/${peterborough().id}/versions`)).status).toBe(404);
  });

  it('writes prices in French as French writes them (exact, from the decimal string)', async () => {
    const paula = await signedIn('paula@payer.example');
    expect((await paula.get(`/contracts/${peterborough().id}`)).status).toBe(200);
    const html = paula.lastHtml;
    expect(html).toContain('<html lang="fr">');
    // Pounds as a French finance officer writes them (the sign £, not Intl's fr-FR « £GB »): exact digits and spaces.
    expect(html).toContain('Prix par unité d’amélioration</dt><dd>21\u202f600,00\u00a0£</dd>');
    expect(html).toContain('<td class="num">5\u202f000\u202f000,00\u00a0£</td>');
    expect(html).not.toContain('£GB');
    expect(html).toContain('<dd>10\u00a0%</dd>');
    expect(html).toContain('<dd>7,5\u00a0%</dd>');
  });
});

describe('the publication terms on the terms page', () => {
  it('lists whether the contract is published and each field PUBLIC or PRIVATE, in English and French', async () => {
    const { id, definition } = peterborough();
    const disclosure = definition.publication!.disclosure!;
    const ivan = await signedIn('ivan@investor.example');
    expect((await ivan.get(`/contracts/${id}`)).status).toBe(200);
    const section = (html: string) => html.match(/<section id="publication"[\s\S]*?<\/section>/)?.[0] ?? '';
    let html = section(ivan.lastHtml);
    expect(html).toContain('<h2 id="publication-heading">Publication</h2>');
    expect(html).toContain('<dt>Public page</dt><dd>published</dd>');
    expect(html).toMatch(/<th scope="row">Title<\/th><td>public \(PUBLIC\)<\/td>/);
    expect(html).toMatch(/<th scope="row">Prices, shares, payment at full achievement, indexation<\/th><td>private \(PRIVATE\)<\/td>/);
    expect((html.match(/public \(PUBLIC\)/g) ?? []).length).toBe(Object.values(disclosure).filter((v) => v === 'PUBLIC').length);
    expect((html.match(/<tr><th scope="row">/g) ?? []).length).toBe(13); // one row per disclosure field
    expect(ivan.lastHtml).toContain('<a href="#publication">Publication</a>');
    const paula = await signedIn('paula@payer.example');
    await paula.get(`/contracts/${id}`);
    html = section(paula.lastHtml);
    expect(html).toContain('<dt>Page publique</dt><dd>publiée</dd>');
    expect(html).toMatch(/<th scope="row">Titre<\/th><td>public \(PUBLIC\)<\/td>/);
    expect(html).toMatch(/<th scope="row">Prix, parts, paiement à 100 % d’atteinte, indexation<\/th><td>privé \(PRIVATE\)<\/td>/);
  });

  it('shows an amendment turning publication on in the comparison, field by field, in both languages', async () => {
    const { id, definition } = contracts.get('london-rough-sleeping.json')!;
    const amended = { ...structuredClone(definition), publication: { published: true, disclosure: { title: 'PUBLIC' as const, prices: 'PUBLIC' as const } } };
    const proposed = await world.payer.api.post(`/v1/contracts/${id}/amendments`, { definition: amended, description: 'Publish the rate card', reason: 'Transparency' });
    expect(proposed.status).toBe(201);
    const ivan = await signedIn('ivan@investor.example');
    expect((await ivan.get(`/contracts/${id}/versions/compare?from=1&to=2`)).status).toBe(200);
    expect(ivan.lastHtml).toContain('<th scope="row">Publication › public page</th><td>not published → published</td>');
    expect(ivan.lastHtml).toContain('<th scope="row">Publication › disclosure of the prices</th><td>private (PRIVATE) → public (PUBLIC)</td>');
    expect((ivan.lastHtml.match(/<tr data-change=/g) ?? []).length).toBe(3);
    const paula = await signedIn('paula@payer.example');
    await paula.get(`/contracts/${id}/versions/compare?from=1&to=2`);
    expect(paula.lastHtml).toContain('<th scope="row">Publication › publication du titre</th><td>privé (PRIVATE) → public (PUBLIC)</td>');
  });

  it('says a contract without publication terms is not published', async () => {
    const ivan = await signedIn('ivan@investor.example');
    const { id } = contracts.get('london-rough-sleeping.json')!;
    await ivan.get(`/contracts/${id}`);
    expect(ivan.lastHtml).toMatch(/<section id="publication"[\s\S]*?<dt>Public page<\/dt><dd>not published<\/dd>/);
  });
});

describe('versions, the comparison and the approval', () => {
  let amendedHash = '';

  it('lists the versions with their approvals, then an amendment awaiting approval with the parties still to approve', async () => {
    const { id, definition } = peterborough();
    const amended = structuredClone(definition);
    (amended.pricing[0] as { cohortThreshold: string }).cohortThreshold = '0.12';
    const proposed = await world.payer.api.post(`/v1/contracts/${id}/amendments`, { definition: amended, description: 'Raise the cohort threshold', reason: 'Agreed at the board' });
    expect(proposed.status).toBe(201);
    amendedHash = ((await proposed.json()) as { contentHash: string }).contentHash;
    const ivan = await signedIn('ivan@investor.example');
    expect((await ivan.get(`/contracts/${id}/versions`)).status).toBe(200);
    const html = ivan.lastHtml;
    expect(html).toContain('<tr data-version="1">');
    expect(html).toContain('<tr data-version="2">');
    expect(html).toContain('Raise the cohort threshold');
    expect(html).toContain('Reason: Agreed at the board');
    expect(html).toContain(amendedHash);
    // Version 1: approved by the three parties through their keys.
    expect(html).toMatch(/Approvals of version 1[\s\S]*Test Department[\s\S]*by an API key/);
    expect(html).toMatch(/Still to approve: [^<]*Test Department/);
  });

  it('shows the changed threshold in the comparison, in the page’s language', async () => {
    const ivan = await signedIn('ivan@investor.example');
    const { id, definition } = peterborough();
    expect((await ivan.get(`/contracts/${id}/versions/compare?from=1&to=2`)).status).toBe(200);
    expect(ivan.lastHtml).toContain(`Pricing rule “${definition.pricing[0]!.name}” › threshold per cohort`);
    expect(ivan.lastHtml).toContain('<td>10% → 12%</td>');
    expect((ivan.lastHtml.match(/<tr data-change=/g) ?? []).length).toBe(1);
    const paula = await signedIn('paula@payer.example');
    await paula.get(`/contracts/${id}/versions/compare?from=1&to=2`);
    expect(paula.lastHtml).toContain('<td>10\u00a0% → 12\u00a0%</td>');
    expect((await ivan.get(`/contracts/${id}/versions/compare?from=1&to=9`)).status).toBe(422);
  });

  it('asks for the password again: a wrong one is refused in the form (422) and approves nothing; the right one approves', async () => {
    const { id } = peterborough();
    const ivan = await signedIn('ivan@investor.example');
    await ivan.get(`/contracts/${id}/versions`);
    expect(ivan.lastHtml).toContain('id="approve-hash">' + amendedHash);
    expect(ivan.lastHtml).toContain('type="password"');
    const approvals = async () => (await database.db.selectFrom('contract_approval').innerJoin('contract_version', 'contract_version.id', 'contract_approval.version_id')
      .select(['contract_approval.organisation_id', 'contract_approval.member_id']).where('contract_version.contract_id', '=', id).where('contract_version.number', '=', 2).execute());
    const wrong = await ivan.post(`/contracts/${id}/versions/approve`, { contentHash: amendedHash, password: 'not my password at all' });
    expect(wrong.status).toBe(422);
    expect(ivan.lastHtml).toContain('The password is wrong: nothing was approved.');
    expect(ivan.lastHtml).toContain('aria-invalid="true"');
    expect(await approvals()).toEqual([]);
    const right = await ivan.post(`/contracts/${id}/versions/approve`, { contentHash: amendedHash, password: 'correct horse battery staple' });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(`/contracts/${id}/versions?done=approved`);
    const given = await approvals();
    expect(given).toHaveLength(1);
    expect(given[0]!.organisation_id).toBe(world.investor.id);
    expect(given[0]!.member_id).not.toBeNull();
    await ivan.get(right.headers.get('location')!);
    expect(ivan.lastHtml).toContain('Your organisation approved version 2.');
    expect(ivan.lastHtml).toMatch(/Approvals of version 2[\s\S]*Test Foundation<\/th><td>Ivan Investor<\/td>/);
    expect(ivan.lastHtml).not.toContain('id="approve-hash"');
  });

  it('asks a person with two-step verification for a code instead: a wrong code approves nothing, a fresh one approves', async () => {
    const { id } = peterborough();
    const paula = await signedIn('paula@payer.example');
    await paula.get('/profile');
    await paula.post('/profile/totp', {});
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(paula.lastHtml)![1]!;
    expect((await paula.post('/profile/totp/confirm', { code: totpCode(secret, clock()) })).status).toBe(303);
    await paula.get(`/contracts/${id}/versions`);
    expect(paula.lastHtml).toContain('name="code"');
    expect(paula.lastHtml).not.toContain('type="password"');
    const payerApprovals = () => database.db.selectFrom('contract_approval').innerJoin('contract_version', 'contract_version.id', 'contract_approval.version_id')
      .select('contract_approval.id').where('contract_version.contract_id', '=', id).where('contract_version.number', '=', 2)
      .where('contract_approval.organisation_id', '=', world.payer.id).execute();
    // The code just used to turn it on is spent.
    const reused = await paula.post(`/contracts/${id}/versions/approve`, { contentHash: amendedHash, code: totpCode(secret, clock()) });
    expect(reused.status).toBe(422);
    expect(paula.lastHtml).toContain('Le code est erroné ou déjà utilisé : rien n’a été approuvé.');
    expect(await payerApprovals()).toEqual([]);
    offset += 30_000;
    const right = await paula.post(`/contracts/${id}/versions/approve`, { contentHash: amendedHash, code: totpCode(secret, clock()) });
    expect(right.status).toBe(303);
    expect(await payerApprovals()).toHaveLength(1);
    await paula.get(right.headers.get('location')!);
    expect(paula.lastHtml).toMatch(/Doivent encore approuver : Test Charity\./);
  });

  it('refuses an approval without the CSRF token', async () => {
    const { id } = peterborough();
    const ivan = await signedIn('ivan@investor.example');
    await ivan.get(`/contracts/${id}/versions`);
    expect((await ivan.post(`/contracts/${id}/versions/approve`, { contentHash: amendedHash, password: 'correct horse battery staple' }, null)).status).toBe(403);
  });
  // Last in this block: the failures it records throttle this person for the window.
  it('counts wrong passwords on the approval form like failed sign-ins: after 5, even the right one waits (429), nothing approved', async () => {
    const { id } = peterborough();
    const ivan = await signedIn('ivan@investor.example');
    await ivan.get(`/contracts/${id}/versions`);
    const approvalCount = async () => (await database.db.selectFrom('contract_approval').select('id').execute()).length;
    const before = await approvalCount();
    for (let i = 0; i < 5; i++) {
      expect((await ivan.post(`/contracts/${id}/versions/approve`, { contentHash: amendedHash, password: `guess number ${i} of many` })).status).toBe(422);
    }
    const throttled = await ivan.post(`/contracts/${id}/versions/approve`, { contentHash: amendedHash, password: 'correct horse battery staple' });
    expect(throttled.status).toBe(429);
    expect(await approvalCount()).toBe(before);
  });
});
