// The vacancy-text composer: a recruiter composes the text for Manager schaal 15 and copies it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE } from './support.mjs';

const ABD_SENTENCE = 'Als leidinggevende heb je een cruciale rol in het waarborgen van sociale veiligheid, diversiteit en inclusie, een prettige werksfeer en een vitaal, goed functionerend team. Je laat zelf het goede voorbeeld zien, je bevordert een open en veilige gesprekscultuur, en (meldingen van) ongewenst gedrag pak je adequaat aan.';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a recruiter composes the vacancy text for Manager schaal 15 and copies it with one click', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(`${BASE}/vacancy-text`);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });

  await page.locator('#composer-group').selectOption('MANAGER');
  await page.locator('#composer-scale').fill('15');
  await page.locator('#composer-form button[type=submit]').click();
  await page.waitForURL(/\/vacancy-text\?group=MANAGER&scale=15/);
  // The composer's form is a plain GET form (it works without JavaScript): the browser loads the
  // page anew, and the copy button works once that page is hydrated.
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  const output = page.locator('#vacancy-text-output');
  await output.waitFor();
  const text = await output.innerText();
  assert.ok(text.includes(ABD_SENTENCE), text);

  // Provenance: the ABD clause in its first version, from 1 February 2025.
  const provenance = await page.locator('#vacancy-provenance tbody tr', { hasText: 'ABD_SOCIALE_VEILIGHEID' }).innerText();
  assert.match(provenance, /v1 sinds 1 februari 2025/);

  // The clipboard belongs to the focused page: with several browsers at work, make sure it is ours.
  await page.bringToFront();
  await page.locator('#copy-text').focus();
  await page.locator('#copy-text').click();
  const status = page.locator('#copy-status');
  await status.filter({ hasText: /Gekopieerd|lukte niet/ }).waitFor();
  assert.equal(await status.innerText(), 'Gekopieerd naar het klembord.');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard.trim(), text.trim());
  assert.ok(clipboard.includes(ABD_SENTENCE));

  // Schaal 14 is no ABD post: the sentence is not there.
  await page.goto(`${BASE}/vacancy-text?group=MANAGER&scale=14`);
  assert.ok(!(await page.locator('#vacancy-text-output').innerText()).includes(ABD_SENTENCE));
  assert.deepEqual(problems, []);
  await context.close();
});
