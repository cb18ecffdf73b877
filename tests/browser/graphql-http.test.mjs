// The GraphQL Foundation's GraphQL-over-HTTP conformance audit (`graphql-http`, pinned in
// package.json) against the running server: no MUST may fail, and at least 58 of the audits
// must pass outright. The summary is printed so a run shows where it stands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAudits } from 'graphql-http';

import { BASE } from './support.mjs';

test('GraphQL over HTTP: the graphql-http audit finds no MUST failure', async () => {
  const audits = serverAudits({ url: `${BASE}/graphql`, fetchFn: fetch });
  const results = [];
  for (const audit of audits) results.push(await audit.fn());
  const by = (status) => results.filter((r) => r.status === status);
  const ok = by('ok');
  const notOk = results.filter((r) => r.status !== 'ok');
  console.log(`graphql-http ${audits.length} audits: ${ok.length} ok, ${by('warn').length} warn, `
    + `${by('notice').length} notice, ${by('error').length} error`);
  for (const r of notOk) console.log(`  ${r.status}: ${r.name}: ${r.reason}`);
  const mustFailures = results.filter((r) => r.status === 'error' || (r.status !== 'ok' && r.name.startsWith('MUST')));
  assert.deepEqual(mustFailures.map((r) => `${r.name}: ${r.reason}`), []);
  assert.ok(ok.length >= 58, `${ok.length} of ${audits.length} ok; at least 58 expected`);
});
