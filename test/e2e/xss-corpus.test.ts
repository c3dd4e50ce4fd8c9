/**
 * Every payload of the published XSS corpus (test/fixtures/xss-payloads.txt) goes in through every way
 * text reaches a page — as comment text, commenter name and website (and the re-shown form of a
 * rejected comment), search query, headline, dek and Markdown body written by an author in the newsroom,
 * tag name, image alt text, caption and credit, and the title, body, excerpt, tag, byline and comments of
 * an imported WordPress file — and every resulting page, public and newsroom, is opened in Chromium with
 * the trap of xss-harness.ts. Twice: as served, and with the Content-Security-Policy header removed, so
 * escaping and the sanitizer are shown to hold on their own. No payload may run in either pass.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { validateCommentForm } from '../../src/comments/comment.js';
import { issueFormToken } from '../../src/comments/comment-form-token.js';
import { createImportServiceFor } from '../../src/imports/import-service.js';
import { createMediaStore } from '../../src/media/media-store.js';
import { post, signedIn } from '../newsroom/newsroom-client.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import {
  HARNESS_BROWSER_ARGS,
  loadPayloads,
  type PassResult,
  payloadsIn,
  runPass,
  startCanary,
  tagPayload,
  type Visit,
} from './xss-harness.js';

const CONCURRENCY = Number(process.env.XSS_CONCURRENCY ?? 3);
// XSS_LIMIT runs the first N payloads only, for working on the harness.
const PAYLOADS = loadPayloads()
  .slice(0, Number(process.env.XSS_LIMIT ?? Number.POSITIVE_INFINITY))
  .map(tagPayload);
// Characters XML 1.0 cannot carry at all; a WXR file holding them would be refused as a whole.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Submissions per field: how many payloads were tried there. */
const tried = new Map<string, number>();
const count = (field: string) => tried.set(field, (tried.get(field) ?? 0) + 1);

function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Four payloads per imported post, so 711 payloads make 178 posts (and 178 pages to open). */
const PER_POST = 4;

/** The payload numbers of imported post `j`. */
function postPayloads(j: number): number[] {
  return Array.from({ length: PER_POST }, (_, k) => j * PER_POST + k).filter((id) => id < PAYLOADS.length);
}

function wxr(): string {
  const items: string[] = [];
  const authors: string[] = [];
  for (let j = 0; j * PER_POST < PAYLOADS.length; j++) {
    const ids = postPayloads(j);
    const [a, b, c] = [ids[0]!, ids[1 % ids.length]!, ids[2 % ids.length]!].map((id) => PAYLOADS[id]!);
    const date = new Date(Date.UTC(2020, 0, 1, 0, j)).toISOString().replace('T', ' ').slice(0, 19);
    authors.push(
      `<wp:author><wp:author_login>${cdata(`xss-author-${j}`)}</wp:author_login><wp:author_display_name>${cdata(c)}</wp:author_display_name></wp:author>`,
    );
    const tags = ids.map(
      (id) => `<category domain="post_tag" nicename="wxr-tag-${id}">${cdata(PAYLOADS[id]!)}</category>`,
    );
    const comments = ids.map(
      (id) => `<wp:comment>
<wp:comment_id>${id + 1}</wp:comment_id>
<wp:comment_author>${cdata(PAYLOADS[id]!)}</wp:comment_author>
<wp:comment_author_email>reader${id}@example.com</wp:comment_author_email>
<wp:comment_author_url>${cdata(PAYLOADS[id]!)}</wp:comment_author_url>
<wp:comment_date_gmt>${date}</wp:comment_date_gmt>
<wp:comment_content>${cdata(PAYLOADS[id]!)}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved>
<wp:comment_parent>0</wp:comment_parent>
</wp:comment>`,
    );
    items.push(`<item>
<title>${cdata(a)}</title>
<dc:creator>${cdata(`xss-author-${j}`)}</dc:creator>
${tags.join('\n')}
<content:encoded>${cdata(ids.map((id) => PAYLOADS[id]!).join('\n\n'))}</content:encoded>
<excerpt:encoded>${cdata(b)}</excerpt:encoded>
<wp:post_id>${j + 1}</wp:post_id>
<wp:post_date>${date}</wp:post_date>
<wp:post_date_gmt>${date}</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status>
<wp:post_name>wxr-xss-${j}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
${comments.join('\n')}
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Imported</title>
<link>http://old.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>http://old.example</wp:base_site_url>
<wp:base_blog_url>http://old.example</wp:base_blog_url>
${authors.join('\n')}
${items.join('\n')}
</channel>
</rss>`;
}

function summary(pass: PassResult): string {
  return `${pass.pages} pages, ${payloadsIn(pass.signals).size} payloads executed (${pass.signals.length} signals), ${pass.constructs.length} script-capable constructs left in the DOM, ${pass.blockedByCsp.length} CSP violations`;
}

function details(pass: PassResult): string {
  return [...pass.signals, ...pass.constructs, ...pass.blockedByCsp, ...pass.failures.map((f) => ({ f }))]
    .slice(0, 40)
    .map((s) => JSON.stringify(s))
    .join('\n');
}

describe('the XSS corpus in Chromium', { timeout: 25 * 60_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let canary: Awaited<ReturnType<typeof startCanary>>;
  let origin: string;
  const visits: Visit[] = [];
  let editorCookie = '';

  before(async () => {
    const started = Date.now();
    t = await buildTestApp();
    await t.ctx.stores.settings.save({
      commentPolicy: 'approve-all',
      commentMinSecondsToSubmit: 0,
      commentMaxLinks: 100,
      postsPerPage: 100,
    });
    t.ctx.invalidateSettings();
    const editor = await signedIn(t.app, t.ctx, 'editor');
    const author = await signedIn(t.app, t.ctx, 'author');
    editorCookie = editor.browser.cookies.get('bs_session') ?? '';
    const media = createMediaStore(t.ctx.db.kysely);
    const expectRedirect = (response: { statusCode: number; body: string }, what: string) =>
      assert.equal(response.statusCode, 303, `${what}: ${response.body.slice(0, 300)}`);

    const articleIds: number[] = [];
    for (const [i, p] of PAYLOADS.entries()) {
      // A tag named by the payload, made on the tags screen; the article form finds it by its slug.
      expectRedirect(
        await post(t.app, editor.browser, '/newsroom/tags', {
          name: p.slice(0, 200),
          slug: `xss-tag-${i}`,
          description: p,
        }),
        `tag ${i}`,
      );
      count('tag name');
      // An image whose alt text, caption and credit are the payload, described on the media screen.
      const item = await media.insert({
        fileName: `xss-${i}.jpg`,
        mimeType: 'image/jpeg',
        byteSize: 1,
        width: 1,
        height: 1,
        altText: '',
        caption: '',
        credit: '',
        storagePath: `xss/${i}.jpg`,
        variants: [],
        uploadedBy: editor.user.id,
      });
      expectRedirect(
        await post(t.app, editor.browser, `/newsroom/media/${item.id}`, {
          altText: p,
          caption: p,
          credit: p,
        }),
        `media ${i}`,
      );
      for (const field of ['image alt text', 'image caption', 'image credit']) count(field);
      // The author writes the article in the editor: headline, dek, Markdown body, the tag and the image.
      const created = await post(t.app, author.browser, '/newsroom/articles', {
        headline: p.slice(0, 300),
        dek: p,
        bodySource: p,
        slug: `xss-${i}`,
        tags: `xss tag ${i}`,
        featuredMediaId: String(item.id),
        commentsOpen: 'on',
        intent: 'save',
      });
      expectRedirect(created, `article ${i}`);
      const id = Number(/\/newsroom\/articles\/(\d+)\//.exec(String(created.headers.location))?.[1]);
      // Publishing through the form also demands alt text on every body image, which many payloads lack.
      await t.ctx.services.articles.publishArticle(
        id,
        { userId: author.user.id },
        new Date(Date.now() - 60_000),
      );
      articleIds.push(id);
      for (const field of ['headline', 'dek', 'body (Markdown)']) count(field);
      visits.push({ url: `/xss-${i}/`, ids: [i], label: `article ${i}` });
    }

    const postComment = (fields: Record<string, string>, i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/wp-comments-post.php',
        remoteAddress: `10.77.${i >> 8}.${i & 255}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams(fields).toString(),
      });
    for (const [i, p] of PAYLOADS.entries()) {
      const articleId = articleIds[i]!;
      const values = {
        comment: p,
        author: p.slice(0, 100),
        email: `reader${i}@readers.test`,
        url: `http://example.com/?${p}`.slice(0, 200),
      };
      const valid = (v: typeof values) => {
        try {
          validateCommentForm({ ...v, parentId: null, notifyReplies: false, saveCommenter: false });
          return true;
        } catch {
          return false;
        }
      };
      if (!valid(values)) values.url = '';
      if (!valid(values)) values.author = `Reader ${i}`;
      const response = await postComment(
        {
          ...values,
          comment_post_ID: String(articleId),
          comment_parent: '0',
          comment_subject: '',
          bs_form_token: issueFormToken(t.ctx.secret, articleId),
        },
        i,
      );
      expectRedirect(response, `comment ${i}`);
      count('comment text');
      if (values.author === p.slice(0, 100)) count('commenter name');
      if (values.url) count('commenter website');
    }
    // The spam rules hold some payloads; a moderator approves them so they are public.
    const held = await t.ctx.db.kysely
      .selectFrom('comments')
      .select('id')
      .where('status', '!=', 'approved')
      .execute();
    for (let start = 0; start < held.length; start += 200) {
      expectRedirect(
        await post(t.app, editor.browser, '/newsroom/comments/moderate', {
          ids: held.slice(start, start + 200).map((c) => String(c.id)),
          action: 'approve',
        }),
        'moderation',
      );
    }

    // A rejected comment re-shows the form with what was typed: four payloads per form, one per field.
    for (let i = 0; i < PAYLOADS.length; i += 4) {
      const [a, b, c, d] = [i, i + 1, i + 2, i + 3].map((k) => k % PAYLOADS.length) as number[];
      const form: Record<string, string> = {
        comment: PAYLOADS[a!]!,
        author: PAYLOADS[b!]!,
        email: PAYLOADS[c!]!,
        url: PAYLOADS[d!]!,
        comment_post_ID: String(articleIds[0]),
        comment_parent: '0',
        comment_subject: '',
        bs_form_token: issueFormToken(t.ctx.secret, articleIds[0]!),
      };
      // A payload set that happens to be a valid comment would be posted; the page must be the rejection.
      const values = { comment: form.comment!, author: form.author!, email: form.email!, url: form.url! };
      try {
        validateCommentForm({ ...values, parentId: null, notifyReplies: false, saveCommenter: false });
        form.email = `${form.email} not-an-address`;
      } catch {}
      visits.push({
        url: '/wp-comments-post.php',
        form,
        ids: [a!, b!, c!, d!],
        label: `rejected comment ${i}`,
      });
      count('re-shown comment form');
    }

    // Search: the query and each filter are echoed on the results page; four payloads per search.
    const SEARCH_PARAMS = ['q', 'category', 'tag', 'author'];
    for (let i = 0; i < PAYLOADS.length; i += SEARCH_PARAMS.length) {
      const ids = SEARCH_PARAMS.map((_, k) => i + k).filter((id) => id < PAYLOADS.length);
      const query = new URLSearchParams(
        ids.map((id, k): [string, string] => [SEARCH_PARAMS[k]!, PAYLOADS[id]!]),
      );
      visits.push({ url: `/search/?${query}`, ids, label: `search ${i}` });
      for (const k of ids.keys()) count(k === 0 ? 'search query' : `search filter (${SEARCH_PARAMS[k]})`);
    }

    const file = join(t.config.dataDir, 'xss.wxr');
    writeFileSync(file, wxr());
    const imported = await createImportServiceFor(t.ctx).importWxrFile(file);
    const posts = Math.ceil(PAYLOADS.length / PER_POST);
    assert.equal(imported.created.articles, posts, 'every imported post was written');
    assert.equal(imported.created.comments, PAYLOADS.length, 'every imported comment was written');
    for (let j = 0; j < posts; j++) {
      const ids = postPayloads(j);
      visits.push({ url: `/wxr-xss-${j}/`, ids, label: `imported ${j}` });
      for (const field of ['imported title', 'imported excerpt', 'imported byline']) count(field);
      for (const field of [
        'imported body (HTML)',
        'imported tag',
        'imported commenter',
        'imported commenter URL',
        'imported comment',
      ])
        for (const _ of ids) count(field);
    }

    const all = PAYLOADS.map((_, i) => i);
    const articles = PAYLOADS.length + Math.ceil(PAYLOADS.length / PER_POST);
    const listPages = Math.ceil(articles / 100);
    for (let n = 1; n <= listPages; n++)
      visits.push({ url: n === 1 ? '/' : `/page/${n}/`, ids: all, label: `front page ${n}` });
    const newsroomLists: [string, number][] = [
      ['/newsroom/articles?page=', Math.ceil(articles / 25)],
      ['/newsroom/comments?status=approved&page=', Math.ceil((PAYLOADS.length * 2) / 20)],
      ['/newsroom/media?page=', Math.ceil(PAYLOADS.length / 40)],
    ];
    for (const [prefix, pages] of newsroomLists)
      for (let n = 1; n <= pages; n++)
        visits.push({ url: `${prefix}${n}`, ids: all, label: `${prefix}${n}` });
    visits.push({ url: '/newsroom/tags', ids: all, label: 'newsroom tags' });

    console.log(
      `XSS: content written in ${((Date.now() - started) / 1000).toFixed(0)} s; ${visits.length} pages to open per pass`,
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    canary = await startCanary();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        ...HARNESS_BROWSER_ARGS,
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await canary?.close();
    await t?.close();
  });

  test('the trap catches a page that is vulnerable on purpose (a control), with and without its CSP', async () => {
    // Payloads written straight into pages, unescaped: what the site must never do.
    const controls = [
      PAYLOADS[0]!,
      tagPayload('<a href="javascript:alert(1)">x</a>', 1),
      tagPayload('<img src=x onerror=alert(1)>', 2),
    ];
    const server = createServer((request, response) => {
      const index = Number(/\d+/.exec(request.url ?? '')?.[0] ?? 0);
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'self'; script-src 'self'",
      });
      response.end(`<!DOCTYPE html><title>control</title><p>${controls[index] ?? ''}</p>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const control = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const visits = controls.map((_, i) => ({ url: `/control/${i}`, ids: [i], label: `control ${i}` }));
      const common = { appOrigin: control, canaryOrigin: canary.origin, visits, concurrency: 1 };
      const open = await runPass(browser, { ...common, stripCsp: true });
      assert.deepEqual(
        [...payloadsIn(open.signals)].sort(),
        [0, 1, 2],
        `without CSP all three run: ${details(open)}`,
      );
      assert.ok(open.constructs.length >= 3, 'and their handlers and URL are listed');
      const guarded = await runPass(browser, { ...common, stripCsp: false });
      assert.equal(guarded.signals.length, 0, `with CSP none runs: ${details(guarded)}`);
      assert.ok(guarded.blockedByCsp.length >= 2, 'but CSP reports what it stopped');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      canary.hits.length = 0;
    }
  });

  const passes: Record<string, PassResult> = {};
  for (const stripCsp of [false, true]) {
    const name = stripCsp ? 'without CSP' : 'with CSP';
    test(`no payload runs ${stripCsp ? 'with the CSP header stripped (escaping and sanitizer alone)' : 'as served, with the CSP'}`, async () => {
      const passStarted = Date.now();
      const pass = await runPass(browser, {
        appOrigin: origin,
        canaryOrigin: canary.origin,
        stripCsp,
        visits,
        concurrency: CONCURRENCY,
        cookies: [{ name: 'bs_session', value: editorCookie }],
      });
      passes[name] = pass;
      const seconds = ((Date.now() - passStarted) / 1000).toFixed(0);
      const submissions = [...tried.values()].reduce((a, b) => a + b, 0);
      console.log(
        `XSS ${name}: ${PAYLOADS.length} payloads tried in ${tried.size} fields (${submissions} submissions); ${summary(pass)}; canary hits so far ${canary.hits.length}; ${seconds} s`,
      );
      assert.deepEqual(pass.failures, [], 'every page opened');
      assert.equal(pass.pages, visits.length);
      assert.equal(pass.signals.length, 0, `payloads ran:\n${details(pass)}`);
      assert.equal(pass.constructs.length, 0, `script-capable markup survived:\n${details(pass)}`);
      assert.equal(pass.blockedByCsp.length, 0, `CSP had to stop something:\n${details(pass)}`);
    });
  }

  test('the canary heard nothing', () => {
    assert.deepEqual(canary.hits, []);
  });
});
