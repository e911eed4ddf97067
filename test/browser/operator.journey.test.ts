import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, runBrowserTests } from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { Journey, signInThroughPage, startJourneyApp, submitAndWait } from '../support/journey.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { PASSWORD, personIn } from '../web/support.ts';

/**
 * The operator's upload, in headless Chromium (Debian's, through playwright-core), in French: sign
 * in → the operator desk → upload a CSV as French Excel writes it (Windows-1252, semicolons,
 * decimal commas, dd/mm/yyyy) with a bad row → the preview names the spreadsheet row at fault and
 * offers no submission → the corrected file → the preview (encoding detected, separator, first
 * rows converted) → submit → the receipt → my submissions with the records pending. The file goes
 * by the page's own script (progress bar); every page is checked by axe-core (no serious or
 * critical violation) and photographed (test-artifacts/screenshots/operator/). The browser
 * reaches nothing but the app.
 */
function frenchExcelCsv(rows: string[]): Buffer {
  return Buffer.from(['participant_ref;outcome;cohort;achieved_on;evidence;quantity', ...rows].join('\r\n') + '\r\n', 'latin1');
}

describe.runIf(runBrowserTests)('operator journey in a browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let service: Awaited<ReturnType<typeof startJourneyApp>>;
  let world: World;
  let contractId: string;
  const title = 'Insertion durable — Marseille 2026';

  beforeAll(async () => {
    [database, browser] = await Promise.all([openTestDatabase(), launchChromium()]);
    service = await startJourneyApp(database);
    world = await createWorld(database, service.app);
    contractId = (await activeContract(world, rateCardDefinition({ title }))).id;
    await personIn(service.app, world.operator.id, 'ophelie@charity.example', { name: 'Ophélie Opératrice', locale: 'fr' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.close();
  });

  it('uploads a French Excel CSV: preview, a bad row named by its spreadsheet row, the fixed file, the receipt, records pending', async () => {
    const journey = new Journey('operator');
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'fr-FR', extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    const page = await context.newPage();
    journey.watch(page);
    try {
      await signInThroughPage(page, service.origin, { email: 'ophelie@charity.example', password: PASSWORD });
      await page.getByRole('link', { name: 'Bureau de l’opérateur' }).click();
      await page.waitForURL(/\/operator$/);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Bureau de l’opérateur');
      expect(await page.getByRole('row', { name: new RegExp(title) }).count()).toBe(1);
      await journey.page(page, 'desk');

      await page.getByRole('link', { name: `Déposer des données — ${title}` }).click();
      await page.waitForURL(/\/upload$/);
      expect(await page.getByText('Ou déposez le fichier ici').isVisible()).toBe(true); // the drop zone, with the script
      await journey.page(page, 'upload');

      // The file with a bad row (an unknown cohort on its third line).
      await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({
        name: 'resultats-mars.csv', mimeType: 'text/csv',
        buffer: frenchExcelCsv(['P-000101;job_entry;cohort_1;05/03/2024;Fiche de paie élève;1', 'P-000102;job_entry;cohort_2;06/03/2024;Fiche de paie;1,5']),
      });
      await page.getByRole('button', { name: 'Prévisualiser' }).click();
      await page.waitForURL(/\/upload\/[0-9a-f]+$/);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Prévisualisation de resultats-mars.csv');
      const fault = page.locator('#problems tbody tr');
      expect(await fault.count()).toBe(1);
      expect(await fault.first().innerText()).toMatch(/^3\s+cohort\s+« cohort_2 » n’est pas une cohorte du contrat/); // in French, as the page
      expect(await page.getByRole('button', { name: /^Déposer/ }).count()).toBe(0);
      await journey.page(page, 'preview-bad-row');

      // The fixed file.
      await page.getByRole('link', { name: 'Choisir un autre fichier' }).click();
      await page.waitForURL(/\/upload$/);
      await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({
        name: 'resultats-mars-corrige.csv', mimeType: 'text/csv',
        buffer: frenchExcelCsv(['P-000101;job_entry;cohort_1;05/03/2024;Fiche de paie élève;1', 'P-000102;job_entry;cohort_1;06/03/2024;Fiche de paie;1,5']),
      });
      await page.getByRole('button', { name: 'Prévisualiser' }).click();
      await page.waitForURL(/\/upload\/[0-9a-f]+$/);
      const readAs = await page.locator('#read-as').innerText();
      expect(readAs).toContain('windows-1252 (détecté');
      expect(readAs).toContain('point-virgule (;)');
      expect(readAs).toContain('décimale « , »');
      expect(await page.locator('#sample tbody tr').nth(1).innerText()).toContain('2024-03-06');
      expect(await page.locator('#sample tbody tr').nth(1).innerText()).toContain('1.5');
      expect(await page.getByText('Fiche de paie élève').count()).toBe(1);
      await journey.page(page, 'preview-ok');

      await submitAndWait(page, page.getByRole('button', { name: 'Déposer le fichier : 2 ligne(s)' }));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Données enregistrées');
      expect(await page.locator('[data-receipt="rows"]').innerText()).toBe('2');
      expect(await page.locator('[data-receipt="audit"]').innerText()).toMatch(new RegExp(`^${contractId}:\\d+:sha256:[0-9a-f]{64}$`));
      await journey.page(page, 'receipt');

      await page.getByRole('link', { name: 'Mes dépôts' }).click();
      await page.waitForURL(/\/submissions$/);
      expect(await page.locator('#submissions tbody tr [data-count="pending"]').innerText()).toBe('2');
      await journey.page(page, 'submissions-pending');

      expect(attempted, 'requests to other origins').toEqual([]);
      expect(journey.problems).toEqual([]);
      const stored = await database.db.selectFrom('participant_claim').select('participant_ref').where('contract_id', '=', contractId).execute();
      expect(stored.map((r) => r.participant_ref).sort()).toEqual(['P-000101', 'P-000102']);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('works with JavaScript off: the file posted as a form, the preview, the submission, the receipt', async () => {
    // axe-core needs JavaScript: these pages are the ones checked above, here photographed only.
    const journey = new Journey('operator-no-javascript');
    const { context, attempted } = await offlineContext(browser, service.origin, { locale: 'fr-FR', javaScriptEnabled: false, extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    const page = await context.newPage();
    journey.watch(page);
    try {
      await signInThroughPage(page, service.origin, { email: 'ophelie@charity.example', password: PASSWORD });
      await page.goto(`${service.origin}/contracts/${contractId}/upload`);
      expect(await page.getByText('Ou déposez le fichier ici').isVisible()).toBe(false); // no drop zone without the script
      await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({
        name: 'avril.csv', mimeType: 'text/csv', buffer: frenchExcelCsv(['P-000103;job_entry;cohort_1;03/04/2024;Fiche de paie reçue;1']),
      });
      await submitAndWait(page, page.getByRole('button', { name: 'Prévisualiser' }));
      expect(new URL(page.url()).pathname).toMatch(/\/upload\/[0-9a-f]+$/);
      expect(await page.locator('#read-as').innerText()).toContain('windows-1252 (détecté');
      await journey.screenshot(page, 'preview');
      await submitAndWait(page, page.getByRole('button', { name: 'Déposer le fichier : 1 ligne(s)' }));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Données enregistrées');
      await journey.screenshot(page, 'receipt');
      expect(attempted).toEqual([]);
      expect(journey.problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
