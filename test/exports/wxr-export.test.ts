import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportSiteToFile } from '../../src/exports/export-site.js';
import { cdata, wordpressDate, wordpressStatus } from '../../src/exports/wxr-writer.js';
import type {
  ArticleRecord,
  AttachmentRecord,
  CommentRecord,
  ImportRecord,
} from '../../src/imports/import-records.js';
import { createImportServiceFor } from '../../src/imports/import-service.js';
import { parseWxr } from '../../src/imports/wxr-parser.js';
import { htmlToText } from '../../src/text/plain-text.js';
import { openImportSite } from '../imports/support/import-site.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const WXR = fileURLToPath(new URL('../imports/fixtures/wxr-import-site.xml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'broadsheet-wxr-export-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('WXR writing rules', () => {
  test('CDATA splits a "]]>" and drops characters XML cannot hold', () => {
    assert.equal(cdata('a]]>b\u0001'), '<![CDATA[a]]]]><![CDATA[>b]]>');
  });
  test('dates in UTC and in the site time zone, WordPress-style', () => {
    assert.equal(wordpressDate('2024-07-01T08:30:00.000Z'), '2024-07-01 08:30:00');
    assert.equal(wordpressDate('2024-07-01T08:30:00.000Z', 'Europe/London'), '2024-07-01 09:30:00');
    assert.equal(wordpressDate(null), '0000-00-00 00:00:00');
  });
  test('statuses map to post_status', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const base = { submittedForReview: false, deletedAt: null, publishedAt: '2024-01-01T00:00:00Z' };
    assert.equal(wordpressStatus({ ...base, status: 'published' }, now), 'publish');
    assert.equal(wordpressStatus({ ...base, status: 'scheduled' }, now), 'future');
    assert.equal(wordpressStatus({ ...base, status: 'draft', submittedForReview: true }, now), 'pending');
    assert.equal(wordpressStatus({ ...base, status: 'archived' }, now), 'private');
    assert.equal(
      wordpressStatus({ ...base, status: 'published', deletedAt: '2024-02-01T00:00:00Z' }, now),
      'trash',
    );
  });
});

for (const dialect of DIALECTS) {
  describe(`exporting WordPress WXR (${dialect})`, () => {
    let source: TestApp;
    let file: string;
    const records: ImportRecord[] = [];

    before(async () => {
      source = await buildTestApp({ dialect, demo: true });
      await createImportServiceFor(source.ctx).importWxrFile(WXR);
      const k = source.ctx.db.kysely;
      const now = new Date().toISOString();
      await k
        .insertInto('articles')
        .values({
          headline: 'Tricky ]]> & <headline>',
          slug: 'tricky',
          body_html: '<p>Code: <code>a[b[0]]&gt;c</code> and ]]&gt; and a raw ]]> too</p>',
          status: 'published',
          published_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      file = join(tmp, `site-${dialect}.xml`);
      await exportSiteToFile(source.ctx.db, 'wxr', file, { siteUrl: 'https://courier.example' });
      for await (const record of parseWxr(createReadStream(file))) records.push(record);
    });
    after(() => source.close());

    const of = <K extends ImportRecord['kind']>(kind: K) =>
      records.filter((r): r is Extract<ImportRecord, { kind: K }> => r.kind === kind);

    test('is a well-formed WXR 1.2 file our own (streaming, strict) parser reads in full', async () => {
      const k = source.ctx.db.kysely;
      const count = async (table: 'authors' | 'categories' | 'tags' | 'media' | 'comments') =>
        Number(
          (
            await k
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const articles = await k.selectFrom('articles').select(['kind']).execute();
      assert.equal(of('site')[0]!.formatVersion, '1.2');
      assert.equal(of('site')[0]!.name, 'The Merrowby Courier');
      assert.equal(of('author').length, await count('authors'));
      assert.equal(of('category').length, await count('categories'));
      assert.equal(of('tag').length, await count('tags'));
      assert.equal(of('attachment').length, await count('media'));
      assert.equal(
        of('article').filter((a) => a.articleKind === 'article').length,
        articles.filter((a) => a.kind === 'article').length,
      );
      assert.equal(
        of('article').filter((a) => a.articleKind === 'page').length,
        articles.filter((a) => a.kind === 'page').length,
      );
      assert.equal(of('comment').length, await count('comments'));
      assert.deepEqual(of('summary')[0]!.warnings, []);
    });

    test('carries headlines, bodies, statuses, dates, terms, bylines, featured images and comments', () => {
      const article = (slug: string) =>
        of('article').find((a) => a.slug === slug || a.slug === `${slug}__trashed`) as ArticleRecord;
      const tricky = article('tricky');
      assert.equal(tricky.headline, 'Tricky ]]> & <headline>');
      assert.match(tricky.bodyHtml, /a raw \]\]> too/);

      const budget = article('budget-passes');
      assert.equal(budget.status, 'published');
      assert.equal(budget.sticky, true);
      assert.equal(budget.publishedAt, '2024-05-01T08:30:00.000Z');
      assert.equal(budget.dek, 'A 4% rates rise, and the libraries survive.');
      assert.deepEqual(budget.categories, [{ slug: 'elections', name: 'Elections' }]);
      assert.deepEqual(
        budget.tags.map((t) => t.slug),
        ['budget', 'city-hall'],
      );
      assert.deepEqual(budget.authorRefs, ['ines']);
      const thumbnail = of('attachment').find(
        (a) => a.sourceId === budget.featuredImage?.attachmentRef,
      ) as AttachmentRecord;
      assert.equal(thumbnail.url, 'https://gazette.example/wp-content/uploads/2024/05/chamber.jpg');
      assert.equal(thumbnail.alt, 'Councillors in a wood-panelled chamber');

      assert.equal(article('polls-open').sourceStatus, 'future');
      assert.equal(article('waiting-for-the-editor').sourceStatus, 'pending');
      assert.equal(article('withdrawn-story').sourceStatus, 'trash');
      assert.equal(article('untitled').sourceStatus, 'draft');
      assert.equal(article('about').articleKind, 'page');

      const comments = of('comment').filter((c) => c.articleRef === budget.sourceId) as CommentRecord[];
      const byAuthor = new Map(comments.map((c) => [c.authorName, c]));
      assert.equal(byAuthor.get('Ada Reader')!.authorEmail, 'ada@example.net');
      assert.equal(byAuthor.get('Ada Reader')!.authorIp, '203.0.113.5');
      assert.equal(byAuthor.get('Ada Reader')!.postedAt, '2024-05-01T09:00:00.000Z');
      assert.equal(byAuthor.get('Inès Moreau')!.status, 'held');
      assert.equal(byAuthor.get('Inès Moreau')!.parentRef, byAuthor.get('Ada Reader')!.sourceId);
      assert.equal(byAuthor.get('Cheap Pills')!.status, 'spam');
      assert.equal(byAuthor.get('Second Thoughts')!.status, 'trash');
    });

    test('imports back into an empty site with the same articles and comments', async () => {
      const target = await openImportSite(dialect);
      try {
        const summary = await target.imports.importWxrFile(file);
        const k = (db: TestApp['ctx']['db']['kysely']) =>
          db
            .selectFrom('articles')
            .select(['slug', 'headline', 'status', 'kind', 'published_at', 'body_html'])
            .orderBy('slug')
            .execute();
        const [before, afterwards] = [await k(source.ctx.db.kysely), await k(target.ctx.db.kysely)];
        // WordPress dates have whole seconds.
        const shape = (a: (typeof before)[number]) => [
          a.slug,
          a.headline,
          a.status,
          a.kind,
          a.published_at?.slice(0, 19),
        ];
        assert.deepEqual(afterwards.map(shape), before.map(shape));
        // WordPress paragraphs classic content on import (wpautop), so the markup may differ; the text may not.
        assert.deepEqual(
          afterwards.map((a) => htmlToText(a.body_html)),
          before.map((a) => htmlToText(a.body_html)),
        );
        assert.equal(summary.created.comments, of('comment').length);
      } finally {
        await target.close();
      }
    });
  });
}
