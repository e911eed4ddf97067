import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDefinitionInput } from '../../src/domain/contract/definition.ts';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { ARTIFACTS, Journey, signInThroughPage, startJourneyApp, submitAndWait } from '../support/journey.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { PASSWORD, personIn } from '../web/support.ts';

/**
 * Contracts read as documents, in headless Chromium: the investor opens Peterborough's terms from
 * "My contracts", reads the versions after an amendment that raises the cohort threshold, sees the
 * change in the comparison, and approves it — refused with a wrong password, applied with the right
 * one. axe-core checks every page (no serious or critical violation); each step is photographed
 * (test-artifacts/screenshots/terms/).
 */
describe.runIf(runBrowserTests)('contract terms journey in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  let world: World;
  let contractId: string;

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    service = await startJourneyApp(database);
    world = await createWorld(database, service.app);
    const definition = JSON.parse(readFileSync('contracts/peterborough.json', 'utf8')) as ContractDefinitionInput;
    const bindings = Object.fromEntries(definition.parties.map((p) => [p.key,
      p.roles.includes('outcome_payer') ? world.payer.id : p.roles.includes('investor') ? world.investor.id
        : p.roles.includes('operator') || p.roles.includes('intermediary') ? world.operator.id : world.evaluator.id]));
    contractId = (await activeContract(world, definition, bindings as never)).id;
    const amended = structuredClone(definition);
    (amended.pricing[0] as { cohortThreshold: string }).cohortThreshold = '0.12';
    const proposed = await world.payer.api.post(`/v1/contracts/${contractId}/amendments`, { definition: amended, description: 'Raise the cohort threshold to 12%', reason: 'Agreed at the board' });
    expect(proposed.status).toBe(201);
    await personIn(service.app, world.investor.id, 'ivan@investor.example', { name: 'Ivan Investor' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  it('reads the terms, the versions and the change, and approves with the password asked again', async () => {
    rmSync(join(ARTIFACTS, 'screenshots', 'terms'), { recursive: true, force: true });
    const journey = new Journey('terms');
    const { context } = await offlineContext(browser, service.origin, { locale: 'en-GB' });
    const page = await context.newPage();
    journey.watch(page);
    try {
      await signInThroughPage(page, service.origin, { email: 'ivan@investor.example', password: PASSWORD });
      await page.getByRole('link', { name: /HMP Peterborough/ }).click();
      await page.waitForLoadState('load');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Terms of HMP Peterborough/);
      expect(await page.locator('section[data-rule-kind="counterfactual_threshold"]').count()).toBe(1);
      await journey.page(page, 'terms');

      await page.getByRole('link', { name: 'Versions and approvals' }).click();
      await page.waitForLoadState('load');
      await journey.page(page, 'versions');

      await page.getByRole('button', { name: 'Show the differences' }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('#changes tbody tr').count()).toBe(1);
      expect(await page.locator('#changes tbody td').innerText()).toBe('10% → 12%');
      await journey.page(page, 'compare');

      await page.getByRole('link', { name: 'Back to the versions' }).click();
      await page.waitForLoadState('load');
      await page.getByLabel('Your password').fill('not my password at all');
      await submitAndWait(page, page.getByRole('button', { name: 'Approve version 2' }));
      expect(await page.getByRole('alert').innerText()).toContain('The password is wrong: nothing was approved.');
      await journey.page(page, 'approve-wrong-password');

      await page.getByLabel('Your password').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: 'Approve version 2' }));
      expect(await page.getByRole('status').first().innerText()).toContain('Your organisation approved version 2.');
      await journey.page(page, 'approved');
      expect(journey.problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
