import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/people/totp.ts';
import { formatAmount } from '../../src/web/format.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { invitationLink, PASSWORD, personIn, Visitor } from './support.ts';

/**
 * The web pages, server side, with the app in-process over a real database: sign-in (rotated
 * session cookie, redirect), CSRF refused, the language (Accept-Language, the member's
 * preference), amounts as the French write them, the redirect of a visitor not signed in, and a
 * member of another organisation who does not see our contract.
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
  await personIn(app, world.operator.id, 'olga@charity.example', { name: 'Olga Operator' });
  await personIn(app, world.outsider.id, 'otto@council.example', { name: 'Otto Outsider' });
  await personIn(app, world.operator.id, 'francoise@charity.example', { name: 'Françoise', locale: 'fr' });
}, 120_000);
afterAll(() => database?.close());

describe('not signed in', () => {
  it('/ and /profile redirect to the sign-in page, with where to come back', async () => {
    const visitor = new Visitor(app);
    const home = await visitor.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/sign-in?next=%2F');
    const profile = await visitor.get('/profile');
    expect(profile.headers.get('location')).toBe('/sign-in?next=%2Fprofile');
    const page = await visitor.get('/sign-in?next=%2Fprofile');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(visitor.lastHtml).toContain('<html lang="en">');
    expect(visitor.lastHtml).toMatch(/<label for="email">E-mail address<\/label>/);
  });

  it('a page that does not exist is a 404 page for a browser, and still a problem for a program', async () => {
    const page = await new Visitor(app, { 'accept-language': 'fr-FR,fr;q=0.9' }).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Page introuvable');
    const problem = await app.request('/no-such-page');
    expect(problem.status).toBe(404);
    expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('pages carry a strict Content-Security-Policy and load only assets of this origin, cached for good', async () => {
    const visitor = new Visitor(app);
    const page = await visitor.get('/sign-in');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const urls = [...visitor.lastHtml.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.filter((u) => /^(https?:)?\/\//.test(u))).toEqual([]);
    const stylesheet = /href="(\/assets\/style-[0-9a-f]{16}\.css)"/.exec(visitor.lastHtml)![1]!;
    const script = /src="(\/assets\/htmx-2\.0\.11\.min\.js)"/.exec(visitor.lastHtml)![1]!;
    for (const path of [stylesheet, script]) {
      const asset = await app.request(path);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect(await (await app.request(script)).text()).toContain('htmx');
  });
});

describe('signing in', () => {
  it('sets a new session cookie (the one presented before is revoked) and redirects where asked', async () => {
    const visitor = new Visitor(app);
    expect((await visitor.signIn('olga@charity.example')).status).toBe(303);
    const first = visitor.cookies.get('ol_session')!;
    expect(first).toMatch(/^ols_/);
    await visitor.get('/profile');
    // Signing in again while signed in (another tab's form): the session presented is replaced.
    const again = await visitor.post('/sign-in?next=%2Fprofile', { email: 'olga@charity.example', password: PASSWORD });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/profile');
    const second = visitor.cookies.get('ol_session')!;
    expect(second).not.toBe(first);
    expect(again.headers.getSetCookie().join('\n')).toMatch(/ol_session=ols_[^;]+;.*HttpOnly.*SameSite=Lax/);
    // The old session no longer opens anything.
    const stale = await app.request('/', { headers: { cookie: `ol_session=${first}` } });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toContain('/sign-in');
    expect((await visitor.get('/profile')).status).toBe(200);
  });

  it('a wrong password and an unknown address get the same answer', async () => {
    const wrong = new Visitor(app);
    const a = await wrong.signIn('olga@charity.example', 'not the password at all');
    const unknown = new Visitor(app);
    const b = await unknown.signIn('nobody@nowhere.example', 'not the password at all');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    const message = (html: string) => /<div class="notice error"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
    expect(message(wrong.lastHtml)).toContain('The e-mail address or the password is wrong.');
    expect(message(wrong.lastHtml)).toBe(message(unknown.lastHtml));
    expect(wrong.cookies.has('ol_session')).toBe(false);
  });

  it('refuses an offsite `next` (no open redirect)', async () => {
    const visitor = new Visitor(app);
    const response = await visitor.signIn('olga@charity.example', PASSWORD, '//evil.example/');
    expect(response.headers.get('location')).toBe('/');
  });
});

describe('CSRF', () => {
  it('a signed-in form post without the token is refused with a 403 page, and changes nothing', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn('olga@charity.example');
    await visitor.get('/profile');
    const refused = await visitor.post('/sign-out-everywhere', {}, null);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(visitor.lastHtml).toContain('This form has expired or did not come from this site');
    const wrong = await visitor.post('/language', { locale: 'fr', next: '/' }, 'not-the-token');
    expect(wrong.status).toBe(403);
    expect((await visitor.get('/profile')).status).toBe(200);
    expect(visitor.lastHtml).toContain('<html lang="en">');
  });

  it('the sign-in form needs its token too (no login CSRF)', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/sign-in');
    const refused = await visitor.post('/sign-in', { email: 'olga@charity.example', password: PASSWORD }, null);
    expect(refused.status).toBe(403);
    expect(visitor.cookies.has('ol_session')).toBe(false);
  });
});

describe('French and English', () => {
  it('a visitor whose browser prefers French reads French', async () => {
    const visitor = new Visitor(app, { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    await visitor.get('/sign-in');
    expect(visitor.lastHtml).toContain('<html lang="fr">');
    expect(visitor.lastHtml).toContain('<h1>Connexion</h1>');
    expect(visitor.lastHtml).toContain('Adresse e-mail');
  });

  it("a member's preference wins over the browser's, and the switch stores it", async () => {
    const francoise = new Visitor(app, { 'accept-language': 'en-GB,en;q=0.9' });
    await francoise.signIn('francoise@charity.example');
    await francoise.get('/');
    expect(francoise.lastHtml).toContain('<html lang="fr">');
    expect(francoise.lastHtml).toContain('<h1>Mes contrats</h1>');
    expect(francoise.lastHtml).toContain('opérateur');

    const olga = new Visitor(app, { 'accept-language': 'en-GB' });
    await olga.signIn('olga@charity.example');
    await olga.get('/profile');
    const switched = await olga.post('/language', { locale: 'fr', next: '/profile?done=locale' });
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe('/profile?done=locale');
    // A new browser, English, signed in as Olga: her stored preference.
    const elsewhere = new Visitor(app, { 'accept-language': 'en' });
    await elsewhere.signIn('olga@charity.example');
    await elsewhere.get('/');
    expect(elsewhere.lastHtml).toContain('<html lang="fr">');
    const back = await elsewhere.post('/language', { locale: 'en', next: '/' });
    expect(back.status).toBe(303);
  });

  it('amounts are written as the French write them, from decimal strings, exactly', () => {
    expect(formatAmount('1234.56', 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatAmount('1234.56', 'EUR', 'en')).toBe('€1,234.56');
    expect(formatAmount('12345678901234567.89', 'EUR', 'fr')).toBe('12\u202f345\u202f678\u202f901\u202f234\u202f567,89\u00a0€');
    expect(formatAmount('0.125', 'GBP', 'en')).toBe('£0.125');
  });
});

describe('My contracts', () => {
  it("lists the organisation's contracts with its role, and the title as written", async () => {
    const visitor = new Visitor(app);
    await visitor.signIn('olga@charity.example');
    await visitor.get('/');
    expect(visitor.lastHtml).toContain(`data-contract-id="${contractId}"`);
    expect(visitor.lastHtml).toContain('Emploi durable — Test');
    expect(visitor.lastHtml).toMatch(/<caption>Contracts of Test Charity<\/caption>/);
    expect(visitor.lastHtml).toMatch(/<th scope="col">Our role<\/th>/);
    expect(visitor.lastHtml).toContain('<td>operator</td>');
    expect(visitor.lastHtml).toContain('Evaluation on');
  });

  it('a member of another organisation does not see it', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn('otto@council.example');
    const home = await visitor.get('/');
    expect(home.status).toBe(200);
    expect(visitor.lastHtml).not.toContain(contractId);
    expect(visitor.lastHtml).not.toContain('Emploi durable');
    expect(visitor.lastHtml).toContain('Your organisation is not party to any contract yet.');
  });
});

describe('invitation and two-step verification through the pages', () => {
  it('accepts an invitation (password rule enforced, confirmation), then signs in with TOTP set up on the profile', async () => {
    const link = await invitationLink(app, world.evaluator.id, 'eve@evaluators.example');
    const path = new URL(link).pathname + new URL(link).search;
    const visitor = new Visitor(app, { 'accept-language': 'fr' });
    expect((await visitor.get(path)).status).toBe(200);
    expect(visitor.lastHtml).toContain('Créer votre compte');
    const token = new URL(link).searchParams.get('token')!;
    const short = await visitor.post('/invitation', { token, name: 'Eve', password: 'short', confirm: 'short' });
    expect(short.status).toBe(422);
    expect(visitor.lastHtml).toContain('au moins 12 caractères');
    const mismatch = await visitor.post('/invitation', { token, name: 'Eve', password: PASSWORD, confirm: `${PASSWORD}!` });
    expect(mismatch.status).toBe(422);
    expect(visitor.lastHtml).toContain('Les deux mots de passe ne sont pas identiques.');
    const accepted = await visitor.post('/invitation', { token, name: 'Eve Évaluatrice', password: PASSWORD, confirm: PASSWORD });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toContain('/sign-in?done=welcome');
    expect((await visitor.get(path)).status).toBe(409);

    await visitor.signIn('eve@evaluators.example');
    await visitor.get('/profile');
    expect(visitor.lastHtml).toContain('<html lang="fr">');
    const enrol = await visitor.post('/profile/totp', {});
    expect(enrol.status).toBe(200);
    expect(visitor.lastHtml).toMatch(/<svg role="img" aria-label="[^"]+"/);
    const secret = /<code class="secret" id="totp-secret">([A-Z2-7]+)<\/code>/.exec(visitor.lastHtml)![1]!;
    const wrong = await visitor.post('/profile/totp/confirm', { code: '000000' === totpCode(secret, new Date()) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(visitor.lastHtml).toContain(secret);
    const confirmed = await visitor.post('/profile/totp/confirm', { code: totpCode(secret, new Date()) });
    expect(confirmed.headers.get('location')).toBe('/profile?done=totpOn');

    await visitor.get('/profile');
    await visitor.post('/sign-out', {});
    expect(visitor.cookies.has('ol_session')).toBe(false);
    const signIn = await visitor.signIn('eve@evaluators.example');
    expect(signIn.headers.get('location')).toBe('/sign-in/code?next=%2F');
    expect((await visitor.get('/')).headers.get('location')).toContain('/sign-in/code');
    await visitor.get('/sign-in/code?next=%2F');
    expect(visitor.lastHtml).toContain('Saisissez votre code');
    // The code of the next step: the one used to confirm may not be used twice.
    const code = totpCode(secret, new Date(Date.now() + 30_000));
    const done = await visitor.post('/sign-in/code?next=%2F', { code });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    expect((await visitor.get('/')).status).toBe(200);
    expect(visitor.lastHtml).toContain('Eve Évaluatrice');
  });
});
