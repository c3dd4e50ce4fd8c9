import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTHING, scopeOfChange, scopeOfChanges } from './change-scope.js';

const change = (kind: string, payload: Record<string, unknown> | null) => ({ id: 1, kind, payload });

test('held and spam comments, and moderation that never touches approved, change no public page', () => {
  assert.deepEqual(scopeOfChange(change('comment.posted', { articleId: 7, status: 'held' })), NOTHING);
  assert.deepEqual(scopeOfChange(change('comment.posted', { articleId: 7, status: 'spam' })), NOTHING);
  assert.deepEqual(
    scopeOfChange(change('comment.spammed', { articleId: 7, from: 'held', to: 'spam' })),
    NOTHING,
  );
  assert.deepEqual(
    scopeOfChange(change('comment.trashed', { articleId: 7, from: 'spam', to: 'trash' })),
    NOTHING,
  );
});

test('an approved comment, or one leaving approved, changes its article and the lists', () => {
  const expected = { everything: false, articleIds: [7], lists: true, articles: false };
  assert.deepEqual(scopeOfChange(change('comment.posted', { articleId: 7, status: 'approved' })), expected);
  assert.deepEqual(
    scopeOfChange(change('comment.approved', { articleId: 7, from: 'held', to: 'approved' })),
    expected,
  );
  assert.deepEqual(
    scopeOfChange(change('comment.trashed', { articleId: 7, from: 'approved', to: 'trash' })),
    expected,
  );
  assert.deepEqual(scopeOfChange(change('comment.edited', { articleId: 7 })), expected);
});

test('article events change the article and the lists', () => {
  for (const kind of ['article.published', 'article.updated', 'article.unpublished', 'article.saved']) {
    assert.deepEqual(scopeOfChange(change(kind, { articleId: 3, slug: 'x' })), {
      everything: false,
      articleIds: [3],
      lists: true,
      articles: true,
    });
  }
});

test('new related lists change only those articles’ pages; a full rebuild changes everything', () => {
  assert.deepEqual(scopeOfChange(change('related.changed', { articleIds: [4, 9] })), {
    everything: false,
    articleIds: [4, 9],
    lists: false,
    articles: false,
  });
  assert.equal(scopeOfChange(change('related.changed', { all: true })).everything, true);
  assert.equal(scopeOfChange(change('related.changed', { articleIds: ['4'] })).everything, true);
});

test('settings, taxonomy, imports, unknown kinds and missing payloads change everything', () => {
  for (const c of [
    change('settings.changed', {}),
    change('taxonomy.changed', {}),
    change('site.imported', { source: 'wxr' }),
    change('related.rebuilt', {}),
    change('comment.approved', null),
    change('article.updated', { slug: 'no-id' }),
  ]) {
    assert.equal(scopeOfChange(c).everything, true, c.kind);
  }
});

test('a batch combines article ids and is everything as soon as one change is', () => {
  assert.deepEqual(
    scopeOfChanges([
      change('comment.posted', { articleId: 1, status: 'held' }),
      change('comment.approved', { articleId: 2, from: 'held', to: 'approved' }),
      change('article.updated', { articleId: 3 }),
      change('article.updated', { articleId: 3 }),
    ]),
    { everything: false, articleIds: [2, 3], lists: true, articles: true },
  );
  assert.deepEqual(scopeOfChanges([change('comment.posted', { articleId: 1, status: 'held' })]), NOTHING);
  assert.equal(
    scopeOfChanges([change('article.updated', { articleId: 3 }), change('settings.changed', {})]).everything,
    true,
  );
});
