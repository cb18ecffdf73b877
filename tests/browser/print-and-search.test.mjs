// The header's search, by keyboard, and the printable typing with its PDF.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openHydrated } from './support.mjs';

const browser = await launch();
after(() => browser.close());

test('the header search finds a group by a misspelt accent, and the keyboard reaches it', async () => {
  const { page, problems } = await openHydrated(browser, '/');
  // Keyboard only: the search box is a tab stop in the header; Enter sends it.
  await page.locator('#search-q').focus();
  await page.keyboard.type('coòrdinerend');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const first = page.locator('#search-hits li a').first();
  await first.waitFor();
  assert.equal(await first.innerText(), 'Coördinerend Beleidsmedewerker');
  await first.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/groups\/[A-Z_]+/);
  await page.locator('h1', { hasText: 'Coördinerend Beleidsmedewerker' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a typing opens as a printable document and downloads as a PDF', async () => {
  const { page, problems } = await openHydrated(browser, '/groups/MANAGER');
  await page.locator('#typings a.print-link').first().click();
  await page.waitForURL(`${BASE}/groups/MANAGER/typings/12`);
  const doc = page.locator('#typing-document');
  await doc.waitFor();
  for (const text of ['Functietypering schaal 12', 'FUWASYS', 'Algemene omschrijving', 'Resultaten',
    'Speelruimte / Kaders', 'Kennis & Vaardigheden', 'Contacten', 'Bron']) {
    assert.match(await doc.innerText(), new RegExp(text.replace(/[/()]/g, '\\$&')), `${text} missing`);
  }
  // On paper the console's header and navigation are gone.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site-header').isVisible(), false);
  assert.equal(await page.locator('#typing-pdf').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  const href = await page.locator('#typing-pdf').getAttribute('href');
  const answer = await fetch(new URL(href, BASE));
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await answer.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(bytes.toString('latin1'), /\(Manager\) Tj/);
  assert.deepEqual(problems, []);
});
