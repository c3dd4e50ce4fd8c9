import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WPAPI from 'wpapi';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { type Newsroom, seedNewsroom } from './api-fixtures.js';

describe('WordPress REST API with the wpapi client', () => {
  let t: TestApp;
  let n: Newsroom;
  let url: string;
  // biome-ignore lint/suspicious/noExplicitAny: the WordPress client library ships no types
  let wp: any;
  let illustrated: { id: number; slug: string };
  before(async () => {
    t = await buildTestApp();
    n = await seedNewsroom(t.ctx);
    const article = await t.ctx.services.articles.createArticle(
      {
        headline: 'Lighthouse keeper retires',
        authorIds: [n.authorIds.ada],
        categoryId: n.categoryIds.local,
        featuredImage: {
          url: 'https://images.example/lighthouse.jpg',
          alt: 'The lighthouse at dusk',
          caption: 'Forty years & counting',
          credit: 'Staff',
          mediaId: null,
        },
      },
      { userId: n.editorId },
      { status: 'published', publishedAt: new Date(Date.now() - 1000).toISOString() },
    );
    illustrated = { id: article.id, slug: article.slug };
    url = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
    // Discovery as a client does it: the Link header on the site, then the index at /wp-json/.
    wp = await WPAPI.discover(url);
  });
  after(() => t.close());

  test('discovery finds /wp-json/ from the site’s Link header', async () => {
    const head = await fetch(`${url}/`, { method: 'HEAD' });
    assert.equal(head.headers.get('link'), `<${url}/wp-json/>; rel="https://api.w.org/"`);
    const index = await wp.root('').get();
    assert.deepEqual(index.namespaces, ['wp/v2']);
    assert.ok(index.routes['/wp/v2/posts']);
  });

  test('lists posts newest first with X-WP-Total and X-WP-TotalPages, and follows the next page', async () => {
    const first = await wp.posts().perPage(2).get();
    assert.equal(first.length, 2);
    assert.equal(first[0].title.rendered, 'Lighthouse keeper retires');
    assert.equal(first._paging.total, 6);
    assert.equal(first._paging.totalPages, 3);
    const second = await first._paging.next.get();
    assert.equal(second[0].title.rendered, 'Council meeting moved to Thursday');
    const last = await wp.posts().perPage(2).page(3).get();
    assert.equal(last.length, 2);
    assert.equal(last._paging.next, undefined);
  });

  test('filters: categories, tags, search, slug', async () => {
    const titles = (posts: { title: { rendered: string } }[]) => posts.map((p) => p.title.rendered);
    assert.deepEqual(titles(await wp.posts().categories([n.categoryIds.sport]).get()), [
      'Rovers win the derby',
    ]);
    assert.deepEqual(titles(await wp.posts().categories([n.categoryIds.sport, n.categoryIds.news]).get()), [
      'Ferry timetable changes',
      'Council meeting moved to Thursday',
      'Rovers win the derby',
    ]);
    assert.deepEqual(titles(await wp.posts().tags(n.tagIds.council).get()), [
      'Council meeting moved to Thursday',
      'Council approves harbour budget',
    ]);
    assert.deepEqual(titles(await wp.posts().search('ferry').get()), ['Ferry timetable changes']);
    const [bySlug] = await wp.posts().slug(n.published[2]!.slug).get();
    assert.equal(bySlug.id, n.published[2]!.id);
  });

  test('reads one post, with _embed for the author and the featured image', async () => {
    const post = await wp.posts().id(illustrated.id).embed().get();
    assert.equal(post.slug, illustrated.slug);
    assert.equal(post.status, 'publish');
    assert.deepEqual(post.categories, [n.categoryIds.local]);
    assert.equal(post._embedded.author[0].name, 'Ada Reporter');
    assert.equal(post._embedded['wp:featuredmedia'][0].source_url, 'https://images.example/lighthouse.jpg');
    assert.equal(post._embedded['wp:featuredmedia'][0].alt_text, 'The lighthouse at dusk');
    assert.equal(post._embedded['wp:term'][0][0].slug, 'local');
    await assert.rejects(wp.posts().id(n.draft.id).get(), (e: { code: string; data: { status: number } }) => {
      assert.equal(e.code, 'rest_post_invalid_id');
      assert.equal(e.data.status, 404);
      return true;
    });
  });

  test('pages, categories, tags and users (public authors only)', async () => {
    const pages = await wp.pages().get();
    assert.deepEqual(
      pages.map((p: { slug: string }) => p.slug),
      ['about'],
    );
    const categories = await wp.categories().get();
    assert.deepEqual(
      categories.map((c: { slug: string; count: number }) => [c.slug, c.count]),
      [
        ['local', 3],
        ['news', 2],
        ['sport', 1],
      ],
    );
    const tags = await wp.tags().get();
    assert.deepEqual(
      tags.map((x: { slug: string }) => x.slug),
      ['council', 'harbour'],
    );
    const users = await wp.users().get();
    assert.deepEqual(
      users.map((u: { slug: string }) => u.slug),
      ['ada-reporter', 'ben-writer'],
    );
    await assert.rejects(
      wp.users().id(n.authorIds.ghost).get(),
      (e: { code: string }) => e.code === 'rest_user_invalid_id',
    );
  });

  test('comments on a post: approved only', async () => {
    const comments = await wp.comments().post(n.published[0]!.id).get();
    assert.deepEqual(comments.map((c: { id: number }) => c.id).sort(), [...n.approvedCommentIds].sort());
    assert.equal(comments._paging.total, 2);
    assert.ok(comments.every((c: { status: string }) => c.status === 'approved'));
  });

  test('posting a comment anonymously lands it in moderation, through the site’s comment rules', async () => {
    const created = await wp.comments().create({
      post: n.published[1]!.id,
      author_name: 'Wendy Reader',
      author_email: 'wendy@example.org',
      content: 'The harbour wall needed this.',
    });
    assert.equal(created.status, 'hold');
    assert.equal(created.author_name, 'Wendy Reader');
    assert.equal(created.author_email, undefined);
    const stored = await t.ctx.stores.comments.findById(created.id);
    assert.equal(stored?.status, 'pending');
    assert.equal(stored?.authorEmail, 'wendy@example.org');
    const visible = await wp.comments().post(n.published[1]!.id).get();
    assert.ok(!visible.some((c: { id: number }) => c.id === created.id));
    await assert.rejects(
      wp.comments().create({ post: n.published[1]!.id, author_name: 'No Email', content: 'Hello' }),
      (e: { code: string; data: { params: Record<string, string> } }) => {
        assert.equal(e.code, 'rest_invalid_param');
        assert.ok('email' in e.data.params);
        return true;
      },
    );
    await assert.rejects(
      wp
        .comments()
        .create({ post: n.draft.id, author_name: 'A', author_email: 'a@example.org', content: 'Hi' }),
      (e: { code: string }) => e.code === 'rest_comment_invalid_post_id',
    );
  });

  test('invalid parameters and pages past the end fail the WordPress way', async () => {
    await assert.rejects(wp.posts().perPage(101).get(), (e: { code: string; data: { params: object } }) => {
      assert.equal(e.code, 'rest_invalid_param');
      assert.ok('per_page' in e.data.params);
      return true;
    });
    await assert.rejects(
      wp.posts().page(99).get(),
      (e: { code: string }) => e.code === 'rest_post_invalid_page_number',
    );
    await assert.rejects(
      wp.posts().param('status', 'draft').get(),
      (e: { code: string }) => e.code === 'rest_invalid_param',
    );
    await assert.rejects(
      wp.posts().edit().get(),
      (e: { code: string }) => e.code === 'rest_forbidden_context',
    );
  });
});
