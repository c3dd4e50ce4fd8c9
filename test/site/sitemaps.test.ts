import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newsLanguage, sitemapCount, sitemapIndexXml, urlsetXml } from '../../src/site/sitemaps.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { addArticle } from './site-fixtures.js';

// CI runs in a fresh clone with shared/ beside the repository.
const SCHEMAS = resolve(import.meta.dirname, '../../../shared/data/schemas');

/** Fails with xmllint's message unless `xml` is valid against `schema`. */
function assertValid(xml: string, schema: string): void {
  const path = resolve(SCHEMAS, schema);
  assert.ok(existsSync(path), `schema ${path} is missing`);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', path, '-'], { input: xml, stdio: 'pipe' });
  } catch (error) {
    assert.fail(String((error as { stderr?: Buffer }).stderr ?? error));
  }
}

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
}

describe('sitemap rules', () => {
  test('article sitemaps split at 50,000 URLs', () => {
    assert.equal(sitemapCount(0), 1);
    assert.equal(sitemapCount(50_000), 1);
    assert.equal(sitemapCount(50_001), 2);
    assert.equal(sitemapCount(120_000), 3);
  });

  test('news languages are ISO 639 codes, with zh-cn and zh-tw for Chinese', () => {
    assert.equal(newsLanguage('en'), 'en');
    assert.equal(newsLanguage('pt-BR'), 'pt');
    assert.equal(newsLanguage('zh-Hans'), 'zh-cn');
    assert.equal(newsLanguage('zh-TW'), 'zh-tw');
  });

  test('hand-built documents validate against the sitemaps.org schemas', () => {
    assertValid(
      urlsetXml([{ loc: 'https://x.example/a?b=1&c=2', lastmod: '2024-04-04T14:05:00+01:00' }]),
      'sitemap.xsd',
    );
    assertValid(sitemapIndexXml([{ loc: 'https://x.example/sitemaps/pages.xml' }]), 'siteindex.xsd');
  });
});

for (const dialect of DIALECTS) {
  describe(`sitemaps on ${dialect}`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await buildTestApp({ dialect, demo: true });
      await addArticle(
        t,
        { headline: 'Draft kept out of sitemaps', slug: 'sitemap-draft' },
        { status: 'draft' },
      );
      await addArticle(
        t,
        { headline: 'Not yet', slug: 'sitemap-scheduled' },
        { status: 'scheduled', hoursAgo: -2 },
      );
      await addArticle(t, { headline: 'Old news', slug: 'sitemap-old-news' }, { hoursAgo: 24 * 30 });
      base = t.ctx.baseUrl(await t.ctx.settings());
    });
    after(async () => {
      await t.close();
    });

    async function get(path: string): Promise<string> {
      const res = await t.app.inject(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
      return res.body;
    }

    test('robots.txt names the sitemap index, which validates and lists every sitemap', async () => {
      const robots = (await t.app.inject('/robots.txt')).body;
      assert.ok(robots.includes(`Sitemap: ${base}/sitemap.xml`));
      const index = await get('/sitemap.xml');
      assertValid(index, 'siteindex.xsd');
      assert.deepEqual(
        locs(index).map((l) => l.slice(base.length)),
        [
          '/sitemaps/pages.xml',
          '/sitemaps/articles-1.xml',
          '/sitemaps/categories.xml',
          '/sitemaps/tags.xml',
          '/sitemaps/authors.xml',
          '/sitemaps/news.xml',
        ],
      );
    });

    test('each URL sitemap validates, has lastmod everywhere, and lists only what readers can open', async () => {
      const now = new Date().toISOString();
      const expectedArticles = await t.ctx.stores.articles.countPublic(now, { kind: 'article' });
      const counts: Record<string, number> = {};
      for (const name of ['pages', 'articles-1', 'categories', 'tags', 'authors']) {
        const xml = await get(`/sitemaps/${name}.xml`);
        assertValid(xml, 'sitemap.xsd');
        const urls = locs(xml);
        counts[name] = urls.length;
        assert.equal(xml.match(/<lastmod>/g)?.length, urls.length, `${name} has a lastmod per URL`);
        assert.ok(!xml.includes('sitemap-draft') && !xml.includes('sitemap-scheduled'));
        for (const url of urls.slice(0, 8)) {
          const res = await t.app.inject(url.slice(base.length));
          assert.equal(res.statusCode, 200, url);
        }
      }
      assert.equal(counts['articles-1'], expectedArticles);
      assert.equal(counts.pages, 1 + 3, 'the front page and the three demo pages');
      assert.ok(counts.categories! >= 5 && counts.tags! >= 10 && counts.authors! >= 5);
      assert.equal((await t.app.inject('/sitemaps/articles-2.xml')).statusCode, 404);
      assert.equal((await t.app.inject('/sitemaps/nonsense.xml')).statusCode, 404);
    });

    test('the Google News sitemap validates and holds only the last 48 hours', async () => {
      const xml = await get('/sitemaps/news.xml');
      assertValid(xml, 'sitemap-combined.xsd');
      const since = new Date(Date.now() - 48 * 3600_000).toISOString();
      const recent = await t.ctx.stores.articles.listPublic(
        new Date().toISOString(),
        { kind: 'article', publishedSince: since },
        1000,
      );
      assert.ok(recent.length > 0);
      assert.equal(locs(xml).length, recent.length);
      assert.ok(!xml.includes('sitemap-old-news'));
      assert.match(
        xml,
        /<news:publication><news:name>The Merrowby Courier<\/news:name><news:language>en<\/news:language><\/news:publication>/,
      );
      assert.match(xml, /<news:language>fr<\/news:language>/);
      assert.match(
        xml,
        /<news:publication_date>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d<\/news:publication_date>/,
      );
      assert.match(
        xml,
        /<news:title>Buses to return to Ansel Bridge as new girders pass load tests<\/news:title>/,
      );
    });
  });
}
