import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderGhostCard } from '../../src/imports/ghost-cards.js';
import { lexicalToHtml } from '../../src/imports/lexical-to-html.js';
import { mobiledocToHtml } from '../../src/imports/mobiledoc-to-html.js';

const text = (value: string, format = 0) => ({ type: 'text', text: value, format });
const root = (...children: object[]) => ({ root: { type: 'root', children } });

describe('lexicalToHtml', () => {
  test('renders paragraphs, headings, quotes and every text format bit', () => {
    const { html, warnings } = lexicalToHtml(
      root(
        { type: 'heading', tag: 'h3', children: [text('Head')] },
        {
          type: 'paragraph',
          children: [
            text('b', 1),
            text('i', 2),
            text('s', 4),
            text('u', 8),
            text('c', 16),
            text('sub', 32),
            text('sup', 64),
            text('hl', 128),
            text('bi', 3),
          ],
        },
        { type: 'quote', children: [text('Q')] },
        { type: 'aside', children: [text('A')] },
      ),
    );
    assert.equal(
      html,
      '<h3>Head</h3>\n' +
        '<p><strong>b</strong><em>i</em><s>s</s><u>u</u><code>c</code><sub>sub</sub><sup>sup</sup><mark>hl</mark><strong><em>bi</em></strong></p>\n' +
        '<blockquote>Q</blockquote>\n<blockquote class="alternative">A</blockquote>',
    );
    assert.deepEqual(warnings, []);
  });

  test('renders links, line breaks and nested lists, escaping text and URLs', () => {
    const { html } = lexicalToHtml(
      JSON.stringify(
        root(
          {
            type: 'paragraph',
            children: [
              { type: 'link', url: 'https://x.example/?a=1&b=2', children: [text('<x>')] },
              { type: 'linebreak' },
              text('after'),
            ],
          },
          {
            type: 'list',
            listType: 'number',
            start: 3,
            children: [
              { type: 'listitem', children: [text('three')] },
              {
                type: 'listitem',
                children: [
                  {
                    type: 'list',
                    listType: 'bullet',
                    children: [{ type: 'listitem', children: [text('inner')] }],
                  },
                ],
              },
            ],
          },
        ),
      ),
    );
    assert.equal(
      html,
      '<p><a href="https://x.example/?a=1&amp;b=2">&lt;x&gt;</a><br>after</p>\n' +
        '<ol start="3"><li>three</li><li><ul><li>inner</li></ul></li></ol>',
    );
  });

  test('renders image, divider, code, embed, html and markdown cards', () => {
    const { html } = lexicalToHtml(
      root(
        { type: 'image', src: '/a.jpg', alt: 'A "b"', caption: 'Cap' },
        { type: 'horizontalrule' },
        { type: 'codeblock', code: 'a < b', language: 'ts' },
        { type: 'embed', url: 'https://video.example/1', html: '<iframe></iframe>', caption: '' },
        { type: 'html', html: '<div>raw</div>' },
        { type: 'markdown', markdown: '# Title' },
      ),
    );
    assert.equal(
      html,
      '<figure><img src="/a.jpg" alt="A &quot;b&quot;"><figcaption>Cap</figcaption></figure>\n<hr>\n' +
        '<pre><code class="language-ts">a &lt; b</code></pre>\n' +
        '<p><a href="https://video.example/1">https://video.example/1</a></p>\n<div>raw</div>\n<h1>Title</h1>',
    );
  });

  test('keeps the text of unknown element nodes and drops unknown cards, warning about both', () => {
    const { html, warnings } = lexicalToHtml(
      root({ type: 'fancy-block', children: [text('kept')] }, { type: 'product', productTitle: 'Mug' }),
    );
    assert.equal(html, 'kept');
    assert.deepEqual(warnings, [
      'unknown Lexical node "fancy-block": kept its text',
      'Ghost product card has no equivalent and was dropped',
    ]);
  });

  test('reports unreadable JSON instead of throwing', () => {
    assert.deepEqual(lexicalToHtml('{not json'), {
      html: '',
      warnings: ['the Lexical content is not valid JSON and was dropped'],
    });
  });
});

describe('mobiledocToHtml', () => {
  test('renders markup sections with nested markups, atoms and list sections', () => {
    const { html, warnings } = mobiledocToHtml({
      version: '0.3.1',
      atoms: [['soft-return', '', {}]],
      markups: [['strong'], ['a', ['href', '/x?a=1&b=2', 'onclick', 'evil()']]],
      cards: [],
      sections: [
        [1, 'h2', [[0, [], 0, 'Head']]],
        [
          1,
          'P',
          [
            [0, [0, 1], 1, 'bold link'],
            [0, [], 1, ' link only'],
            [1, [], 0, 0],
            [0, [], 0, 'after'],
          ],
        ],
        [3, 'ul', [[[0, [], 0, 'one']], [[0, [], 0, 'two']]]],
        [1, 'pull-quote', [[0, [], 0, 'Pulled']]],
      ],
    });
    assert.equal(
      html,
      '<h2>Head</h2>\n<p><strong><a href="/x?a=1&amp;b=2">bold link</a> link only</strong><br>after</p>\n' +
        '<ul><li>one</li><li>two</li></ul>\n<blockquote>Pulled</blockquote>',
    );
    assert.deepEqual(warnings, []);
  });

  test('renders image, markdown, html and hr cards and image sections', () => {
    const { html } = mobiledocToHtml(
      JSON.stringify({
        version: '0.3.1',
        atoms: [],
        markups: [],
        cards: [
          ['image', { src: '/i.jpg', alt: 'I', caption: '' }],
          ['card-markdown', { cardName: 'card-markdown', markdown: '*md*' }],
          ['html', { html: '<aside>h</aside>' }],
          ['hr', {}],
        ],
        sections: [
          [10, 0],
          [10, 1],
          [10, 2],
          [10, 3],
          [2, '/section.jpg'],
        ],
      }),
    );
    assert.equal(
      html,
      '<figure><img src="/i.jpg" alt="I"></figure>\n<p><em>md</em></p>\n<aside>h</aside>\n<hr>\n<figure><img src="/section.jpg" alt=""></figure>',
    );
  });

  test('closes markups a malformed document leaves open, and warns about unknown sections', () => {
    const { html, warnings } = mobiledocToHtml({
      markups: [['em']],
      sections: [
        [1, 'p', [[0, [0], 0, 'never closed']]],
        [99, 'x'],
      ],
    });
    assert.equal(html, '<p><em>never closed</em></p>');
    assert.deepEqual(warnings, ['unknown Mobiledoc section type 99 dropped']);
  });
});

describe('renderGhostCard', () => {
  test('renders galleries, bookmarks, callouts, toggles and buttons', () => {
    const warnings: string[] = [];
    assert.equal(
      renderGhostCard(
        'gallery',
        {
          images: [
            { src: '/1.jpg', alt: '1' },
            { src: '/2.jpg', alt: '2', caption: 'Two' },
          ],
        },
        warnings,
      ),
      '<figure class="gallery"><img src="/1.jpg" alt="1"><figure><img src="/2.jpg" alt="2"><figcaption>Two</figcaption></figure></figure>',
    );
    assert.equal(
      renderGhostCard('bookmark', { url: 'https://a.example', metadata: { title: 'A & B' } }, warnings),
      '<p><a href="https://a.example">A &amp; B</a></p>',
    );
    assert.equal(
      renderGhostCard('callout', { calloutEmoji: '💡', calloutText: 'Tip <b>here</b>' }, warnings),
      '<aside class="callout">💡 Tip <b>here</b></aside>',
    );
    assert.equal(
      renderGhostCard('toggle', { heading: 'More', content: '<p>Hidden</p>' }, warnings),
      '<details><summary>More</summary><p>Hidden</p></details>',
    );
    assert.equal(
      renderGhostCard('button', { buttonText: 'Donate', buttonUrl: '/donate' }, warnings),
      '<p><a href="/donate">Donate</a></p>',
    );
    assert.deepEqual(warnings, []);
  });

  test('links media files with a warning', () => {
    const warnings: string[] = [];
    assert.equal(
      renderGhostCard('audio', { src: '/a.mp3', title: 'Podcast' }, warnings),
      '<p><a href="/a.mp3">Podcast</a></p>',
    );
    assert.deepEqual(warnings, ['Ghost audio card imported as a link to the file']);
  });
});
