import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

// /docs behind a firewall that lets nothing through but the service itself: the page, its
// script and /openapi.json all come from the app (started here on 127.0.0.1), and every request
// to any other origin is aborted and recorded. The assertion is that none was even attempted.
describe.runIf(runBrowserTests)('/docs in a browser cut off from every origin but the service', () => {
  let database: TestDatabase;
  let server: ServerType;
  let origin: string;
  let browser: Browser;
  let document: { paths: Record<string, Record<string, { operationId?: string }>> };

  beforeAll(async () => {
    // /docs, its script and /openapi.json read no table: an empty database will do.
    [database, browser] = await Promise.all([openTestDatabase({ migrate: false }), launchChromium()]);
    server = serve({ fetch: createTestApp(database).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    document = (await (await fetch(`${origin}/openapi.json`)).json()) as typeof document;
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await database?.close();
  });

  /** Everything a page met that a reader would not want: failed or refused loads, script errors, CSP violations. */
  function watch(page: Page) {
    const problems: string[] = [];
    const loaded: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      loaded.push(new URL(response.url()).pathname);
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    });
    return { problems, loaded };
  }

  it('renders the Scalar reference from the service\'s own copy of the script, with no request to any other origin', async () => {
    const { context, attempted } = await offlineContext(browser, origin);
    try {
      const page = await context.newPage();
      const { problems, loaded } = watch(page);
      const response = await page.goto(`${origin}/docs`);
      expect(response?.status()).toBe(200);
      const reference = page.locator('#app');
      // Scalar has rendered the document it fetched: open the Settlements group, find the settlement route.
      await reference.getByRole('button', { name: 'Open Group - Settlements' }).click();
      await reference.getByText('Record a payment settling an obligation').first().waitFor({ state: 'visible' });
      await reference.getByText('recordSettlement').first().waitFor({ state: 'attached' });
      expect(await page.locator('#api-operations').isHidden(), 'the plain list gives way to the reference').toBe(true);
      expect(loaded).toEqual(expect.arrayContaining(['/docs', '/docs/assets/scalar-1.76.0.js', '/openapi.json']));
      expect(attempted, 'requests to other origins').toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('when the script is blocked on the way (JavaScript on), the plain list stays', async () => {
    const { context, attempted } = await offlineContext(browser, origin);
    try {
      await context.route('**/docs/assets/**', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.goto(`${origin}/docs`);
      const list = page.locator('#api-operations');
      expect(await list.isVisible()).toBe(true);
      expect(await list.getByText('Record a payment settling an obligation').isVisible()).toBe(true);
      expect(await page.locator('#app').innerText()).toBe('');
      expect(attempted).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with JavaScript off, lists every operation of /openapi.json, grouped by tag, and links to it', async () => {
    const { context, attempted } = await offlineContext(browser, origin, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const { problems } = watch(page);
      await page.goto(`${origin}/docs`);
      const list = page.locator('#api-operations');
      expect(await list.isVisible()).toBe(true);
      const settlements = list.locator('section', { has: page.getByRole('heading', { name: 'Settlements', exact: true }) });
      const row = settlements.getByRole('row').filter({ hasText: '/v1/contracts/{id}/settlements' }).filter({ hasText: 'POST' });
      expect(await row.innerText()).toMatch(/POST\s+\/v1\/contracts\/\{id\}\/settlements\s+Record a payment settling an obligation\s+recordSettlement/);
      const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
      expect(await list.locator('tbody tr').count()).toBe(operations.length);
      const listed = await list.locator('tbody tr td:nth-child(4)').allInnerTexts();
      expect(listed.toSorted()).toEqual(operations.map((op) => op.operationId ?? '').toSorted());
      expect(await list.getByRole('link', { name: '/openapi.json' }).getAttribute('href')).toBe('/openapi.json');
      expect(attempted).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
