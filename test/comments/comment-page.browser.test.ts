// Readers commenting in Chromium on the demo newspaper: posting through the real form with and without
// JavaScript, replying in place and by the no-JS reply link, a rejection keeping the text, "awaiting
// moderation" seen only in the poster's browser, and the remembered commenter.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { useSettings } from './comment-fixtures.js';

const ARTICLE = '/council-approves-emergency-funding-for-ansel-bridge/';

let t: TestApp;
let browser: Browser;
let origin: string;

before(async () => {
  // The page cache keys on the path alone (reported): the no-JS reply link (?replytocom=) needs it off for now.
  t = await buildTestApp({ demo: true, env: { BROADSHEET_PAGE_CACHE: '0' } });
  await useSettings(t.ctx, { commentMinSecondsToSubmit: 0 });
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

async function open(context: BrowserContext, path = ARTICLE): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${origin}${path}`);
  return { page, problems };
}

async function fill(page: Page, fields: { comment: string; author: string; email: string }): Promise<void> {
  await page.fill('#comment', fields.comment);
  await page.fill('#author', fields.author);
  await page.fill('#email', fields.email);
}

describe('commenting in Chromium', () => {
  test('the demo article shows a threaded conversation', async () => {
    const context = await browser.newContext();
    const { page, problems } = await open(context);
    assert.ok((await page.locator('#comments .comment-list > li').count()) >= 2);
    assert.ok((await page.locator('#comments ol.children > li.depth-2').count()) >= 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('without JavaScript: a first-time comment is held and only its poster sees it', async () => {
    await useSettings(t.ctx, { commentPolicy: 'hold-first-time' });
    const poster = await browser.newContext({ javaScriptEnabled: false });
    const { page } = await open(poster);
    const text = 'A no-JavaScript reader asks when the bridge reopens.';
    await fill(page, { comment: text, author: 'Nora NoScript', email: 'nora@readers.test' });
    await page.click('#submit');
    await page.waitForURL(/#comment-\d+$/);
    const held = page.locator('li.comment-held', { hasText: text });
    assert.equal(await held.count(), 1);
    assert.match(
      (await held.locator('.comment-awaiting-moderation').textContent()) ?? '',
      /awaiting moderation/,
    );

    const stranger = await browser.newContext();
    const other = await open(stranger);
    assert.equal(await other.page.getByText(text).count(), 0);
    assert.equal(await other.page.locator('.comment-awaiting-moderation').count(), 0);
    await poster.close();
    await stranger.close();
  });

  test('without JavaScript: a rejected comment comes back with the text intact and the message by the field', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page } = await open(context);
    const text = 'Long thoughts\nover two lines, with <angle brackets> & ampersands.';
    // "x@localhost" passes the browser's own email check but not ours (no domain).
    await fill(page, { comment: text, author: 'Rejected Ray', email: 'ray@localhost' });
    await page.click('#submit');
    await page.waitForSelector('#email-error');
    assert.match((await page.textContent('#email-error')) ?? '', /does not look like an email address/);
    assert.equal(await page.inputValue('#comment'), text);
    assert.equal(await page.inputValue('#author'), 'Rejected Ray');
    await page.fill('#email', 'ray@readers.test');
    await page.click('#submit');
    await page.waitForURL(new RegExp(`${ARTICLE}#comment-\\d+$`));
    assert.equal(await page.locator('li.comment-held', { hasText: 'Long thoughts' }).count(), 1);
    await context.close();
  });

  test('without JavaScript: the Reply link opens "Reply to NAME" and the reply nests', async () => {
    await useSettings(t.ctx, { commentPolicy: 'approve-all' });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page } = await open(context);
    const first = page.locator('#comments .comment-list > li').first();
    const parentId = (await first.getAttribute('id'))!;
    const parentName = (await first.locator('.comment-author').first().textContent())!.trim();
    await first.locator('.comment-reply-link').first().click();
    await page.waitForURL(/\?replytocom=\d+#respond$/);
    assert.equal(await page.textContent('#reply-title-text'), `Reply to ${parentName}`);
    assert.ok(await page.isVisible('#cancel-comment-reply-link'));
    await fill(page, { comment: 'A no-JS reply, nested.', author: 'Nested Ned', email: 'ned@readers.test' });
    await page.click('#submit');
    await page.waitForURL(/#comment-\d+$/);
    assert.equal(
      await page.locator(`#${parentId} > ol.children li`, { hasText: 'A no-JS reply, nested.' }).count(),
      1,
    );
    await context.close();
  });

  test('with JavaScript: Reply moves the form under the comment, posts a nested reply, and remembers the reader', async () => {
    await useSettings(t.ctx, { commentPolicy: 'approve-all' });
    const context = await browser.newContext();
    const { page, problems } = await open(context);
    const target = page.locator('#comments .comment-list > li').nth(1);
    const targetId = (await target.getAttribute('id'))!;
    const url = page.url();
    await target.locator('.comment-reply-link').first().click();
    assert.equal(page.url(), url, 'no page load');
    assert.equal(await page.locator(`#${targetId} #respond`).count(), 1, 'the form moved under the comment');
    assert.match((await page.textContent('#reply-title-text')) ?? '', /^Reply to /);
    assert.equal(await page.inputValue('#comment_parent'), targetId.replace('comment-', ''));

    await page.click('#cancel-comment-reply-link');
    assert.equal(await page.locator(`#${targetId} #respond`).count(), 0, 'cancel puts it back');
    assert.equal(await page.textContent('#reply-title-text'), 'Leave a Reply');
    assert.equal(await page.inputValue('#comment_parent'), '0');

    await target.locator('.comment-reply-link').first().click();
    await fill(page, {
      comment: 'A reply in place, with JavaScript.',
      author: 'Jules Script',
      email: 'jules@readers.test',
    });
    await page.check('#wp-comment-cookies-consent');
    await page.click('#submit');
    await page.waitForURL(/#comment-\d+$/);
    assert.equal(
      await page
        .locator(`#${targetId} > ol.children li`, { hasText: 'A reply in place, with JavaScript.' })
        .count(),
      1,
    );

    const again = await open(context);
    assert.equal(await again.page.inputValue('#author'), 'Jules Script');
    assert.equal(await again.page.inputValue('#email'), 'jules@readers.test');
    assert.ok(await again.page.isChecked('#wp-comment-cookies-consent'));
    assert.ok(
      !(await again.page.content()).includes('jules@readers.test'),
      'filled by script, not sent in the page',
    );
    assert.deepEqual([...problems, ...again.problems], []);
    await context.close();
  });
});
