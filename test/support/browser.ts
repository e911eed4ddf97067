import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

/**
 * Headless Chromium for browser tests: Debian's own build (`apt-get install chromium`, as .ci/run
 * does), driven by playwright-core; never a browser downloaded by Playwright. CHROMIUM_PATH points
 * elsewhere (another distribution, macOS).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether the browser is there. Browser tests skip without it, except in CI (CI=true), where they fail. */
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
export const runBrowserTests = chromiumAvailable || Boolean(process.env.CI);

/**
 * Flags for a quiet, self-contained browser: no GPU, no QUIC, and none of the background traffic
 * (component updates, sync, safe-browsing lists, first-run pages) a browser starts on its own.
 * The profile is a fresh temporary --user-data-dir that Playwright creates for each launch and
 * deletes on close (it refuses one passed here: that is what launchPersistentContext is for).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One browser per test file: launch it in beforeAll, close it in afterAll. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, timeout: 30_000 });
}

export interface OfflineContext {
  context: BrowserContext;
  /** Every request (and WebSocket) the pages tried to make to another origin than `origin`: all aborted. */
  attempted: string[];
}

/**
 * A browser context cut off from everything but `origin` (the app under test), as behind a
 * firewall that lets nothing else through: any other request is aborted and recorded, so that a
 * test can assert that none was even attempted. data: and blob: URLs never reach the network.
 */
export async function offlineContext(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<OfflineContext> {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const attempted: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    attempted.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(() => true, (socket) => {
    attempted.push(socket.url());
    return socket.close();
  });
  return { context, attempted };
}
