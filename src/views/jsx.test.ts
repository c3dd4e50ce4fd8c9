import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h, raw, safeUrl } from './jsx.js';

test('text and attributes are escaped', () => {
  assert.equal(
    h('p', { title: '"><script>' }, '<b>&').html,
    '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;</p>',
  );
  assert.equal(h('div', null, raw('<em>kept</em>')).html, '<div><em>kept</em></div>');
});

test('URL attributes never carry a script-running scheme, however it is disguised', () => {
  for (const url of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' \u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'jav\nascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml,<svg onload=alert(1)>',
  ]) {
    assert.equal(safeUrl(url), '#', url);
    assert.equal(h('a', { href: url }, 'x').html, '<a href="#">x</a>', url);
  }
  for (const url of [
    'https://example.com/',
    '/tag/harbour/',
    '#comment-4',
    'mailto:desk@example.com',
    'data:image/png;base64,AAAA',
    'javascript-tips/',
  ])
    assert.equal(safeUrl(url), url);
  assert.equal(
    h('img', { src: 'javascript:alert(1)', alt: 'javascript:alert(1)' }).html,
    '<img src="#" alt="javascript:alert(1)">',
  );
});
