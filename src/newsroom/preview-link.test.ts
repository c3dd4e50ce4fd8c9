import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidPreview, previewPath } from './preview-link.js';

test('preview links verify until they expire, and only for their article', () => {
  const now = new Date('2024-04-04T12:00:00Z');
  const url = new URL(previewPath('secret', 42, now), 'http://x');
  const expires = Number(url.searchParams.get('expires'));
  const sig = url.searchParams.get('sig')!;
  assert.equal(url.pathname, '/preview/42');
  assert.ok(isValidPreview('secret', 42, expires, sig, now));
  assert.ok(!isValidPreview('secret', 43, expires, sig, now));
  assert.ok(!isValidPreview('other', 42, expires, sig, now));
  assert.ok(!isValidPreview('secret', 42, expires + 1, sig, now));
  assert.ok(!isValidPreview('secret', 42, expires, sig, new Date(expires + 1)));
});
