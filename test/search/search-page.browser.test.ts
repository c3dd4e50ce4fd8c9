// A reader's search journey in Chromium on the demo newspaper: the header box, highlighted results,
// a section filter, the next page, and a click through to an article.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let origin: string;

before(async () => {
  t = await buildTestApp({ demo: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

after(async () => {
  await browser?.close();
  await t.close();
});

test('search from the header, narrow by section, page on, open a result', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(`${origin}/`);
  await page.fill('#site-search', 'harbour');
  await page.press('#site-search', 'Enter');
  await page.waitForURL(/\/search\/\?q=harbour$/);
  assert.equal(await page.title(), 'Search: harbour – The Merrowby Courier');
  const count = await page.textContent('.search-count');
  assert.match(count ?? '', /^\d+ results? for “harbour”/);
  const total = Number(count?.match(/^\d+/)?.[0]);
  assert.ok(total > 1);
  assert.ok((await page.locator('.search-result mark').count()) > 0, 'matches are highlighted');
  assert.equal(await page.inputValue('#search-q'), 'harbour');
  assert.equal(await page.inputValue('#site-search'), 'harbour');

  await page.selectOption('#search-category', 'news');
  await page.click('.search-field button');
  await page.waitForURL(/category=news/);
  const narrowed = Number((await page.textContent('.search-count'))?.match(/^\d+/)?.[0] ?? 0);
  assert.ok(narrowed >= 1 && narrowed < total, `${narrowed} of ${total}`);
  assert.equal(await page.inputValue('#search-category'), 'news');

  await page.fill('#search-q', 'the ');
  await page.selectOption('#search-category', '');
  await page.click('.search-field button');
  await page.waitForURL(/q=the\+/);
  assert.match((await page.textContent('.search-count')) ?? '', /– page 1 of [2-9]/);
  await page.click('a[rel="next"]');
  await page.waitForURL(/page=2/);
  assert.equal(await page.getAttribute('ol.search-results', 'start'), '21');
  assert.match((await page.textContent('.search-count')) ?? '', /– page 2 of/);

  const first = page.locator('.search-result h2 a').first();
  const headline = (await first.textContent())?.trim();
  await first.click();
  await page.waitForLoadState();
  assert.equal((await page.textContent('h1'))?.trim(), headline);

  assert.deepEqual(problems, []);
  await page.close();
});

test('malformed input in the box shows a page, not an error', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.fill('#site-search', '"unbalanced OR -- <script>alert(1)</script> 😀');
  await page.press('#site-search', 'Enter');
  await page.waitForURL(/\/search\//);
  assert.match((await page.textContent('.search-count')) ?? '', /results? for|No results/);
  assert.equal(await page.locator('main script').count(), 0);
  await page.close();
});
