import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NEWEST_FIRST } from '../../src/api/content-filter.js';
import { type ContentStore, createContentStore } from '../../src/api/content-store.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { type Newsroom, seedNewsroom } from './api-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`content store on ${dialect}`, () => {
    let t: TestApp;
    let n: Newsroom;
    let store: ContentStore;
    const now = () => new Date().toISOString();
    const all = { limit: 100, offset: 0 };
    before(async () => {
      t = await buildTestApp({ dialect });
      n = await seedNewsroom(t.ctx);
      store = createContentStore(t.db.kysely);
    });
    after(() => t.close());

    test('lists only published articles, newest first, with the total', async () => {
      const page = await store.listArticles({ now: now(), kind: 'article', order: NEWEST_FIRST, page: all });
      assert.equal(page.total, 5);
      assert.deepEqual(
        page.items.map((a) => a.id),
        n.published.map((p) => p.id).reverse(),
      );
      const ids = page.items.map((a) => a.id);
      for (const hidden of [n.draft.id, n.scheduled.id, n.trashed.id, n.page.id])
        assert.ok(!ids.includes(hidden));
    });

    test('hydrates bylines, category, public tags only and approved comment counts', async () => {
      const article = await store.findArticle(now(), 'article', { id: n.published[0]!.id });
      assert.ok(article);
      assert.deepEqual(
        article.tags.map((t) => t.slug),
        ['council', 'harbour'],
      );
      assert.equal(article.category?.slug, 'local');
      assert.deepEqual(
        article.authors.map((a) => a.slug),
        ['ada-reporter'],
      );
      assert.equal(article.commentCount, 2);
      assert.equal(await store.findArticle(now(), 'article', { slug: n.draft.slug }), undefined);
      assert.equal(await store.findArticle(now(), 'article', { id: n.page.id }), undefined);
      assert.equal((await store.findArticle(now(), 'page', { slug: 'about' }))?.id, n.page.id);
    });

    test('filters combine: tag, author, category, search, not, date comparisons', async () => {
      const list = async (filter: Parameters<ContentStore['listArticles']>[0]['filter']) =>
        (
          await store.listArticles({ now: now(), kind: 'article', filter, order: NEWEST_FIRST, page: all })
        ).items.map((a) => a.headline);
      assert.deepEqual(await list({ field: 'tag', in: ['council'] }), [
        'Council meeting moved to Thursday',
        'Council approves harbour budget',
      ]);
      assert.deepEqual(await list({ field: 'tag', in: ['hash-import'] }), []);
      assert.deepEqual(
        await list({
          all: [
            { field: 'tag', in: ['harbour'] },
            { field: 'author', in: ['ben-writer'] },
          ],
        }),
        ['Ferry timetable changes', 'Harbour wall repairs begin'],
      );
      assert.deepEqual(await list({ field: 'categoryId', in: [n.categoryIds.sport] }), [
        'Rovers win the derby',
      ]);
      assert.deepEqual(await list({ search: 'HARBOUR' }), [
        'Harbour wall repairs begin',
        'Council approves harbour budget',
      ]);
      assert.deepEqual(await list({ search: 'r_vers' }), []);
      assert.deepEqual(await list({ search: 'ro%s' }), []);
      assert.equal((await list({ not: { field: 'tag', in: ['harbour'] } })).length, 2);
      const third = await store.findArticle(now(), 'article', { id: n.published[2]!.id });
      assert.deepEqual(await list({ field: 'publishedAt', compare: '>', value: third!.publishedAt! }), [
        'Ferry timetable changes',
        'Council meeting moved to Thursday',
      ]);
      assert.deepEqual(await list({ field: 'id', in: [] }), []);
    });

    test('pagination is stable and totals ignore the page', async () => {
      const seen: number[] = [];
      for (let offset = 0; offset < 6; offset += 2) {
        const page = await store.listArticles({
          now: now(),
          kind: 'article',
          order: [{ field: 'headline', direction: 'asc' }],
          page: { limit: 2, offset },
        });
        assert.equal(page.total, 5);
        seen.push(...page.items.map((a) => a.id));
      }
      assert.equal(new Set(seen).size, 5);
    });

    test('terms carry counts of published articles; internal tags and unpublished authors are absent', async () => {
      const tags = await store.listTags(now(), {}, [{ field: 'name', direction: 'asc' }], all);
      assert.deepEqual(
        tags.items.map((t) => [t.slug, t.count]),
        [
          ['council', 2],
          ['harbour', 3],
        ],
      );
      const categories = await store.listCategories(now(), {}, [{ field: 'name', direction: 'asc' }], all);
      assert.deepEqual(
        categories.items.map((c) => [c.slug, c.count, c.parentId]),
        [
          ['local', 2, n.categoryIds.news],
          ['news', 2, null],
          ['sport', 1, null],
        ],
      );
      const top = await store.listCategories(
        now(),
        { parentId: 0 },
        [{ field: 'name', direction: 'asc' }],
        all,
      );
      assert.equal(top.total, 2);
      const authors = await store.listAuthors(now(), {}, [{ field: 'name', direction: 'asc' }], all);
      assert.deepEqual(
        authors.items.map((a) => [a.slug, a.count]),
        [
          ['ada-reporter', 3],
          ['ben-writer', 3],
        ],
      );
    });

    test('comments: approved only, on published articles only, no email in the shape', async () => {
      const page = await store.listComments({ now: now(), page: all });
      assert.deepEqual(
        page.items.map((c) => c.id),
        n.approvedCommentIds,
      );
      assert.equal(page.total, 2);
      for (const c of page.items) assert.ok(!('authorEmail' in c));
      const replies = await store.listComments({
        now: now(),
        parentIds: [n.approvedCommentIds[0]!],
        page: all,
      });
      assert.equal(replies.total, 1);
      const none = await store.listComments({ now: now(), articleIds: [n.draft.id], page: all });
      assert.equal(none.total, 0);
    });
  });
}
