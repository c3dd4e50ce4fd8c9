import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { addArticle } from './site-fixtures.js';

// Distinctive words that exist only in things readers must never see.
const SECRETS = [
  'Quillfeather', // draft headline
  'Marrowgate', // draft body
  'Thornbury-secret-tag', // a tag used only by the draft
  'Vexley Ombrage', // an author only on the draft
  'Gloamhaven', // scheduled article headline
  'Pendlewick', // pending comment body
  'Spamalot-Casino', // spam comment body
  'Ottoline Pendragon', // pending commenter's name
];

function hrefsIn(body: string): string[] {
  return [...body.matchAll(/<(?:a|link)\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

function locsIn(body: string): string[] {
  return [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
}

for (const dialect of DIALECTS) {
  describe(`nothing unpublished or private leaks, on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect, demo: true });
      const secretTag = await t.ctx.stores.taxonomy.insertTag({
        name: 'Thornbury-secret-tag',
        slug: 'thornbury-secret-tag',
      });
      const secretAuthor = await t.ctx.stores.users.insertAuthor({
        name: 'Vexley Ombrage',
        slug: 'vexley-ombrage',
      });
      const [category] = await t.ctx.stores.taxonomy.listCategories();
      await addArticle(
        t,
        {
          headline: 'Quillfeather inquiry findings',
          dek: 'Embargoed.',
          bodySource: 'Marrowgate is named in the report.',
          tagIds: [secretTag.id],
          authorIds: [secretAuthor.id],
          categoryId: category!.id,
        },
        { status: 'draft' },
      );
      await addArticle(
        t,
        { headline: 'Gloamhaven result', categoryId: category!.id, tagIds: [secretTag.id] },
        { status: 'scheduled', hoursAgo: -6 },
      );
      const [published] = await t.ctx.stores.articles.listPublic(new Date().toISOString(), {}, 1);
      const comment = (status: string, name: string, email: string, body: string) =>
        t.ctx.stores.comments.insert({
          article_id: published!.id,
          parent_id: null,
          status,
          author_name: name,
          author_email: email,
          body,
          body_html: `<p>${body}</p>`,
          created_at: new Date().toISOString(),
        });
      await comment('pending', 'Ottoline Pendragon', 'ottoline@example.net', 'Pendlewick deserves a mention');
      await comment('spam', 'Cheap Pills', 'spammer@example.com', 'Visit Spamalot-Casino now');
    });
    after(async () => {
      await t.close();
    });

    test('crawling every public URL finds no draft, scheduled article, held or spam comment, or email address', async () => {
      const base = t.ctx.baseUrl(await t.ctx.settings());
      const emails = new Set<string>();
      const rows = await t.ctx.db.kysely.selectFrom('comments').select('author_email').execute();
      for (const row of rows) emails.add(row.author_email);
      for (const user of await t.ctx.stores.users.listUsers()) emails.add(user.email);
      // Addresses a newsroom publishes on purpose (a contact page) are public by choice.
      const published = await t.ctx.db.kysely
        .selectFrom('articles')
        .select('body_html')
        .where('status', '=', 'published')
        .execute();
      const publishedAddresses = new Set(
        published.flatMap((r) => [...r.body_html.matchAll(/[\w.+-]+@example\.[a-z]+/g)].map((m) => m[0])),
      );

      const queue = ['/', '/feed/', '/feed/atom/', '/robots.txt', '/sitemap.xml'];
      const seen = new Set(queue);
      const broken: string[] = [];
      let fetched = 0;
      while (queue.length) {
        const path = queue.shift()!;
        const res = await t.app.inject(path);
        fetched++;
        if (res.statusCode === 301) {
          const location = String(res.headers.location);
          if (!seen.has(location)) {
            seen.add(location);
            queue.push(location);
          }
          continue;
        }
        if (res.statusCode !== 200) {
          broken.push(`${path} → ${res.statusCode}`);
          continue;
        }
        for (const secret of SECRETS) assert.ok(!res.body.includes(secret), `${secret} appears in ${path}`);
        for (const email of emails) assert.ok(!res.body.includes(email), `${email} appears in ${path}`);
        for (const m of res.body.matchAll(/[\w.+-]+@example\.[a-z]+/g)) {
          assert.ok(publishedAddresses.has(m[0]), `${m[0]} appears in ${path}`);
        }
        for (const link of [...hrefsIn(res.body), ...locsIn(res.body)]) {
          const local = link.startsWith(base) ? link.slice(base.length) : link;
          if (!local.startsWith('/') || local.startsWith('//')) continue;
          const target = local.split('#')[0]!;
          // Search belongs to the search feature, and its results are not a page of their own to crawl.
          if (target.startsWith('/search/') || seen.has(target)) continue;
          seen.add(target);
          queue.push(target);
        }
      }
      assert.deepEqual(broken, [], 'every link on the site leads somewhere');
      assert.ok(fetched > 150, `crawled ${fetched} URLs`);
      for (const path of [
        '/tag/thornbury-secret-tag/',
        '/author/vexley-ombrage/',
        '/tag/thornbury-secret-tag/feed/',
      ]) {
        assert.equal((await t.app.inject(path)).statusCode, 404, path);
      }
    });
  });
}
