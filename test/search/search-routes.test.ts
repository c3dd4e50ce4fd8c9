// The results page and the JSON endpoint on the real app, on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { PublicSearchResponse } from '../../src/search/search-schemas.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { daysAgo } from './search-world.js';

for (const dialect of DIALECTS) {
  describe(`search routes (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect });
      const { articles } = t.ctx.services;
      const { taxonomy, users } = t.ctx.stores;
      const actor = { userId: null };
      const news = await taxonomy.insertCategory({ name: 'News', slug: 'news' });
      const sport = await taxonomy.insertCategory({ name: 'Sport', slug: 'sport' });
      const author = await users.insertAuthor({ name: 'Ana Ruiz', slug: 'ana-ruiz' });
      const published = (headline: string, extra: object = {}, age = 1) =>
        articles.createArticle({ headline, ...extra }, actor, {
          status: 'published',
          publishedAt: daysAgo(age),
        });
      await published(
        'Bridge <img src=x onerror=alert(1)> repairs',
        {
          bodySource: 'Crews posted `<script>alert("bridge")</script>` on the bridge fence.',
          categoryId: news.id,
          authorIds: [author.id],
        },
        2,
      );
      await published('Bridge club wins cup', { categoryId: sport.id }, 3);
      for (let i = 1; i <= 25; i++) await published(`Ferry sailing ${i}`, { categoryId: news.id }, i);
      await articles.createArticle({ headline: 'Bridge closure secret draft' }, actor);
    });
    after(() => t.close());

    const get = (url: string) => t.app.inject({ url });

    test('the results page: count, highlighted results, links, filters form', async () => {
      const res = await get('/search/?q=bridge+');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      const html = res.body;
      assert.match(html, /2 results for “bridge”/);
      assert.match(html, /<a href="\/bridge-club-wins-cup\/"><mark>Bridge<\/mark> club wins cup<\/a>/);
      assert.match(html, /<meta name="robots" content="noindex">/);
      assert.match(html, /<input id="site-search" type="search" name="q" value="bridge "/);
      assert.match(html, /<select id="search-category" name="category">/);
      assert.match(html, /<a href="\/author\/ana-ruiz\/">Ana Ruiz<\/a>/);
      assert.doesNotMatch(html, /secret draft/);
    });

    test('snippets and headlines cannot inject markup', async () => {
      const { body } = await get('/search/?q=bridge+');
      assert.doesNotMatch(body, /<script>alert/);
      assert.doesNotMatch(body, /<img src=x/);
      assert.match(body, /&lt;img src=x onerror=alert\(1\)&gt;/);
      assert.match(body, /&lt;script&gt;alert\(&quot;<mark>bridge<\/mark>&quot;\)&lt;\/script&gt;/);
    });

    test('what the reader typed is echoed escaped', async () => {
      const { statusCode, body } = await get(
        `/search/?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
      );
      assert.equal(statusCode, 200);
      assert.doesNotMatch(body, /<script>alert\(1\)/);
      assert.match(body, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    });

    test('pages of results link to each other with the query and filters kept', async () => {
      const first = await get('/search/?q=ferry+&category=news');
      assert.match(first.body, /25 results for “ferry” – page 1 of 2/);
      assert.match(first.body, /<a href="\/search\/\?q=ferry\+&amp;category=news&amp;page=2" rel="next">/);
      const second = await get('/search/?q=ferry+&category=news&page=2');
      assert.match(second.body, /<ol class="search-results" start="21">/);
      assert.equal((second.body.match(/class="search-result"/g) ?? []).length, 5);
      assert.match(second.body, /<option value="news" selected>News<\/option>/);
    });

    test('no query: the form and no count; only an excluded word: a hint', async () => {
      const empty = await get('/search/');
      assert.equal(empty.statusCode, 200);
      assert.doesNotMatch(empty.body, /search-count/);
      const excluded = await get('/search/?q=-bridge');
      assert.match(excluded.body, /Type a word to search for/);
    });

    test('odd parameters are read leniently, never an error', async () => {
      const long = encodeURIComponent('bridge '.repeat(1500));
      for (const url of [
        '/search/?q=bridge&page=abc&from=yesterday&to=2024-13-45&category=%2F..%2F',
        '/search/?q=bridge&q=ferry&page=2&page=3',
        `/search/?q=${long}`,
        '/search/?q=%F0%9F%98%80%00%C3',
        '/search/?unknown=1',
        '/search.json?q=%22&page=-1',
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
      }
    });

    test('the JSON endpoint takes the same parameters and answers public fields only', async () => {
      const res = await get('/search.json?q=bridge+&category=news');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /application\/json/);
      const body = res.json();
      assert.ok(Value.Check(PublicSearchResponse, body));
      assert.equal(body.total, 1);
      assert.deepEqual(body.filters, { category: 'news' });
      const [hit] = body.results;
      assert.deepEqual(Object.keys(hit).sort(), [
        'authors',
        'category',
        'headline',
        'headlineHtml',
        'kind',
        'publishedAt',
        'snippetHtml',
        'url',
      ]);
      assert.equal(
        hit.url,
        `${t.ctx.baseUrl(await t.ctx.settings())}/bridge-img-src-x-onerror-alert-1-repairs/`,
      );
      assert.deepEqual(hit.authors, [{ name: 'Ana Ruiz', slug: 'ana-ruiz' }]);
      assert.doesNotMatch(JSON.stringify(body), /secret draft/);
    });

    test('/search keeps its query when it gains the slash', async () => {
      const res = await get('/search?q=bridge&page=2');
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/search/?q=bridge&page=2');
    });
  });
}
