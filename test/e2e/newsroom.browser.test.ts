// The newsroom in headless Chromium on the demo newspaper: the journeys of the issue, run by the demo admin
// and colleagues in separate browser contexts, with JavaScript on (autosave, preview, uploads) and every
// console error or CSP violation counted as a failure.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import type { Role } from '../../src/users/user.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let browser: Browser;
let origin: string;
const problems: string[] = [];
let people = 0;

async function newPage(context?: BrowserContext): Promise<Page> {
  const page = await (context ?? (await browser.newContext())).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[0-9]/.test(m.text()))
      problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}

async function signIn(page: Page, email: string, password: string, next = ''): Promise<void> {
  await page.goto(`${origin}/newsroom/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await page.click('form[action="/newsroom/sign-in"] button[type="submit"]');
  await page.waitForURL(
    (url) => url.pathname.startsWith('/newsroom/') && !url.pathname.startsWith('/newsroom/sign-in'),
  );
}

async function person(role: Role): Promise<{ email: string; password: string }> {
  const password = `a long password for ${role}`;
  const { user } = await t.ctx.services.users.addUser({
    email: `${role}.${++people}@merrowby.example`,
    name: `${role[0]!.toUpperCase()}${role.slice(1)} ${people}`,
    role,
    password,
  });
  return { email: user.email, password };
}

/** The site's wall-clock time `ms` from now, as a datetime-local value with seconds. */
async function siteLocalTime(ms: number): Promise<{ local: string; at: Date }> {
  const { timezone } = await t.ctx.settings();
  const at = new Date(Math.ceil((Date.now() + ms) / 1000) * 1000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    local: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`,
    at,
  };
}

/**
 * Polls `check` from Node until it holds. (page.waitForFunction would evaluate a string in the page,
 * which the site's CSP rightly forbids.)
 */
async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function anonymousGet(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, body: await response.text() };
}

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

describe('the newsroom in Chromium', () => {
  test('sign in, write with an image, schedule; at the due time it is on the front page, feed, sitemap and search', async () => {
    const page = await newPage();
    await signIn(page, t.demo!.email, t.demo!.password);
    assert.match((await page.textContent('h1')) ?? '', /Dashboard/);

    await page.click('a.button.primary[href="/newsroom/articles/new"]');
    await page.waitForURL(/\/newsroom\/articles\/new$/);
    await page.fill('#field-headline', 'Zephyrine lifeboat crew rescue three swimmers');
    assert.equal(
      await page.inputValue('#field-slug'),
      'zephyrine-lifeboat-crew-rescue-three-swimmers',
      'slug follows the headline',
    );
    await page.fill('#field-dek', 'Volunteers launched within four minutes of the call');
    await page.fill(
      '#field-bodySource',
      'The Merrowby lifeboat was launched at 6.10pm.\n\nAll three swimmers are safe.\n',
    );

    const photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#e0603a' } })
      .jpeg()
      .toBuffer();
    await page.fill('#body-image-alt', 'The lifeboat returning to the slipway');
    await page.setInputFiles('#body-image', { name: 'lifeboat.jpg', mimeType: 'image/jpeg', buffer: photo });
    await until(async () => (await page.inputValue('#field-bodySource')).includes('/media/'));
    const body = await page.inputValue('#field-bodySource');
    assert.match(
      body,
      /!\[The lifeboat returning to the slipway\]\(\/media\/\d{4}\/\d{2}\/lifeboat-[0-9a-f]{8}\.jpg\)/,
    );
    const mediaId = await page
      .locator('#field-featuredMediaId option', { hasText: /^lifeboat\.jpg/ })
      .getAttribute('value');
    assert.ok(mediaId, 'the upload is offered as featured image');
    await page.selectOption('#field-featuredMediaId', mediaId);
    await page.fill('#field-featuredImageCaption', 'Back on the slipway');
    await page.selectOption('#field-categoryId', { index: 1 });
    await page.fill('#field-tags', 'Lifeboat, Rescue');

    const { local, at } = await siteLocalTime(6000);
    await page.fill('#field-publishAt', local);
    await page.click('button[name="intent"][value="schedule"]');
    await page.waitForURL(/done=scheduled/);
    assert.match((await page.textContent('.editor-status')) ?? '', /Scheduled for/);
    const slug = 'zephyrine-lifeboat-crew-rescue-three-swimmers';
    assert.equal((await anonymousGet(`/${slug}/`)).status, 404, 'not public before its time');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now() + 300)));
    await t.ctx.jobs.drain();

    const article = await anonymousGet(`/${slug}/`);
    assert.equal(article.status, 200);
    assert.match(article.body, /alt="The lifeboat returning to the slipway"/);
    assert.match(article.body, /Back on the slipway/);
    const front = await anonymousGet('/');
    assert.match(front.body, /Zephyrine lifeboat crew rescue three swimmers/, 'front page');
    const feed = await anonymousGet('/feed/');
    assert.match(feed.body, /Zephyrine lifeboat crew rescue three swimmers/, 'RSS feed');
    const index = await anonymousGet('/sitemap.xml');
    const sitemaps = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    let inSitemap = false;
    for (const path of sitemaps) inSitemap ||= (await anonymousGet(path)).body.includes(`/${slug}/`);
    assert.ok(inSitemap, `sitemap (${sitemaps.join(', ')})`);
    const search = await anonymousGet('/search/?q=zephyrine');
    assert.match(search.body, /lifeboat crew rescue three swimmers/, 'search');
    await page.context().close();
  });

  test('a contributor submits for review; an editor reviews and publishes', async () => {
    const contributor = await person('contributor');
    const editor = await person('editor');
    const page = await newPage();
    await signIn(page, contributor.email, contributor.password);
    await page.goto(`${origin}/newsroom/articles/new`);
    assert.equal(
      await page.locator('button[value="publish"]').count(),
      0,
      'contributors have no publish button',
    );
    await page.fill('#field-headline', 'Quayside bakery wins regional prize');
    await page.fill('#field-bodySource', 'The judges praised its saffron buns.');
    await page.click('button[value="save"]');
    await page.waitForURL(/done=created/);
    await page.click('button[value="submit"]');
    await page.waitForURL(/done=submitted/);
    assert.match((await page.textContent('.editor-status')) ?? '', /submitted for review/);

    const review = await newPage();
    await signIn(review, editor.email, editor.password);
    assert.match(
      (await review.textContent('main')) ?? '',
      /Quayside bakery wins regional prize/,
      'on the dashboard',
    );
    await review.goto(`${origin}/newsroom/articles?view=review`);
    await review.click('text=Quayside bakery wins regional prize');
    await review.waitForURL(/\/edit$/);
    await review.fill('#field-dek', 'Saffron buns take the crown');
    await review.click('button[value="publish"]');
    await review.waitForURL(/done=published/);
    assert.match((await review.textContent('.notice')) ?? '', /Published/);
    const live = await anonymousGet('/quayside-bakery-wins-regional-prize/');
    assert.equal(live.status, 200);
    assert.match(live.body, /Saffron buns take the crown/);
    await page.context().close();
    await review.context().close();
  });

  test('a reader’s comment is held, moderated in the newsroom, and then appears', async () => {
    const editor = await person('editor');
    const reader = await newPage();
    await reader.goto(`${origin}/quayside-bakery-wins-regional-prize/`);
    await reader.fill('#comment', 'Best buns on the coast, well deserved!');
    await reader.fill('#author', 'Morwenna');
    await reader.fill('#email', 'morwenna@example.net');
    const { commentMinSecondsToSubmit } = await t.ctx.settings();
    await reader.waitForTimeout(commentMinSecondsToSubmit * 1000 + 500);
    await reader.click('#submit');
    await reader.waitForLoadState();
    assert.match((await reader.textContent('body')) ?? '', /awaiting moderation/);
    assert.doesNotMatch(
      (await anonymousGet('/quayside-bakery-wins-regional-prize/')).body,
      /Best buns on the coast/,
    );

    const moderator = await newPage();
    await signIn(moderator, editor.email, editor.password);
    await moderator.goto(`${origin}/newsroom/comments`);
    const row = moderator.locator('li.queued', { hasText: 'Best buns on the coast' });
    await row.locator('button', { hasText: 'Approve' }).click();
    await moderator.waitForURL(/done=moderated/);
    await t.ctx.jobs.drain();
    assert.match(
      (await anonymousGet('/quayside-bakery-wins-regional-prize/')).body,
      /Best buns on the coast, well deserved!/,
    );
    await reader.context().close();
    await moderator.context().close();
  });

  test('autosave survives a reload, and an ended session loses nothing', async () => {
    const author = await person('author');
    const page = await newPage();
    await signIn(page, author.email, author.password);
    await page.goto(`${origin}/newsroom/articles/new`);
    await page.fill('#field-headline', 'Harbour dredging to start in spring');
    await page.fill('#field-bodySource', 'First paragraph.');
    await page.click('button[value="save"]');
    await page.waitForURL(/done=created/);
    const editUrl = page.url().replace(/\?.*$/, '');

    await page.fill('#field-bodySource', 'First paragraph.\n\nTyped after saving, never submitted.');
    await page.locator('.autosave-status', { hasText: 'autosaved' }).waitFor({ timeout: 15_000 });
    await page.reload();
    assert.match(
      (await page.textContent('.autosave-notice')) ?? '',
      /unsaved changes/,
      'the server copy is offered',
    );
    await page.locator('.local-restore').waitFor({ state: 'visible' });
    await page.click('[data-restore-local]');
    assert.equal(
      await page.inputValue('#field-bodySource'),
      'First paragraph.\n\nTyped after saving, never submitted.',
    );

    // The session ends while the author keeps typing (expired, or signed out elsewhere).
    await t.ctx.db.kysely.deleteFrom('sessions').execute();
    await page.fill('#field-bodySource', 'First paragraph.\n\nWritten after the session ended.');
    await page.locator('.autosave-status', { hasText: 'session has ended' }).waitFor({ timeout: 15_000 });
    await page.goto(editUrl);
    await page.waitForURL(/\/newsroom\/sign-in/);
    await page.fill('#field-email', author.email);
    await page.fill('#field-password', author.password);
    await page.click('form[action="/newsroom/sign-in"] button[type="submit"]');
    await page.waitForURL(editUrl);
    await page.locator('.local-restore').waitFor({ state: 'visible' });
    await page.click('[data-restore-local]');
    assert.equal(
      await page.inputValue('#field-bodySource'),
      'First paragraph.\n\nWritten after the session ended.',
    );
    await page.click('button[value="save"]');
    await page.waitForURL(/done=saved/);
    const saved = await t.ctx.stores.articles.findBySlug('harbour-dredging-to-start-in-spring');
    assert.equal(saved?.bodySource, 'First paragraph.\n\nWritten after the session ended.');
    await page.reload();
    assert.ok(await page.locator('.local-restore').isHidden(), 'nothing left to restore once saved');
    await page.context().close();
  });

  test('two editors saving the same article: the second sees a conflict with both versions', async () => {
    const first = await person('editor');
    const second = await person('editor');
    const article = await t.ctx.services.articles.createArticle(
      { headline: 'Ferry fares to rise', bodySource: 'Fares rise by 5%.' },
      { userId: null },
    );
    const a = await newPage();
    const b = await newPage();
    await signIn(a, first.email, first.password);
    await signIn(b, second.email, second.password);
    await a.goto(`${origin}/newsroom/articles/${article.id}/edit`);
    await b.goto(`${origin}/newsroom/articles/${article.id}/edit`);
    await a.fill('#field-bodySource', 'Fares rise by 6%, the operator said.');
    await a.click('button[value="save"]');
    await a.waitForURL(/done=saved/);
    await b.fill('#field-bodySource', 'Fares rise by 5% from May.');
    await b.click('button[value="save"]');
    await b.locator('.conflict').waitFor();
    const conflict = (await b.textContent('.conflict')) ?? '';
    assert.match(conflict, /Someone else saved this article while you were editing/);
    assert.match(conflict, /Fares rise by 6%, the operator said\./);
    assert.match(conflict, /Fares rise by 5% from May\./);
    assert.equal(
      (await t.ctx.stores.articles.findById(article.id))?.bodySource,
      'Fares rise by 6%, the operator said.',
    );
    await a.context().close();
    await b.context().close();
  });

  test('live preview, the toolbar and drag-and-drop upload', async () => {
    const author = await person('author');
    const page = await newPage();
    await signIn(page, author.email, author.password);
    await page.goto(`${origin}/newsroom/articles/new`);
    await page.click('[data-toggle-preview]');
    await page.fill('#field-bodySource', 'Tide tables');
    await page
      .locator('#field-bodySource')
      .evaluate((el: { setSelectionRange(start: number, end: number): void }) => el.setSelectionRange(0, 4));
    await page.click('[data-md="bold"]');
    assert.equal(await page.inputValue('#field-bodySource'), '**Tide** tables');
    await page.locator('#live-preview strong', { hasText: 'Tide' }).waitFor();

    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a8ee0' } })
      .png()
      .toBuffer();
    // A file dropped from the desktop, as the browser hands it to the page.
    // Runs in the page (the test project has no DOM types, hence the local shapes).
    const transfer = await page.evaluateHandle((b64: string) => {
      const page = globalThis as unknown as {
        atob(data: string): string;
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (bits: unknown[], name: string, options: { type: string }) => unknown;
      };
      const bytes = Uint8Array.from(page.atob(b64), (c) => c.charCodeAt(0));
      const data = new page.DataTransfer();
      data.items.add(new page.File([bytes], 'tide-chart.png', { type: 'image/png' }));
      return data;
    }, png.toString('base64'));
    await page.dispatchEvent('#field-bodySource', 'drop', { dataTransfer: transfer });
    await until(async () => (await page.inputValue('#field-bodySource')).includes('tide-chart'));
    assert.match(
      await page.inputValue('#field-bodySource'),
      /!\[\]\(\/media\/\d{4}\/\d{2}\/tide-chart-[0-9a-f]{8}\.png\)/,
    );
    assert.match((await page.textContent('.upload-status')) ?? '', /alt text/);
    await page.locator('#live-preview img[src*="tide-chart"]').waitFor();
    await page.context().close();
  });

  test('denied paths answer 403, also to requests the interface never makes', async () => {
    const contributor = await person('contributor');
    const page = await newPage();
    await signIn(page, contributor.email, contributor.password);
    const settings = await page.goto(`${origin}/newsroom/settings`);
    assert.equal(settings?.status(), 403);
    assert.equal((await page.textContent('h1'))?.trim(), 'Not allowed');
    assert.equal(await page.locator('nav a[href="/newsroom/settings"]').count(), 0);
    const published = (await t.ctx.stores.articles.listPublic(new Date().toISOString(), {}, 1))[0]!;
    const token = await page.getAttribute('meta[name="csrf-token"]', 'content');
    const publish = await page.request.post(`${origin}/newsroom/articles/${published.id}/unpublish`, {
      form: { _csrf: token! },
      maxRedirects: 0,
    });
    assert.equal(publish.status(), 403);
    const users = await page.request.post(`${origin}/newsroom/users/invite`, {
      form: { _csrf: token!, email: 'x@example.com', name: 'X', role: 'admin' },
      maxRedirects: 0,
    });
    assert.equal(users.status(), 403);
    const anonymous = await newPage();
    await anonymous.goto(`${origin}/newsroom/users`);
    assert.match(anonymous.url(), /\/newsroom\/sign-in\?next=%2Fnewsroom%2Fusers$/);
    await page.context().close();
    await anonymous.context().close();
  });

  test('no page logged an error or a CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
