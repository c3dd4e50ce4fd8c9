/**
 * Pages the cache has sent through Fastify are sent again straight from the HTTP server. These tests hold
 * such direct answers to being the same as Fastify's, byte for byte, and to stepping aside whenever Fastify
 * must decide: changes, personal cookies, validators, other methods.
 */
import assert from 'node:assert/strict';
import { type IncomingHttpHeaders, request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Article } from '../../src/articles/article.js';
import { publishArticle } from '../comments/comment-fixtures.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

describe('direct answers from the page cache', () => {
  let t: TestApp;
  let base: string;
  let article: Article;
  // Requests that reached Fastify's routing, hooks and route.
  let throughFastify = 0;

  before(async () => {
    t = await buildTestApp();
    // Every request Fastify routes to a page reaches the page cache's serve.
    const serve = t.ctx.pageCache.serve.bind(t.ctx.pageCache);
    t.ctx.pageCache.serve = (...args) => {
      throughFastify++;
      return serve(...args);
    };
    article = await publishArticle(t.ctx);
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  });
  after(() => t.close());

  // node:http rather than fetch: it sends a Host header as given and leaves bodies as they were encoded.
  function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    const before = throughFastify;
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer; direct: boolean }>(
      (resolve, reject) => {
        request(`${base}${path}`, { method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const { date: _date, ...sent } = res.headers;
            const direct = throughFastify === before;
            resolve({ status: res.statusCode!, headers: sent, body: Buffer.concat(chunks), direct });
          });
        })
          .on('error', reject)
          .end();
      },
    );
  }

  test('a page sent once is sent again exactly as Fastify sends a cached page, without Fastify', async () => {
    const path = `/${article.slug}/`;
    const miss = await get(path);
    assert.equal(miss.headers['x-page-cache'], 'miss');
    assert.equal(miss.direct, false);
    const direct = await get(path);
    assert.equal(direct.direct, true);
    // Another spelling of the same page is a cache hit that Fastify answers: the reference.
    const hit = await get(`${path}?utm_source=newsletter`);
    assert.equal(hit.direct, false);
    assert.equal(hit.headers['x-page-cache'], 'hit');
    assert.equal(direct.status, 200);
    assert.deepEqual(direct.headers, hit.headers);
    assert.deepEqual(direct.body, hit.body);
    assert.ok(direct.headers['content-security-policy'], 'security headers are replayed');
    assert.match(String(direct.headers.link), /wp-json/);
  });

  test('compressed bodies are chosen per request, as Fastify chooses them', async () => {
    const path = `/${article.slug}/`;
    const plain = await get(path);
    for (const coding of ['br', 'gzip']) {
      const res = await get(path, { 'accept-encoding': `${coding}, identity` });
      assert.equal(res.direct, true);
      assert.equal(res.headers['content-encoding'], coding);
      assert.equal(Number(res.headers['content-length']), res.body.length);
      const decoded = coding === 'br' ? brotliDecompressSync(res.body) : gunzipSync(res.body);
      assert.deepEqual(decoded, plain.body);
    }
  });

  test('validators, HEAD, personal cookies and another host name go through Fastify', async () => {
    const path = `/${article.slug}/`;
    const known = await get(path);
    const notModified = await get(path, { 'if-none-match': known.headers.etag! });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.direct, false);
    const head = await get(path, {}, 'HEAD');
    assert.equal(head.direct, false);
    const held = await get(path, { cookie: 'bs_held=abc' });
    assert.equal(held.direct, false);
    assert.equal(held.headers['cache-control'], 'private, no-cache');
    const elsewhere = await get(path, { host: 'news.example' });
    assert.equal(elsewhere.direct, false);
    assert.match(String(elsewhere.headers.link), /^<http:\/\/news\.example\/wp-json\/>/);
    assert.equal((await get(path, { host: 'news.example' })).direct, true);
  });

  test('after a change the page goes through Fastify again and shows it', async () => {
    const path = `/${article.slug}/`;
    await get(path);
    assert.equal((await get(path)).direct, true);
    await t.ctx.services.articles.saveArticle(
      article.id,
      { headline: 'Harbour wall reopens after repairs' },
      article.version,
      { userId: null },
    );
    const after = await get(path);
    assert.equal(after.direct, false);
    assert.match(after.body.toString(), /Harbour wall reopens after repairs/);
    assert.equal((await get(path)).direct, true);
  });

  test('with the page cache turned off nothing is answered directly', async () => {
    const off = await buildTestApp({ env: { BROADSHEET_PAGE_CACHE: '0' } });
    try {
      const story = await publishArticle(off.ctx);
      const url = (await off.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/${story.slug}/`);
        assert.equal(res.headers.get('x-page-cache'), 'bypass');
      }
    } finally {
      await off.close();
    }
  });
});
