/**
 * `npm run screenshots`: the README's picture of the repayment status page
 * (docs/images/status-page.png), made as a newcomer would see it after the demo.
 *
 * Starts the service (`npm start`'s entry) on a temporary embedded database, loads the examples
 * with the CLI demo's own code (src/cli/demo.ts, over HTTP), records the drawdowns of Peterborough's
 * investor (its planned tranches) and settlements of its obligations with the parties' keys (so that
 * repayments, multiple and IRR show), signs in through
 * the sign-in page as Peterborough's investor's person in Debian's Chromium (playwright-core, no
 * downloaded browser, no other origin reachable) and saves the top of /contracts/{id}/status at
 * 1280 px wide. Nothing is kept but the PNG.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { demo } from '../src/cli/demo.ts';
import { remoteTarget } from '../src/cli/target.ts';
import { launchChromium, offlineContext } from '../test/support/browser.ts';
import { remote } from '../test/support/remote.ts';
import { startServerProcess } from '../test/support/server-process.ts';

const OUT = process.env.SCREENSHOT_OUT ?? 'docs/images/status-page.png';
const EXAMPLE = 'peterborough';
const WIDTH = 1280;
const MAX_HEIGHT = Number(process.env.SCREENSHOT_MAX_HEIGHT ?? 1600);
const ADMIN = 'olk_screenshot_administrator_key_0123456789';
const log = (line: string) => process.stderr.write(`${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'outcome-ledger-screenshot-'));
const server = await startServerProcess({ DATA_DIR: join(work, 'data'), ADMIN_API_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '0' });
try {
  log(`service on ${server.url}; loading the demo…`);
  const result = await demo(remoteTarget(server.url, ADMIN), { directory: 'contracts', keysFile: join(work, 'demo-keys.json'), serviceUrl: server.url, people: true });
  const contract = result.contracts.find((c) => c.name === EXAMPLE);
  if (!contract?.evaluation) throw new Error(`the demo left ${EXAMPLE} without an evaluation`);

  // The investor's capital drawn as its tranches planned (the demo records none), so that the money
  // multiple and IRR have something to measure; then each payer settles its obligations in full, on
  // the evaluation's day (as the payer's desk does).
  const definition = JSON.parse(readFileSync(join('contracts', `${EXAMPLE}.json`), 'utf8')) as { currency: string; investors: { party: string; tranches?: { key: string; amount: string; plannedDate: string }[] }[] };
  for (const inv of definition.investors) {
    const party = contract.parties.find((p) => p.partyKey === inv.party)!;
    for (const t of inv.tranches ?? []) {
      await remote(server.url, party.apiKey).post(`/v1/contracts/${contract.contractId}/drawdowns`, { tranche: t.key, drawnOn: t.plannedDate, amount: t.amount, currency: definition.currency });
    }
    log(`${inv.party} drew ${inv.tranches?.length ?? 0} tranche(s)`);
  }
  for (const payer of contract.parties.filter((p) => p.roles.includes('outcome_payer'))) {
    const api = remote(server.url, payer.apiKey);
    const { items } = await api.get(`/v1/contracts/${contract.contractId}/obligations`) as { items: { id: string; amount: string; currency: string; payer: { organisationId: string }; line: { outstanding: string } }[] };
    for (const o of items.filter((x) => x.payer.organisationId === payer.organisationId && Number(x.line.outstanding) > 0)) {
      await api.post(`/v1/contracts/${contract.contractId}/settlements`, { obligationId: o.id, amount: o.line.outstanding, currency: o.currency, settledOn: contract.evaluation.asOf });
      log(`${payer.partyKey} settled ${o.line.outstanding} ${o.currency}`);
    }
  }

  const investor = contract.parties.find((p) => p.roles.includes('investor'))?.person;
  if (!investor?.password) throw new Error(`no investor person with a known password on ${EXAMPLE}`);
  const browser = await launchChromium();
  try {
    const { context, attempted } = await offlineContext(browser, new URL(server.url).origin, { viewport: { width: WIDTH, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/contracts/${contract.contractId}/status`)}`);
    await page.fill('input[name="email"]', investor.email);
    await page.fill('input[name="password"]', investor.password);
    await Promise.all([page.waitForURL(`**/contracts/${contract.contractId}/status`), page.click('form[action^="/sign-in?"] button[type="submit"]')]);
    await page.waitForLoadState('networkidle');
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    mkdirSync(dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: WIDTH, height: Math.min(height, MAX_HEIGHT) }, fullPage: true });
    if (attempted.length > 0) throw new Error(`the page tried to reach other origins: ${attempted.join(', ')}`);
    log(`${OUT}: ${WIDTH}×${Math.min(height, MAX_HEIGHT)} px (page ${height} px), ${Math.round(statSync(OUT).size / 1024)} KB`);
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
