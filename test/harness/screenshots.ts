import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** Where the README's screenshots live (issue 12). */
export const SCREENSHOT_DIR = resolve('docs/screenshots');

/** Saves `docs/screenshots/<name>.png` when GIVRE_SCREENSHOTS=1; otherwise does nothing. */
export async function maybeScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.GIVRE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
