// The journeys by keyboard alone: every control is reached with Tab (never clicked, never
// focused by script) and worked with typing, Enter, Space and the arrow keys.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openHydrated, signedIn, today } from './support.mjs';

const browser = await launch();
after(() => browser.close());

/** Presses Tab until `selector` has the focus; fails when it is not reached within 400 stops. */
async function tabTo(page, selector) {
  for (let stop = 0; stop < 400; stop += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} cannot be reached with Tab`);
}

/** Types an ISO date into a focused date field, segment by segment as the browser shows it. */
async function typeDate(page, iso) {
  const [year, month, day] = iso.split('-');
  await page.keyboard.type(`${month}${day}${year}`);
}

async function stateIs(page, label) {
  await page.locator('#proposal-state', { hasText: label }).waitFor({ timeout: 15_000 });
}

test('propose, advise and decide by keyboard alone', async () => {
  const date = today();
  const alice = await signedIn(browser, 'committee_member', 'Toets Toetsenbord');
  const { page, problems } = await openHydrated(alice, '/groups/OPERATIONEEL_MANAGER');
  await tabTo(page, '#propose > summary');
  await page.keyboard.press('Enter');
  await tabTo(page, '#propose-title');
  await page.keyboard.type('Sociale veiligheid voor de operationeel manager');
  await tabTo(page, '#propose-rationale');
  await page.keyboard.type('De verantwoordelijkheid hoort in het profiel.');
  await tabTo(page, '#propose-date');
  await typeDate(page, date);
  await tabTo(page, '#propose-form button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/proposals\/\d+$/);
  const proposalPath = new URL(page.url()).pathname;
  await page.locator('#content-editor').waitFor();
  await tabTo(page, '#submit-proposal');
  await page.keyboard.press('Enter');
  await stateIs(page, 'ingediend');
  assert.deepEqual(problems, []);

  const secretary = await signedIn(browser, 'committee_secretary', 'Toets Secretaris');
  const queue = await openHydrated(secretary, proposalPath);
  await tabTo(queue.page, '#advice-date');
  await typeDate(queue.page, date);
  await tabTo(queue.page, '#advice-outcome');
  // The second outcome with the arrow key, as a keyboard user chooses from a list.
  const outcomes = await queue.page.locator('#advice-outcome option').allTextContents();
  await queue.page.keyboard.press('ArrowDown');
  assert.equal(await queue.page.locator('#advice-outcome').evaluate((s) => s.selectedIndex), 1, outcomes.join(', '));
  await queue.page.keyboard.press('ArrowUp');
  await tabTo(queue.page, '#advice-rationale');
  await queue.page.keyboard.type('De commissie adviseert positief.');
  await tabTo(queue.page, '#advice-employers');
  await queue.page.keyboard.type('W. Gever');
  await tabTo(queue.page, '#advice-unions');
  await queue.page.keyboard.type('V. Bond');
  await tabTo(queue.page, '#advice-form button[type=submit]');
  await queue.page.keyboard.press('Enter');
  await stateIs(queue.page, 'geadviseerd');
  assert.deepEqual(queue.problems, []);

  const maintainer = await signedIn(browser, 'maintainer', 'Toets Beheer');
  const owner = await openHydrated(maintainer, proposalPath);
  await tabTo(owner.page, '#decision-reference');
  await owner.page.keyboard.type('Besluit DGDOO 2026-0100');
  await tabTo(owner.page, '#decision-date');
  await typeDate(owner.page, date);
  await tabTo(owner.page, '#decision-form button[type=submit]');
  await owner.page.keyboard.press('Enter');
  await stateIs(owner.page, 'vastgesteld');
  assert.deepEqual(owner.problems, []);
  await Promise.all([alice.close(), secretary.close(), maintainer.close()]);
});

test('compose a vacancy text and copy it by keyboard alone', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${BASE}/vacancy-text`);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  await tabTo(page, '#composer-group');
  // Type-ahead picks the group in the list, as in any native select.
  await page.keyboard.type('Manager');
  assert.equal(await page.locator('#composer-group').inputValue(), 'MANAGER');
  await tabTo(page, '#composer-scale');
  await page.keyboard.type('15');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/vacancy-text\?group=MANAGER&scale=15/);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  const output = page.locator('#vacancy-text-output');
  await output.waitFor();
  await page.bringToFront();
  await tabTo(page, '#copy-text');
  await page.keyboard.press('Space');
  await page.locator('#copy-status', { hasText: /Gekopieerd|lukte niet/ }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied.trim(), (await output.innerText()).trim());
  assert.deepEqual(problems, []);
  await context.close();
});
