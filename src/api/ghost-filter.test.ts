import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GhostFilterError, parseGhostFilter } from './ghost-filter.js';

test('single conditions map Ghost keys to Broadsheet fields', () => {
  assert.deepEqual(parseGhostFilter('tag:harbour-news'), { field: 'tag', in: ['harbour-news'] });
  assert.deepEqual(parseGhostFilter('authors.slug:ada'), { field: 'author', in: ['ada'] });
  assert.deepEqual(parseGhostFilter('featured:true'), { field: 'sticky', in: [true] });
  assert.deepEqual(parseGhostFilter('slug:[a,b-c]'), { field: 'slug', in: ['a', 'b-c'] });
});

test('negation, comparisons and quoted dates', () => {
  assert.deepEqual(parseGhostFilter('id:-5'), { not: { field: 'id', in: ['5'] } });
  assert.deepEqual(parseGhostFilter('tag:-[a,b]'), { not: { field: 'tag', in: ['a', 'b'] } });
  assert.deepEqual(parseGhostFilter("published_at:>'2024-01-02 03:04:05'"), {
    field: 'publishedAt',
    compare: '>',
    value: '2024-01-02T03:04:05.000Z',
  });
  assert.deepEqual(parseGhostFilter("published_at:<='2024-01-02T03:04:05.000+02:00'"), {
    field: 'publishedAt',
    compare: '<=',
    value: '2024-01-02T01:04:05.000Z',
  });
});

test('AND binds tighter than OR; parentheses group', () => {
  assert.deepEqual(parseGhostFilter('tag:a+author:b,tag:c'), {
    any: [
      {
        all: [
          { field: 'tag', in: ['a'] },
          { field: 'author', in: ['b'] },
        ],
      },
      { field: 'tag', in: ['c'] },
    ],
  });
  assert.deepEqual(parseGhostFilter('tag:a+(author:b,author:c)'), {
    all: [
      { field: 'tag', in: ['a'] },
      {
        any: [
          { field: 'author', in: ['b'] },
          { field: 'author', in: ['c'] },
        ],
      },
    ],
  });
});

test('visibility and status match everything public, or nothing', () => {
  assert.deepEqual(parseGhostFilter('visibility:public'), { all: [] });
  assert.deepEqual(parseGhostFilter('status:draft'), { any: [] });
  assert.deepEqual(parseGhostFilter("title:~'harbour'"), { search: 'harbour' });
});

test('unsupported or malformed filters are refused, not guessed', () => {
  for (const bad of ['custom_field:x', 'tag', 'tag:[a,b', "tag:'open", 'tag:a)', 'featured:>1', 'slug:~x']) {
    assert.throws(() => parseGhostFilter(bad), GhostFilterError, bad);
  }
});
