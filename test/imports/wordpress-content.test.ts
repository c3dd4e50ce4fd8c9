import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  convertShortcodes,
  convertWordPressContent,
  parseShortcodeAttributes,
  resolveGalleries,
  stripBlockComments,
  wpautop,
} from '../../src/imports/wordpress-content.js';

describe('stripBlockComments', () => {
  test('removes opening, closing and self-closing block delimiters but keeps the HTML', () => {
    const html =
      '<!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-center">Hi</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator /-->';
    assert.equal(stripBlockComments(html), '<p class="has-text-align-center">Hi</p>');
  });

  test('turns an embed block URL into a link', () => {
    const html =
      '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://example.com/v/1\n</div></figure>';
    assert.equal(
      stripBlockComments(html),
      '<figure class="wp-block-embed"><a href="https://example.com/v/1">https://example.com/v/1</a></figure>',
    );
  });
});

describe('wpautop', () => {
  test('makes paragraphs of blank-line-separated text and <br /> of single newlines', () => {
    assert.equal(wpautop('One\ntwo\n\nThree'), '<p>One<br />\ntwo</p>\n<p>Three</p>');
  });

  test('leaves block-level HTML alone and paragraphs text inside a blockquote', () => {
    assert.equal(
      wpautop(
        '<h2>Head</h2>\nText\n\n<blockquote>Q1\n\nQ2</blockquote>\n\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>',
      ),
      '<h2>Head</h2>\n<p>Text</p>\n<blockquote><p>Q1</p>\n<p>Q2</p></blockquote>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>',
    );
  });

  test('keeps newlines inside <pre> and inside tags', () => {
    assert.equal(
      wpautop('<pre>a\n\nb</pre>\n\nSee <a\nhref="/x">this</a>'),
      '<pre>a\n\nb</pre>\n<p>See <a href="/x">this</a></p>',
    );
  });

  test('returns nothing for blank text', () => {
    assert.equal(wpautop(' \n\n '), '');
  });
});

describe('convertShortcodes', () => {
  test('turns a caption into a figure with a figcaption, link and all', () => {
    const { html, warnings } = convertShortcodes(
      '[caption id="attachment_5" align="alignright" width="300"]<a href="/big.jpg"><img src="/small.jpg" alt="Pier" /></a> The <em>old</em> pier[/caption]',
    );
    assert.equal(
      html,
      '<figure><a href="/big.jpg"><img src="/small.jpg" alt="Pier" /></a><figcaption>The <em>old</em> pier</figcaption></figure>',
    );
    assert.deepEqual(warnings, []);
  });

  test('reads the pre-2.6 caption attribute', () => {
    assert.equal(
      convertShortcodes('[caption caption="Old style"]<img src="/a.jpg" />[/caption]').html,
      '<figure><img src="/a.jpg" /><figcaption>Old style</figcaption></figure>',
    );
  });

  test('leaves a gallery placeholder and returns its attachment ids', () => {
    const { html, galleries } = convertShortcodes(
      '[gallery link="file" ids="3, 1,2" columns="4"] and [gallery]',
    );
    assert.equal(
      html,
      '<figure class="gallery" data-import-gallery="gallery-1"></figure> and <figure class="gallery" data-import-gallery="gallery-2"></figure>',
    );
    assert.deepEqual(galleries, [
      { key: 'gallery-1', attachmentIds: ['3', '1', '2'], fromAttachedImages: false, columns: 4 },
      { key: 'gallery-2', attachmentIds: [], fromAttachedImages: true, columns: null },
    ]);
  });

  test('turns an embed into a link, escaping the URL', () => {
    assert.equal(
      convertShortcodes('[embed width="500"]https://example.com/watch?v=1&t=2[/embed]').html,
      '<p><a href="https://example.com/watch?v=1&amp;t=2">https://example.com/watch?v=1&amp;t=2</a></p>',
    );
  });

  test('keeps an embed without a URL as text and warns', () => {
    const { html, warnings } = convertShortcodes('[embed]not a url[/embed]');
    assert.equal(html, '[embed]not a url[/embed]');
    assert.equal(warnings.length, 1);
  });

  test('keeps unknown shortcodes as text, warning once per name', () => {
    const { html, warnings } = convertShortcodes(
      '[audio src="a.mp3"] [audio src="b.mp3"] [pullquote]Hi[/pullquote]',
    );
    assert.equal(html, '[audio src="a.mp3"] [audio src="b.mp3"] [pullquote]Hi[/pullquote]');
    assert.deepEqual(warnings, [
      'unknown shortcode [audio] kept as text',
      'unknown shortcode [pullquote] kept as text',
    ]);
  });

  test('unescapes [[double-bracketed]] shortcodes to literal text without a warning', () => {
    const { html, warnings, galleries } = convertShortcodes('Type [[gallery]] to make a gallery.');
    assert.equal(html, 'Type [gallery] to make a gallery.');
    assert.deepEqual(warnings, []);
    assert.deepEqual(galleries, []);
  });

  test('does not mistake footnote markers for shortcodes', () => {
    assert.deepEqual(convertShortcodes('As reported [1] and [2].').warnings, []);
  });
});

describe('parseShortcodeAttributes', () => {
  test('reads double, single, unquoted and positional values', () => {
    assert.deepEqual(parseShortcodeAttributes(` ids="1,2" Size='large' columns=3 "first" bare`), {
      ids: '1,2',
      size: 'large',
      columns: '3',
      0: 'first',
      1: 'bare',
    });
  });
});

describe('convertWordPressContent', () => {
  test('treats content with block comments as block content, without wpautop', () => {
    const result = convertWordPressContent('<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->');
    assert.equal(result.format, 'wordpress-blocks');
    assert.equal(result.html, '<p>One\ntwo</p>');
  });

  test('warns about dynamic blocks that have no stored HTML', () => {
    const result = convertWordPressContent(
      '<!-- wp:heading {"level":3} -->\n<h3>H</h3>\n<!-- /wp:heading -->\n<!-- wp:latest-posts {"postsToShow":3} /-->\n<!-- wp:block {"ref":12} /-->',
    );
    assert.equal(result.html, '<h3>H</h3>');
    assert.deepEqual(result.warnings, [
      'dynamic block wp:latest-posts has no stored content and was dropped',
      'dynamic block wp:block has no stored content and was dropped',
    ]);
  });

  test('paragraphs classic content around converted shortcodes without breaking them', () => {
    const result = convertWordPressContent(
      'Intro line\n\n[caption]<img src="/a.jpg" /> Cap[/caption]\n\n[gallery ids="1"]\n\nEnd<!--more-->',
    );
    assert.equal(result.format, 'wordpress-classic');
    assert.equal(
      result.html,
      '<p>Intro line</p>\n<figure><img src="/a.jpg" /><figcaption>Cap</figcaption></figure>\n' +
        '<figure class="gallery" data-import-gallery="gallery-1"></figure>\n<p>End</p>',
    );
  });

  test('reports empty content as empty', () => {
    assert.deepEqual(convertWordPressContent('  \r\n '), {
      html: '',
      format: 'empty',
      galleries: [],
      warnings: [],
    });
  });
});

describe('resolveGalleries', () => {
  test('fills placeholders with the images the importer found, and drops empty galleries', () => {
    const { html, galleries } = convertShortcodes('[gallery ids="1,2"]\n[gallery ids="9"]');
    const images: Record<string, { url: string; alt: string; caption: string }> = {
      1: { url: '/one.jpg', alt: 'One "quoted"', caption: '' },
      2: { url: '/two.jpg', alt: 'Two', caption: 'Second <em>image</em>' },
    };
    const resolved = resolveGalleries(html, galleries, (gallery) =>
      gallery.attachmentIds.flatMap((id) => (images[id] ? [images[id]] : [])),
    );
    assert.equal(
      resolved,
      '<figure class="gallery"><img src="/one.jpg" alt="One &quot;quoted&quot;">' +
        '<figure><img src="/two.jpg" alt="Two"><figcaption>Second <em>image</em></figcaption></figure></figure>\n',
    );
  });
});
