import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationLink } from '../../src/api/people/links.ts';
import { loadConfig } from '../../src/config.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { firstAdministratorInvitation } from '../../src/runtime/first-invitation.ts';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { Journey, signInThroughPage, startJourneyApp, submitAndWait, totpNow } from '../support/journey.ts';
import { activeContract, ADMIN_KEY, client, createWorld, type World } from '../support/world.ts';

/**
 * A person's first steps, in headless Chromium (Debian's, through playwright-core), in French:
 * the invitation link → the account → sign in → two-step verification set up on the profile (the
 * code computed from the key the page shows) → sign out → sign in with password and code → the
 * home page lists the contract of their organisation. Every page is checked by axe-core (no
 * serious or critical violation) and photographed (test-artifacts/screenshots/sign-in/). The
 * browser reaches nothing but the app. Then: the first platform administrator's link, as the
 * first start prints it, leads to the same acceptance page; and the forms work with JavaScript off.
 */
const PASSWORD = 'plusieurs mots sans rapport';

describe.runIf(runBrowserTests)('sign-in journey in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  let world: World;
  let contractTitle: string;

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    service = await startJourneyApp(database);
    world = await createWorld(database, service.app);
    contractTitle = 'Retour à l’emploi — Lyon 2026';
    await activeContract(world, rateCardDefinition({ title: contractTitle }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  async function frenchPage(options: { javaScriptEnabled?: boolean } = {}) {
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'fr-FR', extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' }, ...options });
    return { context, attempted, page: await context.newPage() };
  }

  it('invitation → account → sign in → TOTP on the profile → sign out → sign in with the code → my contracts', async () => {
    const journey = new Journey('sign-in');
    const invited = await client(service.app, ADMIN_KEY).post(`/v1/organisations/${world.operator.id}/invitations`, { email: 'odile@charity.example', name: 'Odile', role: 'admin' });
    const { link } = (await invited.json()) as { link: string };
    expect(link.startsWith(`${service.origin}/invitation?token=`)).toBe(true);

    const { context, attempted, page } = await frenchPage();
    journey.watch(page);
    try {
      // The invitation.
      await page.goto(link);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Créer votre compte');
      expect(await page.getByText('Vous êtes invité·e à rejoindre Test Charity').count()).toBe(1);
      await journey.page(page, 'invitation');
      await page.getByLabel('Votre nom').fill('Odile Opératrice');
      await page.getByLabel('Mot de passe', { exact: true }).fill('court');
      await page.getByLabel('Confirmez le mot de passe').fill('court');
      await submitAndWait(page, page.getByRole('button', { name: 'Créer mon compte' }));
      expect(await page.getByRole('alert').innerText()).toContain('au moins 12 caractères');
      await journey.page(page, 'invitation-password-too-short');
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: 'Créer mon compte' }));

      // Sign in (password only, for now).
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.getByRole('status').innerText()).toContain('Votre compte est prêt');
      expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('odile@charity.example');
      await journey.page(page, 'sign-in-welcome');
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: 'Se connecter' }));
      expect(new URL(page.url()).pathname).toBe('/');
      await journey.page(page, 'home-first-visit');

      // Two-step verification on the profile.
      await page.getByRole('link', { name: 'Mon profil' }).click();
      await page.waitForURL(`${service.origin}/profile`);
      await journey.page(page, 'profile');
      await submitAndWait(page, page.getByRole('button', { name: 'Configurer la validation en deux étapes' }));
      const qr = page.getByRole('img', { name: /QR code/ });
      expect(await qr.count()).toBe(1);
      const secret = (await page.locator('#totp-secret').innerText()).trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await journey.page(page, 'profile-totp-enrolment');
      await page.getByLabel('Saisissez le code à 6 chiffres affiché par votre application').fill(totpNow(secret));
      await submitAndWait(page, page.getByRole('button', { name: 'Activer la validation en deux étapes' }));
      expect(await page.getByRole('status').first().innerText()).toContain('La validation en deux étapes est activée.');
      await journey.page(page, 'profile-totp-on');

      // Sign out, then in again: password, then the code (the next step's: the one just used may not serve twice).
      await submitAndWait(page, page.getByRole('button', { name: 'Se déconnecter', exact: true }));
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.getByRole('status').innerText()).toContain('Vous êtes déconnecté·e.');
      await journey.page(page, 'signed-out');
      await page.getByLabel('Adresse e-mail').fill('odile@charity.example');
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: 'Se connecter' }));
      expect(new URL(page.url()).pathname).toBe('/sign-in/code');
      await journey.page(page, 'sign-in-code');
      await page.getByLabel('Code').fill(totpNow(secret, 1));
      await submitAndWait(page, page.getByRole('button', { name: 'Continuer' }));

      // My contracts: the contract, its title as written, our role in French.
      expect(new URL(page.url()).pathname).toBe('/');
      const table = page.getByRole('table', { name: 'Contrats de Test Charity' });
      const row = table.getByRole('row').filter({ hasText: contractTitle });
      expect(await row.count()).toBe(1);
      expect(await row.getByRole('cell').first().innerText()).toBe('opérateur');
      expect(await row.innerText()).toContain('en vigueur');
      expect(await row.innerText()).toMatch(/Évaluation le \d+ \S+ \d{4}/);
      await journey.page(page, 'home-my-contracts');

      expect(attempted, 'requests to other origins').toEqual([]);
      expect(journey.problems).toEqual([]);
      expect(journey.reports.length).toBeGreaterThanOrEqual(10);
    } finally {
      await context.close();
    }
  });

  it("the first platform administrator's link, as printed at first start, opens the acceptance page", async () => {
    const journey = new Journey('first-administrator');
    const { platformOrganisationId } = await ensureAdministrator(database.db, ADMIN_KEY);
    const config = loadConfig({ PUBLIC_URL: service.origin });
    const first = (await firstAdministratorInvitation(database.db, config, () => new Date(), platformOrganisationId))!;
    const link = invitationLink(config.PUBLIC_URL!, first.token);

    const { context, attempted, page } = await frenchPage();
    journey.watch(page);
    try {
      await page.goto(link);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Créer votre compte');
      await journey.page(page, 'first-admin-invitation');
      await page.getByLabel('Votre nom').fill('Ada Admin');
      await page.getByLabel('Adresse e-mail').fill('ada@platform.example');
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: 'Créer mon compte' }));
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInThroughPage(page, service.origin, { email: 'ada@platform.example', password: PASSWORD });
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByText('Vous administrez la plateforme').count()).toBe(1);
      await journey.page(page, 'first-admin-home');
      expect(attempted).toEqual([]);
      expect(journey.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript off: sign in, the language switch, sign out (plain forms)', async () => {
    // axe-core needs JavaScript: these pages are the ones checked above, here photographed only.
    const journey = new Journey('no-javascript');
    const { context, attempted, page } = await frenchPage({ javaScriptEnabled: false });
    journey.watch(page);
    try {
      await signInThroughPage(page, service.origin, { email: 'ada@platform.example', password: PASSWORD });
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mes contrats');
      await journey.screenshot(page, 'home-french');
      await page.getByLabel('Langue').selectOption('en');
      await submitAndWait(page, page.getByRole('button', { name: 'Changer de langue' }));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('My contracts');
      await journey.screenshot(page, 'home-english');
      await submitAndWait(page, page.getByRole('button', { name: 'Sign out', exact: true }));
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      // Ada's preference (English) was stored, but signed out the browser's own choice (the switch's cookie) speaks.
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
      await journey.screenshot(page, 'signed-out');
      expect(attempted).toEqual([]);
      expect(journey.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
