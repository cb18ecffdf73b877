// The preview of the personeelsgesprek: the form for Manager schaal 13, as the manager and as
// the employee sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHydrated, BASE } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the manager form for Manager schaal 13 rates the responsibility for a safe and inclusive workplace', async () => {
  const { page, problems } = await openHydrated(browser, '/appraisal-preview');
  await page.locator('#preview-group').selectOption('MANAGER');
  await page.locator('#preview-scale').fill('13');
  await page.locator('#preview-on').fill('2025-09-01');
  await page.locator('#preview-form button[type=submit]').click();
  await page.waitForURL(/group=MANAGER&scale=13/);
  await page.locator('#conversation-form').waitFor();
  assert.match(await page.locator('#preview-formats').innerText(), /PERSONEELSGESPREK_LEIDINGGEVENDEN@1/);

  // As the manager: the responsibility criterion with the official conclusion scale to rate.
  await page.locator('#preview-views a', { hasText: 'Als leidinggevende' }).click();
  await page.waitForURL(/view=manager/);
  const criterion = page.locator('.criterion[data-criterion=VEILIGE_INCLUSIEVE_WERKOMGEVING]');
  await criterion.waitFor();
  assert.match(await criterion.innerText(), /veilige en inclusieve werkomgeving vrij van racisme en discriminatie/);
  const levels = await criterion.locator('input[type=radio]').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(levels, ['PLUS_PLUS', 'PLUS', 'PLUS_MINUS', 'MINUS']);
  await criterion.locator('input[value=PLUS]').check();
  assert.equal(await criterion.locator('input[value=PLUS]').isChecked(), true);
  const sections = await page.locator('#conversation-form fieldset legend').allTextContents();
  assert.deepEqual(sections, [
    'Plannen', 'Reflecteren op functioneren', 'Evalueren met conclusie', 'Integriteit', 'Sociale veiligheid',
    'Discriminatie en racisme', 'Leidinggeven aan een veilige en inclusieve werkomgeving',
  ]);

  // As the employee: the same questions, nothing to rate.
  await page.locator('#preview-views a', { hasText: 'Als medewerker' }).click();
  await page.waitForURL(/view=employee/);
  await page.locator('#conversation-form[data-view=employee]').waitFor();
  assert.equal(await page.locator('#conversation-form input[type=radio]').count(), 0);
  assert.equal(await page.locator('.criterion[data-criterion=ERVARINGEN_DISCRIMINATIE_RACISME]').count(), 1);

  // Before the manager format took effect, there is no such criterion.
  await page.goto(`${BASE}/appraisal-preview?group=MANAGER&scale=13&on=2025-08-31&view=manager`);
  assert.equal(await page.locator('.criterion[data-criterion=VEILIGE_INCLUSIEVE_WERKOMGEVING]').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
