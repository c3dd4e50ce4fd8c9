import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ImportSummary } from '../../src/imports/import-summary.js';
import { DIALECTS } from '../support/databases.js';
import { countRows, type ImportSite, openImportSite } from './support/import-site.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

for (const dialect of DIALECTS) {
  describe(`importing Ghost exports, one per layout (${dialect})`, () => {
    let site: ImportSite;
    const summaries: Record<string, ImportSummary> = {};
    before(async () => {
      site = await openImportSite(dialect);
      // Oldest first: the first file sets up the (then empty) site.
      for (const version of ['6.x', '1.x', '4.x', '5.x']) {
        summaries[version] = await site.imports.importGhostFile(fixture(`ghost-${version}.json`));
      }
    });
    after(() => site.close());

    const k = () => site.ctx.db.kysely;
    const article = (host: string, id: string) =>
      k()
        .selectFrom('articles')
        .selectAll()
        .where('source_id', '=', `ghost:${host}:post:${id}`)
        .executeTakeFirstOrThrow();
    const tagsOf = async (articleId: number) =>
      (
        await k()
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select(['tags.slug', 'tags.is_internal'])
          .where('article_id', '=', articleId)
          .orderBy('position')
          .execute()
      ).map((t) => `${t.slug}${t.is_internal ? ' (internal)' : ''}`);
    const bylineOf = async (articleId: number) =>
      (
        await k()
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .select('authors.slug')
          .where('article_id', '=', articleId)
          .orderBy('position')
          .execute()
      ).map((a) => a.slug);

    test('Ghost 6.x (db wrapper, Lexical, __GHOST_URL__): settings, bylines, private #tags, feature image', async () => {
      assert.deepEqual(
        { articles: summaries['6.x']!.created.articles, pages: summaries['6.x']!.created.pages },
        { articles: 4, pages: 1 },
      );
      assert.equal(summaries['6.x']!.settingsTaken, true);
      const settings = await site.ctx.settings.load();
      assert.deepEqual(
        [settings.title, settings.tagline, settings.language, settings.url],
        ['Metro Sixes', 'The city, six days a week', 'pt-BR', 'https://metro6.example'],
      );
      const tram = await article('metro6.example', '68f0a1');
      assert.equal(tram.status, 'published');
      assert.equal(tram.published_at, '2025-10-01T09:00:00.000Z');
      assert.equal(tram.created_at, '2025-10-01T08:00:00.000Z');
      assert.equal(tram.updated_at, '2025-10-02T09:00:00.000Z');
      assert.equal(tram.dek, 'Work starts next spring.');
      assert.equal(tram.sticky, 1);
      assert.equal(tram.comments_open, 0);
      assert.equal(tram.language, 'pt-BR');
      assert.match(tram.body_html, /<strong>approved<\/strong>/);
      assert.match(
        tram.body_html,
        /<img src="https:\/\/metro6.example\/content\/images\/2025\/10\/tram.jpg" alt="A tram"/,
      );
      assert.match(tram.body_html, /href="https:\/\/metro6.example\/tag\/transport\/"/);
      assert.doesNotMatch(tram.body_html, /__GHOST_URL__/);
      assert.equal(tram.featured_image_url, 'https://metro6.example/content/images/2025/10/tram-hero.jpg');
      assert.equal(tram.featured_image_alt, 'Tram at the depot');
      assert.equal(tram.featured_image_caption, 'Photo: Metro');
      assert.ok(tram.featured_media_id);
      assert.deepEqual(await bylineOf(tram.id), ['ana', 'ben']);
      assert.deepEqual(await tagsOf(tram.id), ['transport', 'hash-homepage-lead (internal)']);
      assert.equal((await article('metro6.example', '68f0a2')).status, 'draft');
      const scheduled = await article('metro6.example', '68f0a3');
      assert.equal(scheduled.status, 'scheduled');
      assert.equal(scheduled.published_at, '2035-10-04T07:00:00.000Z');
      assert.equal((await article('metro6.example', '68f0a4')).kind, 'page');
      const authors = await k()
        .selectFrom('authors')
        .select(['slug', 'bio'])
        .where('slug', '=', 'ana')
        .execute();
      assert.deepEqual(authors, [{ slug: 'ana', bio: 'City hall reporter.' }]);
    });

    test('a Ghost slug we cannot keep redirects from its old URL; kept slugs need none', async () => {
      const nuevo = await article('metro6.example', '68f0a5');
      assert.equal(nuevo.slug, 'ano-nuevo');
      const redirects = await k().selectFrom('redirects').select(['from_path', 'to_path']).execute();
      assert.deepEqual(
        redirects.filter((r) => r.to_path === '/ano-nuevo/'),
        [{ from_path: '/a%C3%B1o-nuevo/', to_path: '/ano-nuevo/' }],
      );
      assert.equal(
        redirects.some((r) => r.from_path === '/tram-line-approved/'),
        false,
      );
    });

    test('Ghost 1.x (mobiledoc and html, author_id, page flag): html preferred, merged without taking settings', async () => {
      assert.equal(summaries['1.x']!.settingsTaken, false);
      const ferry = await article('unknown-site', '5a1');
      assert.match(ferry.body_html, /The <strong>ferry<\/strong> is late again/);
      assert.equal(ferry.published_at, '2017-12-01T10:00:00.000Z');
      assert.equal(ferry.sticky, 1);
      assert.equal(ferry.featured_image_url, '/content/images/2017/12/ferry.jpg');
      assert.deepEqual(await tagsOf(ferry.id), ['transport', 'hash-feature (internal)']);
      assert.equal((await article('unknown-site', '5a3')).kind, 'page');
      assert.equal((await article('unknown-site', '5a2')).status, 'draft');
      // "ines" is a Ghost 1.x user here; a different person from another site keeps a separate profile.
      assert.ok((await bylineOf(ferry.id)).length === 1);
    });

    test('Ghost 4.x (posts_authors, posts_meta, visibility): co-authors in order, alt and caption', async () => {
      const two = await article('unknown-site', 'p1');
      assert.deepEqual(await bylineOf(two.id), ['sam', 'priya']);
      assert.equal(two.featured_image_alt, 'Two desks');
      assert.equal(two.dek, 'A joint byline.');
      assert.equal((await article('unknown-site', 'p2')).status, 'scheduled');
      const hidden = await k()
        .selectFrom('tags')
        .select('is_internal')
        .where('slug', '=', 'hash-hidden')
        .executeTakeFirstOrThrow();
      assert.equal(hidden.is_internal, 1);
    });

    test('Ghost 5.x (no db wrapper, Lexical, sent newsletter): the email-only post arrives as a draft', async () => {
      const night = await article('ghost5.example', '66a1');
      assert.equal(night.status, 'published');
      assert.equal(night.comments_open, 1);
      assert.equal(night.featured_image_alt, 'City hall lit up');
      assert.equal((await article('ghost5.example', '66a2')).status, 'draft');
      assert.ok(summaries['5.x']!.warnings.some((w) => w.message.includes('sent as an email only')));
    });

    test('importing a Ghost file again creates nothing new', async () => {
      const before = await countRows(site.ctx);
      const again = await site.imports.importGhostFile(fixture('ghost-6.x.json'));
      assert.equal(
        again.created.articles + again.created.pages + again.created.tags + again.created.authors,
        0,
      );
      assert.equal(again.alreadyPresent.articles, 4);
      assert.deepEqual({ ...(await countRows(site.ctx)), events: 0 }, { ...before, events: 0 });
    });
  });
}
