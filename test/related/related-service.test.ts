// The engine wired into the product, on both databases: stored kept lists follow publishing, and
// the article page places "See also" from them with the editor's pin, exclusions and mode.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Article } from '../../src/articles/article.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const BRIDGE = [
  'The Ansel Bridge closed to traffic on Monday after engineers found corroded steel cables under the deck.',
  'City engineers said the Ansel Bridge repairs would take at least six weeks and cost the council millions.',
  'Commuters crossing the river face long detours while the bridge repairs continue through the summer.',
  'The council will publish the engineers report on the corroded cables and the bridge inspection next week.',
  'Ferry operators added extra crossings for commuters during the Ansel Bridge closure.',
];
const BAKERY = [
  'A family bakery on Mill Street won the regional prize for its sourdough loaf this weekend.',
  'The bakers said the sourdough starter is forty years old and was brought from the coast.',
  'Queues formed outside the bakery on Saturday as customers came to taste the prize loaf.',
  'The bakery plans to open a second shop near the market in the spring.',
];

function body(paragraphs: string[], variant: string): string {
  return paragraphs.map((p) => `${p} ${variant}`).join('\n\n');
}

for (const dialect of DIALECTS) {
  describe(`related articles in the product (${dialect})`, () => {
    let t: TestApp;
    const actor = { userId: null };

    async function publish(headline: string, paragraphs: string[], variant = ''): Promise<Article> {
      return t.ctx.services.articles.createArticle(
        { headline, bodySource: body(paragraphs, variant), language: 'en' },
        actor,
        { status: 'published', publishedAt: new Date(Date.now() - 3600_000).toISOString() },
      );
    }

    async function storedList(articleId: number): Promise<number[]> {
      const rows = await t.ctx.db.kysely
        .selectFrom('related_articles')
        .select(['related_id', 'rank'])
        .where('article_id', '=', articleId)
        .orderBy('rank')
        .execute();
      return rows.map((r) => Number(r.related_id));
    }

    async function page(article: Article): Promise<string> {
      const full = await t.ctx.services.articles.load(article.id);
      const { seeAlsoFor } = await import('../../src/related/see-also.js');
      return (await seeAlsoFor(t.ctx, full)).bodyHtml;
    }

    let closure: Article;
    let repairs: Article;
    let ferries: Article;
    let bakery: Article;

    before(async () => {
      t = await buildTestApp({ dialect });
      closure = await publish('Ansel Bridge closes for repairs', BRIDGE, 'closure');
      repairs = await publish('Ansel Bridge repairs to last six weeks', BRIDGE.slice().reverse(), 'repairs');
      bakery = await publish('Mill Street bakery wins sourdough prize', BAKERY);
      await t.ctx.jobs.drain();
    });
    after(() => t.close());

    test('the store round trip: publishing saves kept lists, best first, with reasons', async () => {
      assert.deepEqual((await storedList(closure.id))[0], repairs.id);
      assert.deepEqual((await storedList(repairs.id))[0], closure.id);
      const row = await t.ctx.db.kysely
        .selectFrom('related_articles')
        .select(['reasons', 'score'])
        .where('article_id', '=', closure.id)
        .where('related_id', '=', repairs.id)
        .executeTakeFirstOrThrow();
      const reasons = JSON.parse(row.reasons);
      assert.ok(reasons.sharedTerms.length > 0);
      assert.ok(row.score > 0);
      const doc = await t.ctx.stores.related.document(closure.id);
      assert.equal(doc?.status, 'published');
      assert.match(doc!.bodyText, /corroded steel cables/);
    });

    test('publishing an article puts it in a related list; unpublishing takes it out', async () => {
      ferries = await publish('Ferries add crossings during Ansel Bridge closure', BRIDGE, 'ferries');
      await t.ctx.jobs.drain();
      assert.ok((await storedList(closure.id)).includes(ferries.id));
      assert.ok((await storedList(ferries.id)).includes(closure.id));
      await t.ctx.services.articles.unpublishArticle(ferries.id, actor);
      await t.ctx.jobs.drain();
      assert.ok(!(await storedList(closure.id)).includes(ferries.id));
      assert.deepEqual(await storedList(ferries.id), []);
    });

    test('the article page places See also after the second paragraph', async () => {
      const res = await t.app.inject({ method: 'GET', url: await urlOf(closure) });
      assert.equal(res.statusCode, 200);
      assert.match(
        res.body,
        /<p class="see-also">See also <a href="[^"]+">Ansel Bridge repairs to last six weeks<\/a><\/p>/,
      );
    });

    test('a pin takes the inline slot even when the engine did not keep it', async () => {
      await t.ctx.services.articles.saveArticle(
        closure.id,
        { seeAlsoPinId: bakery.id },
        (await t.ctx.services.articles.load(closure.id)).version,
        actor,
      );
      await t.ctx.jobs.drain();
      const res = await t.app.inject({ method: 'GET', url: await urlOf(closure) });
      assert.match(
        res.body,
        /<p class="see-also">See also <a href="[^"]+">Mill Street bakery wins sourdough prize<\/a>/,
      );
    });

    test('an excluded pin is never offered, and mode off places no inline link', async () => {
      await t.ctx.stores.articles.setSeeAlsoExclusions(closure.id, [bakery.id]);
      let html = await page(closure);
      assert.doesNotMatch(html, /sourdough/);
      assert.match(html, /class="see-also"/);
      await t.ctx.stores.articles.setSeeAlsoExclusions(closure.id, [bakery.id, repairs.id]);
      html = await page(closure);
      assert.doesNotMatch(html, /Ansel Bridge repairs to last six weeks/);
      const current = await t.ctx.services.articles.load(closure.id);
      await t.ctx.services.articles.saveArticle(closure.id, { seeAlsoMode: 'off' }, current.version, actor);
      await t.ctx.jobs.drain();
      const res = await t.app.inject({ method: 'GET', url: await urlOf(closure) });
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /class="see-also"/);
    });

    async function urlOf(article: Article): Promise<string> {
      const { articlePath } = await import('../../src/site/permalinks.js');
      const full = await t.ctx.services.articles.load(article.id);
      return articlePath(full, await t.ctx.settings());
    }
  });
}
