import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pageWindow, parsePageNumber } from '../../src/site/pagination.js';
import { absoluteUrl, archivePath, articlePath, feedPath, pagePath } from '../../src/site/permalinks.js';

describe('permalinks', () => {
  const article = { kind: 'article' as const, slug: 'bridge-reopens', publishedAt: '2024-03-31T23:30:00Z' };

  test('the slug pattern gives /{slug}/ for articles and pages', () => {
    const settings = { permalinkPattern: '/{slug}/' as const, timezone: 'UTC' };
    assert.equal(articlePath(article, settings), '/bridge-reopens/');
    assert.equal(articlePath({ ...article, kind: 'page' }, settings), '/bridge-reopens/');
  });

  test('the dated pattern dates articles in the site time zone, never pages', () => {
    const london = { permalinkPattern: '/{yyyy}/{mm}/{slug}/' as const, timezone: 'Europe/London' };
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST).
    assert.equal(articlePath(article, london), '/2024/04/bridge-reopens/');
    assert.equal(articlePath(article, { ...london, timezone: 'UTC' }), '/2024/03/bridge-reopens/');
    assert.equal(articlePath({ ...article, kind: 'page' }, london), '/bridge-reopens/');
  });

  test('archive, page and feed paths follow WordPress', () => {
    assert.equal(archivePath('category', 'city'), '/category/city/');
    assert.equal(archivePath('latest'), '/');
    assert.equal(pagePath('/tag/rail/', 1), '/tag/rail/');
    assert.equal(pagePath('/tag/rail/', 3), '/tag/rail/page/3/');
    assert.equal(pagePath('/', 2), '/page/2/');
    assert.equal(feedPath('/', 'rss'), '/feed/');
    assert.equal(feedPath('/author/ana/', 'atom'), '/author/ana/feed/atom/');
  });

  test('absolute URLs join the base and a path, and leave absolute URLs alone', () => {
    assert.equal(absoluteUrl('https://news.example', '/a/'), 'https://news.example/a/');
    assert.equal(
      absoluteUrl('https://news.example', 'https://cdn.example/x.jpg'),
      'https://cdn.example/x.jpg',
    );
  });
});

describe('pagination', () => {
  test('page numbers are positive integers without leading zeros', () => {
    assert.equal(parsePageNumber(undefined), 1);
    assert.equal(parsePageNumber('2'), 2);
    for (const bad of ['0', '01', '-1', 'two', '1.5', '9999999']) assert.equal(parsePageNumber(bad), null);
  });

  test('a window knows its offset and neighbours', () => {
    assert.deepEqual(pageWindow('/category/city/', 2, 25, 10), {
      page: 2,
      totalPages: 3,
      offset: 10,
      limit: 10,
      prevPath: '/category/city/',
      nextPath: '/category/city/page/3/',
    });
    const last = pageWindow('/', 3, 25, 10)!;
    assert.equal(last.prevPath, '/page/2/');
    assert.equal(last.nextPath, null);
  });

  test('pages past the end do not exist, but an empty archive has its first page', () => {
    assert.equal(pageWindow('/', 4, 25, 10), null);
    assert.equal(pageWindow('/', 1, 0, 10)?.totalPages, 1);
    assert.equal(pageWindow('/', 2, 0, 10), null);
  });
});
