import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import type { ChangeListener } from '../../src/http/change-feed.js';
import type { ChangeScope } from '../../src/http/change-scope.js';
import { chooseEncoding, createPageCache, etagMatches } from '../../src/http/page-cache.js';

function appWith(options: { enabled?: boolean } = {}) {
  let renders = 0;
  let body = `<p>${'news '.repeat(300)}</p>`;
  const pending: ChangeScope[] = [];
  const listeners: ChangeListener[] = [];
  // Stands in for the change feed: scopes wait until the cache catches up, as committed events do.
  const changes = {
    catchUp() {
      for (const scope of pending.splice(0)) for (const listener of listeners) listener(scope, []);
    },
    subscribe(listener: ChangeListener) {
      listeners.push(listener);
      return () => {};
    },
  };
  const cache = createPageCache({ enabled: options.enabled ?? true, changes });
  const app = Fastify();
  app.get('/story/', async (request, reply) =>
    cache.serve(request, reply, async () => {
      renders++;
      return { contentType: 'text/html; charset=utf-8', body };
    }),
  );
  app.get('/paged/', async (request, reply) =>
    cache.serve(
      request,
      reply,
      async () => {
        renders++;
        return { contentType: 'text/html; charset=utf-8', body: `<p>${request.url}</p>` };
      },
      { varyBy: ['cpage'] },
    ),
  );
  app.get('/old/', async (request, reply) =>
    cache.serve(request, reply, async () => ({ redirect: '/story/', status: 301 })),
  );
  return {
    app,
    cache,
    renders: () => renders,
    change(
      newBody: string,
      scope: ChangeScope = { everything: true, articleIds: [], lists: true, articles: true },
    ) {
      body = newBody;
      pending.push(scope);
    },
  };
}

describe('page cache', () => {
  test('a second request is served from the cache until a change reaches it', async () => {
    const t = appWith();
    const first = await t.app.inject('/story/');
    assert.equal(first.headers['x-page-cache'], 'miss');
    const second = await t.app.inject('/story/');
    assert.equal(second.headers['x-page-cache'], 'hit');
    assert.equal(second.body, first.body);
    assert.equal(t.renders(), 1);
    t.change('<p>corrected</p>');
    const third = await t.app.inject('/story/');
    assert.equal(third.headers['x-page-cache'], 'miss');
    assert.equal(third.body, '<p>corrected</p>');
  });

  test('readers with a held comment or a newsroom session bypass the cache and get a private answer', async () => {
    const t = appWith();
    await t.app.inject('/story/');
    for (const cookie of ['bs_held=abc', 'theme=x; bs_session=s1']) {
      const res = await t.app.inject({ url: '/story/', headers: { cookie } });
      assert.equal(res.headers['x-page-cache'], 'bypass');
      assert.match(String(res.headers['cache-control']), /private/);
    }
    assert.equal(t.renders(), 3);
  });

  test('public answers carry CDN-friendly Cache-Control and validators; matching ones get 304', async () => {
    const t = appWith();
    const res = await t.app.inject('/story/');
    assert.match(String(res.headers['cache-control']), /public.*s-maxage=\d+.*stale-while-revalidate=\d+/);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    const etag = String(res.headers.etag);
    const lastModified = String(res.headers['last-modified']);
    assert.match(etag, /^W\/".+"$/);
    const byEtag = await t.app.inject({ url: '/story/', headers: { 'if-none-match': etag } });
    assert.equal(byEtag.statusCode, 304);
    assert.equal(byEtag.body, '');
    const byDate = await t.app.inject({ url: '/story/', headers: { 'if-modified-since': lastModified } });
    assert.equal(byDate.statusCode, 304);
    const stale = await t.app.inject({ url: '/story/', headers: { 'if-none-match': 'W/"other"' } });
    assert.equal(stale.statusCode, 200);
  });

  test('bodies are compressed with brotli or gzip as the client accepts', async () => {
    const t = appWith();
    const plain = await t.app.inject('/story/');
    const br = await t.app.inject({ url: '/story/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
    const gz = await t.app.inject({ url: '/story/', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
    assert.ok(gz.rawPayload.length < plain.rawPayload.length / 5);
  });

  test('redirects are cached like pages', async () => {
    const t = appWith();
    const res = await t.app.inject('/old/');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/story/');
    assert.equal((await t.app.inject('/old/')).headers['x-page-cache'], 'hit');
  });

  test('query parameters a page is rendered from key pages of their own; others share the entry', async () => {
    const t = appWith();
    assert.equal((await t.app.inject('/paged/?cpage=2')).body, '<p>/paged/?cpage=2</p>');
    assert.equal((await t.app.inject('/paged/')).body, '<p>/paged/</p>');
    const tracked = await t.app.inject('/paged/?utm_source=feed&cpage=2');
    assert.equal(tracked.headers['x-page-cache'], 'hit');
    assert.equal(tracked.body, '<p>/paged/?cpage=2</p>');
    assert.equal((await t.app.inject('/story/?cpage=2')).headers['x-page-cache'], 'miss');
    assert.equal((await t.app.inject('/story/?cpage=3')).headers['x-page-cache'], 'hit');
    assert.equal(t.renders(), 3);
  });

  test('turned off, every request renders but still gets validators', async () => {
    const t = appWith({ enabled: false });
    await t.app.inject('/story/');
    const res = await t.app.inject('/story/');
    assert.equal(res.headers['x-page-cache'], 'bypass');
    assert.ok(res.headers.etag);
    assert.equal(t.renders(), 2);
    assert.equal(t.cache.size, 0);
  });

  test('a comment change drops only its article (by tag) and the lists; an article change drops all', async () => {
    const cache = createPageCache({ enabled: true });
    const app = Fastify();
    const renders = new Map<string, number>();
    const route = (path: string, tags?: string[]) =>
      app.get(path, async (request, reply) =>
        cache.serve(request, reply, async () => {
          renders.set(path, (renders.get(path) ?? 0) + 1);
          return { contentType: 'text/html; charset=utf-8', body: path, tags };
        }),
      );
    route('/one/', ['article:1', 'article:3']);
    route('/two/', ['article:2']);
    route('/');
    const visit = async () => {
      for (const path of ['/one/', '/two/', '/']) await app.inject(path);
    };
    await visit();
    cache.invalidate({ everything: false, articleIds: [], lists: false, articles: false });
    await visit();
    assert.deepEqual([...renders.values()], [1, 1, 1]);
    cache.invalidate({ everything: false, articleIds: [3], lists: true, articles: false });
    await visit();
    assert.deepEqual(
      [...renders.values()],
      [2, 1, 2],
      'a comment on article 3 drops its pages and the lists',
    );
    cache.invalidate({ everything: false, articleIds: [2], lists: true, articles: true });
    await visit();
    assert.deepEqual([...renders.values()], [3, 2, 3], 'an article change drops every page');
  });

  test('a page whose render overlapped a change is served but not stored', async () => {
    const t = appWith();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = Fastify();
    app.get('/slow/', async (request, reply) =>
      t.cache.serve(request, reply, async () => {
        await gate;
        return { contentType: 'text/html; charset=utf-8', body: 'old' };
      }),
    );
    const slow = app.inject('/slow/');
    await new Promise((resolve) => setImmediate(resolve));
    t.change('new');
    await t.app.inject('/story/');
    release();
    assert.equal((await slow).headers['x-page-cache'], 'miss');
    assert.equal((await app.inject('/slow/')).headers['x-page-cache'], 'miss');
  });

  test('content negotiation and ETag comparison follow RFC 9110', () => {
    assert.equal(chooseEncoding(undefined), null);
    assert.equal(chooseEncoding('gzip, br;q=0'), 'gzip');
    assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.8'), 'gzip');
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('identity'), null);
    assert.ok(etagMatches('"a", W/"b"', 'W/"b"'));
    assert.ok(etagMatches('*', 'W/"b"'));
    assert.ok(!etagMatches('"c"', 'W/"b"'));
  });
});
