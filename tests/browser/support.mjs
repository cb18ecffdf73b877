// Shared set-up of the browser tests: Debian's Chromium, driven by playwright-core.
import { chromium } from 'playwright-core';

/** The server under test, started by `cargo xtask test`. */
export const BASE = process.env.FGR_URL ?? 'http://127.0.0.1:8080';

/** A headless Chromium that runs as root on a machine without network. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
    ],
  });
}

/** Opens `path` and waits until the console is hydrated (interactive). */
export async function openHydrated(browser, path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(`${BASE}${path}`);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  return { page, problems };
}
