import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ImportSummary } from '../../src/imports/import-summary.js';
import { DIALECTS } from '../support/databases.js';
import { countRows, type ImportSite, openImportSite } from './support/import-site.js';

const SITE_WXR = fileURLToPath(new URL('./fixtures/wxr-import-site.xml', import.meta.url));

for (const dialect of DIALECTS) {
  describe(`importing a WordPress export (${dialect})`, () => {
    let site: ImportSite;
    let summary: ImportSummary;

    before(async () => {
      site = await openImportSite(dialect);
      summary = await site.imports.importWxrFile(SITE_WXR, { now: new Date('2025-01-01T00:00:00Z') });
    });
    after(() => site.close());

    const k = () => site.ctx.db.kysely;
    const article = (sourcePostId: string) =>
      k()
        .selectFrom('articles')
        .selectAll()
        .where('source_id', '=', `wxr:gazette.example:post:${sourcePostId}`)
        .executeTakeFirstOrThrow();

    test('counts every kind and reports what it skipped', () => {
      assert.equal(summary.source, 'wxr');
      assert.deepEqual(
        { ...summary.created, redirects: 0 },
        {
          authors: 3,
          users: 0,
          categories: 5,
          tags: 2,
          articles: 8,
          pages: 2,
          media: 3,
          comments: 7,
          redirects: 0,
        },
      );
      assert.ok(summary.created.redirects >= 14);
      assert.deepEqual(summary.ignored.postTypes, { nav_menu_item: 1 });
      assert.deepEqual(summary.ignored.terms, { nav_menu: 1 });
      assert.equal(summary.mediaKeptRemote, 3);
      const messages = summary.warnings.map((w) => w.message);
      assert.ok(messages.includes('unknown shortcode [contact-form-7] kept as text'), messages.join('\n'));
      assert.ok(messages.includes('was password-protected: imported as a draft'));
      assert.ok(messages.includes('had no headline: imported as "Untitled"'));
    });

    test('takes the site title, tagline, language and URL into an empty site', async () => {
      const settings = await site.ctx.settings.load();
      assert.equal(settings.title, 'The Harbour & Hill Gazette');
      assert.equal(settings.tagline, 'Local news since 1887');
      assert.equal(settings.language, 'en-GB');
      assert.equal(settings.url, 'https://gazette.example');
      assert.equal(summary.settingsTaken, true);
    });

    test('keeps the category hierarchy, even when a parent comes after its child', async () => {
      const rows = await k().selectFrom('categories').select(['id', 'slug', 'parent_id', 'name']).execute();
      const bySlug = new Map(rows.map((r) => [r.slug, r]));
      assert.equal(bySlug.get('politics')!.parent_id, bySlug.get('news')!.id);
      assert.equal(bySlug.get('elections')!.parent_id, bySlug.get('politics')!.id);
      assert.equal(bySlug.get('football')!.parent_id, bySlug.get('sport')!.id);
      assert.equal(bySlug.get('news')!.parent_id, null);
      assert.equal(bySlug.get('politics')!.name, 'Politics & Power');
    });

    test('makes author profiles (slugs from logins) but no accounts without --create-users', async () => {
      const authors = await k().selectFrom('authors').select(['name', 'slug']).orderBy('slug').execute();
      assert.deepEqual(authors, [
        { name: 'Guest Writer', slug: 'guest' },
        { name: 'Inès Moreau', slug: 'ines' },
        { name: 'Tom Hale', slug: 'tom' },
      ]);
      assert.equal((await countRows(site.ctx)).users, 0);
    });

    test('maps publish, draft, pending, future, private, password and trash', async () => {
      const published = await article('20');
      assert.equal(published.status, 'published');
      assert.equal(published.published_at, '2024-05-01T08:30:00.000Z');
      assert.equal(published.updated_at, '2024-05-02T10:15:00.000Z');
      assert.equal(published.sticky, 1);
      assert.equal(published.comments_open, 1);
      assert.equal(published.headline, 'Council passes the budget & a rates rise');
      assert.equal(published.dek, 'A 4% rates rise, and the libraries survive.');
      assert.equal(published.slug, 'budget-passes');
      assert.equal(published.language, 'en-GB');
      assert.equal(published.body_format, 'html');

      const draft = await article('22');
      assert.equal(draft.status, 'draft');
      assert.equal(draft.headline, 'Untitled');
      assert.equal(draft.slug, 'untitled');
      assert.equal(draft.published_at, null);
      assert.equal(draft.created_at, '2024-05-04T07:00:00.000Z');

      const pending = await article('23');
      assert.equal(pending.status, 'draft');
      assert.equal(pending.submitted_for_review, 1);

      const future = await article('24');
      assert.equal(future.status, 'scheduled');
      assert.equal(future.published_at, '2030-06-01T06:00:00.000Z');

      assert.equal((await article('25')).status, 'draft');
      assert.equal((await article('27')).status, 'draft');

      const trashed = await article('26');
      assert.equal(trashed.slug, 'withdrawn-story');
      assert.equal(trashed.deleted_at, '2024-04-03T06:00:00.000Z');

      const market = await article('21');
      assert.equal(market.comments_open, 0);
      assert.equal(market.sticky, 0);
      const about = await article('30');
      assert.equal(about.kind, 'page');
    });

    test('files an article under its most specific category, with its tags and byline', async () => {
      const published = await article('20');
      const category = await k()
        .selectFrom('categories')
        .select('slug')
        .where('id', '=', published.category_id!)
        .executeTakeFirstOrThrow();
      assert.equal(category.slug, 'elections');
      const tags = await k()
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select('tags.slug')
        .where('article_id', '=', published.id)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        tags.map((t) => t.slug),
        ['budget', 'city-hall'],
      );
      const byline = await k()
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select('authors.slug')
        .where('article_id', '=', published.id)
        .execute();
      assert.deepEqual(byline, [{ slug: 'ines' }]);
      const revisions = await k()
        .selectFrom('revisions')
        .selectAll()
        .where('article_id', '=', published.id)
        .execute();
      assert.equal(revisions.length, 1);
    });

    test('sanitizes block content, drops block comments, resolves galleries from attachments found later', async () => {
      const published = await article('20');
      assert.match(published.body_html, /<p>The council voted 7–2 on <strong>Tuesday<\/strong>.<\/p>/);
      assert.doesNotMatch(published.body_html, /<script|onclick|wp:|data-import-gallery/);
      assert.match(published.body_html, /<figure class="gallery">.*chamber\.jpg.*market\.jpg.*<\/figure>/s);
      assert.ok(published.excerpt.startsWith('The council voted'));

      const market = await article('21');
      assert.match(
        market.body_html,
        /<figure><img[^>]*market\.jpg[^>]*\/?>\s*<figcaption>The square at 6am<\/figcaption><\/figure>/,
      );
      // [gallery] without ids shows every image attached to the post, including one listed after it.
      assert.match(market.body_html, /<figure class="gallery">.*market\.jpg.*harbour\.jpg.*<\/figure>/s);
      assert.match(market.body_html, /<a href="https:\/\/vimeo.com\/12345">/);
      assert.match(market.body_html, /\[contact-form-7 id="4" title="Tips"\]/);
      assert.match(market.body_html, /<em>negotiable<\/em>/);
    });

    test('records featured images from attachments before and after the article', async () => {
      const published = await article('20');
      assert.equal(
        published.featured_image_url,
        'https://gazette.example/wp-content/uploads/2024/05/chamber.jpg',
      );
      assert.equal(published.featured_image_alt, 'Councillors in a wood-panelled chamber');
      assert.ok(published.featured_media_id);
      const market = await article('21');
      assert.equal(
        market.featured_image_url,
        'https://gazette.example/wp-content/uploads/2024/05/harbour.jpg',
      );
      assert.equal(market.featured_image_alt, 'Boats at dusk');
      const media = await k().selectFrom('media').selectAll().orderBy('id').execute();
      assert.deepEqual(
        media.map((m) => [m.file_name, m.mime_type, m.storage_path]),
        [
          ['chamber.jpg', 'image/jpeg', null],
          ['market.jpg', 'image/jpeg', null],
          ['harbour.jpg', 'image/jpeg', null],
        ],
      );
      assert.equal(media[0]!.caption, 'The chamber before the vote');
    });

    test('imports comments with threading, statuses, email, URL and IP', async () => {
      const published = await article('20');
      const comments = await k()
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', published.id)
        .execute();
      const bySource = new Map(comments.map((c) => [c.source_id!.split(':').pop(), c]));
      assert.equal(bySource.get('101')!.status, 'approved');
      assert.equal(bySource.get('101')!.author_email, 'ada@example.net');
      assert.equal(bySource.get('101')!.author_url, 'https://ada.example.net');
      assert.equal(bySource.get('101')!.author_ip, '203.0.113.5');
      assert.equal(bySource.get('101')!.created_at, '2024-05-01T09:00:00.000Z');
      assert.match(
        bySource.get('101')!.body_html,
        /<p>About time.<\/p>\s*<p>The libraries <em>needed<\/em> this./,
      );
      assert.doesNotMatch(bySource.get('101')!.body_html, /<script/);
      assert.equal(bySource.get('102')!.status, 'pending');
      assert.equal(bySource.get('102')!.parent_id, bySource.get('101')!.id);
      // Listed before its parent in the file.
      assert.equal(bySource.get('103')!.parent_id, bySource.get('102')!.id);
      assert.equal(bySource.get('104')!.status, 'spam');
      assert.equal(bySource.get('105')!.status, 'trash');
      assert.equal(bySource.get('106')!.author_email, '');
      const trashedComment = await k()
        .selectFrom('comments')
        .select('status')
        .where('source_id', '=', 'wxr:gazette.example:comment:107')
        .executeTakeFirstOrThrow();
      assert.equal(trashedComment.status, 'trash');
    });

    test('adds a 301 redirect for every old permalink, ?p= and ?page_id= link, and attachment page', async () => {
      const rows = await k()
        .selectFrom('redirects')
        .select(['from_path', 'to_path', 'status_code'])
        .execute();
      const map = new Map(rows.map((r) => [r.from_path, r.to_path]));
      assert.ok(rows.every((r) => r.status_code === 301));
      assert.equal(map.get('/2024/05/01/budget-passes/'), '/budget-passes/');
      assert.equal(map.get('/?p=20'), '/budget-passes/');
      assert.equal(map.get('/?p=22'), '/untitled/');
      assert.equal(map.get('/?p=26'), '/withdrawn-story/');
      assert.equal(map.get('/about/contact/'), '/contact/');
      assert.equal(map.get('/?page_id=31'), '/contact/');
      assert.equal(map.get('/?page_id=30'), '/about/');
      assert.equal(map.has('/about/'), false, 'no redirect onto itself');
      assert.equal(map.get('/?attachment_id=10'), '/budget-passes/');
      assert.equal(map.get('/2024/05/01/budget-passes/council-chamber/'), '/budget-passes/');
      assert.equal(map.get('/?attachment_id=12'), '/market-notes/');
      assert.equal(map.get('/category/news/politics/elections/'), '/category/elections/');
      assert.equal(map.get('/category/sport/football/'), '/category/football/');
      assert.equal(map.get('/tag/City_Hall/'), '/tag/city-hall/');
    });

    test('importing the same file again creates nothing new', async () => {
      const before = await countRows(site.ctx);
      const again = await site.imports.importWxrFile(SITE_WXR);
      const afterwards = await countRows(site.ctx);
      assert.deepEqual({ ...afterwards, events: 0, redirects: 0 }, { ...before, events: 0, redirects: 0 });
      assert.equal(afterwards.redirects, before.redirects);
      assert.equal(
        again.created.articles + again.created.pages + again.created.comments + again.created.media,
        0,
      );
      assert.equal(again.alreadyPresent.articles, 8);
      assert.equal(again.alreadyPresent.pages, 2);
      assert.equal(again.alreadyPresent.comments, 7);
      assert.equal(again.alreadyPresent.media, 3);
      assert.equal(again.settingsTaken, false);
    });
  });
}
