import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingAltText, readArticleForm, splitNames } from './article-form.js';

describe('article form', () => {
  test('reads fields as typed, normalising line ends and the checkbox', () => {
    const form = readArticleForm({
      headline: 'Storm',
      bodySource: 'one\r\ntwo',
      commentsOpen: '1',
      extra: 'x',
    });
    assert.equal(form.headline, 'Storm');
    assert.equal(form.bodySource, 'one\ntwo');
    assert.equal(form.commentsOpen, true);
    assert.equal(readArticleForm({}).commentsOpen, false);
    assert.equal(readArticleForm({}).language, 'en');
    assert.equal(readArticleForm({ seeAlsoMode: 'weird' }).seeAlsoMode, 'auto');
  });

  test('names split on commas and lines, without repeats', () => {
    assert.deepEqual(splitNames(' Flood ,harbour\nflood,, Ana  Ruiz '), ['Flood', 'harbour', 'Ana Ruiz']);
    assert.deepEqual(splitNames(''), []);
  });

  test('images without alt text block publishing', () => {
    assert.deepEqual(missingAltText({ bodySource: '![A gull](/media/a.jpg)', featuredImage: null }), {});
    const problems = missingAltText({
      bodySource: '![](/media/a.jpg)\n<img src="/b.png">\n<img src="/c.png" alt="Crane">',
      featuredImage: { url: '/media/x.jpg', alt: ' ' },
    });
    assert.match(problems.bodySource!, /2 images in the body have no alt text/);
    assert.match(problems.featuredImageAlt!, /featured image needs alt text/);
  });
});
