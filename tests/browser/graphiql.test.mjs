// GraphiQL on GET /graphql runs from this origin's own files: it renders, answers a query, logs
// no error (a Content-Security-Policy violation would be one) and requests nothing elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE, launch } from './support.mjs';

test('GraphiQL loads from this origin only and runs a query', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const requested = [];
    const problems = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    await page.goto(`${BASE}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // Run the default editor's query through the run button: the answer comes from /graphql.
    const answered = page.waitForResponse((r) => r.url() === `${BASE}/graphql` && r.request().method() === 'POST');
    await page.locator('.graphiql-execute-button').click();
    assert.equal((await answered).status(), 200);
    const outside = requested.filter((url) => !url.startsWith(`${BASE}/`) && !url.startsWith('data:'));
    assert.deepEqual(outside, [], 'every request stays on this origin');
    assert.ok(requested.some((url) => url === `${BASE}/graphiql/graphiql.min.js`), requested.join('\n'));
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
