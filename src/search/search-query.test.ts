import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldText, parseSearchQuery, toFts5Match, toPostgresTsquery } from './search-query.js';

// [typed query, FTS5 MATCH expression, to_tsquery input]
type Case = [string, string | null, string | null];

function assertCases(cases: Case[]): void {
  for (const [typed, fts5, tsquery] of cases) {
    const q = parseSearchQuery(typed);
    assert.equal(toFts5Match(q), fts5, `FTS5 for ${JSON.stringify(typed)}`);
    assert.equal(toPostgresTsquery(q), tsquery, `tsquery for ${JSON.stringify(typed)}`);
  }
}

describe('query syntax', () => {
  test('words must all match', () => {
    assertCases([
      ['council budget ', '"council" AND "budget"', 'council & budget'],
      ['  council \t budget\n', '"council" AND "budget"', 'council & budget'],
      ['council AND budget ', '"council" AND "budget"', 'council & budget'],
    ]);
  });

  test('an exact phrase in straight, curly or angle quotes', () => {
    assertCases([
      ['"climate change"', '"climate change"', '(climate <-> change)'],
      ['“climate change” ', '"climate change"', '(climate <-> change)'],
      ['«climate change» ', '"climate change"', '(climate <-> change)'],
      ['"climate change" policy ', '"climate change" AND "policy"', '(climate <-> change) & policy'],
      ['"council"', '"council"', 'council'],
      ['"climate OR change"', '"climate OR change"', '(climate <-> or <-> change)'],
    ]);
  });

  test('a word joined by punctuation is a phrase of its pieces', () => {
    assertCases([
      ['e-mail ', '"e mail"', '(e <-> mail)'],
      ["O'Brien ", '"O Brien"', '(o <-> brien)'],
      ['U.S. ', '"U S"', '(u <-> s)'],
    ]);
  });

  test('excluded terms and phrases', () => {
    assertCases([
      ['council -budget', '("council") NOT "budget"', 'council & !budget'],
      ['council -"budget cuts"', '("council") NOT "budget cuts"', 'council & !(budget <-> cuts)'],
      ['-budget council ', '("council") NOT "budget"', 'council & !budget'],
      ['council -budget -tax', '("council") NOT "budget" NOT "tax"', 'council & !budget & !tax'],
      ['e-mail -spam-filter ', '("e mail") NOT "spam filter"', '(e <-> mail) & !(spam <-> filter)'],
    ]);
  });

  test('uppercase OR joins its two neighbours, tighter than the implicit AND', () => {
    assertCases([
      ['council OR parliament ', '("council" OR "parliament")', '(council | parliament)'],
      ['a OR b OR c d ', '("a" OR "b" OR "c") AND "d"', '(a | b | c) & d'],
      ['tax council OR parliament ', '"tax" AND ("council" OR "parliament")', 'tax & (council | parliament)'],
      ['"climate change" OR warming ', '("climate change" OR "warming")', '((climate <-> change) | warming)'],
      ['council OR parl', '("council" OR "parl"*)', '(council | parl:*)'],
    ]);
  });

  test('lowercase or is an ordinary word', () => {
    assertCases([
      ['council or parliament ', '"council" AND "or" AND "parliament"', 'council & or & parliament'],
    ]);
  });

  test('the last word still being typed is a prefix', () => {
    assertCases([
      ['counc', '"counc"*', 'counc:*'],
      ['town counc', '"town" AND "counc"*', 'town & counc:*'],
      ['town counc ', '"town" AND "counc"', 'town & counc'],
      ['"town counc"', '"town counc"', '(town <-> counc)'],
      ['e-ma', '"e ma"*', '(e <-> ma:*)'],
      ['council.', '"council"', 'council'],
      ['council -budg', '("council") NOT "budg"', 'council & !budg'],
    ]);
  });

  test('a trailing * asks for a prefix anywhere', () => {
    assertCases([
      ['counc* budget ', '"counc"* AND "budget"', 'counc:* & budget'],
      ['council -budg* ', '("council") NOT "budg"*', 'council & !budg:*'],
    ]);
  });

  test('case and accents are folded', () => {
    const q = parseSearchQuery('Séjourné');
    // FTS5 gets the word as typed: remove_diacritics folds query and index alike.
    assert.equal(toFts5Match(q), '"Séjourné"*');
    assert.equal(toPostgresTsquery(q), 'sejourne:*');
    assert.deepEqual(q.terms, ['sejourne']);
    assertCases([
      ['SÉJOURNÉ ', '"SÉJOURNÉ"', 'sejourne'],
      ['Se\u0301journe\u0301 ', '"Séjourné"', 'sejourne'],
      ['Straße Łódź ', '"Straße" AND "Łódź"', 'strasse & lodz'],
    ]);
  });

  test('only excluded terms is no query', () => {
    for (const typed of ['-budget', '-"budget cuts" -tax', '- -', '']) {
      const q = parseSearchQuery(typed);
      assert.equal(q.isEmpty, true, typed);
      assert.equal(toFts5Match(q), null);
      assert.equal(toPostgresTsquery(q), null);
    }
    assert.deepEqual(parseSearchQuery('-budget').excluded, [{ kind: 'term', word: 'budget', prefix: false }]);
  });

  test('the AST and highlight terms', () => {
    const q = parseSearchQuery('Council OR "climate change" -tax counc');
    assert.deepEqual(q.groups, [
      [
        { kind: 'term', word: 'Council', prefix: false },
        { kind: 'phrase', words: ['climate', 'change'], prefix: false },
      ],
      [{ kind: 'term', word: 'counc', prefix: true }],
    ]);
    assert.deepEqual(q.excluded, [{ kind: 'term', word: 'tax', prefix: false }]);
    assert.equal(q.isEmpty, false);
    assert.deepEqual(q.terms, ['council', 'climate', 'change', 'counc']);
  });

  test('words in scripts outside a-z stay in FTS5 but leave the PostgreSQL query', () => {
    assertCases([
      ['Москва', '"Москва"*', null],
      ['Москва council ', '"Москва" AND "council"', 'council'],
      ['council -Москва ', '("council") NOT "Москва"', 'council'],
    ]);
    assert.deepEqual(parseSearchQuery('Москва ').terms, ['москва']);
  });
});

describe('malformed queries degrade to a plain word search', () => {
  test('unbalanced quotes', () => {
    assertCases([
      ['"climate change', '"climate" AND "change"*', 'climate & change:*'],
      ['climate change"', '"climate" AND "change"', 'climate & change'],
      ['"climate change" "tax', '"climate change" AND "tax"*', '(climate <-> change) & tax:*'],
      ['-"budget council ', '("council") NOT "budget"', 'council & !budget'],
      ['"', null, null],
      ['"""', null, null],
      ['""', null, null],
    ]);
  });

  test('stray OR', () => {
    assertCases([
      ['OR council ', '"council"', 'council'],
      ['council OR ', '"council"', 'council'],
      ['OR OR council OR', '"council"', 'council'],
      ['council OR OR budget ', '("council" OR "budget")', '(council | budget)'],
      ['council OR -budget ', '("council") NOT "budget"', 'council & !budget'],
      ['-budget OR council ', '("council") NOT "budget"', 'council & !budget'],
      ['OR', null, null],
    ]);
  });

  test('lone operator characters', () => {
    for (const typed of ['-', '--', '"', '*', '(', ')', ':', '^', '()', '-*', '+', '&', '|', '!', '~']) {
      assertCases([[typed, null, null]]);
    }
  });

  test('FTS5 syntax is searched as words', () => {
    assertCases([
      ['NEAR(council budget)', '"NEAR" AND "council" AND "budget"', 'near & council & budget'],
      ['NEAR(council budget, 3)', '"NEAR" AND "council" AND "budget" AND "3"', 'near & council & budget & 3'],
      ['council NOT budget ', '"council" AND "NOT" AND "budget"', 'council & not & budget'],
      ['headline:council', '"headline council"*', '(headline <-> council:*)'],
      ['{headline dek}:council ', '"headline" AND "dek" AND "council"', 'headline & dek & council'],
      ['^council ', '"council"', 'council'],
      ['(council OR budget) ', '("council" OR "budget")', '(council | budget)'],
      ['council* ', '"council"*', 'council:*'],
      ['*council ', '"council"', 'council'],
      ['+council ', '"council"', 'council'],
    ]);
  });

  test('SQL fragments', () => {
    assertCases([
      ["'; DROP TABLE articles; --", '"DROP" AND "TABLE" AND "articles"', 'drop & table & articles'],
      ["1' OR '1'='1", '("1" OR "1 1"*)', '(1 | (1 <-> 1:*))'],
      ["council'); --", '"council"', 'council'],
    ]);
  });

  test('control characters and null bytes', () => {
    assertCases([
      ['council\u0000budget\u0007', '"council" AND "budget"', 'council & budget'],
      ['"climate\u0000change" ', '"climate change"', '(climate <-> change)'],
      ['\u0000', null, null],
      ['coun\u00adcil\u200b ', '"council"', 'council'],
    ]);
  });

  test('emoji', () => {
    assertCases([
      ['🙂 council 🎉', '"council"', 'council'],
      ['council🙂budget ', '"council budget"', '(council <-> budget)'],
      ['👩‍👩‍👧‍👦', null, null],
    ]);
  });

  test('at most 32 words', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const q = parseSearchQuery(words.join(' '));
    assert.equal(q.groups.length, 32);
    // The 40th word was cut off, so no word is a prefix.
    assert.equal(
      toFts5Match(q),
      words
        .slice(0, 32)
        .map((w) => `"${w}"`)
        .join(' AND '),
    );
    const phrase = parseSearchQuery(`${words.slice(0, 30).join(' ')} "a b c d" e`);
    assert.deepEqual(phrase.groups.at(-1), [{ kind: 'phrase', words: ['a', 'b'], prefix: false }]);
  });

  test('words longer than 64 characters are dropped', () => {
    assertCases([
      [`${'a'.repeat(64)} `, `"${'a'.repeat(64)}"`, 'a'.repeat(64)],
      [`${'a'.repeat(65)} council `, '"council"', 'council'],
    ]);
  });

  test('10 KB of text', () => {
    const text = 'The council met on Tuesday to discuss the budget. '.repeat(205);
    assert.ok(text.length > 10_000);
    const q = parseSearchQuery(text);
    assert.equal(q.groups.flat().length, 32);
    assert.ok(toFts5Match(q)!.length < 1_000);
    assert.ok(toPostgresTsquery(q)!.length < 1_000);
    assert.equal(toFts5Match(parseSearchQuery('x'.repeat(10_240))), null);
    assert.equal(parseSearchQuery(`${'-'.repeat(5_000)}${'"('.repeat(5_000)}`).isEmpty, true);
  });

  test('input that is not a string', () => {
    const q = parseSearchQuery(undefined as unknown as string);
    assert.equal(q.isEmpty, true);
    assert.equal(toFts5Match(q), null);
  });
});

describe('foldText', () => {
  test('decomposes, strips accents and lower-cases', () => {
    assert.equal(foldText('Séjourné'), 'sejourne');
    assert.equal(foldText('Se\u0301journe\u0301'), 'sejourne');
    assert.equal(foldText('ÉCOLE Ñandú Ångström'), 'ecole nandu angstrom');
    assert.equal(foldText('ﬁnance'), 'finance');
    assert.equal(foldText('Straße Łódź Øresund Æsir'), 'strasse lodz oresund aesir');
    assert.equal(foldText('İstanbul'), 'istanbul');
    assert.equal(foldText('Москва'), 'москва');
    assert.equal(foldText('서울'), '서울');
  });
});
