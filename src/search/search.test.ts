import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  dateBounds,
  MAX_SEARCH_PAGE,
  newsroomAudience,
  parseSearchRequest,
  recencyFactor,
  searchConfigFor,
  toSearchDocument,
} from './search.js';

describe('parseSearchRequest', () => {
  test('reads the query, filters and page', () => {
    assert.deepEqual(
      parseSearchRequest({
        q: 'council',
        category: 'news',
        tag: 'Flooding',
        author: 'ines-barros',
        from: '2024-01-01',
        to: '2024-02-29',
        page: '3',
      }),
      {
        query: 'council',
        filters: {
          category: 'news',
          tag: 'flooding',
          author: 'ines-barros',
          from: '2024-01-01',
          to: '2024-02-29',
        },
        page: 3,
      },
    );
  });

  test('drops what it cannot use instead of failing', () => {
    assert.deepEqual(
      parseSearchRequest({
        q: ['first', 'second'],
        category: '../etc',
        tag: '',
        author: 42,
        from: '2023-02-30',
        to: 'yesterday',
        page: 'abc',
      }),
      { query: 'first', filters: {}, page: 1 },
    );
    assert.equal(parseSearchRequest({ page: '0' }).page, 1);
    assert.equal(parseSearchRequest({ page: '99999' }).page, MAX_SEARCH_PAGE);
    assert.equal(parseSearchRequest({}).query, '');
  });
});

test('dateBounds covers whole UTC days, both ends included', () => {
  assert.deepEqual(dateBounds({ from: '2024-02-28', to: '2024-02-29' }), {
    since: '2024-02-28T00:00:00.000Z',
    before: '2024-03-01T00:00:00.000Z',
  });
  assert.deepEqual(dateBounds({}), {});
});

test('recencyFactor is mild and decays', () => {
  assert.equal(recencyFactor(0), 1.3);
  assert.equal(recencyFactor(90), 1.15);
  assert.ok(recencyFactor(3650) < 1.01);
  assert.equal(recencyFactor(-5), 1.3);
});

test('searchConfigFor stems English only', () => {
  assert.equal(searchConfigFor('en'), 'english');
  assert.equal(searchConfigFor('en-GB'), 'english');
  assert.equal(searchConfigFor('fr'), 'simple');
  assert.equal(searchConfigFor('eng'), 'simple');
});

test('newsroomAudience: editors and admins see everything, others their own', () => {
  assert.deepEqual(newsroomAudience({ id: 1, role: 'admin' }), { kind: 'newsroom-all' });
  assert.deepEqual(newsroomAudience({ id: 2, role: 'editor' }), { kind: 'newsroom-all' });
  assert.deepEqual(newsroomAudience({ id: 3, role: 'author' }), { kind: 'newsroom-own', ownerId: 3 });
  assert.deepEqual(newsroomAudience({ id: 4, role: 'contributor' }), { kind: 'newsroom-own', ownerId: 4 });
});

describe('toSearchDocument', () => {
  const source = {
    id: 7,
    kind: 'article',
    headline: 'Harbour',
    dek: 'Boats',
    bodyHtml: '<p>First <em>para</em>.</p><p>Second &amp; last.</p><script>x()</script>',
    language: 'en',
    deletedAt: null,
    categoryName: 'News',
    tagNames: ['Fishing', 'Tides'],
    authorNames: ['Ana Ruiz', 'Tom Ford'],
  };

  test('indexes the text of the body, not its markup', () => {
    assert.deepEqual(toSearchDocument(source), {
      articleId: 7,
      config: 'english',
      headline: 'Harbour',
      dek: 'Boats',
      body: 'First para. Second & last.',
      taxonomy: 'News · Fishing · Tides',
      authors: 'Ana Ruiz, Tom Ford',
    });
  });

  test('a trashed article has no document', () => {
    assert.equal(toSearchDocument({ ...source, deletedAt: '2024-01-01T00:00:00.000Z' }), null);
  });
});
