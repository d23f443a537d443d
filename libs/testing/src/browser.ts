import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where browser tests leave their screenshots (git-ignored, kept as CI artifacts). */
export const screenshotDir = resolve(__dirname, '../../../.data/test-results/screenshots');

/**
 * Debian's Chromium (installed by scripts/infra.sh), headless, driven by playwright-core.
 * Without the background-networking flags Chromium keeps calling Google's hosts, which this
 * kind of machine refuses.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page screenshot as `<name>.png` in the screenshot folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
