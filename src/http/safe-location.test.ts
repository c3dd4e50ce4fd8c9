import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { safeLocation } from './safe-location.js';

test('a safe Location keeps ordinary paths and encodes what a header cannot carry', () => {
  assert.equal(
    safeLocation('/news/harbour-wall/?cpage=2#comment-5'),
    '/news/harbour-wall/?cpage=2#comment-5',
  );
  assert.equal(safeLocation('/nouvelles/été/'), '/nouvelles/%C3%A9t%C3%A9/');
  assert.equal(safeLocation('/a\r\nSet-Cookie: x=1'), '/a%0D%0ASet-Cookie:%20x=1');
  assert.equal(safeLocation('/already%20encoded/'), '/already%20encoded/');
});

test('any string becomes a value Node accepts as a header', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const location = safeLocation(text);
      assert.match(location, /^[\x21-\x7e]*$/);
    }),
  );
});
