import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { createTestApp, type TestAppOptions } from './app.ts';
import type { TestDatabase } from './database.ts';

/**
 * Helpers of the browser journeys (test/browser/*.journey.test.ts): the app on a real port, an
 * accessibility check with axe-core on every page, a screenshot per step, signing in through the
 * pages. Screenshots and axe reports go to test-artifacts/ (kept out of git; CI keeps the folder).
 */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** The app on 127.0.0.1 at a free port, its PUBLIC_URL being that address (invitation links lead there). */
export async function startJourneyApp(database: TestDatabase, options: TestAppOptions = {}) {
  let app: ReturnType<typeof createTestApp> | undefined;
  const server: ServerType = serve({ fetch: (request) => app!.fetch(request), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = createTestApp(database, { ...options, config: { PUBLIC_URL: origin, ...options.config } });
  return {
    app,
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding { id: string; impact: string | null; help: string; nodes: string[] }
export interface AxePageReport { step: string; url: string; violations: AxeFinding[] }

/**
 * A journey: its name names its artifacts (test-artifacts/screenshots/<name>/NN-step.png and
 * test-artifacts/axe/<name>.json); every page checked is in its report.
 */
export class Journey {
  private step = 0;
  readonly reports: AxePageReport[] = [];
  /** Problems the pages met: script errors, console errors (CSP refusals included), failed loads. */
  readonly problems: string[] = [];

  constructor(readonly name: string) {}

  /** Records what goes wrong on `page` (call once per page). */
  watch(page: Page): void {
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) this.problems.push(`console error: ${message.text()}`);
    });
    page.on('requestfailed', (request) => this.problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  }

  /**
   * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is; throws on any serious or
   * critical violation. axe is evaluated through the DevTools protocol (page.evaluate), not added
   * as an inline <script>: the pages' Content-Security-Policy rightly refuses inline scripts.
   */
  async checkA11y(page: Page, step: string): Promise<AxePageReport> {
    await page.evaluate(`${axeSource}\n;void 0`);
    const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })`)) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    const report: AxePageReport = {
      step, url: page.url(),
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    };
    this.reports.push(report);
    this.writeReport();
    const blocking = report.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (blocking.length > 0) {
      throw new Error(`axe: ${blocking.length} serious or critical violation(s) on ${step} (${report.url}):\n` +
        blocking.map((v) => `  [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.join(', ')}`).join('\n'));
    }
    return report;
  }

  /** A full-page screenshot, numbered in the order of the journey. */
  async screenshot(page: Page, step: string): Promise<string> {
    this.step += 1;
    const file = join(ARTIFACTS, 'screenshots', this.name, `${String(this.step).padStart(2, '0')}-${step.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** Both: the accessibility check and the screenshot of a step. */
  async page(page: Page, step: string): Promise<AxePageReport> {
    await this.screenshot(page, step);
    return this.checkA11y(page, step);
  }

  private writeReport() {
    const file = join(ARTIFACTS, 'axe', `${this.name}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(this.reports, null, 2)}\n`);
  }
}

/** The current TOTP code of a key (base32, as the profile page shows it); `offsetSteps` 1 is the next 30-second step's. */
export function totpNow(secret: string, offsetSteps = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' })
    .generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/**
 * Signs in through the pages as a person would: e-mail and password, then the code when asked.
 * Labels are found by their text in either language.
 */
export async function signInThroughPage(page: Page, origin: string, credentials: { email: string; password: string; totpSecret?: string; totpOffset?: number }) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel(/^(E-mail address|Adresse e-mail)$/).fill(credentials.email);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(credentials.password);
  await submitAndWait(page, page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }));
  if (new URL(page.url()).pathname === '/sign-in/code') {
    if (!credentials.totpSecret) throw new Error('the sign-in asks for a code, and no TOTP key was given');
    await page.getByLabel(/^Code$/).fill(totpNow(credentials.totpSecret, credentials.totpOffset ?? 0));
    await submitAndWait(page, page.getByRole('button', { name: /^(Continue|Continuer)$/ }));
  }
}

/** Clicks a submit button and waits for the page the form leads to (the answer to its POST, or where that redirects). */
export async function submitAndWait(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  await Promise.all([
    // One navigation commits: the page the POST answered, or the one its 303 led to.
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    button.click(),
  ]);
  await page.waitForLoadState('load');
}
