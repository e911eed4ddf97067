import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type LoadedContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { ContractDefinition } from '../../src/domain/contract/definition.ts';
import { disclosureOf, fieldValues } from '../../src/domain/contract/disclosure.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { ARTIFACTS, Journey, startJourneyApp } from '../support/journey.ts';
import { ADMIN_KEY } from '../support/world.ts';

/**
 * The public page, in headless Chromium, nobody signed in: Peterborough's example (published in
 * its terms, without its price per event, caps or investors' terms) registered, approved, its
 * results validated; the list, the contract's page in English and French, and its INDIGO export
 * link. axe-core on every page; screenshots in test-artifacts/screenshots/public/.
 */
describe.runIf(runBrowserTests)('public journey in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  let l: LoadedContract;

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    await database.reset();
    await ensureAdministrator(database.db, ADMIN_KEY);
    service = await startJourneyApp(database);
    const target: Target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => service.app.request(path, init), close: async () => {} };
    l = await loadContract(target, 'contracts/peterborough.json', { approve: true, data: ['contracts/data/peterborough.results.csv'], validate: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  it('a visitor finds the published contract and reads only what was disclosed', async () => {
    rmSync(join(ARTIFACTS, 'screenshots', 'public'), { recursive: true, force: true });
    const journey = new Journey('public');
    const definition = ContractDefinition.parse(l.definition);
    const disclosure = disclosureOf(definition);
    for (const locale of ['en-GB', 'fr-FR']) {
      const { context } = await offlineContext(browser, service.origin, { locale });
      try {
        const page = await context.newPage();
        journey.watch(page);
        await page.goto(`${service.origin}/public/`);
        await journey.page(page, `list-${locale}`);
        await page.getByRole('link', { name: definition.title }).click();
        await page.waitForLoadState('load');
        await journey.page(page, `contract-${locale}`);
        const text = await page.locator('main').innerText();
        expect(text).toContain(definition.title);
        for (const name of definition.parties.map((p) => p.name)) expect(text).toContain(name);
        expect(disclosure.prices).toBe('PRIVATE');
        for (const price of fieldValues(definition, 'prices')) expect(text.replace(/[\s\u00a0\u202f,.]/g, '')).not.toContain(price.replace(/[.,]/g, ''));
        const link = page.getByRole('link', { name: /INDIGO/ });
        const href = await link.getAttribute('href');
        const exported = await (await page.request.get(`${service.origin}${href}`)).json();
        expect(exported.project.name.value).toBe(definition.title);
      } finally {
        await context.close();
      }
    }
    expect(journey.problems).toEqual([]);
  }, 240_000);
});
