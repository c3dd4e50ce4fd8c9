import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectImageFormat, fileStem, isSafeMediaPath, srcsets, variantWidths } from './media.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('media rules', () => {
  test('image types are recognised by their first bytes, not their names', () => {
    assert.equal(detectImageFormat(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')), 'jpeg');
    assert.equal(detectImageFormat(bytes('\x89PNG\r\n\x1a\n', [0, 0])), 'png');
    assert.equal(detectImageFormat(bytes('GIF89a')), 'gif');
    assert.equal(detectImageFormat(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')), 'webp');
    assert.equal(detectImageFormat(bytes([0, 0, 0, 28], 'ftypavif')), 'avif');
    assert.equal(detectImageFormat(bytes('<svg xmlns="http://www.w3.org/2000/svg">')), null);
    assert.equal(detectImageFormat(bytes('<?php echo 1; ?>')), null);
    assert.equal(detectImageFormat(bytes([0xff])), null);
  });

  test('variants take every standard width below the image and its own', () => {
    assert.deepEqual(variantWidths(800), [320, 640, 800]);
    assert.deepEqual(variantWidths(4000), [320, 640, 960, 1280, 1920]);
    assert.deepEqual(variantWidths(100), [100]);
    assert.deepEqual(variantWidths(640), [320, 640]);
  });

  test('file stems are safe', () => {
    assert.equal(fileStem('Harbour Wall (1).JPG'), 'harbour-wall-1');
    assert.equal(fileStem('../../etc/passwd'), 'etc-passwd');
    assert.equal(fileStem('.jpg'), 'image');
  });

  test('only paths we write are served', () => {
    assert.ok(isSafeMediaPath('2024/04/harbour-0a1b2c3d-640.webp'));
    for (const bad of [
      '../secret.jpg',
      '2024/04/../../x.jpg',
      '2024/04/x.svg',
      '2024/04/.x.jpg',
      '/etc/passwd',
      '2024/04/a b.jpg',
    ])
      assert.ok(!isSafeMediaPath(bad), bad);
  });

  test('srcset lists each format narrowest first', () => {
    const sets = srcsets([
      { width: 640, height: 1, format: 'webp', path: '2024/04/a-640.webp', bytes: 1 },
      { width: 320, height: 1, format: 'webp', path: '2024/04/a-320.webp', bytes: 1 },
      { width: 320, height: 1, format: 'jpeg', path: '2024/04/a-320.jpg', bytes: 1 },
    ]);
    assert.equal(sets['image/webp'], '/media/2024/04/a-320.webp 320w, /media/2024/04/a-640.webp 640w');
    assert.equal(sets['image/jpeg'], '/media/2024/04/a-320.jpg 320w');
  });
});
