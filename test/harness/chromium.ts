import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium, found on PATH like `which chromium`, resolved to the real file. */
export function chromiumPath(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // not in this directory
    }
  }
  throw new Error('chromium not found: apt-get install -y chromium');
}

export interface TestBrowser {
  browser: Browser;
  /**
   * A page in its own context (fresh cookies and localStorage). Console errors and page
   * errors, CSP violations included, are collected in `errors`.
   */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * Headless Debian chromium driven by playwright-core. Playwright gives every `launch` a
 * fresh temporary profile and deletes it on close (it refuses `--user-data-dir` in `args`;
 * that flag belongs to `launchPersistentContext`), so no state leaks between runs.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox', // test containers run as root, where chromium's sandbox cannot start
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking', // no calls to public hosts from tests
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage() {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      return { page, errors };
    },
    async close() {
      for (const context of contexts.splice(0)) await context.close();
      await browser.close();
    },
  };
}
