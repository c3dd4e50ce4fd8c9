import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import GhostContentAPI from '@tryghost/content-api';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { makeToken, type Newsroom, seedNewsroom } from './api-fixtures.js';

describe('Ghost Content API with the official @tryghost/content-api client', () => {
  let t: TestApp;
  let n: Newsroom;
  let url: string;
  let key: string;
  // biome-ignore lint/suspicious/noExplicitAny: Ghost's client library ships no types
  let api: any;
  before(async () => {
    t = await buildTestApp();
    n = await seedNewsroom(t.ctx);
    key = (await makeToken(t.ctx, 'content')).key;
    url = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
    api = new GhostContentAPI({ url, key, version: 'v5.0' });
  });
  after(() => t.close());

  test('browses posts with pagination, tags and authors', async () => {
    const posts = await api.posts.browse({ limit: 2, include: 'tags,authors' });
    assert.equal(posts.length, 2);
    assert.deepEqual(posts.meta.pagination, { page: 1, limit: 2, pages: 3, total: 5, next: 2, prev: null });
    assert.equal(posts[0].title, 'Ferry timetable changes');
    assert.equal(posts[0].primary_author.slug, 'ben-writer');
    assert.equal(posts[0].primary_tag.slug, 'harbour');
    assert.match(posts[0].html, /<strong>Ferry timetable changes<\/strong>/);
    const last = await api.posts.browse({ limit: 2, page: 3 });
    assert.equal(last.length, 1);
    assert.equal(last.meta.pagination.next, null);
  });

  test('filters (tag, author, negation, dates, AND/OR), fields and order', async () => {
    const titles = async (options: Record<string, unknown>) =>
      (await api.posts.browse({ limit: 'all', ...options })).map((p: { title: string }) => p.title);
    assert.deepEqual(await titles({ filter: 'tag:council' }), [
      'Council meeting moved to Thursday',
      'Council approves harbour budget',
    ]);
    assert.deepEqual(await titles({ filter: 'tag:harbour+authors.slug:ben-writer', order: 'title asc' }), [
      'Ferry timetable changes',
      'Harbour wall repairs begin',
    ]);
    assert.deepEqual(await titles({ filter: 'tag:-harbour+tag:-council' }), ['Rovers win the derby']);
    assert.equal((await titles({ filter: 'tag:council,author:ben-writer' })).length, 5);
    const [newest] = await api.posts.browse({ limit: 1 });
    assert.deepEqual(await titles({ filter: `published_at:>='${newest.published_at}'` }), [
      'Ferry timetable changes',
    ]);
    const slim = await api.posts.browse({ limit: 1, fields: 'title,slug' });
    assert.deepEqual(Object.keys(slim[0]).sort(), ['slug', 'title']);
  });

  test('reads a post by slug and by id; drafts are not found', async () => {
    const bySlug = await api.posts.read({ slug: n.published[0]!.slug }, { include: 'tags' });
    assert.equal(bySlug.title, 'Council approves harbour budget');
    assert.deepEqual(
      bySlug.tags.map((x: { slug: string }) => x.slug),
      ['council', 'harbour'],
    );
    const byId = await api.posts.read({ id: String(n.published[1]!.id) });
    assert.equal(byId.slug, n.published[1]!.slug);
    await assert.rejects(
      api.posts.read({ slug: n.draft.slug }),
      (error: Error) => error.name === 'NotFoundError',
    );
    await assert.rejects(api.posts.read({ slug: 'about' }), (error: Error) => error.name === 'NotFoundError');
  });

  test('pages, tags with counts, authors, settings', async () => {
    const pages = await api.pages.browse();
    assert.deepEqual(
      pages.map((p: { slug: string }) => p.slug),
      ['about'],
    );
    const tags = await api.tags.browse({ include: 'count.posts', order: 'count.posts desc' });
    assert.deepEqual(
      tags.map((x: { slug: string; count: { posts: number } }) => [x.slug, x.count.posts]),
      [
        ['harbour', 3],
        ['council', 2],
      ],
    );
    const tag = await api.tags.read({ slug: 'council' });
    assert.equal(tag.name, 'Council');
    const authors = await api.authors.browse({ include: 'count.posts' });
    assert.deepEqual(
      authors.map((a: { slug: string }) => a.slug),
      ['ada-reporter', 'ben-writer'],
    );
    assert.equal(authors[0].count.posts, 3);
    await assert.rejects(
      api.authors.read({ slug: 'unpublished-uma' }),
      (e: Error) => e.name === 'NotFoundError',
    );
    const settings = await api.settings.browse();
    assert.equal(settings.title, 'Broadsheet');
    assert.equal(settings.url, `${url}/`);
  });

  test('the versioned v4 prefix answers the same', async () => {
    const v4 = new GhostContentAPI({ url, key, version: 'v4.0' });
    const posts = await v4.posts.browse({ limit: 1 });
    assert.equal(posts.meta.pagination.total, 5);
  });

  test('a wrong key, a revoked key and an unsupported filter fail the way Ghost fails', async () => {
    const wrong = new GhostContentAPI({ url, key: `bsk_${'ab'.repeat(20)}`, version: 'v5.0' });
    await assert.rejects(wrong.posts.browse(), (e: Error & { response: { status: number } }) => {
      assert.equal(e.name, 'UnauthorizedError');
      assert.equal(e.response.status, 401);
      return true;
    });
    const revocable = await makeToken(t.ctx, 'content');
    const client = new GhostContentAPI({ url, key: revocable.key, version: 'v5.0' });
    assert.equal((await client.posts.browse({ limit: 1 })).length, 1);
    await t.ctx.db.kysely
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', revocable.id)
      .execute();
    await assert.rejects(client.posts.browse(), (e: Error) => e.name === 'UnauthorizedError');
    await assert.rejects(api.posts.browse({ filter: 'custom_field:x' }), (e: Error) => {
      assert.equal(e.name, 'BadRequestError');
      assert.match(e.message, /custom_field/);
      return true;
    });
    await assert.rejects(
      api.posts.browse({ order: 'popularity desc' }),
      (e: Error) => e.name === 'BadRequestError',
    );
  });
});
