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

/** Opens `path` in a browser or a browser context, and waits until the console is hydrated. */
export async function openHydrated(browser, path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Warnings too: Leptos warns of a signal read outside a tracking context, a real defect.
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(`${BASE}${path}`);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  return { page, problems };
}

/**
 * A browser context (its own cookies) signed in with the server's local dev login
 * (`fgr serve --dev-login`), as `name` in `role`; `options` as for `browser.newContext`.
 */
export async function signedIn(browser, role, name, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${BASE}/auth/dev-login?return_to=/`);
  await page.locator('#dev-login input[name=name]').fill(name);
  await page.locator(`#dev-login input[name=role][value=${role}]`).check();
  await page.locator('#dev-login button[type=submit]').click();
  await page.waitForURL(`${BASE}/`);
  await page.close();
  return context;
}

/** Today in UTC, as the server counts dates. */
export function today() {
  return new Date().toISOString().slice(0, 10);
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
  'september', 'oktober', 'november', 'december'];

/** An ISO date as the console writes it: 2026-12-01 → "1 december 2026". */
export function dutchDate(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
