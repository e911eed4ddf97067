import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { ARTIFACTS, Journey, signInThroughPage, startJourneyApp, submitAndWait } from '../support/journey.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { PASSWORD, personIn } from '../web/support.ts';

/**
 * The evaluator's journey, in headless Chromium (Debian's, through playwright-core): the
 * evaluator signs in, filters the review queue, validates two records in bulk (the count
 * confirmed first) and rejects one with a reason (refused first without one); the operator,
 * signed in in another browser context, disputes the rejection with a reason and an evidence
 * reference on the operator desk's submissions page; the evaluator upholds the dispute and the record shows
 * validated; a member of another organisation reaches none of these pages by URL. axe-core checks
 * every page (no serious or critical violation) and each step is photographed
 * (test-artifacts/screenshots/evaluator/).
 */
describe.runIf(runBrowserTests)('evaluator journey in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  let world: World;
  let contractId: string;

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    service = await startJourneyApp(database);
    world = await createWorld(database, service.app);
    contractId = (await activeContract(world, rateCardDefinition({ title: 'Back to work — Leeds 2026' }))).id;
    const uploaded = await world.operator.api.send(`/v1/contracts/${contractId}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', 'P-1,job_entry,cohort_1,2024-03-01,,payslip-1',
        'P-2,job_entry,cohort_1,2024-04-01,,payslip-2', 'P-3,job_entry,cohort_1,2024-05-01,,payslip-3'].join('\n'),
    });
    expect(uploaded.status).toBe(201);
    await personIn(service.app, world.evaluator.id, 'eva@evaluators.example', { name: 'Eva Evaluator' });
    await personIn(service.app, world.operator.id, 'olga@charity.example', { name: 'Olga Operator' });
    await personIn(service.app, world.outsider.id, 'otto@council.example', { name: 'Otto Outsider' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  async function signedIn(email: string, journey: Journey): Promise<{ page: Page; attempted: string[]; close(): Promise<void> }> {
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'en-GB' });
    const page = await context.newPage();
    journey.watch(page);
    await signInThroughPage(page, service.origin, { email, password: PASSWORD });
    return { page, attempted, close: () => context.close() };
  }

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

  it('validates in bulk, rejects one, the operator disputes, the evaluator upholds; another organisation reaches nothing', async () => {
    rmSync(join(ARTIFACTS, 'screenshots', 'evaluator'), { recursive: true, force: true }); // this run's steps only
    const journey = new Journey('evaluator');
    const eva = await signedIn('eva@evaluators.example', journey);
    const { page } = eva;
    try {
      // The queue: three records awaiting review.
      await page.getByRole('link', { name: 'Review queue' }).click();
      await page.waitForLoadState('load');
      expect(await h1(page)).toBe('Review queue');
      expect(await page.locator('tbody tr').count()).toBe(3);
      await journey.page(page, 'queue');

      // Filtered by date: P-1 and P-2.
      await page.getByLabel('Achieved until').fill('2024-04-30');
      await page.getByRole('button', { name: 'Apply the filters' }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('tbody tr').count()).toBe(2);
      await journey.page(page, 'queue-filtered');

      // Validate both in bulk: the count is confirmed first.
      await page.getByLabel(/^Select the record of P-1/).check();
      await page.getByLabel(/^Select the record of P-2/).check();
      await page.getByRole('radio', { name: 'Validate' }).check();
      await submitAndWait(page, page.getByRole('button', { name: 'Continue' }));
      expect(await h1(page)).toBe('Confirm the review');
      expect(await page.getByText('You are about to validate 2 records.').count()).toBe(1);
      await journey.page(page, 'confirm-bulk');
      await submitAndWait(page, page.getByRole('button', { name: 'Confirm' }));
      expect(await page.getByRole('status').filter({ hasText: '2 records validated.' }).count()).toBe(1);
      await journey.page(page, 'bulk-validated');

      // Reject P-3 from its participant page: refused without a reason, then with one.
      await page.getByRole('link', { name: 'Clear the filters' }).click();
      await page.waitForLoadState('load');
      await page.getByRole('link', { name: 'P-3', exact: true }).click();
      await page.waitForLoadState('load');
      expect(await h1(page)).toBe('Participant P-3');
      await journey.page(page, 'participant');
      await submitAndWait(page, page.getByRole('button', { name: 'Reject' }));
      expect(await page.getByRole('alert').innerText()).toContain('Give a reason for rejecting.');
      await journey.page(page, 'reject-without-reason');
      await page.getByLabel(/^Reason for rejecting the record of/).fill('The payslip is unreadable');
      await submitAndWait(page, page.getByRole('button', { name: 'Reject' }));
      expect(await page.locator('tbody tr').first().innerText()).toContain('rejected');
      await journey.page(page, 'rejected');

      // The operator disputes it, signed in in another browser context, on the operator desk's submissions page.
      const olga = await signedIn('olga@charity.example', journey);
      try {
        await olga.page.goto(`${service.origin}/contracts/${contractId}/submissions`);
        await journey.page(olga.page, 'operator-submissions');
        await olga.page.getByRole('link', { name: /^Dispute .*P-3/ }).click();
        await olga.page.waitForLoadState('load');
        await journey.page(olga.page, 'operator-dispute-form');
        await olga.page.getByLabel('Why the rejection is wrong').fill('The payslip is readable at 200%');
        await olga.page.getByLabel('Evidence reference').fill('payslip-3-rescan.pdf');
        await submitAndWait(olga.page, olga.page.getByRole('button', { name: 'Open the dispute' }));
        await journey.page(olga.page, 'operator-disputed');
        const open = (await (await world.payer.api.get(`/v1/contracts/${contractId}/disputes?state=open`)).json()) as { items: { evidenceRef: string; openedBy: { memberId: string | null } }[] };
        expect(open.items).toEqual([expect.objectContaining({ evidenceRef: 'payslip-3-rescan.pdf', openedBy: expect.objectContaining({ memberId: expect.any(String) }) })]);
        expect(olga.attempted).toEqual([]);
      } finally {
        await olga.close();
      }

      // The evaluator sees the open dispute with its thread, and upholds it.
      await page.getByRole('link', { name: 'Disputes' }).click();
      await page.waitForLoadState('load');
      expect(await h1(page)).toBe('Open disputes');
      for (const text of ['The payslip is unreadable', 'The payslip is readable at 200%', 'payslip-3-rescan.pdf']) {
        expect(await page.getByRole('table').innerText()).toContain(text);
      }
      await journey.page(page, 'disputes');
      await page.getByRole('link', { name: /^Open the dispute on P-3/ }).click();
      await page.waitForLoadState('load');
      expect(await h1(page)).toBe('Dispute of a rejection');
      await journey.page(page, 'dispute');
      await page.getByRole('radio', { name: /^Uphold/ }).check();
      await page.getByLabel('Reason for the decision').fill('The rescan shows the employer and the dates');
      await submitAndWait(page, page.getByRole('button', { name: 'Record the decision' }));
      expect(await page.getByRole('status').innerText()).toContain('The dispute is upheld');
      await journey.page(page, 'dispute-upheld');

      // The record shows validated.
      await page.getByRole('link', { name: /P-3/ }).first().click();
      await page.waitForLoadState('load');
      expect(await h1(page)).toBe('Participant P-3');
      expect(await page.locator('tbody tr').first().innerText()).toContain('validated');
      await journey.page(page, 'record-validated');
      const disputeUrl = new URL(page.url()).pathname;
      expect(disputeUrl).toBe(`/contracts/${contractId}/participants/P-3`);
      expect(eva.attempted).toEqual([]);
    } finally {
      await eva.close();
    }

    // A member of another organisation: the 404 page for every page of the journey, by URL.
    const otto = await signedIn('otto@council.example', journey);
    try {
      const disputes = (await (await world.evaluator.api.get(`/v1/contracts/${contractId}/disputes`)).json()) as { items: { id: string }[] };
      const paths = [
        `/evaluator?contract=${contractId}`, `/contracts/${contractId}/participants/P-3`,
        `/disputes?contract=${contractId}`, `/contracts/${contractId}/disputes/${disputes.items[0]!.id}`,
      ];
      for (const [i, path] of paths.entries()) {
        const response = await otto.page.goto(`${service.origin}${path}`);
        expect(response?.status(), path).toBe(404);
        expect(await h1(otto.page)).toBe('Page not found');
        await journey.page(otto.page, `outsider-404-${i + 1}`);
      }
      await otto.page.goto(`${service.origin}/evaluator`);
      expect(await otto.page.getByText('Your organisation verifies no contract.').count()).toBe(1);
      await journey.page(otto.page, 'outsider-queue-empty');
    } finally {
      await otto.close();
    }
    expect(journey.problems).toEqual([]);
    expect(journey.reports.every((r) => r.violations.every((v) => v.impact !== 'serious' && v.impact !== 'critical'))).toBe(true);
  }, 240_000);
});
