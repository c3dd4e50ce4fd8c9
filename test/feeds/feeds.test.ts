import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import Parser from 'rss-parser';
import type { ArticleListFilter } from '../../src/articles/article-store.js';
import { atomXml, rssXml } from '../../src/feeds/feed.js';
import { el, escapeXml } from '../../src/feeds/xml.js';
import { addArticle, saveSettings } from '../site/site-fixtures.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const parser = new Parser();

/** Fails unless `xml` is well-formed (xmllint from libxml2-utils). */
function assertWellFormed(xml: string): void {
  execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('the XML writer and feed documents', () => {
  test('text and attributes are escaped and characters XML forbids are dropped', () => {
    assert.equal(escapeXml(`a & b < c > "d" 'e'`), 'a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
    assert.equal(escapeXml('bell\u0007 and \uFFFE gone, emoji 📰 kept'), 'bell and  gone, emoji 📰 kept');
    assert.equal(
      el('a', { href: 'x?a=1&b="2"' }, 'T & C').xml,
      '<a href="x?a=1&amp;b=&quot;2&quot;">T &amp; C</a>',
    );
    assert.equal(el('empty', null).xml, '<empty/>');
  });

  test('awkward headlines and bodies survive a round trip through a real feed parser', async () => {
    const channel = {
      title: 'News & "Views"',
      description: 'A <test> feed',
      pageUrl: 'https://news.example/',
      selfUrl: 'https://news.example/feed/',
      id: 'https://news.example/feed/atom/',
      language: 'en',
      updatedAt: '2024-04-04T13:05:00.000Z',
      publisher: 'News & Views',
      iconUrl: 'https://news.example/assets/icon.svg',
    };
    const item = {
      id: 'tag:news.example,2024-04-04:article-1',
      title: 'Fish & chips <cheaper> at "Ma\'s"\u0008',
      url: 'https://news.example/fish/',
      publishedAt: '2024-04-04T13:05:00.000Z',
      updatedAt: '2024-04-05T09:00:00.000Z',
      authors: [{ name: 'Ana Ruiz', url: 'https://news.example/author/ana-ruiz/' }],
      categories: ['Food & Drink'],
      summary: 'Prices fall.',
      contentHtml: '<p>Prices <em>fall</em> &amp; rise.</p>',
    };
    for (const [xml, contentField] of [
      [rssXml(channel, [item]), 'content:encoded'],
      [atomXml(channel, [item]), 'content'],
    ] as const) {
      assertWellFormed(xml);
      const feed = await parser.parseString(xml);
      assert.equal(feed.title, 'News & "Views"');
      const parsed = feed.items[0] as unknown as Record<string, string>;
      assert.equal(parsed.title, 'Fish & chips <cheaper> at "Ma\'s"');
      assert.equal(parsed.link, 'https://news.example/fish/');
      if (contentField === 'content:encoded') assert.equal(parsed.categories?.[0], 'Food & Drink');
      assert.equal(parsed[contentField], '<p>Prices <em>fall</em> &amp; rise.</p>');
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`feeds on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect, demo: true });
      await addArticle(t, { headline: 'Unpublished draft about otters' }, { status: 'draft' });
      await addArticle(
        t,
        { headline: 'Scheduled piece about otters' },
        { status: 'scheduled', hoursAgo: -3 },
      );
    });
    after(async () => {
      await t.close();
    });

    test('the site RSS and Atom feeds parse and carry the latest published articles, newest first', async () => {
      const now = new Date().toISOString();
      const settings = await t.ctx.settings();
      const expected = await t.ctx.stores.articles.listPublic(
        now,
        { kind: 'article', preferredLanguage: settings.language },
        settings.feedItems,
      );
      for (const [path, type] of [
        ['/feed/', 'application/rss+xml; charset=utf-8'],
        ['/feed/atom/', 'application/atom+xml; charset=utf-8'],
      ] as const) {
        const res = await t.app.inject(path);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], type);
        assertWellFormed(res.body);
        const feed = await parser.parseString(res.body);
        assert.equal(feed.title, 'The Merrowby Courier');
        assert.deepEqual(
          feed.items.map((i) => i.title),
          expected.map((a) => a.headline),
        );
        assert.ok(feed.items.every((i) => i.link?.startsWith('http')));
        assert.ok(!res.body.includes('otters'));
        assert.ok(!/@example\./.test(res.body));
      }
    });

    test('category, tag and author feeds carry only their own articles', async () => {
      const now = new Date().toISOString();
      const tag = (await t.ctx.stores.taxonomy.findTagBySlug('harbour-bridge'))!;
      const author = (await t.ctx.stores.users.findAuthorBySlug('tom-hallett'))!;
      const category = (await t.ctx.stores.taxonomy.findCategoryBySlug('sport'))!;
      const cases: [string, ArticleListFilter, string][] = [
        ['/tag/harbour-bridge/feed/', { tagId: tag.id }, 'Harbour Bridge'],
        ['/author/tom-hallett/feed/atom/', { authorId: author.id }, 'Tom Hallett'],
        ['/category/sport/feed/', { categoryIds: [category.id] }, 'Sport'],
      ];
      for (const [path, filter, name] of cases) {
        const res = await t.app.inject(path);
        assert.equal(res.statusCode, 200, path);
        const feed = await parser.parseString(res.body);
        assert.equal(feed.title, `The Merrowby Courier » ${name}`);
        const expected = await t.ctx.stores.articles.listPublic(
          now,
          { ...filter, kind: 'article', preferredLanguage: 'en' },
          20,
        );
        assert.ok(expected.length > 0);
        assert.deepEqual(
          feed.items.map((i) => i.title),
          expected.map((a) => a.headline),
          path,
        );
      }
      assert.equal((await t.app.inject('/tag/no-such-tag/feed/')).statusCode, 404);
      assert.equal((await t.app.inject('/category/no-such/feed/atom/')).statusCode, 404);
    });

    test('full text or excerpt follows the feedFullText setting, with absolute links', async () => {
      const rss = new Parser<Record<string, unknown>, { fullText?: string }>({
        customFields: { item: [['content:encoded', 'fullText']] },
      });
      const article = await addArticle(
        t,
        {
          headline: 'Newest with a relative link',
          bodySource: 'See [the map](/media/map.png).\n\nMore.',
        },
        { hoursAgo: 0 },
      );
      const full = await rss.parseString((await t.app.inject('/feed/')).body);
      const item = full.items.find((i) => i.title === article.headline)!;
      assert.match(item.fullText!, /href="http:\/\/[^"]+\/media\/map\.png"/);
      await saveSettings(t, { feedFullText: false, feedItems: 3 });
      try {
        const excerpt = await rss.parseString((await t.app.inject('/feed/')).body);
        assert.equal(excerpt.items.length, 3);
        assert.ok(excerpt.items.every((i) => i.fullText === undefined));
        assert.ok(excerpt.items[0]!.contentSnippet);
      } finally {
        await saveSettings(t, { feedFullText: true, feedItems: 20 });
      }
    });

    test('every page head names the site feeds; archives name their own too', async () => {
      const page = (await t.app.inject('/about/')).body;
      assert.ok(
        page.includes(
          '<link rel="alternate" type="application/rss+xml" title="The Merrowby Courier (RSS)" href="/feed/">',
        ),
      );
      assert.ok(
        page.includes(
          '<link rel="alternate" type="application/atom+xml" title="The Merrowby Courier (Atom)" href="/feed/atom/">',
        ),
      );
      const tag = (await t.app.inject('/tag/harbour-bridge/')).body;
      assert.ok(tag.includes('href="/tag/harbour-bridge/feed/atom/"'));
    });
  });
}
