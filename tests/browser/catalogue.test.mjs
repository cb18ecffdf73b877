// The catalogue browser in a real headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHydrated, BASE } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a group page shows the typings of every scale side by side', async () => {
  const { page, problems } = await openHydrated(browser, '/groups/MANAGER');
  const headers = await page.locator('#typings thead th .scale-label').allTextContents();
  assert.deepEqual(headers, ['Schaal 12', 'Schaal 13', 'Schaal 14', 'Schaal 15']);
  // Each scale's column links its printable typing.
  const printable = await page.locator('#typings thead th a.print-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(printable, [12, 13, 14, 15].map((s) => `/groups/MANAGER/typings/${s}`));
  const fuwasys = await page.locator('#typings tr.fuwasys td').allTextContents();
  assert.deepEqual(fuwasys, [
    '44443 44434 43 43 (52)', '44444 44444 44 44 (56)', '45444 45544 44 44 (59)', '45445 45545 44 45 (62)',
  ]);
  const results = await page.locator('#typings tbody tr', { hasText: 'Resultaten' }).locator('td').first().innerText();
  assert.match(results, /personeelsmanagement in lijn met de rijksbrede visie en afspraken uitgevoerd/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('once hydrated, links navigate inside the page and fetch their data over GraphQL', async () => {
  const { page, problems } = await openHydrated(browser, '/groups/MANAGER');
  const graphqlPosts = [];
  page.on('request', (r) => { if (r.url() === `${BASE}/graphql` && r.method() === 'POST') graphqlPosts.push(r); });
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('nav.crumbs a', { hasText: 'Lijnmanagement' }).click();
  await page.waitForURL(`${BASE}/families/LIJNMANAGEMENT`);
  await page.locator('#groups tbody tr').first().waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the browser reloaded the page');
  assert.ok(graphqlPosts.length >= 1, 'no GraphQL request was made by the browser');
  const groups = await page.locator('#groups tbody tr td:first-child a').allTextContents();
  assert.deepEqual(groups, ['Operationeel Manager', 'Manager', 'Topmanager', 'Topmanager-generaal']);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the header's Inloggen leads to the sign-in page on a hydrated page", async () => {
  // The client-side router must leave server routes such as /auth/login to the server.
  const { page, problems } = await openHydrated(browser, '/groups/MANAGER');
  await page.locator('#login').click();
  await page.waitForURL((url) => url.pathname === '/auth/dev-login');
  assert.equal(new URL(page.url()).searchParams.get('return_to'), '/groups/MANAGER');
  await page.locator('#dev-login input[name=name]').waitFor();
  assert.equal(await page.getByText('Pagina niet gevonden').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the date picker shows the catalogue as it stood on that date', async () => {
  const { page, problems } = await openHydrated(browser, '/families/LIJNMANAGEMENT');
  await page.locator('#asOf').fill('2016-06-01');
  await page.locator('#as-of-form button[type=submit]').click();
  await page.waitForURL(`${BASE}/families/LIJNMANAGEMENT?asOf=2016-06-01`);
  await page.locator('#groups tbody tr').first().waitFor();
  const groups = await page.locator('#groups tbody tr td:first-child a').allTextContents();
  // Topmanager-generaal was added on 16 November 2015 (Besluit DGOBR); the register's versions of
  // the other Lijnmanagement groups start with the groot onderhoud of 18 December 2017.
  assert.deepEqual(groups, ['Topmanager-generaal']);
  assert.equal(await page.locator('.as-of-note').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('pages read fully without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${BASE}/groups/TOPMANAGER`);
  const competences = await page.locator('#competences li').allTextContents();
  assert.deepEqual(competences, [
    'Bestuurssensitiviteit', 'Conceptuele flexibiliteit', 'Gedeeld leiderschap', 'Stressbestendigheid',
    'Omgevingsbewustzijn', 'Aansturen organisatie', 'Reflecteren',
  ]);
  await context.close();
});
