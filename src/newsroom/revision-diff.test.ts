import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffLines, hasChanges } from './revision-diff.js';

describe('revision diff', () => {
  test('identical texts have no changes', () => {
    const rows = diffLines('a\nb', 'a\nb');
    assert.equal(hasChanges(rows), false);
    assert.equal(rows.length, 2);
  });

  test('replaced lines pair up side by side; insertions and deletions stand alone', () => {
    const rows = diffLines('one\ntwo\nthree\nfour', 'one\nTWO\nthree\nfour\nfive');
    assert.deepEqual(rows, [
      { kind: 'same', left: 'one', right: 'one' },
      { kind: 'changed', left: 'two', right: 'TWO' },
      { kind: 'same', left: 'three', right: 'three' },
      { kind: 'same', left: 'four', right: 'four' },
      { kind: 'added', left: null, right: 'five' },
    ]);
    assert.deepEqual(diffLines('x\ny', 'y'), [
      { kind: 'removed', left: 'x', right: null },
      { kind: 'same', left: 'y', right: 'y' },
    ]);
  });

  test('every line of both texts appears, in order', () => {
    const before = 'a\nb\nc\nd\ne\nf';
    const after = 'b\nc\nX\ne\nf\ng';
    const rows = diffLines(before, after);
    assert.equal(
      rows
        .filter((r) => r.left !== null)
        .map((r) => r.left)
        .join('\n'),
      before,
    );
    assert.equal(
      rows
        .filter((r) => r.right !== null)
        .map((r) => r.right)
        .join('\n'),
      after,
    );
  });
});
