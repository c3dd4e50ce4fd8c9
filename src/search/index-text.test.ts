import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoArticles, demoPages } from '../demo/demo-content.js';
import { renderArticleMarkdown } from '../text/markdown.js';
import { htmlToText } from '../text/plain-text.js';
import { sanitizeArticleHtml } from '../text/sanitize.js';
import { indexableText } from './index-text.js';

const withoutSpaces = (s: string) => s.replace(/\s+/g, '');

test('keeps the same characters as htmlToText on every demo article and page', () => {
  for (const { body } of [...demoArticles, ...demoPages]) {
    const html = renderArticleMarkdown(body);
    assert.equal(withoutSpaces(indexableText(html)), withoutSpaces(htmlToText(html)));
  }
});

test('decodes entities, drops non-text elements, and separates words at tags', () => {
  const html = sanitizeArticleHtml(
    '<p>Caf&eacute; &amp; bar&#39;s <b>big</b>&nbsp;day<br>Next&#x2014;line</p><!-- note --><ul><li>one</li><li>two</li></ul>',
  );
  assert.equal(indexableText(html), "Café & bar's big day Next—line one two");
  assert.equal(indexableText('<style>p{}</style><p>x &bogus; &#0; &lt;tag&gt;</p>'), 'x &bogus; &#0; <tag>');
});
