import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createArticleStore } from '../../src/articles/article-store.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

for (const dialect of DIALECTS) {
  describe(`archive pages by keyset (${dialect})`, () => {
    let db: TestDb;
    let store: ReturnType<typeof createArticleStore>;
    const now = '2024-06-01T00:00:00.000Z';

    before(async () => {
      db = await createTestDb(dialect);
      store = createArticleStore(db.kysely);
      // Several articles share a publication time, so pages must break ties by id exactly as OFFSET does.
      const times = ['01', '02', '02', '02', '03', '04', '04', '05', '06', '06', '06'];
      for (const [i, day] of times.entries()) {
        await store.insert({
          headline: `Story ${i}`,
          slug: `story-${i}`,
          status: 'published',
          published_at: `2024-05-${day}T09:00:00.000Z`,
          created_at: now,
          updated_at: now,
        });
      }
      await store.insert({
        headline: 'Not yet',
        slug: 'not-yet',
        status: 'published',
        published_at: '2024-07-01T09:00:00.000Z',
        created_at: now,
        updated_at: now,
      });
      await store.insert({
        headline: 'Draft',
        slug: 'draft',
        status: 'draft',
        created_at: now,
        updated_at: now,
      });
    });
    after(() => db.close());

    test('each page starts where OFFSET would start it, with ties on publication time', async () => {
      for (const perPage of [1, 2, 3, 4, 11, 20]) {
        const pages = await store.publicPages(now, {}, perPage);
        assert.equal(pages.total, 11);
        assert.equal(pages.anchors.length, Math.ceil(11 / perPage));
        for (const [i, anchor] of pages.anchors.entries()) {
          const byKeyset = await store.listPublicFrom(now, {}, anchor, perPage);
          const byOffset = await store.listPublic(now, {}, perPage, i * perPage);
          assert.deepEqual(
            byKeyset.map((a) => a.slug),
            byOffset.map((a) => a.slug),
            `page ${i + 1} of ${perPage}`,
          );
        }
      }
    });

    test('an archive with nothing published has no pages', async () => {
      assert.deepEqual(await store.publicPages(now, { tagId: 999 }, 10), { total: 0, anchors: [] });
    });
  });
}
