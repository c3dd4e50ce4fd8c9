import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { addArticle, jsonLdIn, saveSettings } from './site-fixtures.js';

function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

for (const dialect of DIALECTS) {
  describe(`the reader's site on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect, demo: true });
    });
    after(async () => {
      await t.close();
    });

    test('an article page has the headline, dek, byline, times, image, body, tags, corrections and comments', async () => {
      const [author] = await t.ctx.stores.users.listAuthors();
      const [tag] = (await t.ctx.stores.taxonomy.listTags()).filter((x) => !x.isInternal);
      const category = await t.ctx.stores.taxonomy.findCategoryBySlug('transport');
      const article = await addArticle(
        t,
        {
          headline: 'Ferry timetable "doubled" & extended',
          dek: 'Two boats an hour from Monday.',
          bodySource: 'One.\n\nTwo.\n\nThree.\n\nFour.',
          authorIds: [author!.id],
          tagIds: [tag!.id],
          categoryId: category!.id,
          featuredImage: {
            url: '/media/ferry.jpg',
            alt: 'The ferry at Custom House steps',
            caption: 'The Eastquay ferry.',
            credit: 'Photo: Ana Ruiz',
            mediaId: null,
          },
        },
        { publishedAt: '2024-04-04T13:05:00.000Z' },
      );
      await t.ctx.services.articles.addCorrection(
        article.id,
        'An earlier version gave the wrong pier.',
        { userId: null },
        new Date('2024-04-05T09:00:00Z'),
      );
      const res = await t.app.inject(`/${article.slug}/`);
      assert.equal(res.statusCode, 200);
      const html = res.body;
      assert.ok(html.includes(`<title>${escaped(article.headline)} – The Merrowby Courier</title>`));
      assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
      assert.ok(html.includes('<p class="dek">Two boats an hour from Monday.</p>'));
      assert.ok(html.includes(`href="/author/${author!.slug}/" rel="author">${escaped(author!.name)}</a>`));
      // 13:05 UTC is 14:05 in London in April (BST).
      assert.ok(html.includes('<time datetime="2024-04-04T14:05:00+01:00">'));
      assert.match(html, /Updated <time datetime="2024-04-05T10:00:00\+01:00">/);
      assert.match(
        html,
        /<img src="\/media\/ferry.jpg" alt="The ferry at Custom House steps" decoding="async">/,
      );
      assert.match(html, /<figcaption>The Eastquay ferry\.<span class="credit"> Photo: Ana Ruiz<\/span>/);
      assert.ok(html.includes(`href="/tag/${tag!.slug}/" rel="tag"`));
      assert.match(
        html,
        /Correction, <time datetime="2024-04-05T10:00:00\+01:00">5 April 2024<\/time>:<\/strong> An earlier version gave the wrong pier\./,
      );
      assert.match(html, /<section id="comments"/);
      // Transport is a subsection of News: the masthead marks News.
      assert.ok(html.includes('<a href="/category/news/" aria-current="true">'));
      assert.ok(html.includes('<p>Four.</p>'));
    });

    test('an article page carries canonical, description, Open Graph, Twitter and JSON-LD', async () => {
      const slug = 'buses-return-to-ansel-bridge';
      const res = await t.app.inject(`/${slug}/`);
      const html = res.body;
      const base = t.ctx.baseUrl(await t.ctx.settings());
      assert.ok(html.includes(`<link rel="canonical" href="${base}/${slug}/">`));
      assert.match(html, /<meta name="description" content="Routes 4, 7 and 12[^"]*">/);
      assert.match(html, /<meta property="og:type" content="article">/);
      assert.ok(html.includes(`<meta property="og:url" content="${base}/${slug}/">`));
      assert.match(
        html,
        /<meta property="article:published_time" content="\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d">/,
      );
      assert.match(html, /<meta name="twitter:card" content="summary">/);
      // The French translation: hreflang in the head and a link in the page.
      assert.ok(
        html.includes(
          `<link rel="alternate" hreflang="fr" href="${base}/les-bus-reviennent-sur-le-pont-ansel/">`,
        ),
      );
      assert.ok(html.includes(`<link rel="alternate" hreflang="en" href="${base}/${slug}/">`));
      assert.match(
        html,
        /Also available in: <a href="\/les-bus-reviennent-sur-le-pont-ansel\/" hreflang="fr" lang="fr"[^>]*>French<\/a>/,
      );
      const [news, crumbs] = jsonLdIn(html);
      assert.equal(news!['@type'], 'NewsArticle');
      assert.equal(news!.headline, 'Buses to return to Ansel Bridge as new girders pass load tests');
      assert.deepEqual(news!.author, [
        { '@type': 'Person', name: 'Tom Hallett', url: `${base}/author/tom-hallett/` },
      ]);
      assert.deepEqual((news!.publisher as { logo: unknown }).logo, {
        '@type': 'ImageObject',
        url: `${base}/assets/icon.svg`,
      });
      assert.deepEqual(news!.mainEntityOfPage, { '@type': 'WebPage', '@id': `${base}/${slug}/` });
      assert.equal(news!.articleSection, 'Transport');
      assert.equal(news!.inLanguage, 'en');
      assert.ok(String(news!.datePublished) <= String(news!.dateModified));
      assert.equal(crumbs!['@type'], 'BreadcrumbList');
      assert.deepEqual(
        (crumbs!.itemListElement as { name: string }[]).map((c) => c.name),
        ['The Merrowby Courier', 'Transport', news!.headline],
      );
    });

    test('"See also" placed in the body is shown as a paragraph between body paragraphs', async () => {
      const article = await addArticle(t, {
        bodyFormat: 'html',
        bodySource:
          '<p>One.</p><p>Two.</p><p class="see-also">See also <a href="/x/">Related headline</a></p><p>Three.</p><p>Four.</p>',
      });
      const html = (await t.app.inject(`/${article.slug}/`)).body;
      assert.match(
        html,
        /<p>Two\.<\/p><p class="see-also">See also <a href="\/x\/">Related headline<\/a><\/p><p>Three\.<\/p>/,
      );
    });

    test('drafts, scheduled, archived and trashed articles answer 404 and leave no trace', async () => {
      const draft = await addArticle(t, { headline: 'Draft about zebras' }, { status: 'draft' });
      const scheduled = await addArticle(
        t,
        { headline: 'Scheduled about zebras' },
        { status: 'scheduled', hoursAgo: -5 },
      );
      const trashed = await addArticle(t, { headline: 'Trashed about zebras' });
      await t.ctx.services.articles.trashArticle(trashed.id, { userId: null });
      const archived = await addArticle(t, { headline: 'Archived about zebras' });
      await t.ctx.services.articles.archiveArticle(archived.id, { userId: null });
      for (const a of [draft, scheduled, trashed, archived]) {
        const res = await t.app.inject(`/${a.slug}/`);
        assert.equal(res.statusCode, 404, a.slug);
        assert.match(res.body, /Page not found/);
        assert.ok(!res.body.includes('zebras'));
      }
      const front = await t.app.inject('/');
      assert.ok(!front.body.includes('zebras'));
    });

    test('the 404 page offers search and the latest articles', async () => {
      const res = await t.app.inject('/no-such-story/');
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /<form[^>]*role="search"[^>]*action="\/search\/"/);
      assert.match(res.body, /<h2 id="latest-heading">Latest articles<\/h2>/);
      assert.match(res.body, /<meta name="robots" content="noindex">/);
    });

    test('a path with a redirect row answers 301 to its target, even where an article route matches', async () => {
      await t.ctx.stores.redirects.upsert({
        fromPath: '/old-bridge-story/',
        toPath: '/buses-return-to-ansel-bridge/',
        statusCode: 301,
      });
      await t.ctx.stores.redirects.upsert({
        fromPath: '/2019/05/some-old.html',
        toPath: '/about/',
        statusCode: 301,
      });
      const a = await t.app.inject('/old-bridge-story/');
      assert.equal(a.statusCode, 301);
      assert.equal(a.headers.location, '/buses-return-to-ansel-bridge/');
      const b = await t.app.inject('/2019/05/some-old.html');
      assert.equal(b.statusCode, 301);
      assert.equal(b.headers.location, '/about/');
      const noSlash = await t.app.inject('/about');
      assert.equal(noSlash.statusCode, 301);
      assert.equal(noSlash.headers.location, '/about/');
    });

    test('static pages live at /{slug}/ and are not NewsArticles', async () => {
      const res = await t.app.inject('/about/');
      assert.equal(res.statusCode, 200);
      assert.equal(jsonLdIn(res.body)[0]!['@type'], 'WebPage');
      assert.match(res.body, /<meta property="og:type" content="website">/);
    });

    test('the front page shows the latest articles, category sections and a rel=next link', async () => {
      const res = await t.app.inject('/');
      assert.equal(res.statusCode, 200);
      const [latest] = await t.ctx.stores.articles.listPublic(new Date().toISOString(), {}, 1);
      assert.ok(res.body.includes(`href="/${latest!.slug}/"`));
      assert.match(
        res.body,
        /<h2 id="section-[a-z-]+" class="section-heading"><a href="\/category\/[a-z-]+\/">/,
      );
      assert.ok(res.body.includes('<link rel="next" href="/page/2/">'));
      const page2 = await t.app.inject('/page/2/');
      assert.equal(page2.statusCode, 200);
      assert.ok(page2.body.includes('<link rel="prev" href="/">'));
      assert.match(page2.body, /<title>Latest news – Page 2 – The Merrowby Courier<\/title>/);
    });

    test('archives page through their articles with rel=prev/next, and /page/1/ is the first page', async () => {
      await saveSettings(t, { postsPerPage: 2 });
      try {
        const now = new Date().toISOString();
        const news = (await t.ctx.stores.taxonomy.findCategoryBySlug('news'))!;
        const all = await t.ctx.stores.taxonomy.listCategories();
        const ids = [news.id, ...all.filter((c) => c.parentId === news.id).map((c) => c.id)];
        const total = await t.ctx.stores.articles.countPublic(now, {
          categoryIds: ids,
          preferredLanguage: 'en',
        });
        const pages = Math.ceil(total / 2);
        assert.ok(pages >= 3, 'the demo News section has several pages');

        const first = await t.app.inject('/category/news/');
        assert.equal(first.statusCode, 200);
        assert.ok(first.body.includes('<link rel="next" href="/category/news/page/2/">'));
        assert.ok(!first.body.includes('rel="prev"'));
        assert.match(first.body, /<h1>News<\/h1>/);
        assert.ok(
          first.body.includes(
            '<link rel="alternate" type="application/rss+xml" title="The Merrowby Courier » News (RSS)" href="/category/news/feed/">',
          ),
        );

        const middle = await t.app.inject('/category/news/page/2/');
        assert.equal(middle.statusCode, 200);
        assert.ok(middle.body.includes('<link rel="prev" href="/category/news/">'));
        assert.ok(middle.body.includes('<link rel="next" href="/category/news/page/3/">'));
        assert.match(middle.body, /<a href="\/category\/news\/" rel="prev">/);

        const last = await t.app.inject(`/category/news/page/${pages}/`);
        assert.equal(last.statusCode, 200);
        assert.ok(!last.body.includes('rel="next"'));

        // Every published article of the section appears on exactly one page.
        const seen: string[] = [];
        for (let n = 1; n <= pages; n++) {
          const body = (await t.app.inject(n === 1 ? '/category/news/' : `/category/news/page/${n}/`)).body;
          seen.push(...[...body.matchAll(/<h2 class="card-headline"><a href="([^"]+)"/g)].map((m) => m[1]!));
        }
        assert.equal(seen.length, total);
        assert.equal(new Set(seen).size, total);

        assert.equal((await t.app.inject(`/category/news/page/${pages + 1}/`)).statusCode, 404);
        assert.equal((await t.app.inject('/category/news/page/0/')).statusCode, 404);
        const one = await t.app.inject('/category/news/page/1/');
        assert.equal(one.statusCode, 301);
        assert.equal(one.headers.location, '/category/news/');
      } finally {
        await saveSettings(t, { postsPerPage: 10 });
      }
    });

    test('tag and author archives list their articles; unknown, internal or empty ones are 404', async () => {
      const tag = await t.app.inject('/tag/harbour-bridge/');
      assert.equal(tag.statusCode, 200);
      assert.match(tag.body, /<h1>Harbour Bridge<\/h1>/);
      assert.ok(tag.body.includes('href="/buses-return-to-ansel-bridge/"'));
      const author = await t.app.inject('/author/tom-hallett/');
      assert.equal(author.statusCode, 200);
      assert.match(author.body, /<h1>Tom Hallett<\/h1>/);
      const internal = await t.ctx.stores.taxonomy.insertTag({
        name: '#hidden',
        slug: 'hash-hidden',
        isInternal: true,
      });
      await addArticle(t, { tagIds: [internal.id] });
      const unused = await t.ctx.stores.taxonomy.insertTag({
        name: 'Only in drafts',
        slug: 'only-in-drafts',
      });
      await addArticle(t, { tagIds: [unused.id] }, { status: 'draft' });
      for (const path of [
        '/tag/no-such-tag/',
        '/author/nobody/',
        '/category/nothing/',
        '/tag/hash-hidden/',
        '/tag/only-in-drafts/',
      ]) {
        assert.equal((await t.app.inject(path)).statusCode, 404, path);
      }
    });

    test('the dated permalink pattern moves articles to /yyyy/mm/slug/ and redirects the old shape', async () => {
      const article = await addArticle(t, {}, { publishedAt: '2024-03-31T23:30:00.000Z' });
      await saveSettings(t, { permalinkPattern: '/{yyyy}/{mm}/{slug}/' });
      try {
        const dated = `/2024/04/${article.slug}/`;
        assert.equal((await t.app.inject(dated)).statusCode, 200);
        const old = await t.app.inject(`/${article.slug}/`);
        assert.equal(old.statusCode, 301);
        assert.equal(old.headers.location, dated);
        const wrongMonth = await t.app.inject(`/2024/03/${article.slug}/`);
        assert.equal(wrongMonth.headers.location, dated);
        assert.equal((await t.app.inject('/about/')).statusCode, 200, 'pages keep /{slug}/');
        const front = (await t.app.inject('/')).body;
        const headlines = [...front.matchAll(/class="card-headline"><a href="([^"]+)"/g)].map((m) => m[1]!);
        assert.ok(headlines.length > 5);
        for (const href of headlines) assert.match(href, /^\/\d{4}\/\d{2}\/[a-z0-9-]+\/$/);
        const feed = (await t.app.inject('/feed/')).body;
        assert.match(feed, /<link>http:\/\/[^<]+\/\d{4}\/\d{2}\/[a-z0-9-]+\/<\/link>/);
      } finally {
        await saveSettings(t, { permalinkPattern: '/{slug}/' });
      }
      const back = await t.app.inject(`/2024/04/${article.slug}/`);
      assert.equal(back.statusCode, 301);
      assert.equal(back.headers.location, `/${article.slug}/`);
    });

    test('pages carry ETag and Last-Modified, answer 304, compress, and say so in Content-Type', async () => {
      const first = await t.app.inject('/tag/harbour-bridge/');
      assert.equal(first.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(String(first.headers['cache-control']), /s-maxage=\d+/);
      assert.match(String(first.headers['cache-control']), /stale-while-revalidate=\d+/);
      const etag = String(first.headers.etag);
      const notModified = await t.app.inject({
        url: '/tag/harbour-bridge/',
        headers: { 'if-none-match': etag },
      });
      assert.equal(notModified.statusCode, 304);
      const since = await t.app.inject({
        url: '/tag/harbour-bridge/',
        headers: { 'if-modified-since': String(first.headers['last-modified']) },
      });
      assert.equal(since.statusCode, 304);
      const br = await t.app.inject({
        url: '/tag/harbour-bridge/',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), first.body);
      const gz = await t.app.inject({ url: '/feed/', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(gz.rawPayload).toString(), /^<\?xml/);
    });

    test('the page cache serves repeat readers and drops pages when content changes', async () => {
      await t.app.inject('/');
      const cached = await t.app.inject('/');
      assert.equal(cached.headers['x-page-cache'], 'hit');
      const article = await addArticle(
        t,
        { headline: 'Breaking: pelicans return to the estuary' },
        { hoursAgo: 0 },
      );
      const fresh = await t.app.inject('/');
      assert.equal(fresh.headers['x-page-cache'], 'miss');
      assert.ok(fresh.body.includes(article.headline));
      await t.ctx.services.articles.saveArticle(
        article.id,
        { headline: 'Pelicans return, officially' },
        article.version,
        { userId: null },
      );
      const edited = await t.app.inject(`/${article.slug}/`);
      assert.match(edited.body, /<h1>Pelicans return, officially<\/h1>/);
      await t.ctx.services.articles.unpublishArticle(article.id, { userId: null });
      assert.equal((await t.app.inject(`/${article.slug}/`)).statusCode, 404);
    });

    test('readers with a held comment or a newsroom session get a fresh, private page', async () => {
      await t.app.inject('/about/');
      const res = await t.app.inject({ url: '/about/', headers: { cookie: 'bs_held=1.abc' } });
      assert.equal(res.headers['x-page-cache'], 'bypass');
      assert.match(String(res.headers['cache-control']), /^private/);
    });

    test('robots.txt names the sitemap; the assets are served with types', async () => {
      const robots = await t.app.inject('/robots.txt');
      assert.equal(robots.headers['content-type'], 'text/plain; charset=utf-8');
      assert.match(robots.body, /^Sitemap: http:\/\/.+\/sitemap\.xml$/m);
      const css = await t.app.inject('/assets/site.css');
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
      const icon = await t.app.inject('/assets/icon.svg');
      assert.equal(icon.headers['content-type'], 'image/svg+xml; charset=utf-8');
      assert.match(icon.body, /^<svg/);
    });
  });
}
