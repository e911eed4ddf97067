import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { ARTIFACTS, Journey, signInThroughPage, startJourneyApp } from '../support/journey.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { PASSWORD, personIn } from '../web/support.ts';

/**
 * The contract editor's live check in headless Chromium, cut off from everything but the app: the
 * payer types an invalid definition into the register page and sees the problems listed with their
 * paths as they type (JSON syntax with line and column, then the JSON Schema's problems), fixes it,
 * and asks the server about relations; the amend page starts valid. The validator and the page's
 * script come from the app (no other origin is even tried). axe-core on both pages.
 */
describe.runIf(runBrowserTests)('the contract editor in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  let world: World;
  let contractId: string;
  const text = readFileSync('contracts/peterborough.json', 'utf8');

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    await database.reset();
    service = await startJourneyApp(database);
    world = await createWorld(database, service.app);
    const definition = JSON.parse(text) as { parties: { key: string; roles: string[] }[] };
    const orgOf = (roles: string[]) => roles.includes('outcome_payer') ? world.payer.id : roles.includes('investor') ? world.investor.id
      : roles.includes('evaluator') ? world.evaluator.id : world.operator.id;
    contractId = (await activeContract(world, definition, Object.fromEntries(definition.parties.map((p) => [p.key, orgOf(p.roles)])) as never)).id;
    await personIn(service.app, world.payer.id, 'pam@payer.example', { name: 'Pam Payer' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  it('lists the problems live with their paths, then none once fixed; the server checks relations; no request leaves the origin', async () => {
    rmSync(join(ARTIFACTS, 'screenshots', 'contract-editor'), { recursive: true, force: true });
    const journey = new Journey('contract-editor');
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'en-GB' });
    const page = await context.newPage();
    journey.watch(page);
    await signInThroughPage(page, service.origin, { email: 'pam@payer.example', password: PASSWORD });

    await page.goto(`${service.origin}/contracts/new`);
    const editor = page.getByLabel('Contract definition (JSON)');
    const live = page.locator('[data-live-problems]');
    await expect.poll(() => live.textContent()).toContain('The definition is empty');
    await journey.page(page, 'register-empty');

    // A syntax error: its line and column.
    await editor.fill('{\n  "reference": "PB-LIVE",\n  "title": \n}');
    await expect.poll(() => live.textContent()).toMatch(/Not valid JSON at line 4, column 1/);

    // The schema's problems, each at its path.
    const wrong = JSON.parse(text) as { pricing: Record<string, unknown>[]; term: Record<string, unknown> };
    wrong.pricing[0]!.cohortThreshold = 0.1;
    wrong.term.start = 2010;
    await editor.fill(JSON.stringify(wrong, null, 2));
    await expect.poll(() => live.locator('li code').allTextContents()).toEqual(expect.arrayContaining(['pricing[0].cohortThreshold', 'term.start']));
    expect(await live.textContent()).toContain('Expected "string"');
    expect(await live.locator('li').count()).toBeLessThan(6);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await journey.page(page, 'register-live-problems');

    // Fixed: no problem.
    await editor.fill(text);
    await expect.poll(() => live.textContent()).toContain('The JSON Schema finds no problem');
    expect(await editor.getAttribute('aria-invalid')).toBeNull();

    // Relations the schema cannot express: the server's check (session cookie + X-CSRF-Token).
    const relational = JSON.parse(text) as { pricing: { metric: string }[] };
    relational.pricing[0]!.metric = 'no_such_metric';
    await editor.fill(JSON.stringify(relational, null, 2));
    await expect.poll(() => live.textContent()).toContain('The JSON Schema finds no problem');
    await page.getByRole('button', { name: 'Check relations with the server' }).click();
    const server = page.locator('[data-server-problems]');
    await expect.poll(() => server.locator('li code').allTextContents()).toContain('pricing[0].metric');
    await editor.fill(text);
    await page.getByRole('button', { name: 'Check relations with the server' }).click();
    await expect.poll(() => server.textContent()).toContain('The server finds no problem');
    await journey.page(page, 'register-valid');

    // The amend page starts from the terms in force: valid.
    await page.goto(`${service.origin}/contracts/${contractId}/amend`);
    await expect.poll(() => page.locator('[data-live-problems]').textContent()).toContain('The JSON Schema finds no problem');
    await journey.page(page, 'amend');

    expect(attempted).toEqual([]);
    expect(journey.problems).toEqual([]);
    await context.close();
  });
});
