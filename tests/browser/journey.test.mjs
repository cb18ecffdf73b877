// The committee's journey in the console, by three people in their own browsers: a gap in the
// coverage report → a proposal edited with a live diff → submission → the committee's advice →
// the owner's decision → the new version is current and the gap is closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openHydrated, signedIn, today, BASE } from './support.mjs';

const GROUP = 'MANAGER';
const GROUP_NAME = 'Manager';
const REQUIREMENT = 'MOTIE_BAMENGA';
const INDICATOR = 'Zorgt voor een veilige en inclusieve werkomgeving, vrij van racisme en discriminatie.';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The coverage cell of GROUP × REQUIREMENT on the coverage page. */
async function coverageCell(page) {
  const row = page.locator('#coverage-LIJNMANAGEMENT tbody tr')
    .filter({ has: page.getByRole('link', { name: GROUP_NAME, exact: true }) });
  return row.locator(`td[data-requirement="${REQUIREMENT}"]`);
}

test('a gap in the coverage report is closed by a proposal the committee advises and the owner adopts', async () => {
  const date = today();

  // The author finds the gap and starts a proposal from it.
  const alice = await signedIn(browser, 'committee_member', 'Alice Auteur');
  const { page, problems } = await openHydrated(alice, '/coverage');
  const gap = await coverageCell(page);
  assert.match(await gap.getAttribute('class'), /missing/);
  assert.match(await gap.textContent(), /ontbreekt/);
  await gap.locator('a.gap').click();
  await page.waitForURL(`${BASE}/groups/${GROUP}?dekking=${REQUIREMENT}#propose`);
  // The form opens filled in for the gap.
  assert.equal(await page.locator('#propose').getAttribute('open'), '');
  assert.match(await page.locator('#propose-title').inputValue(), /^Dekking van “.+” in Manager$/);
  assert.match(await page.locator('#propose-rationale').inputValue(), /nog niet \(volledig\) gedekt/);
  await page.locator('#propose-title').fill('Sociale veiligheid in het profiel van de manager');
  await page.locator('#propose-rationale').fill('Motie Bamenga: de verantwoordelijkheid moet in de profielen staan.');
  await page.locator('#propose-date').fill(date);
  await page.locator('#propose-form button[type=submit]').click();
  await page.waitForURL(/\/proposals\/\d+$/);
  const proposalPath = new URL(page.url()).pathname;

  // The draft opens in the editor; the live diff follows the edits before anything is saved.
  const indicators = page.locator('#edit-omgeving-indicators');
  await indicators.waitFor();
  const filled = await page.locator('#content-editor textarea').evaluateAll(
    (areas) => areas.filter((a) => a.value.trim().length > 0).length,
  );
  assert.ok(filled > 0, 'the editor starts from the current content');
  const current = await indicators.inputValue();
  await indicators.fill(current ? `${current}\n${INDICATOR}` : INDICATOR);
  await page.locator('#add-link').click();
  const link = page.locator('#edit-coverage tr.link').last();
  await link.locator('select.link-requirement').selectOption(REQUIREMENT);
  await link.locator('input.link-location').fill('Kernprofiel › Omgeving › gedragsindicatoren');
  await link.locator('textarea.link-quote').fill(INDICATOR);
  const liveDiff = page.locator('.live-diff #diff > li');
  await assertEventually(async () => (await liveDiff.count()) === 2, 'the live diff shows both changes');
  assert.match(await page.locator('.live-diff #diff').innerText(), /veilige en inclusieve werkomgeving/);
  await page.locator('#submit-proposal').click();
  await assertText(page.locator('#proposal-state'), 'ingediend');
  // Each step says what it did.
  await assertText(page.locator('#step-done'), 'Voorstel opgeslagen en ingediend.');
  assert.deepEqual(problems, []);

  // The secretary finds it in the committee's queue and records the advice.
  const sam = await signedIn(browser, 'committee_secretary', 'Sam Secretaris');
  const queue = await openHydrated(sam, '/proposals?view=queue');
  await queue.page.locator(`#proposals a[href="${proposalPath}"]`).click();
  await queue.page.waitForURL(`${BASE}${proposalPath}`);
  const advice = queue.page.locator('#advice-form');
  await advice.locator('#advice-date').fill(date);
  await advice.locator('#advice-rationale').fill('De tekst dekt de motie.');
  await advice.locator('#advice-employers').fill('W. Gever');
  await advice.locator('#advice-unions').fill('V. Bond\nA. Bond');
  await advice.locator('button[type=submit]').click();
  await assertText(queue.page.locator('#proposal-state'), 'geadviseerd');
  await assertText(queue.page.locator('#step-done'), 'Advies vastgelegd.');
  assert.match(await queue.page.locator('#advice').innerText(), /De tekst dekt de motie/);
  assert.equal(await queue.page.locator('#decision-form').count(), 0, 'the secretary cannot decide');
  assert.deepEqual(queue.problems, []);

  // FGR beheer records the owner's decision; the content becomes a new version from today.
  const mo = await signedIn(browser, 'maintainer', 'Mo Beheer');
  const owner = await openHydrated(mo, proposalPath);
  await owner.page.locator('#decision-reference').fill('Besluit DGDOO 2026-0099');
  await owner.page.locator('#decision-date').fill(date);
  await owner.page.locator('#decision-form button[type=submit]').click();
  await assertText(owner.page.locator('#proposal-state'), 'vastgesteld');
  await assertText(owner.page.locator('#step-done'), 'Besluit vastgelegd.');
  assert.deepEqual(owner.problems, []);

  // The gap is closed, the group shows the new text, and the history names the decision.
  await page.goto(`${BASE}/coverage`);
  assert.match(await (await coverageCell(page)).getAttribute('class'), /covered/);
  await page.goto(`${BASE}/groups/${GROUP}`);
  assert.match(await page.locator('#version').innerText(), /Versie 2/);
  assert.match(await page.locator('body').innerText(), /vrij van racisme en discriminatie/);
  await page.goto(`${BASE}/groups/${GROUP}/history?from=1&to=2`);
  const rows = page.locator('#version-history tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(1).innerText(), /Besluit DGDOO 2026-0099/);
  assert.equal(await page.locator('#diff > li').count(), 2);

  // Every step is in the audit log.
  await page.goto(`${BASE}/audit`);
  const actions = await page.locator('#audit-log td.action').allTextContents();
  for (const action of ['voorstel gemaakt', 'voorstel ingediend', 'advies van de commissie vastgelegd',
    'nieuwe versie van functiegroep vastgesteld', 'voorstel vastgesteld']) {
    assert.ok(actions.includes(action), `${action} missing from the audit log: ${actions}`);
  }
  // People read Dutch: the codes are only in each entry's (closed) details.
  const shown = await page.locator('#audit-log').innerText();
  for (const code of [/\b[a-z_]+\.[a-z_]+\b/, /dev:/, /\bmaintainer\b/, /group_version/, /T\d\d:\d\d:\d\dZ/]) {
    assert.doesNotMatch(shown, code, `a code on the audit page: ${shown.slice(0, 400)}`);
  }
  // Nor on the proposal, its group's history or the coverage matrix, now that all of them
  // carry advice, a decision and a new version: no value of the schema's workflow enums (as
  // introspection gives them) and no SCREAMING_SNAKE code, outside closed details elements.
  const enums = await workflowEnumValues();
  for (const path of [proposalPath, `/groups/${GROUP}/history?from=1&to=2`, '/coverage']) {
    await page.goto(`${BASE}${path}`);
    const text = await page.locator('main').evaluate((main) => {
      const copy = main.cloneNode(true);
      copy.querySelectorAll('details:not([open]) > :not(summary)').forEach((e) => e.remove());
      document.body.appendChild(copy);
      const shown = copy.innerText;
      copy.remove();
      return shown;
    });
    const words = new Set(text.split(/[^A-Za-z0-9_]+/));
    const codes = [...words].filter((w) => enums.has(w) || /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(w));
    assert.deepEqual(codes, [], `codes shown on ${path}`);
  }
  await Promise.all([alice.close(), sam.close(), mo.close()]);
});

/** Every value of the enums the proposal, history and coverage pages show, by introspection. */
async function workflowEnumValues() {
  const names = ['ProposalState', 'ProposalStep', 'AdviceOutcome', 'DecisionOutcome', 'ProposalTarget',
    'ChangeKind', 'CoverageStatus', 'ProvenanceKind', 'Role', 'TypingSectionKind'];
  const answer = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { types { name enumValues { name } } } }' }),
  });
  const types = (await answer.json()).data.__schema.types;
  const found = types.filter((t) => names.includes(t.name));
  assert.ok(found.length >= 3, `workflow enums: ${found.map((t) => t.name)}`);
  return new Set(found.flatMap((t) => t.enumValues.map((v) => v.name)));
}

async function assertText(locator, expected) {
  await assertEventually(async () => (await locator.innerText()).trim() === expected, `expected "${expected}"`);
}

async function assertEventually(check, message, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(message);
}
