// Every page, signed out and as each role, hydrated, checked with axe-core against WCAG 2.1 A and
// AA: no violation. The main pages at a phone's width (390 px) scroll no wider than the screen,
// and every requirement of the coverage matrix is reachable on a 1366 px screen.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { BASE, launch, signedIn } from './support.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const browser = await launch();
after(() => browser.close());

const ROLES = ['viewer', 'recruiter', 'committee_member', 'committee_secretary', 'maintainer', 'admin'];
let proposal;

before(async () => {
  // A proposal of its own, so that its page exists whatever the other test files do.
  const author = await signedIn(browser, 'committee_member', 'Axe Auteur');
  const answer = await author.request.post(`${BASE}/graphql`, {
    headers: { 'content-type': 'application/json', origin: BASE },
    data: {
      query: 'mutation { createProposal(input: { groupCode: "MANAGER", title: "Toegankelijkheid", rationale: "Een voorstel om de pagina te toetsen.", requestedEffectiveFrom: "2099-01-01" }) { number } }',
    },
  });
  const body = await answer.json();
  assert.equal(body.errors, undefined, JSON.stringify(body));
  proposal = body.data.createProposal.number;
  await author.close();
});

function pages() {
  return [
    '/', '/families/LIJNMANAGEMENT', '/groups/MANAGER', '/groups/MANAGER/history?from=1&to=1',
    '/groups/MANAGER/typings/12', '/coverage', '/coverage?status=lacunes', '/search?q=manager',
    '/proposals', `/proposals/${proposal}`, '/audit', '/catalogue/import', '/clauses',
    '/clauses/ABD_SOCIALE_VEILIGHEID', '/vacancy-text?group=MANAGER&scale=15', '/formats',
    '/formats/PERSONEELSGESPREK_RIJK', '/appraisal-preview', '/bestaat-niet',
  ];
}

async function violations(context, path) {
  const page = await context.newPage();
  // A script error or a console error or warning (Leptos warns of a signal read outside a
  // reactive context) counts as a finding on the page too; the missing page's own 404 does not.
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const missing = path === '/bestaat-niet' && /status of 404/.test(m.text());
    if ((m.type() === 'error' || m.type() === 'warning') && !missing) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(`${BASE}${path}`);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  await page.close();
  return [...found, ...problems].map((v) => `${path}: ${v}`);
}

test('axe finds no WCAG 2.1 AA violation and the console logs no error or warning on any page, signed out or in any role', async () => {
  const found = [];
  // The console's Content-Security-Policy allows no inline script: only axe's injection may pass.
  const anonymous = await browser.newContext({ bypassCSP: true });
  for (const path of pages()) found.push(...(await violations(anonymous, path)).map((v) => `signed out ${v}`));
  await anonymous.close();
  for (const [i, role] of ROLES.entries()) {
    // People's names, not role codes: the journey checks that the audit page shows no code.
    const context = await signedIn(browser, role, `Toets Persoon ${i + 1}`, { bypassCSP: true });
    for (const path of pages()) found.push(...(await violations(context, path)).map((v) => `${role} ${v}`));
    await context.close();
  }
  assert.deepEqual(found, []);
});

test('at 390 px the main pages scroll no wider than the screen', async () => {
  const context = await signedIn(browser, 'committee_member', 'Smal Scherm');
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = [];
  for (const path of ['/', '/groups/MANAGER', '/coverage', `/proposals/${proposal}`, '/audit', '/groups/MANAGER/typings/12']) {
    await page.goto(`${BASE}${path}`);
    await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`${path}: ${width} px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});

test('on a 1366 px screen every requirement of the coverage matrix is reachable', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${BASE}/coverage`);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1366), 'the page itself scrolls sideways');
  const heads = page.locator('table.coverage thead th[data-requirement]');
  const count = await heads.count();
  assert.ok(count >= 4, `${count} requirement columns`);
  for (let i = 0; i < count; i += 1) {
    const head = heads.nth(i);
    // Inside its table's own scrolling region, if it needs one.
    await head.scrollIntoViewIfNeeded();
    const box = await head.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 1366, `column ${i + 1} is off screen: ${JSON.stringify(box)}`);
  }
  await page.close();
});
