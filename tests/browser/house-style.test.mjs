// The house style: NL Design System's Rijkshuisstijl served from this origin, the skip link, and
// the browser code and stylesheets sent compressed with cache headers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openHydrated } from './support.mjs';

const browser = await launch();
after(() => browser.close());

test('pages wear the Rijkshuisstijl tokens and components, loaded from this origin', async () => {
  const { page, problems } = await openHydrated(browser, '/groups/MANAGER');
  const style = await page.evaluate(() => {
    const sheets = [...document.styleSheets].map((s) => ({ href: s.href, rules: s.cssRules.length }));
    const body = getComputedStyle(document.body);
    const h1 = document.querySelector('h1');
    const button = document.querySelector('.site-header button');
    return {
      sheets,
      lintblauw: body.getPropertyValue('--rhc-color-lintblauw-500').trim(),
      fontFamily: body.fontFamily,
      h1Color: getComputedStyle(h1).color,
      h1Class: h1.className,
      buttonCursor: getComputedStyle(button).cursor,
      buttonMinHeight: getComputedStyle(button).minBlockSize,
    };
  });
  for (const path of ['/style/design-tokens.css', '/style/components.css', '/console.css']) {
    const sheet = style.sheets.find((s) => s.href === `${BASE}${path}`);
    assert.ok(sheet, `${path} is linked`);
    assert.ok(sheet.rules > 0, `${path} has rules`);
  }
  assert.ok(style.sheets.every((s) => s.href === null || s.href.startsWith(BASE)), 'nothing from elsewhere');
  assert.equal(style.lintblauw, '#154273');
  assert.match(style.fontFamily, /Fira Sans/);
  assert.equal(style.h1Class, 'nl-heading nl-heading--level-1');
  assert.equal(style.h1Color, 'rgb(21, 66, 115)');
  assert.equal(style.buttonCursor, 'pointer');
  assert.notEqual(style.buttonMinHeight, 'auto');
  assert.deepEqual(problems, []);
});

test('the first Tab reaches the skip link, which moves focus to the content', async () => {
  const { page, problems } = await openHydrated(browser, '/coverage');
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return { text: el.textContent, href: el.getAttribute('href'), visible: box.top >= 0 && box.height > 0 };
  });
  assert.deepEqual(skip, { text: 'Naar de inhoud', href: '#main', visible: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  // The next Tab goes to the first link of the content, not back to the header.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)));
  assert.deepEqual(problems, []);
});

for (const path of ['/pkg/fgr_console_bg.wasm', '/pkg/fgr_console.js', '/style/components.css']) {
  test(`${path} is sent gzipped, and revalidated rather than fetched again`, async () => {
    const plain = await fetch(`${BASE}${path}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-encoding'), null);
    const size = Number(plain.headers.get('content-length'));
    const zipped = await fetch(`${BASE}${path}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    // fetch unzips: the body is the file itself.
    assert.equal((await zipped.arrayBuffer()).byteLength, size);
    for (const answer of [plain, zipped]) {
      assert.equal(answer.headers.get('cache-control'), 'no-cache');
      assert.ok(answer.headers.get('last-modified'), 'Last-Modified');
    }
    const again = await fetch(`${BASE}${path}`, {
      headers: { 'accept-encoding': 'gzip', 'if-modified-since': zipped.headers.get('last-modified') },
    });
    assert.equal(again.status, 304);
  });
}
