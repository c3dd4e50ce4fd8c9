/** Reader lists show each story once: its site-language version stands for its translations. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { addArticle } from './site-fixtures.js';

const SLUGS = ['night-ferry-returns', 'le-ferry-de-nuit-revient', 'les-pecheurs-de-la-baie'];

for (const dialect of DIALECTS) {
  describe(`one version of each story in lists (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect });
    });
    after(async () => {
      await t.close();
    });

    /** Which of the test's articles the page at `path` links to. */
    const listed = async (path: string) => {
      const response = await t.app.inject(path);
      assert.equal(response.statusCode, 200, path);
      return SLUGS.filter((slug) => response.body.includes(`/${slug}/`));
    };

    test('a translation is left out where its story has a site-language version, and stands in without one', async () => {
      const tag = await t.ctx.stores.taxonomy.insertTag({ name: 'Estuary ferries', slug: 'estuary-ferries' });
      const group = t.ctx.services.articles.newTranslationGroup();
      const english = await addArticle(
        t,
        { headline: 'Night ferry returns', slug: SLUGS[0], translationGroup: group, tagIds: [tag.id] },
        { hoursAgo: 0.3 },
      );
      const french = { language: 'fr', tagIds: [tag.id] };
      await addArticle(
        t,
        { ...french, headline: 'Les pêcheurs de la baie', slug: SLUGS[2] },
        { hoursAgo: 0.1 },
      );
      // Read while no story has another-language version, so the lists below must notice the first one.
      assert.deepEqual(await listed('/'), [SLUGS[0], SLUGS[2]]);
      assert.deepEqual(await listed('/tag/estuary-ferries/'), [SLUGS[0], SLUGS[2]]);

      await addArticle(
        t,
        { ...french, headline: 'Le ferry de nuit revient', slug: SLUGS[1], translationGroup: group },
        { hoursAgo: 0.2 },
      );
      // The French version is left out where its English one is listed; a story told only in French is not.
      for (const path of ['/', '/tag/estuary-ferries/', '/tag/estuary-ferries/feed/', '/feed/atom/']) {
        assert.deepEqual(await listed(path), [SLUGS[0], SLUGS[2]], path);
      }
      // The translation is still a page of its own, linked from its original, and in the sitemap.
      assert.equal((await t.app.inject(`/${SLUGS[1]}/`)).statusCode, 200);
      assert.deepEqual(await listed(`/${SLUGS[0]}/`), [SLUGS[0], SLUGS[1]]);
      const index = (await t.app.inject('/sitemap.xml')).body;
      const maps = [...index.matchAll(/<loc>[^<]*(\/sitemaps\/articles-\d+\.xml)<\/loc>/g)].map((m) => m[1]!);
      const mapped = (await Promise.all(maps.map((path) => t.app.inject(path)))).map((r) => r.body).join('');
      assert.ok(mapped.includes(`/${SLUGS[1]}/`));

      // Without its English version, the French one stands for the story.
      await t.ctx.services.articles.unpublishArticle(english.id, { userId: null });
      for (const path of ['/', '/tag/estuary-ferries/', '/tag/estuary-ferries/feed/']) {
        assert.deepEqual(await listed(path), [SLUGS[1], SLUGS[2]], path);
      }
    });
  });
}
