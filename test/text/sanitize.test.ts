import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderArticleMarkdown, renderCommentMarkdown } from '../../src/text/markdown.js';

test('comment links always carry rel="nofollow ugc noopener", whatever rel the reader wrote', () => {
  const html = renderCommentMarkdown('see [x](https://example.org/a) and https://example.org/b');
  assert.equal((html.match(/rel="nofollow ugc noopener"/g) ?? []).length, 2);
  assert.doesNotMatch(renderCommentMarkdown('<a href="https://e.org" rel="me">y</a>'), /<a [^>]*rel="me"/);
});

test('comment Markdown keeps emphasis, quotes and code, and nothing script-capable', () => {
  const html = renderCommentMarkdown(
    '*a* **b** `c`\n\n> quote\n\n[bad](javascript:alert(1)) <img src=x onerror=alert(1)>',
  );
  assert.match(html, /<em>a<\/em>/);
  assert.match(html, /<strong>b<\/strong>/);
  assert.match(html, /<code>c<\/code>/);
  assert.match(html, /<blockquote>/);
  assert.doesNotMatch(html, /href="javascript|<img|<[^>]+onerror=/i);
});

test('article Markdown keeps figures and allowlisted embeds, drops scripts and handlers', () => {
  const html = renderArticleMarkdown(
    '<figure><img src="https://e.org/a.jpg" alt="A" onerror="x()"><figcaption>Cap</figcaption></figure>\n\n<script>x()</script>\n\n<iframe src="https://evil.example/"></iframe>\n\n<iframe src="https://www.youtube.com/embed/abc"></iframe>',
  );
  assert.match(
    html,
    /<figure><img src="https:\/\/e.org\/a.jpg" alt="A" \/><figcaption>Cap<\/figcaption><\/figure>/,
  );
  assert.doesNotMatch(html, /<script|onerror|evil\.example/);
  assert.match(html, /youtube\.com\/embed\/abc/);
});
