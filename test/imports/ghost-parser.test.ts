import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseGhost } from '../../src/imports/ghost-parser.js';
import { ImportFormatError } from '../../src/imports/import-format-error.js';
import type {
  ArticleRecord,
  ImportRecord,
  SummaryRecord,
  TagRecord,
} from '../../src/imports/import-records.js';

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function article(records: ImportRecord[], sourceId: string): ArticleRecord {
  const found = records.find((r): r is ArticleRecord => r.kind === 'article' && r.sourceId === sourceId);
  assert.ok(found, `article ${sourceId}`);
  return found;
}

describe('parseGhost on a Ghost 1.x export (mobiledoc and html, author_id, page flag)', () => {
  const records = [...parseGhost(load('ghost-1.x.json'))];

  test('yields site, authors, tags, articles, then the summary', () => {
    assert.deepEqual(
      records.map((r) => r.kind),
      ['site', 'author', 'author', 'tag', 'tag', 'article', 'article', 'article', 'summary'],
    );
    assert.deepEqual(records[0], {
      kind: 'site',
      source: 'ghost',
      name: 'Harbour Herald',
      tagline: 'Tides and times',
      language: 'en',
      siteUrl: null,
      blogUrl: null,
      formatVersion: '1.25.5',
      exportedAt: '2018-01-01T00:00:00.000Z',
    });
  });

  test('reads users as authors', () => {
    const author = records[1];
    assert.deepEqual(author, {
      kind: 'author',
      source: 'ghost',
      ref: '1',
      sourceId: '1',
      login: null,
      email: 'ines@ghost1.example',
      displayName: 'Ines Harbour',
      firstName: null,
      lastName: null,
      slug: 'ines',
      bio: 'Transport reporter',
    });
  });

  test('marks #tags internal', () => {
    const tags = records.filter((r): r is TagRecord => r.kind === 'tag');
    assert.deepEqual(
      tags.map((t) => [t.slug, t.name, t.isInternal]),
      [
        ['transport', 'Transport', false],
        ['hash-feature', '#feature', true],
      ],
    );
  });

  test('prefers html over mobiledoc, and orders tags by sort_order', () => {
    const a = article(records, '5a1');
    assert.equal(a.sourceBody.format, 'html');
    assert.match(a.bodyHtml, /^<p>The <strong>ferry<\/strong> is late again\.<\/p>/);
    assert.deepEqual(
      a.tags.map((t) => t.slug),
      ['transport', 'hash-feature'],
    );
    assert.deepEqual(a.authorRefs, ['1']);
    assert.equal(a.sticky, true);
    assert.equal(a.publishedAt, '2017-12-01T10:00:00.000Z');
    assert.equal(a.createdAt, '2017-12-01T09:00:00.000Z');
    assert.equal(a.path, '/ferry-delays/');
    assert.equal(a.permalink, null);
    assert.deepEqual(a.featuredImage, {
      attachmentRef: null,
      url: '/content/images/2017/12/ferry.jpg',
      alt: null,
      caption: null,
    });
    assert.deepEqual(a.meta, [{ key: 'meta_title', value: 'Ferry delays continue' }]);
  });

  test('converts mobiledoc when there is no html', () => {
    const a = article(records, '5a2');
    assert.equal(a.sourceBody.format, 'mobiledoc');
    assert.equal(a.status, 'draft');
    assert.equal(a.publishedAt, null);
    assert.match(a.bodyHtml, /^<h2>Timetable changes<\/h2>/);
    assert.match(a.bodyHtml, /<ol><li>First<\/li><li><strong>Second<\/strong><\/li><\/ol>/);
  });

  test('reads page: true as a page', () => {
    assert.equal(article(records, '5a3').articleKind, 'page');
    assert.equal(article(records, '5a1').articleKind, 'article');
  });
});

describe('parseGhost on a Ghost 4.x export (html, posts_authors, posts_meta)', () => {
  const records = [...parseGhost(load('ghost-4.x.json'))];

  test('keeps co-authors in sort_order', () => {
    assert.deepEqual(article(records, 'p1').authorRefs, ['u2', 'u1']);
  });

  test('reads the feature image alt and caption from posts_meta, and the custom excerpt as dek', () => {
    const a = article(records, 'p1');
    assert.deepEqual(a.featuredImage, {
      attachmentRef: null,
      url: 'https://ghost4.example/content/images/desk.jpg',
      alt: 'Two desks',
      caption: 'Photo: <a href="https://x.example">X</a>',
    });
    assert.equal(a.dek, 'A joint byline.');
    assert.deepEqual(a.meta, [{ key: 'meta_title', value: 'Two reporters' }]);
  });

  test('marks internal tags by visibility', () => {
    const hidden = records.find((r): r is TagRecord => r.kind === 'tag' && r.slug === 'hash-hidden');
    assert.equal(hidden?.isInternal, true);
  });

  test('maps scheduled posts and warns about members-only visibility', () => {
    const a = article(records, 'p2');
    assert.equal(a.status, 'scheduled');
    assert.equal(a.publishedAt, '2022-05-01T06:00:00.000Z');
    assert.deepEqual(a.warnings, ['"members" visibility in Ghost: imported as public']);
  });

  test('reads type: page as a page and counts both', () => {
    assert.equal(article(records, 'p3').articleKind, 'page');
    const summary = records.at(-1) as SummaryRecord;
    assert.deepEqual(summary.counts, {
      authors: 2,
      categories: 0,
      tags: 2,
      articles: 2,
      pages: 1,
      attachments: 0,
      comments: 0,
    });
  });
});

describe('parseGhost on a Ghost 5.x export (lexical without html, no db wrapper)', () => {
  const records = [...parseGhost(load('ghost-5.x.json'))];

  test('reads the site URL and locale from settings and builds permalinks', () => {
    const site = records[0];
    assert.equal(site.kind === 'site' && site.siteUrl, 'https://ghost5.example');
    assert.equal(site.kind === 'site' && site.language, 'en-GB');
    const a = article(records, '66a1');
    assert.equal(a.path, '/election-night/');
    assert.equal(a.permalink, 'https://ghost5.example/election-night/');
    assert.equal(a.commentsOpen, true);
  });

  test('converts lexical to HTML', () => {
    const a = article(records, '66a1');
    assert.equal(a.sourceBody.format, 'lexical');
    assert.match(a.bodyHtml, /^<h2>The vote<\/h2>\n<p>Plain, <strong>bold<\/strong>, <em>italic<\/em>/);
    assert.match(
      a.bodyHtml,
      /<img src="https:\/\/ghost5\.example\/content\/images\/count\.jpg" alt="Ballots being counted">/,
    );
    assert.match(a.bodyHtml, /<p><strong>Turnout<\/strong> was <em>high<\/em>\.<\/p>$/);
    assert.deepEqual(a.warnings, ['Ghost signup card has no equivalent and was dropped']);
    assert.deepEqual(a.featuredImage, {
      attachmentRef: null,
      url: 'https://ghost5.example/content/images/night.jpg',
      alt: 'City hall lit up',
      caption: 'Photo: Lena Ballot',
    });
  });

  test('imports an email-only post as a draft, with warnings', () => {
    const a = article(records, '66a2');
    assert.equal(a.status, 'draft');
    assert.deepEqual(a.warnings, [
      'sent as an email only in Ghost: imported as a draft',
      '"paid" visibility in Ghost: imported as public',
    ]);
  });
});

describe('parseGhost rejects what is not a Ghost export', () => {
  test('a non-object', () => {
    assert.throws(() => [...parseGhost([1, 2])], ImportFormatError);
  });

  test('an object without data', () => {
    assert.throws(() => [...parseGhost({ db: [{ meta: {} }] })], /no "data" object/);
  });

  test('a table that is not an array', () => {
    assert.throws(() => [...parseGhost({ data: { posts: {} } })], /data\.posts is not an array/);
  });

  test('but accepts a bare minimum export', () => {
    const records = [...parseGhost({ db: [{ meta: { version: '6.0.0' }, data: {} }] })];
    assert.deepEqual(
      records.map((r) => r.kind),
      ['site', 'summary'],
    );
  });
});
