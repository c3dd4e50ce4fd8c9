// The job runner catches the index up with taxonomy changes made through the newsroom, on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

for (const dialect of DIALECTS) {
  describe(`search jobs (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect });
    });
    after(() => t.close());

    test('a taxonomy.changed event reindexes the articles whose names changed', async () => {
      const { taxonomy, events } = t.ctx.stores;
      const { articles, search } = t.ctx.services;
      const category = await taxonomy.insertCategory({ name: 'Waterfront', slug: 'waterfront' });
      const from = await taxonomy.insertTag({ name: 'Ferries', slug: 'ferries' });
      const into = await taxonomy.insertTag({ name: 'Shipping', slug: 'shipping' });
      await articles.createArticle(
        { headline: 'Timetable change', categoryId: category.id, tagIds: [from.id] },
        { userId: null },
        { status: 'published', publishedAt: new Date(Date.now() - 60_000).toISOString() },
      );
      await t.db.kysely
        .updateTable('categories')
        .set({ name: 'Quayside' })
        .where('id', '=', category.id)
        .execute();
      await taxonomy.mergeTags(from.id, into.id);
      await events.record('taxonomy.changed', {});
      await t.ctx.jobs.drain();
      const found = async (q: string) => (await search.searchPublic(q)).hits.map((h) => h.headline);
      assert.deepEqual(await found('quayside '), ['Timetable change']);
      assert.deepEqual(await found('shipping '), ['Timetable change']);
      assert.deepEqual(await found('waterfront '), []);
      assert.deepEqual(await found('ferries '), []);
    });
  });
}
