import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ImportFormatError } from '../../src/imports/import-format-error.js';
import { DIALECTS } from '../support/databases.js';
import { countRows, type ImportSite, openImportSite } from './support/import-site.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const SITE_WXR = fixture('wxr-import-site.xml');

const tmp = mkdtempSync(join(tmpdir(), 'broadsheet-import-safety-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A WXR with `items` valid posts (each with a comment), cut off in the middle of the next one. */
function truncatedWxr(items: number): string {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n' +
    '<title>Cut short</title><link>https://cut.example</link><wp:wxr_version>1.2</wp:wxr_version>\n' +
    '<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:cat_name>News</wp:cat_name></wp:category>\n';
  let body = '';
  for (let i = 1; i <= items; i++) {
    body +=
      `<item><title>Story ${i}</title><link>https://cut.example/story-${i}/</link><dc:creator>reporter</dc:creator>` +
      `<content:encoded><![CDATA[<p>Story ${i}.</p>]]></content:encoded><wp:post_id>${i}</wp:post_id>` +
      `<wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt><wp:post_name>story-${i}</wp:post_name>` +
      '<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>' +
      '<category domain="category" nicename="news">News</category>' +
      `<wp:comment><wp:comment_id>${i}</wp:comment_id><wp:comment_content>Hear, hear.</wp:comment_content>` +
      '<wp:comment_approved>1</wp:comment_approved></wp:comment></item>\n';
  }
  return `${head}${body}<item><title>The last story</title><content:encoded><![CDATA[<p>It was a dark and`;
}

function write(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

for (const dialect of DIALECTS) {
  describe(`a bad file changes nothing (${dialect})`, () => {
    let site: ImportSite;
    before(async () => {
      site = await openImportSite(dialect);
      // Something already here, so "nothing changed" is more than "still empty".
      await site.imports.importWxrFile(SITE_WXR);
    });
    after(() => site.close());

    test('a file truncated after 400 valid posts is rejected with its line, and rolled back', async () => {
      const path = write('truncated.xml', truncatedWxr(400));
      const before = await countRows(site.ctx);
      const error = await site.imports.importWxrFile(path).then(
        () => assert.fail('the truncated file was accepted'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ImportFormatError, String(error));
      assert.ok(error.line !== null && error.line > 400, `line ${error.line}`);
      assert.match(error.message, /line \d+/);
      assert.deepEqual(await countRows(site.ctx), before);
    });

    test('a mismatched closing tag names the line and the element', async () => {
      const text = readFileSync(SITE_WXR, 'utf8').replace(
        '<wp:post_id>24</wp:post_id>',
        '<wp:post_id>24</wp:postid>',
      );
      const before = await countRows(site.ctx);
      const error = (await site.imports
        .importWxrFile(write('mismatched.xml', text))
        .catch((e) => e)) as ImportFormatError;
      assert.ok(error instanceof ImportFormatError);
      const expectedLine = text.slice(0, text.indexOf('</wp:postid>')).split('\n').length;
      assert.equal(error.line, expectedLine);
      assert.match(error.message, /wp:post_id/);
      assert.deepEqual(await countRows(site.ctx), before);
    });

    test('billion laughs and external entities are refused before anything is written', async () => {
      const before = await countRows(site.ctx);
      for (const name of ['billion-laughs.xml', 'xxe.xml']) {
        const error = await site.imports.importWxrFile(fixture(name)).catch((e) => e);
        assert.ok(error instanceof ImportFormatError, `${name}: ${error}`);
        assert.match(error.message, /DOCTYPE declaring entities/);
      }
      assert.deepEqual(await countRows(site.ctx), before);
    });

    test('a malformed Ghost file is rejected with its line, and changes nothing', async () => {
      const text = readFileSync(fixture('ghost-5.x.json'), 'utf8');
      const broken = text.replace('"title": "Election night"', '"title": "Election night",,');
      const before = await countRows(site.ctx);
      const error = await site.imports.importGhostFile(write('broken.json', broken)).catch((e) => e);
      assert.ok(error instanceof ImportFormatError, String(error));
      assert.equal(error.line, broken.slice(0, broken.indexOf(',,')).split('\n').length);
      assert.deepEqual(await countRows(site.ctx), before);
    });
  });

  describe(`importing into a site that has content (${dialect})`, () => {
    let site: ImportSite;
    before(async () => {
      site = await openImportSite(dialect);
      await site.ctx.settings.save({ title: 'Our Paper', language: 'fr' });
      const k = site.ctx.db.kysely;
      const now = new Date().toISOString();
      await k
        .insertInto('articles')
        .values({
          headline: 'Ours',
          slug: 'budget-passes',
          status: 'published',
          published_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await k.insertInto('categories').values({ name: 'Our News', slug: 'news' }).execute();
    });
    after(() => site.close());

    test('merges: keeps our settings and articles, renames a clashing slug and redirects to it', async () => {
      const summary = await site.imports.importWxrFile(SITE_WXR);
      assert.equal(summary.settingsTaken, false);
      const settings = await site.ctx.settings.load();
      assert.equal(settings.title, 'Our Paper');
      const k = site.ctx.db.kysely;
      const ours = await k
        .selectFrom('articles')
        .select(['headline'])
        .where('slug', '=', 'budget-passes')
        .executeTakeFirstOrThrow();
      assert.equal(ours.headline, 'Ours');
      const theirs = await k
        .selectFrom('articles')
        .select(['slug', 'language'])
        .where('source_id', '=', 'wxr:gazette.example:post:20')
        .executeTakeFirstOrThrow();
      assert.equal(theirs.slug, 'budget-passes-2');
      assert.equal(theirs.language, 'en-GB');
      const redirect = await k
        .selectFrom('redirects')
        .select('to_path')
        .where('from_path', '=', '/2024/05/01/budget-passes/')
        .executeTakeFirstOrThrow();
      assert.equal(redirect.to_path, '/budget-passes-2/');
      // The section of the same slug is the same section.
      assert.equal(summary.alreadyPresent.categories, 1);
      const news = await k.selectFrom('categories').select(['name']).where('slug', '=', 'news').execute();
      assert.deepEqual(news, [{ name: 'Our News' }]);
      assert.ok(summary.warnings.some((w) => w.message.startsWith('slug already in use')));
    });
  });

  describe(`--create-users (${dialect})`, () => {
    let site: ImportSite;
    before(async () => {
      site = await openImportSite(dialect);
    });
    after(() => site.close());

    test('adds password-less accounts for authors with an email, linked to their bylines', async () => {
      const summary = await site.imports.importWxrFile(SITE_WXR, { createUsers: true });
      assert.equal(summary.created.users, 2);
      const k = site.ctx.db.kysely;
      const users = await k
        .selectFrom('users')
        .innerJoin('authors', 'authors.id', 'users.author_id')
        .select(['users.id', 'users.email', 'users.role', 'users.password_hash', 'authors.slug'])
        .orderBy('users.email')
        .execute();
      assert.deepEqual(
        users.map(({ id: _, ...u }) => u),
        [
          { email: 'ines@gazette.example', role: 'author', password_hash: null, slug: 'ines' },
          { email: 'tom@gazette.example', role: 'author', password_hash: null, slug: 'tom' },
        ],
      );
      assert.ok(
        summary.warnings.some(
          (w) => w.message.includes('no account created') && w.examples.includes('Guest Writer'),
        ),
      );
      const reply = await k
        .selectFrom('comments')
        .select('user_id')
        .where('source_id', '=', 'wxr:gazette.example:comment:102')
        .executeTakeFirstOrThrow();
      assert.equal(reply.user_id, users[0]!.id);
      const owned = await k
        .selectFrom('articles')
        .select('owner_id')
        .where('source_id', '=', 'wxr:gazette.example:post:20')
        .executeTakeFirstOrThrow();
      assert.equal(owned.owner_id, users[0]!.id);

      const again = await site.imports.importWxrFile(SITE_WXR, { createUsers: true });
      assert.equal(again.created.users, 0);
      assert.equal(again.alreadyPresent.users, 2);
    });
  });
}

describe('imported commenters’ websites', () => {
  test('only http(s) addresses are kept; a bare domain gains a scheme; script and other schemes are dropped', async () => {
    const site = await openImportSite('sqlite');
    try {
      const urls = [
        'javascript:alert(1)',
        'ada.example.net',
        'ftp://files.example',
        `https://${'a'.repeat(300)}.example`,
        'https://ok.example/me',
      ];
      const comments = urls
        .map(
          (url, i) =>
            `<wp:comment><wp:comment_id>${i + 1}</wp:comment_id><wp:comment_author>Reader ${i}</wp:comment_author>` +
            `<wp:comment_author_url>${url}</wp:comment_author_url><wp:comment_content>Comment ${i}.</wp:comment_content>` +
            '<wp:comment_approved>1</wp:comment_approved></wp:comment>',
        )
        .join('');
      const path = write(
        'author-urls.xml',
        truncatedWxr(0).replace(/<item><title>The last story.*$/s, '') +
          '<item><title>Story</title><link>https://cut.example/story/</link><dc:creator>reporter</dc:creator>' +
          '<content:encoded><![CDATA[<p>Story.</p>]]></content:encoded><wp:post_id>1</wp:post_id>' +
          '<wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt><wp:post_name>story</wp:post_name>' +
          `<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${comments}</item></channel></rss>`,
      );
      await site.imports.importWxrFile(path);
      const rows = await site.db.kysely
        .selectFrom('comments')
        .select(['author_name', 'author_url'])
        .orderBy('author_name')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.author_url),
        ['', 'http://ada.example.net', '', '', 'https://ok.example/me'],
      );
    } finally {
      await site.close();
    }
  });
});
