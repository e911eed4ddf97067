import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type LoadedContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ARTIFACTS, Journey, signInThroughPage, startJourneyApp, submitAndWait } from '../support/journey.ts';
import { ADMIN_KEY, client } from '../support/world.ts';
import { PASSWORD, personIn } from '../web/support.ts';

/**
 * Repayment at a glance, in headless Chromium: the Educate Girls example registered, drawn and
 * evaluated through the API; the payer's finance officer opens Liabilities, the contract's status
 * page and the evaluation's statement, then settles the obligation from its pre-filled form; the
 * investor's analyst sees the repayment, the money multiple and the IRR move on the status page and
 * in the portfolio. axe-core on every page; screenshots in test-artifacts/screenshots/repayment/.
 */
describe.runIf(runBrowserTests)('repayment journey in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  /** The service's clock: set back while the evaluation runs (its data known then), the real time otherwise (the browser's cookies expire in real time). */
  let fixed: Date | undefined;
  let l: LoadedContract;
  let id: string;

  const party = (role: string) => l.parties.find((p) => p.roles.includes(role))!;
  const api = (role: string) => client(service.app, party(role).apiKey);

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    await database.reset();
    await ensureAdministrator(database.db, ADMIN_KEY);
    service = await startJourneyApp(database, { clock: () => fixed ?? new Date() });
    const target: Target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => service.app.request(path, init), close: async () => {} };
    l = await loadContract(target, 'contracts/educate-girls.json', { approve: true, data: ['contracts/data/educate-girls.results.csv'], validate: true });
    id = l.contractId;
    expect((await api('investor').post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2015-06-01', amount: '270000.00', currency: 'USD', tranche: 'upfront' })).status).toBe(201);
    fixed = new Date('2018-03-31T23:00:00Z');
    expect((await api('outcome_payer').post(`/v1/contracts/${id}/evaluations`, { asOf: '2018-03-31' })).status).toBe(201);
    fixed = undefined;
    await personIn(service.app, party('outcome_payer').organisationId, 'fiona@payer.example', { name: 'Fiona Finance' });
    await personIn(service.app, party('investor').organisationId, 'ivan@investor.example', { name: 'Ivan Investor' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  async function signedIn(email: string, journey: Journey): Promise<{ page: Page; close(): Promise<void> }> {
    const { context } = await offlineContext(browser, service.origin, { locale: 'en-GB' });
    const page = await context.newPage();
    journey.watch(page);
    await signInThroughPage(page, service.origin, { email, password: PASSWORD });
    return { page, close: () => context.close() };
  }
  /** The exact decimal of a row's number cell in a table (its data-value), read from the page's HTML. */
  async function cell(page: Page, table: string, row: string): Promise<string | undefined> {
    const html = await page.content();
    const start = html.indexOf(`<table class="${table}"`);
    const part = html.slice(start, html.indexOf('</table>', start));
    return new RegExp(`<th scope="row">${row}</th><td class="num" data-value="([^"]*)"`).exec(part)?.[1];
  }

  it('the payer reads and settles; the investor sees the repayment, the multiple and the IRR move', async () => {
    rmSync(join(ARTIFACTS, 'screenshots', 'repayment'), { recursive: true, force: true });
    const journey = new Journey('repayment');

    const ivan = await signedIn('ivan@investor.example', journey);
    await ivan.page.goto(`${service.origin}/contracts/${id}/status`);
    const before = await json(await api('investor').get(`/v1/contracts/${id}/status`));
    expect(await cell(ivan.page, 'investor-figures', 'Repaid to date')).toBe(before.investors[0].repaidToDate);
    expect(await ivan.page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(4);
    await journey.page(ivan.page, 'investor-status-before');

    const fiona = await signedIn('fiona@payer.example', journey);
    const { page } = fiona;
    try {
      await page.getByRole('link', { name: 'Liabilities' }).click();
      await page.waitForLoadState('load');
      await journey.page(page, 'payer-liabilities');
      await page.goto(`${service.origin}/contracts/${id}/status`);
      await journey.page(page, 'payer-status');
      await page.getByRole('link', { name: 'Evaluations and payment statements' }).click();
      await page.waitForLoadState('load');
      await journey.page(page, 'evaluations');
      await page.getByRole('link', { name: /^Statement / }).first().click();
      await page.waitForLoadState('load');
      await journey.page(page, 'statement');
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(ARTIFACTS, 'screenshots', 'repayment', 'statement-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });

      await page.goto(`${service.origin}/payer`);
      await page.getByRole('link', { name: /^Record a settlement/ }).first().click();
      await page.waitForLoadState('load');
      const amount = await page.getByLabel('Amount paid').inputValue();
      expect(amount).toMatch(/^\d+\.\d{2}$/);
      await journey.page(page, 'settle-form');
      await submitAndWait(page, page.getByRole('button', { name: 'Record the settlement' }));
      expect(page.url()).toContain('/payer');
      await journey.page(page, 'payer-after');
      const settlements = await json(await api('outcome_payer').get(`/v1/contracts/${id}/settlements`));
      expect(settlements.items).toHaveLength(1);

      const status = await json(await api('investor').get(`/v1/contracts/${id}/status`));
      await ivan.page.reload();
      expect(await cell(ivan.page, 'investor-figures', 'Repaid to date')).toBe(amount);
      expect(await cell(ivan.page, 'investor-figures', 'Money multiple')).toBe(status.investors[0].moneyMultiple);
      expect(await cell(ivan.page, 'investor-figures', 'IRR to date')).toBe(status.investors[0].irrToDate);
      expect(status.investors[0].irrToDate).not.toBeNull();
      await journey.page(ivan.page, 'investor-status-after');
      await ivan.page.getByRole('link', { name: 'Portfolio' }).click();
      await ivan.page.waitForLoadState('load');
      await journey.page(ivan.page, 'investor-portfolio');
    } finally {
      await fiona.close();
      await ivan.close();
    }
  }, 240_000);
});
