import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, SqliteDialect } from 'kysely';
import { createArticleStore } from '../../src/articles/article-store.js';
import type { Database } from '../../src/db/schema.js';
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

    if (dialect === 'sqlite') {
      /** The steps of SQLite's plan for each query `run` makes through the store. */
      async function plansOf(run: (store: ReturnType<typeof createArticleStore>) => Promise<unknown>) {
        // The same handle, with the SQL each query runs written down.
        const seen: { sql: string; parameters: readonly unknown[] }[] = [];
        const logged = new Kysely<Database>({
          dialect: new SqliteDialect({ database: db.sqlite! }),
          log: (event) => {
            seen.push(event.query);
          },
        });
        await run(createArticleStore(logged));
        assert.ok(seen.length > 0);
        return seen.map((query) => ({
          sql: query.sql,
          plan: db
            .sqlite!.prepare(`explain query plan ${query.sql}`)
            .all(...query.parameters)
            .map((row) => (row as { detail: string }).detail),
        }));
      }

      test('the page index of the latest articles reads only the index of live articles', async () => {
        const { plan } = (await plansOf((logged) => logged.publicPages(now, {}, 10)))[0]!;
        assert.ok(
          plan.some((step) => /SEARCH articles USING (COVERING )?INDEX articles_live_listing/.test(step)),
          plan.join('\n'),
        );
      });

      test("a translation's site-language version is found by one seek, not by walking the listing", async () => {
        const plans = await plansOf(async (logged) => {
          await logged.publicPages(now, { preferredLanguage: 'en' }, 10);
          await logged.listPublic(now, { preferredLanguage: 'en' }, 10);
          await logged.listPublicBySection(now, { preferredLanguage: 'en' }, [[1], [2]], 3);
        });
        const asking = plans.filter((p) => /articles"? as "?version/.test(p.sql));
        assert.equal(asking.length, 3);
        for (const { plan } of asking) {
          const versions = plan.filter((step) => /SEARCH version /.test(step));
          assert.ok(versions.length > 0, plan.join('\n'));
          for (const step of versions)
            assert.match(step, /USING (COVERING )?INDEX articles_translation_versions/);
        }
      });
    }
  });
}
