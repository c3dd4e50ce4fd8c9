import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  ArticleList,
  ArticleOne,
  AuthorList,
  CommentList,
  SearchResults,
  TermList,
} from '../../src/api/broadsheet-schemas.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { makeToken, type Newsroom, seedNewsroom } from './api-fixtures.js';

// TypeBox's checker knows no formats until told; Fastify's validator (ajv-formats) checks them for real.
FormatRegistry.Set('date-time', (value) => !Number.isNaN(Date.parse(value)));

describe("Broadsheet's content API (/api/v1)", () => {
  let t: TestApp;
  let n: Newsroom;
  before(async () => {
    t = await buildTestApp();
    n = await seedNewsroom(t.ctx);
  });
  after(() => t.close());
  const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '198.51.100.1') =>
    t.app.inject({ url, headers, remoteAddress });

  test('articles: newest first, totals, body left out of lists, every item valid against the schema', async () => {
    const res = await get('/api/v1/articles');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.ok(Value.Check(ArticleList, body), JSON.stringify([...Value.Errors(ArticleList, body)][0]));
    assert.deepEqual(body.meta, { page: 1, perPage: 20, total: 5, totalPages: 1 });
    assert.equal(body.data[0].headline, 'Ferry timetable changes');
    assert.equal(body.data[0].bodyHtml, undefined);
    assert.equal(body.data[0].url, `http://localhost:80/${body.data[0].slug}/`);
  });

  test('filters: category, tag list, author, search, since; unknown slug gives an empty list', async () => {
    const titles = async (query: string) =>
      (await get(`/api/v1/articles?${query}`)).json().data.map((a: { headline: string }) => a.headline);
    assert.deepEqual(await titles('category=sport'), ['Rovers win the derby']);
    assert.deepEqual(await titles('tag=council,harbour&author=ada-reporter'), [
      'Council meeting moved to Thursday',
      'Harbour wall repairs begin',
      'Council approves harbour budget',
    ]);
    assert.deepEqual(await titles('search=ferry'), ['Ferry timetable changes']);
    assert.deepEqual(await titles('tag=no-such-tag'), []);
    const all = (await get('/api/v1/articles?sort=publishedAt')).json().data;
    assert.deepEqual(await titles(`since=${encodeURIComponent(all[3].publishedAt)}`), [
      'Ferry timetable changes',
      'Council meeting moved to Thursday',
    ]);
  });

  test('field selection keeps the id and only the fields asked for; an unknown field is a 422 naming it', async () => {
    const body = (await get('/api/v1/articles?fields=headline,bodyHtml&per_page=1')).json();
    assert.deepEqual(Object.keys(body.data[0]).sort(), ['bodyHtml', 'headline', 'id']);
    const bad = await get('/api/v1/articles?fields=headline,email');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(bad.json().code, 'invalid');
    assert.equal(bad.json().field, 'fields');
    assert.match(bad.json().detail, /Unknown field "email"/);
  });

  test('pagination edges: partial last page, past the end is empty, zero and oversized pages are refused', async () => {
    const second = (await get('/api/v1/articles?per_page=2&page=3')).json();
    assert.equal(second.data.length, 1);
    assert.deepEqual(second.meta, { page: 3, perPage: 2, total: 5, totalPages: 3 });
    const past = (await get('/api/v1/articles?per_page=2&page=4')).json();
    assert.deepEqual(past.data, []);
    assert.equal(past.meta.total, 5);
    const seen = new Set<number>();
    for (let page = 1; page <= 3; page++) {
      for (const a of (await get(`/api/v1/articles?per_page=2&page=${page}&sort=headline`)).json().data)
        seen.add(a.id);
    }
    assert.equal(seen.size, 5, 'pages neither repeat nor skip');
    // Unknown parameters (cache busters) are ignored, as most APIs do.
    assert.equal((await get('/api/v1/articles?_=12345')).statusCode, 200);
    for (const query of [
      'page=0',
      'per_page=0',
      'per_page=101',
      'page=x',
      'sort=random',
      'since=yesterday',
    ]) {
      const res = await get(`/api/v1/articles?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().code, 'invalid', query);
      assert.ok(res.json().field, query);
    }
  });

  test('one article, with body, tags and corrections; drafts, scheduled, trashed and pages are 404', async () => {
    const res = await get(`/api/v1/articles/${n.published[0]!.slug}`);
    assert.equal(res.statusCode, 200);
    const { data } = res.json();
    assert.ok(Value.Check(ArticleOne, res.json()));
    assert.match(data.bodyHtml, /<strong>Council approves harbour budget<\/strong>/);
    assert.deepEqual(
      data.tags.map((x: { slug: string }) => x.slug),
      ['council', 'harbour'],
    );
    assert.equal(data.commentCount, 2);
    for (const slug of [n.draft.slug, n.scheduled.slug, n.trashed.slug, 'about']) {
      const missing = await get(`/api/v1/articles/${slug}`);
      assert.equal(missing.statusCode, 404, slug);
      assert.equal(missing.json().code, 'not_found');
    }
    assert.equal((await get('/api/v1/pages/about')).json().data.headline, 'About us');
    assert.equal((await get('/api/v1/articles/Not_A_Slug')).statusCode, 400);
  });

  test('taxonomy and authors carry counts; internal tags and authors without published work are absent', async () => {
    const tags = (await get('/api/v1/tags')).json();
    assert.ok(Value.Check(TermList, tags));
    assert.deepEqual(
      tags.data.map((x: { slug: string; articleCount: number }) => [x.slug, x.articleCount]),
      [
        ['council', 2],
        ['harbour', 3],
      ],
    );
    const categories = (await get('/api/v1/categories?sort=-articleCount')).json();
    assert.equal(categories.data[0].articleCount, 2);
    assert.equal((await get('/api/v1/categories/local')).json().data.parentId, n.categoryIds.news);
    const authors = (await get('/api/v1/authors')).json();
    assert.ok(Value.Check(AuthorList, authors));
    assert.deepEqual(
      authors.data.map((a: { slug: string }) => a.slug),
      ['ada-reporter', 'ben-writer'],
    );
    assert.equal((await get('/api/v1/authors/unpublished-uma')).statusCode, 404);
    assert.equal((await get('/api/v1/tags/hash-import')).statusCode, 404);
  });

  test('comments: approved only, threaded by parentId, on one article or across the site', async () => {
    const onArticle = (await get(`/api/v1/articles/${n.published[0]!.slug}/comments`)).json();
    assert.ok(Value.Check(CommentList, onArticle));
    assert.deepEqual(
      onArticle.data.map((c: { id: number }) => c.id),
      n.approvedCommentIds,
    );
    assert.equal(onArticle.data[1].parentId, n.approvedCommentIds[0]);
    const recent = (await get('/api/v1/comments')).json();
    assert.equal(recent.meta.total, 2);
    assert.equal((await get(`/api/v1/comments?article=${n.draft.slug}`)).statusCode, 404);
  });

  test('search and related articles', async () => {
    const found = (await get('/api/v1/search?q=harbour')).json();
    assert.ok(Value.Check(SearchResults, found), JSON.stringify([...Value.Errors(SearchResults, found)][0]));
    assert.deepEqual(found.data.map((a: { slug: string }) => a.slug).sort(), [
      'council-approves-harbour-budget',
      'ferry-timetable-changes',
      'harbour-wall-repairs-begin',
    ]);
    assert.equal(found.meta.total, 3);
    assert.ok(found.data.some((a: { snippetHtml: string }) => a.snippetHtml.includes('<mark>')));
    const narrowed = (await get('/api/v1/search?q=harbour&author=ben-writer')).json();
    assert.equal(narrowed.meta.total, 2);
    assert.equal((await get('/api/v1/search?q=secretscheduled')).json().meta.total, 0);
    assert.equal((await get('/api/v1/search')).statusCode, 400);
    // The related engine builds its lists from the outbox.
    await t.ctx.jobs.drain();
    const related = await get(`/api/v1/articles/${n.published[0]!.slug}/related`);
    assert.equal(related.statusCode, 200);
    assert.ok(Value.Check(ArticleList, related.json()));
    const slugs = related.json().data.map((a: { slug: string }) => a.slug);
    assert.ok(slugs.length > 0, 'the engine found related articles');
    assert.ok(!slugs.includes(n.published[0]!.slug));
    for (const hidden of [n.draft.slug, n.scheduled.slug, n.trashed.slug]) assert.ok(!slugs.includes(hidden));
  });

  test('ETag and conditional GET: 304 when unchanged, a new tag after a change', async () => {
    const first = await get('/api/v1/tags');
    const etag = first.headers.etag as string;
    assert.match(etag, /^W\/"/);
    assert.equal(first.headers['cache-control'], 'public, max-age=0, must-revalidate');
    const again = await get('/api/v1/tags', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    await t.ctx.stores.taxonomy.insertTag({ name: 'Weather', slug: 'weather' });
    const changed = await get('/api/v1/tags?per_page=50', { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
  });

  test('CORS: no headers by default; configured origins are allowed, with preflight; never credentials', async () => {
    const plain = await get('/api/v1/articles', { origin: 'https://app.example' });
    assert.equal(plain.headers['access-control-allow-origin'], undefined);
    const admin = { authorization: `Bearer ${(await makeToken(t.ctx, 'admin', 'admin')).key}` };
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/cors',
      headers: admin,
      payload: { origins: ['https://app.example/path'] },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().field, 'origins/0');
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/cors',
      headers: admin,
      payload: { origins: ['https://app.example/'] },
    });
    assert.deepEqual(saved.json(), { origins: ['https://app.example'] });
    try {
      const allowed = await get('/api/v1/articles', { origin: 'https://app.example' });
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example');
      assert.match(String(allowed.headers['access-control-expose-headers']), /RateLimit-Remaining/);
      assert.equal(allowed.headers['access-control-allow-credentials'], undefined);
      assert.match(String(allowed.headers.vary), /Origin/);
      const other = await get('/api/v1/articles', { origin: 'https://evil.example' });
      assert.equal(other.headers['access-control-allow-origin'], undefined);
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/wp-json/wp/v2/posts',
        headers: {
          origin: 'https://app.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      assert.equal(preflight.statusCode, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example');
      assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/cors',
        headers: admin,
        payload: { origins: [] },
      });
    }
  });

  test('rate limits: RateLimit headers on every answer; 429 with Retry-After past the per-IP limit; tokens have their own', async () => {
    const ip = '198.51.100.77';
    const first = await get('/api/v1/tags', {}, ip);
    assert.equal(first.headers['ratelimit-limit'], '300');
    assert.equal(first.headers['ratelimit-remaining'], '299');
    assert.match(String(first.headers['ratelimit-policy']), /^300;w=60$/);
    let last = first;
    for (let i = 0; i < 300; i++) last = await get('/api/v1/tags', {}, ip);
    assert.equal(last.statusCode, 429);
    assert.equal(last.json().code, 'rate_limited');
    assert.ok(Number(last.headers['retry-after']) >= 1);
    assert.equal(last.headers['ratelimit-remaining'], '0');
    const { key } = await makeToken(t.ctx, 'content');
    const withToken = await get('/api/v1/tags', { authorization: `Bearer ${key}` }, ip);
    assert.equal(withToken.statusCode, 200);
    assert.equal(withToken.headers['ratelimit-limit'], '1200');
  });

  test('an unknown or malformed Bearer token is refused even on public routes', async () => {
    for (const authorization of [
      'Bearer bsk_0000000000000000000000000000000000000000',
      'Bearer nonsense',
      'Basic abc',
    ]) {
      const res = await get('/api/v1/articles', { authorization });
      assert.equal(res.statusCode, 401, authorization);
      assert.equal(res.json().code, 'unauthenticated');
      assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    }
  });
});
