// FGR beheer imports a catalogue file in the console: upload, the per-group diff, confirm, and
// the new version on the group's page from its effective date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHydrated, signedIn, dutchDate, BASE } from './support.mjs';

const GROUP = 'ADVISEUR_BEDRIJFSVOERING';
const BULLET = 'Adviseert over de inrichting van de bedrijfsvoering (uit de volledige brontekst, browsertest).';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function tomorrow() {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

test('FGR beheer uploads a catalogue file, sees the change per group, confirms and finds the new version', async () => {
  // The file: the export, narrowed to one group, with one more bullet in its first typing.
  const exported = await (await fetch(`${BASE}/api/catalogue.json`)).json();
  const group = exported.groups.find((g) => g.code === GROUP);
  assert.ok(group, `${GROUP} is in the export`);
  const latest = group.versions[group.versions.length - 1];
  latest.content.typings[0].items.push({ section: 'RESULTATEN', subCategory: null, text: BULLET });
  const file = { ...exported, groups: [group] };

  // Signed out, the page says who may import.
  const anonymous = await openHydrated(browser, '/catalogue/import');
  await anonymous.page.locator('#import-not-allowed').waitFor();
  await anonymous.page.close();

  const mo = await signedIn(browser, 'maintainer', 'Mo Beheer');
  const { page, problems } = await openHydrated(mo, '/catalogue/import');
  await page.locator('#import-file').setInputFiles({
    name: 'catalogus.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
  });

  // Without a decision the check names what is missing, and nothing is shown to confirm.
  await page.locator('#import-check:enabled').click();
  const error = page.locator('#import-form .action-error');
  await error.waitFor();
  assert.match(await error.innerText(), /decision: .*geef het besluit/);
  assert.equal(await page.locator('#import-confirm').count(), 0);

  await page.locator('#import-decision').fill('Besluit DGDOO 2026-0200 (browsertest)');
  await page.locator('#import-effective-from').fill(tomorrow());
  await page.locator('#import-check').click();
  const planned = page.locator(`.import-group[data-group=${GROUP}]`);
  await planned.waitFor();
  assert.equal(await planned.getAttribute('data-action'), 'NEW_VERSION');
  assert.match(await planned.locator('.diff').innerText(), /toegevoegd: Adviseert over de inrichting/i);
  assert.equal(await page.locator('.import-group').count(), 1, 'only the changed group is listed');

  await page.locator('#import-confirm').click();
  await page.locator('#import-done').waitFor();
  await page.locator(`#import-done a[data-group=${GROUP}]`).click();
  await page.waitForURL(new RegExp(`/groups/${GROUP}\\?asOf=${tomorrow()}`));
  await page.locator('#version').waitFor();
  assert.match(await page.locator('#version').innerText(), /Versie 2/);
  assert.match(await page.locator('main').innerText(), /Adviseert over de inrichting van de bedrijfsvoering/);

  // Today the group is as it was.
  await page.goto(`${BASE}/groups/${GROUP}`);
  assert.match(await page.locator('#version').innerText(), /Versie 1/);
  const main = await page.locator('main').innerText();
  assert.doesNotMatch(main, /Adviseert over de inrichting/);
  assert.match(main, new RegExp(`v2\\s+${dutchDate(tomorrow())}\\s+—\\s+Besluit DGDOO 2026-0200 \\(browsertest\\)`), 'the history names the decision');
  assert.deepEqual(problems, []);
  await mo.close();
});
