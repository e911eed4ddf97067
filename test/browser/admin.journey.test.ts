import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlatformOrganisation } from '../../src/db/queries/organisations.ts';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { Journey, signInThroughPage, startJourneyApp, submitAndWait, totpNow } from '../support/journey.ts';
import { client, createWorld } from '../support/world.ts';
import { PASSWORD, personIn } from '../web/support.ts';

/**
 * Administration in headless Chromium (Debian's, through playwright-core), in English: the
 * platform administrator signs in, registers an organisation (a wrong identifier first: the error
 * named in the form), invites its first admin and reads the one-time link; that admin accepts it,
 * signs in, requires two-step verification of the organisation, signs in again (set up the code
 * first, as required, then password and code), invites a member, issues an API key (the secret
 * shown once; the API takes it) and revokes it after the confirmation (the API then refuses it); the
 * member, once joined, is removed after a confirmation and listed among the people removed.
 * Every page is checked by axe-core (no serious or critical violation) and photographed
 * (test-artifacts/screenshots/admin/). The browser reaches nothing but the app.
 */
describe.runIf(runBrowserTests)('administration journey in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    service = await startJourneyApp(database);
    await createWorld(database, service.app);
    const platform = (await findPlatformOrganisation(database.db))!;
    await personIn(service.app, platform.id, 'pat@platform.example', { name: 'Pat Platform' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  async function englishPage() {
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'en-GB', extraHTTPHeaders: { 'accept-language': 'en-GB,en;q=0.9' } });
    return { context, attempted, page: await context.newPage() };
  }

  const path = (page: Page) => new URL(page.url()).pathname;

  it('platform admin registers an organisation and invites its admin; the admin requires TOTP, invites a member, issues a key and revokes it', async () => {
    const journey = new Journey('admin');
    const pat = await englishPage();
    const ada = await englishPage();
    journey.watch(pat.page);
    journey.watch(ada.page);
    try {
      // ── The platform administrator ────────────────────────────────────────────────
      let page = pat.page;
      await signInThroughPage(page, service.origin, { email: 'pat@platform.example', password: PASSWORD });
      expect(path(page)).toBe('/');
      await journey.page(page, 'platform-admin-home');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisations' }).click();
      await page.waitForURL(`${service.origin}/admin/organisations`);
      expect(await page.getByRole('table', { name: 'Registered organisations' }).getByRole('row').filter({ hasText: 'Test Charity' }).count()).toBe(1);
      await journey.page(page, 'organisations');

      await page.getByLabel('Name', { exact: true }).fill('Atelier Solidaire');
      await page.getByLabel('Kind').selectOption('operator');
      await page.getByLabel('Identifier (optional)').fill('SIREN 552100554');
      await submitAndWait(page, page.getByRole('button', { name: 'Register the organisation' }));
      expect(await page.getByRole('alert').innerText()).toContain('Enter an org-id.guide identifier');
      expect(await page.getByLabel('Identifier (optional)').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Atelier Solidaire');
      await journey.page(page, 'register-error');
      await page.getByLabel('Identifier (optional)').fill('FR-SIREN-552100554');
      await submitAndWait(page, page.getByRole('button', { name: 'Register the organisation' }));
      expect(path(page)).toMatch(/^\/admin\/organisations\/[0-9a-f-]{36}$/);
      const organisationId = path(page).split('/')[3]!;
      expect(await page.getByRole('status').first().innerText()).toContain('The organisation Atelier Solidaire is registered');
      await journey.page(page, 'organisation-registered');

      await page.getByLabel('E-mail address').fill('ada@atelier.example');
      await page.getByLabel('Name (optional)').fill('Ada');
      await submitAndWait(page, page.getByRole('button', { name: 'Create the invitation' }));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Invitation created');
      const link = (await page.locator('#invitation-link').innerText()).trim();
      expect(link.startsWith(`${service.origin}/invitation?token=`)).toBe(true);
      await journey.page(page, 'first-admin-invited');
      await page.getByRole('link', { name: 'Back to the organisation' }).click();
      await page.waitForURL(`${service.origin}/admin/organisations/${organisationId}`);
      const pending = page.getByRole('table', { name: 'Invitations not yet accepted' });
      expect(await pending.innerText()).toContain('ada@atelier.example');
      expect(await page.content()).not.toContain(new URL(link).searchParams.get('token')!);
      await journey.page(page, 'organisation-invitation-pending');

      // ── The organisation's first admin ────────────────────────────────────────────
      page = ada.page;
      await page.goto(link);
      await journey.page(page, 'accept-invitation');
      await page.getByLabel('Your name').fill('Ada Admin');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm the password').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: 'Create my account' }));
      expect(path(page)).toBe('/sign-in');
      await page.getByLabel('Password').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: 'Sign in' }));
      expect(path(page)).toBe('/');
      await page.getByRole('link', { name: 'My organisation' }).click();
      await page.waitForURL(`${service.origin}/organisation`);
      expect(await page.getByRole('table', { name: 'Members of Atelier Solidaire' }).innerText()).toContain('ada@atelier.example');
      await journey.page(page, 'my-organisation');

      // Two-step verification required of everyone: Ada's next sign-in sets it up first.
      await page.getByLabel(/^Required:/).check();
      await submitAndWait(page, page.getByRole('button', { name: 'Save' }));
      expect(await page.getByRole('status').first().innerText()).toContain('now required');
      await journey.page(page, 'totp-required');
      await submitAndWait(page, page.getByRole('button', { name: 'Sign out', exact: true }));
      await signInThroughPage(page, service.origin, { email: 'ada@atelier.example', password: PASSWORD });
      expect(path(page)).toBe('/profile');
      await journey.page(page, 'totp-set-up-required');
      await submitAndWait(page, page.getByRole('button', { name: 'Set up two-step verification' }));
      const secret = (await page.locator('#totp-secret').innerText()).trim();
      await page.getByLabel('Enter the 6-digit code your app now shows').fill(totpNow(secret));
      await submitAndWait(page, page.getByRole('button', { name: 'Turn on two-step verification' }));
      expect(path(page)).toBe('/');
      await submitAndWait(page, page.getByRole('button', { name: 'Sign out', exact: true }));
      await signInThroughPage(page, service.origin, { email: 'ada@atelier.example', password: PASSWORD, totpSecret: secret, totpOffset: 1 });
      expect(path(page)).toBe('/');

      // Invite a member.
      await page.getByRole('link', { name: 'My organisation' }).click();
      await page.waitForURL(`${service.origin}/organisation`);
      expect(await page.getByLabel('Member', { exact: true }).isChecked()).toBe(true);
      await page.getByLabel('E-mail address').fill('bob@atelier.example');
      await page.getByLabel('Name (optional)').fill('Bob');
      await submitAndWait(page, page.getByRole('button', { name: 'Create the invitation' }));
      const bobLink = await page.locator('#invitation-link').innerText();
      expect(bobLink).toContain('/invitation?token=');
      expect(await page.getByRole('main').innerText()).toContain('bob@atelier.example is invited to join Atelier Solidaire as member');
      await journey.page(page, 'member-invited');
      await page.getByRole('link', { name: 'Back to the organisation' }).click();
      await page.waitForURL(`${service.origin}/organisation`);

      // Issue a key: the secret shown once, and the API takes it.
      await page.getByLabel('Label (optional)').fill('monthly upload');
      await submitAndWait(page, page.getByRole('button', { name: 'Issue the key' }));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('API key issued');
      const key = (await page.locator('#api-key').innerText()).trim();
      expect(key).toMatch(/^olk_/);
      await journey.page(page, 'key-issued');
      const api = client(service.app, key);
      expect((await api.get('/v1/me')).status).toBe(200);
      await page.getByRole('link', { name: 'Back to the organisation' }).click();
      await page.waitForURL(`${service.origin}/organisation`);
      const keys = page.getByRole('table', { name: 'API keys of Atelier Solidaire' });
      expect(await keys.getByRole('row').filter({ hasText: 'monthly upload' }).innerText()).toContain('active');
      expect(await keys.getByRole('row').filter({ hasText: 'monthly upload' }).innerText()).not.toContain('never'); // used just above
      await journey.page(page, 'keys');

      // Revoke it, after the confirmation: the API refuses it from then on.
      await keys.getByRole('row').filter({ hasText: 'monthly upload' }).getByRole('link', { name: /^Revoke key / }).click();
      await page.waitForURL(/\/api-keys\/[0-9a-f-]{36}\/revoke$/);
      await journey.page(page, 'revoke-confirmation');
      expect((await api.get('/v1/me')).status).toBe(200);
      await submitAndWait(page, page.getByRole('button', { name: 'Revoke the key' }));
      expect(path(page)).toBe('/organisation');
      expect(await page.getByRole('status').first().innerText()).toMatch(/^Key olk_\S+… is revoked\.$/);
      expect(await keys.getByRole('row').filter({ hasText: 'monthly upload' }).innerText()).toContain('revoked on');
      await journey.page(page, 'key-revoked');
      expect((await api.get('/v1/me')).status).toBe(401);

      // Bob joins, then leaves: removed after the confirmation, he is listed among the people removed.
      const bobToken = new URL(bobLink.trim()).searchParams.get('token')!;
      const accepted = await service.app.request('/v1/invitation/accept', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: bobToken, name: 'Bob', password: 'bob has a long password' }),
      });
      expect(accepted.status).toBe(201);
      await page.reload();
      const members = page.getByRole('table', { name: 'Members of Atelier Solidaire' });
      await members.getByRole('row').filter({ hasText: 'Bob' }).getByRole('link', { name: 'Remove Bob…' }).click();
      await page.waitForURL(/\/members\/[0-9a-f-]{36}\/remove$/);
      await journey.page(page, 'remove-confirmation');
      await submitAndWait(page, page.getByRole('button', { name: 'Remove Bob' }));
      expect(path(page)).toBe('/organisation');
      expect(await page.getByRole('status').first().innerText()).toBe('Bob is removed from the organisation and signed out everywhere.');
      expect(await page.getByRole('table', { name: /^People removed from Atelier Solidaire/ }).innerText()).toContain('bob@atelier.example');
      expect(await members.innerText()).not.toContain('bob@atelier.example');
      await journey.page(page, 'member-removed');

      expect(pat.attempted, 'requests to other origins').toEqual([]);
      expect(ada.attempted, 'requests to other origins').toEqual([]);
      expect(journey.problems).toEqual([]);
      expect(journey.reports.length).toBeGreaterThanOrEqual(17);
    } finally {
      await pat.context.close();
      await ada.context.close();
    }
  }, 240_000);
});
