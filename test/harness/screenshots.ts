import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where the README's screenshots live; `npm run screenshots` regenerates them. */
export const SCREENSHOT_DIR = 'docs/screenshots';

/**
 * Saves what the page shows as `docs/screenshots/{name}.png` when `GIVRE_SCREENSHOTS=1`
 * (`npm run screenshots`); otherwise nothing, so the suite leaves the repository untouched.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<void> {
  if (process.env.GIVRE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(viewport);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A phone's viewport (a common 6.1" handset), for the driver's view and certificates. */
export const PHONE = { width: 390, height: 844 };
