import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { placeSeeAlso, type SeeAlsoCandidate, seeAlsoHtml } from './see-also-placement.js';
import { topLevelBlocks } from './top-level-blocks.js';

function candidate(articleId: number, fields: Partial<SeeAlsoCandidate> = {}): SeeAlsoCandidate {
  return {
    articleId,
    headline: `Story ${articleId}`,
    url: `/2024/05/story-${articleId}`,
    slug: `story-${articleId}`,
    ...fields,
  };
}

const CANDIDATES = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => candidate(id));

function paragraphs(count: number): string {
  return Array.from({ length: count }, (_, i) => `<p>Paragraph ${i + 1}.</p>`).join('\n');
}

/** The body's blocks as short labels, e.g. ['p:Paragraph 1.', 'see-also', 'h2']. */
function outline(html: string): string[] {
  return topLevelBlocks(html).map((block) => {
    const text = html.slice(block.start, block.end);
    if (text.includes('class="see-also"')) return 'see-also';
    return block.tag === 'p' ? `p:${text.replace(/<[^>]*>/g, '')}` : String(block.tag);
  });
}

describe('placeSeeAlso', () => {
  test('goes after the second paragraph by default and lists the next five', () => {
    const placement = placeSeeAlso(paragraphs(4), CANDIDATES);
    assert.deepEqual(outline(placement.bodyHtml), [
      'p:Paragraph 1.',
      'p:Paragraph 2.',
      'see-also',
      'p:Paragraph 3.',
      'p:Paragraph 4.',
    ]);
    assert.equal(placement.seeAlso?.articleId, 1);
    assert.deepEqual(
      placement.related.map((c) => c.articleId),
      [2, 3, 4, 5, 6],
    );
  });

  test('counts only paragraphs: headings, lists, quotes, figures, images and embeds do not count', () => {
    const body = [
      '<p>One.</p>',
      '<h2>A heading</h2>',
      '<p><img src="/media/a.jpg" alt="A crane"></p>',
      '<ul><li><p>Inside a list.</p></li></ul>',
      '<blockquote><p>Quoted.</p><p>Still quoted.</p></blockquote>',
      '<figure><img src="/media/b.jpg" alt=""><figcaption>Caption</figcaption></figure>',
      '<iframe src="https://video.example/embed/1"></iframe>',
      '<p>Two.</p>',
      '<ol><li>Step</li></ol>',
      '<p>Three.</p>',
      '<p>Four.</p>',
    ].join('');
    const placement = placeSeeAlso(body, CANDIDATES);
    assert.deepEqual(outline(placement.bodyHtml), [
      'p:One.',
      'h2',
      'p:',
      'ul',
      'blockquote',
      'figure',
      'iframe',
      'p:Two.',
      'see-also',
      'ol',
      'p:Three.',
      'p:Four.',
    ]);
  });

  test('honours afterParagraph and minParagraphs', () => {
    const placement = placeSeeAlso(paragraphs(6), CANDIDATES, { afterParagraph: 4, minParagraphs: 6 });
    assert.deepEqual(outline(placement.bodyHtml).indexOf('see-also'), 4);
    const tooShort = placeSeeAlso(paragraphs(5), CANDIDATES, { afterParagraph: 4, minParagraphs: 6 });
    assert.equal(tooShort.seeAlso, null);
  });

  test('a short article gets no inline link; the best candidate leads the list instead', () => {
    const body = `${paragraphs(3)}<h2>More</h2><ul><li>x</li></ul>`;
    const placement = placeSeeAlso(body, CANDIDATES);
    assert.equal(placement.bodyHtml, body);
    assert.equal(placement.seeAlso, null);
    assert.deepEqual(
      placement.related.map((c) => c.articleId),
      [1, 2, 3, 4, 5],
    );
  });

  test('never places after a paragraph that does not exist', () => {
    const placement = placeSeeAlso(paragraphs(4), CANDIDATES, { afterParagraph: 9, minParagraphs: 1 });
    assert.equal(placement.seeAlso, null);
  });

  test('a pinned article takes the slot', () => {
    const placement = placeSeeAlso(paragraphs(4), CANDIDATES, { pinnedArticleId: 6 });
    assert.equal(placement.seeAlso?.articleId, 6);
    assert.deepEqual(
      placement.related.map((c) => c.articleId),
      [1, 2, 3, 4, 5],
    );
  });

  test('a pin that is no longer among the candidates falls back to the best candidate', () => {
    assert.equal(placeSeeAlso(paragraphs(4), CANDIDATES, { pinnedArticleId: 99 }).seeAlso?.articleId, 1);
  });

  test('excluded articles are never chosen, inline or listed, even when pinned', () => {
    const placement = placeSeeAlso(paragraphs(4), CANDIDATES, {
      excludedArticleIds: [1, 3],
      pinnedArticleId: 3,
    });
    assert.equal(placement.seeAlso?.articleId, 2);
    assert.deepEqual(
      placement.related.map((c) => c.articleId),
      [4, 5, 6, 7, 8],
    );
  });

  test('skips articles the body already links to, by path, absolute URL or slug', () => {
    const body = [
      '<p>See <a href="/2024/05/story-1">this</a>.</p>',
      '<p>And <a href="https://news.example/2024/05/story-2/?utm=x#top">that</a>.</p>',
      "<p>Or <a href='/archive/story-3'>the other</a>.</p>",
      '<p>Four.</p>',
    ].join('');
    const placement = placeSeeAlso(body, CANDIDATES);
    assert.equal(placement.seeAlso?.articleId, 4);
    assert.deepEqual(
      placement.related.map((c) => c.articleId),
      [5, 6, 7, 8],
    );
  });

  test('off places nothing inline but still offers the list', () => {
    const body = paragraphs(6);
    const placement = placeSeeAlso(body, CANDIDATES, { mode: 'off' });
    assert.equal(placement.bodyHtml, body);
    assert.equal(placement.seeAlso, null);
    assert.equal(placement.related.length, 5);
  });

  test('escapes the headline and URL', () => {
    const tricky = candidate(1, {
      headline: 'BROWN-FORMAN INC <BFD> 4TH QTR "NET" & more',
      url: '/2024/05/a?x=1&y="2"',
    });
    assert.equal(
      seeAlsoHtml(tricky),
      '<p class="see-also">See also <a href="/2024/05/a?x=1&amp;y=&quot;2&quot;">' +
        'BROWN-FORMAN INC &lt;BFD&gt; 4TH QTR &quot;NET&quot; &amp; more</a></p>',
    );
  });

  test('refuses URLs that are not site paths or http(s)', () => {
    const placement = placeSeeAlso(paragraphs(4), [
      candidate(1, { url: 'javascript:alert(1)' }),
      candidate(2, { url: '//evil.example/x' }),
      candidate(3),
    ]);
    assert.equal(placement.seeAlso?.articleId, 3);
    assert.deepEqual(placement.related, []);
  });

  test('adds nothing inline when the body already has a see-also paragraph', () => {
    const once = placeSeeAlso(paragraphs(4), CANDIDATES).bodyHtml;
    const twice = placeSeeAlso(once, [candidate(9)]);
    assert.equal(twice.bodyHtml, once);
    assert.equal(twice.seeAlso, null);
    assert.deepEqual(
      twice.related.map((c) => c.articleId),
      [9],
    );
  });
});

describe('topLevelBlocks', () => {
  test('splits blocks, skipping whitespace, keeping comments and loose text', () => {
    const html = '<p>a</p>\n<!-- note -->\n<hr>loose text<div><div>nested</div></div><br/>';
    assert.deepEqual(
      topLevelBlocks(html).map((b) => [b.tag, html.slice(b.start, b.end)]),
      [
        ['p', '<p>a</p>'],
        [null, '<!-- note -->'],
        ['hr', '<hr>'],
        [null, 'loose text'],
        ['div', '<div><div>nested</div></div>'],
        ['br', '<br/>'],
      ],
    );
  });

  test('closes a paragraph left open by the next block', () => {
    const html = '<p>one<p>two</p><h2>x</h2>';
    assert.deepEqual(
      topLevelBlocks(html).map((b) => html.slice(b.start, b.end)),
      ['<p>one', '<p>two</p>', '<h2>x</h2>'],
    );
  });

  test('treats attribute values with ">" and script contents as opaque', () => {
    const html = '<p title="a > b">x</p><script>if (a < b) { document.write("</p>"); }</script><p>y</p>';
    assert.deepEqual(
      topLevelBlocks(html).map((b) => b.tag),
      ['p', 'script', 'p'],
    );
  });
});
