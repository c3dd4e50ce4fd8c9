import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSearchQuery } from './search-query.js';
import { highlightText, matcherFor, snippetOf } from './search-snippet.js';

const matches = (typed: string) => matcherFor(parseSearchQuery(typed));

describe('matcherFor', () => {
  test('matches folded words, Porter stems and prefixes', () => {
    const m = matches('councils Sejourne run budg');
    for (const word of ['Council', 'COUNCILS', 'Séjourné', 'running', 'runs', 'budget', 'Budgetary']) {
      assert.ok(m(word), word);
    }
    for (const word of ['counsel', 'sejour', 'rung', 'bud']) assert.ok(!m(word), word);
  });

  test('excluded words are never highlighted', () => {
    assert.ok(!matches('council -budget ')('budget'));
  });

  test('phrase words are highlighted one by one', () => {
    const m = matches('"climate change" ');
    assert.ok(m('climate') && m('change'));
  });
});

describe('highlightText', () => {
  test('escapes everything and marks only whole matching words', () => {
    assert.equal(
      highlightText('<img src=x onerror=alert(1)> & the "council"', matches('council alert ')),
      '&lt;img src=x onerror=<mark>alert</mark>(1)&gt; &amp; the &quot;<mark>council</mark>&quot;',
    );
  });

  test('a word inside another word is not marked', () => {
    assert.equal(highlightText('Recouncil councillor', matches('council ')), 'Recouncil councillor');
  });
});

describe('snippetOf', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

  test('cuts a window around the matches with ellipses', () => {
    const text = `${filler(100)} the bridge closed today. ${filler(100)}`;
    const { html, hits } = snippetOf(text, matches('bridge '), 10);
    assert.equal(hits, 1);
    assert.equal(html, '…w97 w98 w99 the <mark>bridge</mark> closed today. w0 w1 w2…');
  });

  test('prefers the window with the most distinct matching words', () => {
    const text = `bridge ${filler(40)} bridge bridge ${filler(40)} bridge toll ${filler(40)}`;
    const { html, hits } = snippetOf(text, matches('bridge toll '), 8);
    assert.equal(hits, 2);
    assert.match(html, /<mark>bridge<\/mark> <mark>toll<\/mark>/);
  });

  test('without a match: the opening of the text', () => {
    assert.deepEqual(snippetOf(`${filler(5)}.`, matches('nothing '), 10), {
      html: 'w0 w1 w2 w3 w4.',
      hits: 0,
    });
    assert.deepEqual(snippetOf(filler(20), matches('nothing '), 3), { html: 'w0 w1 w2…', hits: 0 });
    assert.deepEqual(snippetOf('', matches('x '), 3), { html: '', hits: 0 });
  });

  test('the text is escaped even outside the marks', () => {
    const { html } = snippetOf('<script>alert("x")</script> bridge', matches('bridge '));
    assert.equal(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>bridge</mark>');
  });
});
