import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { porterStem } from '../text/porter-stemmer.js';
import { isCaseless, stripBoilerplate, tokenize } from './tokenize.js';

describe('tokenize', () => {
  test('keeps a capitalised multi-word name whole, connectors included', () => {
    const terms = tokenize('Rates were raised by the Bank of England on Thursday.', 'en');
    assert.ok(terms.includes('bank of england'));
    assert.ok(!terms.includes('bank'));
    assert.ok(!terms.includes('england'));
  });

  test('drops sentence-initial stop words, titles and legal-form suffixes from names', () => {
    const terms = tokenize(
      'The Federal Reserve Board met. President Robert Staubli spoke. Hanson Trust Plc sold PCR Inc.',
      'en',
    );
    assert.ok(terms.includes('federal reserve board'));
    assert.ok(terms.includes('robert staubli'));
    assert.ok(terms.includes('hanson trust'));
    assert.ok(terms.includes('pcr'), 'a one-word name left after the suffix is an ordinary word');
  });

  test('a capitalised word on its own is an ordinary word', () => {
    assert.deepEqual(tokenize('Showers continued', 'en'), ['shower', 'continu']);
  });

  test('an ALL-CAPS headline is not one giant name', () => {
    const terms = tokenize('BROWN-FORMAN INC <BFD> 4TH QTR NET', 'en');
    assert.ok(
      terms.every((t) => !t.includes(' ')),
      JSON.stringify(terms),
    );
    assert.ok(terms.includes('bfd'));
    assert.ok(terms.includes('net'));
  });

  test('a Title Case headline is not one giant name', () => {
    const terms = tokenize('Fed Raises Rates As Powell Warns On Inflation', 'en');
    assert.deepEqual(terms, tokenize('fed raises rates as powell warns on inflation', 'en'));
  });

  test('removes stop words, newswire filler and numbers', () => {
    const terms = tokenize(
      'The company said on Monday that it sold 1,830,000 shares, 12.5 pct of the total.',
      'en',
    );
    for (const gone of ['the', 'said', 'monday', 'that', 'it', '1', '830', '12.5']) {
      assert.ok(!terms.includes(gone), `${gone} should be removed`);
    }
    assert.ok(terms.includes('compani'));
  });

  test('stems English words so inflections meet', () => {
    assert.deepEqual(tokenize('shipments shipment shipping', 'en'), ['shipment', 'shipment', 'ship']);
  });

  test('keeps dotted abbreviations apart from stop words', () => {
    assert.ok(tokenize('Exports to the U.S. fell', 'en').includes('u.s'));
  });

  test('strips credits and calls to action', () => {
    const text = 'Oil rose.\n(Reporting by Jane Doe; Editing by Ann Smith)\nSign up for our newsletter here.';
    assert.deepEqual(tokenize(text, 'en'), ['oil', 'rose']);
    assert.ok(!stripBoilerplate(text).includes('Jane Doe'));
  });

  test('does not stem or apply English stop words to other languages', () => {
    assert.deepEqual(tokenize('les élections municipales', 'fr'), ['les', 'élections', 'municipales']);
  });
});

describe('isCaseless', () => {
  test('spots ALL CAPS and Title Case, not sentence case', () => {
    assert.equal(isCaseless('KEYCORP <KEY> AGREES TO ACQUIRE UTAH BANK'), true);
    assert.equal(isCaseless('Keycorp Agrees To Acquire Utah Bank'), true);
    assert.equal(isCaseless('Keycorp agrees to acquire Utah bank'), false);
  });
});

describe('porterStem', () => {
  test('follows the Porter reference examples', () => {
    const examples: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['agreed', 'agre'],
      ['hopping', 'hop'],
      ['relational', 'relat'],
      ['generalization', 'gener'],
      ['electricity', 'electr'],
      ['adjustment', 'adjust'],
      ['controlling', 'control'],
      ['yields', 'yield'],
    ];
    for (const [word, stem] of examples) assert.equal(porterStem(word), stem, word);
  });
});
