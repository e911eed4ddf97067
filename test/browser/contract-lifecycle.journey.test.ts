import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractDefinition } from '../../src/domain/contract/definition.ts';
import { disclosureOf, fieldValues } from '../../src/domain/contract/disclosure.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ARTIFACTS, Journey, signInThroughPage, startJourneyApp, submitAndWait } from '../support/journey.ts';
import { ADMIN_KEY, client } from '../support/world.ts';
import { PASSWORD, personIn } from '../web/support.ts';

/**
 * Issue 18's whole journey, in headless Chromium, every step through the pages of the person who
 * does it: the Ministry's contract manager registers Peterborough from its file and binds each
 * party; the payers, the investors and the operator approve it (password asked again); an
 * amendment raises the pooled threshold and the comparison of versions shows it; everyone
 * approves again; the operator uploads the results file; the independent assessor validates the
 * results; the Ministry's finance officer runs the evaluation and records the settlement (the form
 * submitted twice: one settlement); the investors' analyst sees the repayment, the multiple and the
 * IRR move; a visitor reads the public page, which shows only what the terms disclose.
 * Only the investors' five £1m drawdowns go through the API (their treasury system, not a page).
 * axe-core on every page (no serious or critical violation); screenshots in
 * test-artifacts/screenshots/lifecycle/.
 */
const DEFINITION_FILE = 'contracts/peterborough.json';
const definition = JSON.parse(readFileSync(DEFINITION_FILE, 'utf8')) as { reference: string; title: string; parties: { key: string; name: string; roles: string[] }[]; pricing: { pooled: { threshold: string } }[] };
const kindOf: Record<string, string> = { outcome_payer: 'public_authority', investor: 'investor', operator: 'operator', evaluator: 'evaluator', intermediary: 'intermediary' };
const people: Record<string, { email: string; name: string }> = {
  moj: { email: 'martha@justice.example', name: 'Martha Manager' },
  big_lottery_fund: { email: 'lottie@lottery.example', name: 'Lottie Lottery' },
  sip_investors: { email: 'ivan@investors.example', name: 'Ivan Investor' },
  one_service: { email: 'olga@oneservice.example', name: 'Olga Operator' },
  independent_assessor: { email: 'eve@assessor.example', name: 'Eve Evaluator' },
};

describe.runIf(runBrowserTests)('a contract from registration to the public page, in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  const organisations: Record<string, string> = {};
  let investorsKey: string;

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    await database.reset();
    await ensureAdministrator(database.db, ADMIN_KEY);
    service = await startJourneyApp(database);
    const admin = client(service.app, ADMIN_KEY);
    // The platform administrator onboards every organisation of the contract and one person in each (their own pages: issue 17).
    for (const party of definition.parties) {
      const created = await admin.post('/v1/organisations', { name: party.name, kind: kindOf[party.roles[0]!] });
      expect(created.status).toBe(201);
      organisations[party.key] = (await json(created)).id;
      const person = people[party.key];
      if (person) await personIn(service.app, organisations[party.key]!, person.email, { name: person.name });
    }
    const issued = await admin.post(`/v1/organisations/${organisations.sip_investors}/api-keys`, { label: 'treasury', scope: 'admin' });
    investorsKey = (await json(issued)).key;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

  async function as<T>(key: keyof typeof people, journey: Journey, work: (page: Page) => Promise<T>): Promise<T> {
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'en-GB' });
    const page = await context.newPage();
    journey.watch(page);
    try {
      await signInThroughPage(page, service.origin, { email: people[key]!.email, password: PASSWORD });
      const result = await work(page);
      expect(attempted, 'requests to other origins').toEqual([]);
      return result;
    } finally {
      await context.close();
    }
  }

  async function approve(key: keyof typeof people, journey: Journey, contractId: string, version: number) {
    await as(key, journey, async (page) => {
      await page.goto(`${service.origin}/contracts/${contractId}/versions`);
      await page.getByLabel('Your password').fill(PASSWORD);
      await submitAndWait(page, page.getByRole('button', { name: `Approve version ${version}` }));
      expect(await page.getByRole('status').first().innerText()).toContain(`Your organisation approved version ${version}.`);
      await journey.page(page, `approved-v${version}-${key}`);
    });
  }

  it('is registered, approved, amended, fed, validated, evaluated, settled, followed and published', async () => {
    rmSync(join(ARTIFACTS, 'screenshots', 'lifecycle'), { recursive: true, force: true });
    const journey = new Journey('lifecycle');

    // 1. The Ministry registers the example from its file and binds each party to an organisation.
    const contractId = await as('moj', journey, async (page) => {
      await page.goto(`${service.origin}/contracts/new`);
      await journey.page(page, 'register');
      await page.getByLabel(/^Upload a definition file/).setInputFiles(DEFINITION_FILE);
      await submitAndWait(page, page.getByRole('button', { name: 'Check the definition' }));
      await journey.page(page, 'register-bind');
      for (const party of definition.parties) {
        await page.getByLabel(party.name).selectOption(organisations[party.key]!);
      }
      await submitAndWait(page, page.getByRole('button', { name: 'Register the contract' }));
      const id = /\/contracts\/([^/]+)\/versions/.exec(page.url())?.[1];
      expect(id).toBeTruthy();
      await journey.page(page, 'registered');
      return id!;
    });
    const api = (key: string) => client(service.app, key);
    const investors = api(investorsKey);
    let contract = await json(await investors.get(`/v1/contracts/${contractId}`));
    expect(contract).toMatchObject({ reference: definition.reference, status: 'draft' });

    // 2. Every approving party approves version 1.
    for (const key of ['moj', 'big_lottery_fund', 'sip_investors', 'one_service'] as const) await approve(key, journey, contractId, 1);
    contract = await json(await investors.get(`/v1/contracts/${contractId}`));
    expect(contract.status).toBe('active');

    // 3. An amendment raises the pooled threshold from 7.5% to 8%; the comparison shows that change, and only it.
    await as('moj', journey, async (page) => {
      await page.goto(`${service.origin}/contracts/${contractId}/amend`);
      const editor = page.getByLabel(/^Contract definition \(JSON\)/);
      const current = JSON.parse(await editor.inputValue()) as typeof definition;
      current.pricing[0]!.pooled.threshold = '0.08';
      await editor.fill(JSON.stringify(current, null, 2));
      await page.getByLabel('Description').fill('Pooled threshold raised to 8%');
      await page.getByLabel('Reason').fill('Agreed at the programme board');
      await journey.page(page, 'amend');
      await submitAndWait(page, page.getByRole('button', { name: 'Propose the amendment' }));
      expect(new URL(page.url()).pathname).toBe(`/contracts/${contractId}/versions`);
      await page.getByRole('button', { name: 'Show the differences' }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('#changes tbody tr').count()).toBe(1);
      expect(await page.locator('#changes tbody td').innerText()).toBe('7.5% → 8%');
      await journey.page(page, 'amendment-diff');
    });
    for (const key of ['moj', 'big_lottery_fund', 'sip_investors', 'one_service'] as const) await approve(key, journey, contractId, 2);
    contract = await json(await investors.get(`/v1/contracts/${contractId}`));
    expect(contract.currentVersion.number).toBe(2);

    // 4. The operator uploads the results file as it comes.
    await as('one_service', journey, async (page) => {
      await page.goto(`${service.origin}/contracts/${contractId}/upload`);
      await page.getByRole('radio', { name: 'Aggregate results' }).check();
      await page.getByLabel('File (CSV or XLSX)').setInputFiles('contracts/data/peterborough.results.csv');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.waitForURL(/\/upload\/[0-9a-f]+$/);
      await journey.page(page, 'upload-preview');
      await submitAndWait(page, page.getByRole('button', { name: 'Submit the file: 2 row(s)' }));
      expect(await h1(page)).toBe('Data stored');
      await journey.page(page, 'upload-receipt');
    });

    // 5. The independent assessor validates both results.
    await as('independent_assessor', journey, async (page) => {
      await page.goto(`${service.origin}/evaluator/results`);
      await journey.page(page, 'results-queue');
      for (const cohort of ['cohort_1', 'cohort_2']) await page.getByLabel(new RegExp(`^Select the result .*${cohort}`)).check();
      await page.getByRole('radio', { name: 'Validate' }).check();
      await submitAndWait(page, page.getByRole('button', { name: 'Continue' }));
      await journey.page(page, 'results-confirm');
      await submitAndWait(page, page.getByRole('button', { name: 'Confirm' }));
      expect(await page.getByRole('status').filter({ hasText: '2 results validated.' }).count()).toBe(1);
    });
    const results = await json(await investors.get(`/v1/contracts/${contractId}/results?status=validated`));
    expect(results.items).toHaveLength(2);

    // The investors draw five tranches of £1m (their treasury system, through the API).
    for (const drawnOn of ['2010-09-10', '2011-04-01', '2012-04-01', '2013-04-01', '2014-04-01']) {
      expect((await investors.post(`/v1/contracts/${contractId}/drawdowns`, { drawnOn, amount: '1000000.00', currency: 'GBP' })).status).toBe(201);
    }
    const before = await json(await investors.get(`/v1/contracts/${contractId}/status`));
    expect(before.investors[0].repaidToDate).toBe('0.00');

    // 6. The Ministry runs the evaluation from its page, reads the statement, and records its settlement — submitted twice.
    await as('moj', journey, async (page) => {
      await page.goto(`${service.origin}/contracts/${contractId}/evaluations`);
      await journey.page(page, 'evaluations-before');
      await submitAndWait(page, page.getByRole('button', { name: 'Run evaluation' }));
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/contracts/${contractId}/evaluations/[^/]+$`));
      expect(await page.locator('main').innerText()).toContain('3,699,000.00');
      await journey.page(page, 'statement');
      await page.goto(`${service.origin}/payer`);
      await journey.page(page, 'liabilities');
      await page.getByRole('link', { name: /^Record a settlement/ }).first().click();
      await page.waitForLoadState('load');
      expect(await page.getByLabel('Amount paid').inputValue()).toBe('3699000.00');
      await journey.page(page, 'settle-form');
      // The finance officer's browser sends the form twice (a double click, a resubmission after a timeout): the same form, the same key.
      const button = page.getByRole('button', { name: 'Record the settlement' });
      const form = page.locator('form', { has: button });
      const target = new URL((await form.getAttribute('action')) ?? page.url(), page.url()).toString();
      // (In the page: the DOM's FormData, which Node's typings do not describe.)
      const fields = await form.evaluate((f) => Object.fromEntries([...new (FormData as unknown as new (form: unknown) => Iterable<[string, unknown]>)(f)].map(([k, v]) => [k, String(v)])));
      expect(fields.key).toMatch(/.{8,}/);
      await submitAndWait(page, button);
      expect(new URL(page.url()).pathname).toBe('/payer');
      const again = await page.request.post(target, { form: fields, maxRedirects: 0 });
      expect(again.status()).toBe(303);
      await journey.page(page, 'settled');
    });
    const settlements = await json(await api(investorsKey).get(`/v1/contracts/${contractId}/settlements`));
    expect(settlements.items).toHaveLength(1);
    expect(settlements.items[0].amount).toBe('3699000.00');

    // 7. The investors' analyst sees the repayment, the multiple and the IRR move.
    const after = await json(await investors.get(`/v1/contracts/${contractId}/status`));
    expect(after.investors[0].repaidToDate).not.toBe(before.investors[0].repaidToDate);
    expect(after.investors[0].irrToDate).not.toBeNull();
    await as('sip_investors', journey, async (page) => {
      await page.goto(`${service.origin}/contracts/${contractId}/status`);
      const html = await page.content();
      for (const figure of [after.investors[0].repaidToDate, after.investors[0].moneyMultiple, after.investors[0].irrToDate]) {
        expect(html).toContain(`data-value="${figure}"`);
      }
      // Each cohort against the 10% threshold: cohort 1 needed 139.5 reconviction events or fewer (it had 142).
      const outcomes = await page.locator('#outcomes + section table').innerText();
      expect(outcomes).toContain('Level that pays');
      expect(html).toContain('data-value="139.5"');
      await journey.page(page, 'investor-status');
      await page.goto(`${service.origin}/investor`);
      await journey.page(page, 'portfolio');
    });

    // 8. A visitor reads the public page: the disclosed terms and results, never an undisclosed field.
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'en-GB' });
    try {
      const page = await context.newPage();
      journey.watch(page);
      await page.goto(`${service.origin}/public/`);
      await page.getByRole('link', { name: definition.title }).click();
      await page.waitForLoadState('load');
      const text = await page.locator('main').innerText();
      const terms = ContractDefinition.parse((await json(await investors.get(`/v1/contracts/${contractId}`))).definition);
      const disclosure = disclosureOf(terms);
      expect(disclosure.prices).toBe('PRIVATE');
      for (const price of fieldValues(terms, 'prices')) expect(text.replace(/[\s\u00a0\u202f,.]/g, '')).not.toContain(price.replace(/[.,]/g, ''));
      expect(text).toContain(definition.title);
      await journey.page(page, 'public');
      expect(attempted).toEqual([]);
    } finally {
      await context.close();
    }
    expect(journey.problems).toEqual([]);
    expect(journey.reports.flatMap((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))).toEqual([]);
  }, 600_000);
});
