import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { ImportFormatError } from '../../src/imports/import-format-error.js';
import type {
  ArticleRecord,
  AttachmentRecord,
  CommentRecord,
  ImportRecord,
  SummaryRecord,
} from '../../src/imports/import-records.js';
import { parseWxr } from '../../src/imports/wxr-parser.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

async function collect(input: Readable | AsyncIterable<string>): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  for await (const record of parseWxr(input)) records.push(record);
  return records;
}

async function parseError(input: Readable | AsyncIterable<string>): Promise<ImportFormatError> {
  try {
    await collect(input);
  } catch (error) {
    assert.ok(error instanceof ImportFormatError, `expected ImportFormatError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the parse to be rejected');
}

function wxr(channel: string): string {
  return `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel}</channel></rss>`;
}

function article(records: ImportRecord[], sourceId: string): ArticleRecord {
  const found = records.find((r): r is ArticleRecord => r.kind === 'article' && r.sourceId === sourceId);
  assert.ok(found, `article ${sourceId}`);
  return found;
}

describe('parseWxr on a full WXR 1.2 export', async () => {
  const records = await collect(createReadStream(fixture('wxr-1.2-full.xml')));

  test('yields the site first and the summary last', () => {
    assert.deepEqual(records[0], {
      kind: 'site',
      source: 'wxr',
      name: 'The Daily Ledger',
      tagline: 'News you can count on',
      language: 'en-GB',
      siteUrl: 'https://ledger.example',
      blogUrl: 'https://ledger.example/news',
      formatVersion: '1.2',
      exportedAt: '2024-05-02T10:00:00.000Z',
    });
    assert.equal(records.at(-1)?.kind, 'summary');
  });

  test('reads both authors with their names', () => {
    const authors = records.filter((r) => r.kind === 'author');
    assert.deepEqual(
      authors.map((a) => [a.ref, a.sourceId, a.email, a.displayName, a.firstName, a.lastName]),
      [
        ['mara', '1', 'mara@ledger.example', 'Mara Okafor', 'Mara', 'Okafor'],
        ['jon', '2', 'jon@ledger.example', 'Jon Brandt', null, null],
      ],
    );
  });

  test('reads the category tree by parent slug, decoding escaped names', () => {
    const categories = records.filter((r) => r.kind === 'category');
    assert.deepEqual(
      categories.map((c) => [c.slug, c.parentSlug, c.name]),
      [
        ['news', null, 'News'],
        ['politics', 'news', 'Politics & Power'],
        ['elections', 'politics', 'Elections'],
      ],
    );
    assert.equal(categories[0].description, 'Everything that happened');
  });

  test('reads tags, and counts terms of other taxonomies without yielding them', () => {
    const tags = records.filter((r) => r.kind === 'tag');
    assert.deepEqual(
      tags.map((t) => [t.slug, t.name, t.description]),
      [
        ['budget', 'Budget', 'Where the money goes'],
        ['city-hall', 'City Hall', ''],
      ],
    );
    const summary = records.at(-1) as SummaryRecord;
    assert.deepEqual(summary.ignoredTerms, { nav_menu: 1, post_format: 1 });
  });

  test('reads a published block-editor article with every field', () => {
    const a = article(records, '20');
    assert.equal(a.articleKind, 'article');
    assert.equal(a.guid, 'https://ledger.example/?p=20');
    assert.equal(a.headline, 'Council passes the budget & a rates rise');
    assert.equal(a.slug, 'budget-passes');
    assert.equal(a.dek, 'A 4% rates rise, and the libraries survive.');
    assert.equal(a.status, 'published');
    assert.equal(a.sticky, true);
    assert.equal(a.publishedAt, '2024-05-01T08:30:00.000Z');
    assert.equal(a.localPublishedAt, '2024-05-01 09:30:00');
    assert.equal(a.updatedAt, '2024-05-02T10:15:00.000Z');
    assert.equal(a.localUpdatedAt, '2024-05-02 11:15:00');
    assert.equal(a.rssPubDate, 'Wed, 01 May 2024 08:30:00 +0000');
    assert.deepEqual(a.authorRefs, ['mara']);
    assert.deepEqual(a.categories, [
      { slug: 'politics', name: 'Politics & Power' },
      { slug: 'news', name: 'News' },
    ]);
    assert.deepEqual(a.tags, [
      { slug: 'budget', name: 'Budget' },
      { slug: 'city-hall', name: 'City Hall' },
    ]);
    assert.deepEqual(a.featuredImage, { attachmentRef: '10', url: null, alt: null, caption: null });
    assert.deepEqual(a.meta, [
      { key: '_thumbnail_id', value: '10' },
      { key: '_edit_last', value: '1' },
    ]);
    assert.equal(a.commentsOpen, true);
    assert.equal(a.pingsOpen, true);
    assert.equal(a.parentRef, null);
    assert.equal(a.permalink, 'https://ledger.example/2024/05/01/budget-passes/');
    assert.equal(a.path, '/2024/05/01/budget-passes/');
    assert.equal(a.sourceBody.format, 'wordpress-blocks');
    assert.match(a.sourceBody.text, /<!-- wp:paragraph -->/);
    assert.doesNotMatch(a.bodyHtml, /<!--/);
    assert.match(a.bodyHtml, /<p>The council voted 7–2 on <strong>Tuesday<\/strong>\.<\/p>/);
    assert.match(a.bodyHtml, /<a href="https:\/\/www\.youtube\.com\/watch\?v=abc123">/);
    assert.deepEqual(a.galleries, [
      { key: 'gallery-1', attachmentIds: ['10', '11'], fromAttachedImages: false, columns: null },
    ]);
    assert.deepEqual(a.warnings, ['dynamic block wp:latest-posts has no stored content and was dropped']);
  });

  test('converts a classic-editor draft with shortcodes', () => {
    const a = article(records, '21');
    assert.equal(a.status, 'draft');
    assert.equal(a.slug, null);
    assert.equal(a.publishedAt, null);
    assert.equal(a.localPublishedAt, '2024-05-03 07:00:00');
    assert.equal(a.path, '/?p=21');
    assert.equal(a.sourceBody.format, 'wordpress-classic');
    assert.match(a.bodyHtml, /^<p>Stallholders were up before dawn\.<br \/>\nMost of them, anyway\.<\/p>/);
    assert.match(
      a.bodyHtml,
      /<figure><img [^>]*alt="Stalls"[^>]*\/><figcaption>The square at 6am<\/figcaption><\/figure>/,
    );
    assert.match(a.bodyHtml, /<figure class="gallery" data-import-gallery="gallery-1"><\/figure>/);
    assert.match(
      a.bodyHtml,
      /<p><a href="https:\/\/vimeo\.com\/12345">https:\/\/vimeo\.com\/12345<\/a><\/p>/,
    );
    assert.match(a.bodyHtml, /<p>\[contact-form-7 id="4" title="Tips"\]<\/p>/);
    assert.deepEqual(a.galleries, [
      { key: 'gallery-1', attachmentIds: ['11', '12'], fromAttachedImages: false, columns: 2 },
    ]);
    assert.deepEqual(a.warnings, ['unknown shortcode [contact-form-7] kept as text']);
  });

  test('maps every WordPress status', () => {
    const states = ['20', '21', '22', '23', '24', '25', '26', '27'].map((id) => {
      const a = article(records, id);
      return [a.sourceStatus, a.status, a.submittedForReview, a.trashed];
    });
    assert.deepEqual(states, [
      ['publish', 'published', false, false],
      ['draft', 'draft', false, false],
      ['pending', 'draft', true, false],
      ['future', 'scheduled', false, false],
      ['private', 'draft', false, false],
      ['trash', 'draft', false, true],
      ['publish', 'published', false, false],
      ['auto-draft', 'draft', false, false],
    ]);
    assert.equal(article(records, '23').publishedAt, '2024-06-01T06:00:00.000Z');
    assert.deepEqual(article(records, '24').warnings, ['private in WordPress: imported as a draft']);
  });

  test('flags password-protected articles and decodes typographic entities', () => {
    const a = article(records, '26');
    assert.equal(a.headline, 'Members’ briefing');
    assert.equal(a.passwordProtected, true);
    assert.deepEqual(a.warnings, ['password-protected in WordPress: the password was not imported']);
  });

  test('reads a page with its menu order and wpautop paragraphs', () => {
    const page = article(records, '30');
    assert.equal(page.articleKind, 'page');
    assert.equal(page.menuOrder, 2);
    assert.equal(
      page.bodyHtml,
      '<h2>Who we are</h2>\n<p>The Ledger has covered the city since 1871.</p>\n<p>Write to us at the address below.</p>',
    );
  });

  test('reads attachments with URL, alt text, caption and parent', () => {
    const attachments = records.filter((r): r is AttachmentRecord => r.kind === 'attachment');
    assert.equal(attachments.length, 3);
    const chamber = attachments[0];
    assert.equal(chamber.sourceId, '10');
    assert.equal(chamber.url, 'https://ledger.example/wp-content/uploads/2024/05/chamber.jpg');
    assert.equal(chamber.alt, 'Councillors seated in a wood-panelled chamber');
    assert.equal(chamber.caption, 'Councillors take their seats.');
    assert.equal(chamber.parentRef, '20');
    assert.equal(chamber.authorRef, 'mara');
    assert.equal(attachments[2].parentRef, null);
  });

  test('yields threaded comments right after their article, with every approval value mapped', () => {
    const index = records.findIndex((r) => r.kind === 'article' && r.sourceId === '20');
    const comments = records.slice(index + 1, index + 7) as CommentRecord[];
    assert.ok(comments.every((c) => c.kind === 'comment' && c.articleRef === '20'));
    assert.deepEqual(
      comments.map((c) => [c.sourceId, c.parentRef, c.sourceApproved, c.status, c.commentType]),
      [
        ['101', null, '1', 'approved', 'comment'],
        ['102', '101', '0', 'held', 'comment'],
        ['103', '102', '1', 'approved', 'comment'],
        ['104', null, 'spam', 'spam', 'comment'],
        ['105', null, 'trash', 'trash', 'comment'],
        ['106', null, '1', 'approved', 'pingback'],
      ],
    );
    const first = comments[0];
    assert.equal(first.authorName, 'Ada Reader');
    assert.equal(first.authorEmail, 'ada@example.net');
    assert.equal(first.authorUrl, 'https://ada.example.net');
    assert.equal(first.authorIp, '203.0.113.5');
    assert.equal(first.postedAt, '2024-05-01T09:00:00.000Z');
    assert.equal(first.localPostedAt, '2024-05-01 10:00:00');
    assert.equal(first.body, 'About time the libraries got some good news.');
    assert.equal(first.userRef, null);
    assert.equal(comments[1].userRef, '1');
    const trashed = records.find((r): r is CommentRecord => r.kind === 'comment' && r.sourceId === '107');
    assert.equal(trashed?.status, 'trash');
  });

  test('skips other post types and counts everything in the summary', () => {
    const summary = records.at(-1) as SummaryRecord;
    assert.deepEqual(summary.counts, {
      authors: 2,
      categories: 3,
      tags: 2,
      articles: 8,
      pages: 1,
      attachments: 3,
      comments: 7,
    });
    assert.deepEqual(summary.ignoredPostTypes, { nav_menu_item: 1, wp_block: 1 });
    assert.equal(records.filter((r) => r.kind === 'article').length, 9);
  });

  test('gives the same records however the bytes are chunked', async () => {
    const bytes = readFileSync(fixture('wxr-1.2-full.xml'));
    // 7-byte chunks split multi-byte characters (–, ’) and CDATA markers across writes.
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    assert.deepEqual(await collect(Readable.from(chunks)), records);
  });
});

describe('parseWxr on a WXR 1.0 export', async () => {
  const records = await collect(createReadStream(fixture('wxr-1.0-minimal.xml')));

  test('reads the site, terms, and an author known only from dc:creator', () => {
    assert.deepEqual(
      records.map((r) => r.kind),
      ['site', 'category', 'tag', 'author', 'article', 'comment', 'summary'],
    );
    const author = records[3];
    assert.equal(author.kind === 'author' && author.ref, 'editor');
    assert.equal(records[0].kind === 'site' && records[0].formatVersion, '1.0');
  });

  test('merges the duplicated 1.0 category elements and reads domain="tag" as tags', () => {
    const a = article(records, '5');
    assert.deepEqual(a.categories, [{ slug: 'local', name: 'Local' }]);
    assert.deepEqual(a.tags, [{ slug: 'floods', name: 'Floods' }]);
    assert.equal(
      a.bodyHtml,
      '<p>Water reached the high street by noon.</p>\n<p>Sandbags ran out at four.</p>',
    );
    assert.equal(a.publishedAt, '2010-06-30T18:00:00.000Z');
  });

  test('reads an empty comment type as an ordinary comment', () => {
    const comment = records[5];
    assert.equal(comment.kind === 'comment' && comment.commentType, 'comment');
  });
});

describe('parseWxr rejects bad input', () => {
  test('a truncated file, naming the line, column and open element', async () => {
    const error = await parseError(createReadStream(fixture('wxr-truncated.xml')));
    assert.equal(error.line, 201);
    assert.equal(error.element, 'wp:comment_content');
    assert.equal(typeof error.column, 'number');
    assert.match(error.message, /line 201, column \d+ in <wp:comment_content>: unclosed tag/);
  });

  test('mismatched tags, naming where', async () => {
    const error = await parseError(Readable.from([wxr('<title>Site</title>\n<item><title>Oops</item>')]));
    assert.equal(error.line, 2);
    assert.equal(error.element, 'title');
    assert.match(error.message, /line 2, column \d+ in <title>/);
  });

  test('a billion-laughs file, before any expansion', async () => {
    const error = await parseError(createReadStream(fixture('billion-laughs.xml')));
    assert.match(error.message, /DOCTYPE declaring entities is not allowed/);
    assert.equal(error.element, '!DOCTYPE');
  });

  test('an external-entity (XXE) file, without reading the entity', async () => {
    const records: ImportRecord[] = [];
    let caught: unknown;
    try {
      for await (const record of parseWxr(createReadStream(fixture('xxe.xml')))) records.push(record);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ImportFormatError);
    assert.match(caught.message, /DOCTYPE declaring entities/);
    assert.deepEqual(records, []);
    assert.doesNotMatch(caught.message, /root:/);
  });

  test('an undeclared entity reference', async () => {
    const error = await parseError(Readable.from([wxr('<title>&xxe;</title>')]));
    assert.match(error.message, /undefined entity/);
    assert.equal(error.element, 'title');
  });

  test('a huge prolog before the root element', async () => {
    const padding = `<!-- ${'x'.repeat(1_100_000)} -->`;
    const error = await parseError(Readable.from(['<?xml version="1.0"?>', padding, wxr('')]));
    assert.match(error.message, /no root element/);
  });

  test('an RSS feed that is not a WordPress export', async () => {
    const error = await parseError(
      Readable.from(['<rss version="2.0"><channel><title>x</title></channel></rss>']),
    );
    assert.match(error.message, /WordPress export namespace/);
  });

  test('another XML document', async () => {
    const error = await parseError(Readable.from(['<html><body/></html>']));
    assert.match(error.message, /expected an <rss> root element, found <html>/);
  });

  test('an empty file', async () => {
    const error = await parseError(Readable.from(['']));
    assert.match(error.message, /root element/);
  });
});

describe('parseWxr streams', () => {
  test('stops reading and closes the input when the consumer stops early', async () => {
    const stream = createReadStream(fixture('wxr-1.2-full.xml'), { highWaterMark: 256 });
    for await (const record of parseWxr(stream)) {
      if (record.kind === 'author') break;
    }
    assert.equal(stream.destroyed, true);
  });

  test('accepts a whole file passed as one string', async () => {
    const body = `<p>${'x'.repeat(2_000_000)}</p>`;
    const records = await collect(
      Readable.from([
        wxr(
          `<item><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><content:encoded><![CDATA[${body}]]></content:encoded></item>`,
        ),
      ]),
    );
    assert.equal(article(records, '1').bodyHtml.length, body.length);
  });

  test('flags a WXR version newer than it knows', async () => {
    const records = await collect(Readable.from([wxr('<wp:wxr_version>1.3</wp:wxr_version>')]));
    const summary = records.at(-1) as SummaryRecord;
    assert.deepEqual(summary.warnings, ['WXR version 1.3 is newer than 1.2: read as 1.2']);
  });
});
