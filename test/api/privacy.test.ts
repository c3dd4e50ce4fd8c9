import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { makeToken, type Newsroom, seedNewsroom } from './api-fixtures.js';

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;

describe('privacy: no API ever shows an email, a draft or a held comment', () => {
  let t: TestApp;
  let n: Newsroom;
  let key: string;
  const visited: string[] = [];
  before(async () => {
    t = await buildTestApp();
    n = await seedNewsroom(t.ctx);
    key = (await makeToken(t.ctx, 'content')).key;
  });
  after(() => t.close());

  /** Requests `url` and checks the body carries nothing private; returns the status. */
  async function visit(url: string): Promise<number> {
    const res = await t.app.inject({ url, remoteAddress: `192.0.2.${visited.length % 250}` });
    visited.push(url);
    assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}`);
    const match = EMAIL.exec(res.body);
    assert.equal(match, null, `${url} shows an email address: ${match?.[0]}`);
    // An error may repeat the URL that was asked for; only what the request did not already say counts.
    let body = res.body.toLowerCase();
    if (res.statusCode >= 400) {
      for (const part of decodeURIComponent(url)
        .toLowerCase()
        .split(/[/?&=,:'"]+/)) {
        if (part.length > 3) body = body.replaceAll(part, '');
      }
    }
    for (const secret of n.secrets) {
      assert.ok(!body.includes(secret.toLowerCase()), `${url} shows "${secret}"`);
    }
    return res.statusCode;
  }

  test('every public GET route of /api/v1 in the OpenAPI document, with every kind of slug', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    const slugs = {
      slug: [
        ...n.published.map((p) => p.slug),
        n.draft.slug,
        n.scheduled.slug,
        n.trashed.slug,
        'about',
        'hash-import',
        'council',
        'local',
        'ada-reporter',
        'unpublished-uma',
      ],
    };
    let routes = 0;
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, { security: unknown[] }>>,
    )) {
      const get = methods.get;
      if (!get || get.security.length > 0 || path.endsWith('/openapi.json') || path.endsWith('/docs'))
        continue;
      routes++;
      const urls = path.includes('{slug}') ? slugs.slug.map((s) => path.replace('{slug}', s)) : [path];
      for (const url of urls) {
        const queries = path.includes('{slug}')
          ? ['?fields=headline,bodyHtml,authors,tags,corrections']
          : [
              '?per_page=100&fields=headline,bodyHtml,authors,tags,corrections',
              '?q=secretdraft',
              '?search=secretdraft',
            ];
        for (const query of queries) {
          await visit(`${url}${query}`);
        }
      }
    }
    assert.ok(routes >= 14, `walked ${routes} routes`);
    for (const hidden of [n.draft.slug, n.scheduled.slug, n.trashed.slug]) {
      assert.equal((await t.app.inject(`/api/v1/articles/${hidden}`)).statusCode, 404);
    }
  });

  test('every Ghost Content API resource, browsed and read, with every include', async () => {
    const base = '/ghost/api/content';
    const q = `key=${key}&include=tags,authors,count.posts&formats=html,plaintext&limit=all`;
    for (const resource of ['posts', 'pages', 'tags', 'authors', 'settings']) {
      assert.equal(await visit(`${base}/${resource}/?${q}`), 200, resource);
    }
    for (const filter of [
      "title:~'secretdraft'",
      `slug:${n.draft.slug}`,
      `id:${n.scheduled.id}`,
      'tag:hash-import',
      'status:draft',
    ]) {
      await visit(`${base}/posts/?${q}&filter=${encodeURIComponent(filter)}`);
    }
    for (const slug of [n.draft.slug, n.scheduled.slug, n.trashed.slug]) {
      assert.equal(await visit(`${base}/posts/slug/${slug}/?${q}`), 404, slug);
    }
    for (const id of [n.draft.id, n.scheduled.id, n.trashed.id]) {
      assert.equal(await visit(`${base}/posts/${id}/?${q}`), 404, String(id));
    }
    assert.equal(await visit(`${base}/authors/slug/unpublished-uma/?${q}`), 404);
    assert.equal(await visit(`${base}/tags/slug/hash-import/?${q}`), 404);
    for (const p of n.published) await visit(`${base}/posts/${p.id}/?${q}`);
  });

  test('every WordPress route of the discovery index, embedded, plus reads of hidden ids', async () => {
    const index = (await t.app.inject('/wp-json/')).json();
    await visit('/wp-json/');
    let routes = 0;
    for (const route of Object.keys(index.routes as Record<string, unknown>)) {
      routes++;
      const ids = route.includes('(?P<id>')
        ? [
            ...n.published.map((p) => p.id),
            n.draft.id,
            n.scheduled.id,
            n.trashed.id,
            n.page.id,
            n.pendingCommentId,
            ...n.approvedCommentIds,
            n.authorIds.ghost,
            n.tagIds.internal,
          ]
        : [null];
      for (const id of ids) {
        const path = id === null ? route : route.replace('(?P<id>[\\d]+)', String(id));
        await visit(`/wp-json${path}?_embed=1&per_page=100`);
        if (id === null && route !== '/' && route !== '/wp/v2') {
          await visit(`/wp-json${path}?search=secretdraft&_embed=1`);
          await visit(`/wp-json${path}?post=${n.draft.id}`);
          await visit(`/wp-json${path}?include=${n.draft.id},${n.pendingCommentId}`);
        }
      }
    }
    assert.ok(routes >= 14, `walked ${routes} routes`);
    assert.equal((await t.app.inject(`/wp-json/wp/v2/posts/${n.draft.id}`)).statusCode, 404);
    assert.equal((await t.app.inject(`/wp-json/wp/v2/comments/${n.pendingCommentId}`)).statusCode, 404);
    assert.equal((await t.app.inject('/wp-json/wp/v2/posts?status=draft')).statusCode, 400);
    assert.equal((await t.app.inject('/wp-json/wp/v2/comments?status=hold')).statusCode, 401);
    assert.equal((await t.app.inject('/wp-json/wp/v2/users?context=edit')).statusCode, 401);
  });

  test('the walk covered a real surface', () => {
    assert.ok(visited.length > 200, `${visited.length} requests`);
  });
});
