import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { parseSearchQuery, toFts5Match, toPostgresTsquery } from './search-query.js';

const FRAGMENTS = [
  ...['"', '-', '*', '(', ')', ':', '^', '+', '{', '}', ',', "'", ';', '.', '/', '\\', '|', '&', '!', '<->'],
  ...[' ', '  ', '\t', '\n', '\u0000', '\u0007', '\u00ad', '\u200b', '\ufeff', '\ud800', '\udc00'],
  ...['OR', 'AND', 'NOT', 'NEAR', 'or', 'headline', 'council', 'Séjourné', 'e\u0301', '🙂', '👩‍👧', 'Москва'],
  ...['“', '”', '«', '»', "'; DROP TABLE articles; --", 'x'.repeat(70)],
];

// Any UTF-16 sequence, lone surrogates included, plus strings made only of operators and quotes.
const readerInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom('"', '-', '*', '(', ')', ':', '^', ' ', 'OR', 'AND', 'NOT'),
    maxLength: 60,
  }),
);

/** True when `expr` is only double-quoted strings, AND/OR/NOT, parentheses, `*` after a string, and spaces. */
function isSafeFts5(expr: string): boolean {
  let depth = 0;
  let afterString = false;
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= expr.length || /\p{Cc}/u.test(expr[j])) return false;
        if (expr[j] === '"') {
          if (expr[j + 1] !== '"') break;
          j++;
        }
        j++;
      }
      i = j + 1;
      afterString = true;
      continue;
    }
    if (ch === '*' && afterString) {
      afterString = false;
      i++;
      continue;
    }
    afterString = false;
    if (ch === ' ') i++;
    else if (ch === '(') {
      depth++;
      i++;
    } else if (ch === ')') {
      if (--depth < 0) return false;
      i++;
    } else {
      const keyword = /^(?:AND|OR|NOT)(?=[ ()]|$)/.exec(expr.slice(i));
      if (!keyword) return false;
      i += keyword[0].length;
    }
  }
  return depth === 0;
}

/** True when `tsquery` is only [a-z0-9_] lexemes, & | ! <-> :*, balanced parentheses and spaces. */
function isSafeTsquery(tsquery: string): boolean {
  if (!/^(?:[a-z0-9_]+|&|\||!|<->|:\*|\(|\)| )+$/.test(tsquery)) return false;
  let depth = 0;
  for (const ch of tsquery) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('the output validators', () => {
  test('accept what the builders should produce', () => {
    assert.equal(isSafeFts5('("a" OR "b c"*) AND "d" NOT "e ""f"""'), true);
    assert.equal(isSafeTsquery('(a | (b <-> c:*)) & d & !e_1'), true);
  });

  test('reject anything else', () => {
    for (const bad of [
      'a',
      '"a',
      '"a" NEAR "b"',
      'headline:"a"',
      '"a\u0000"',
      '*"a"',
      '("a"',
      '"a")',
      '"a" ORX',
    ]) {
      assert.equal(isSafeFts5(bad), false, bad);
    }
    for (const bad of ['A', "'a'", 'a:b', 'a <2> b', '(a', 'a)', 'é', '']) {
      assert.equal(isSafeTsquery(bad), false, bad);
    }
  });
});

describe('any reader input', () => {
  test('parses without throwing into safe FTS5 and tsquery strings', () => {
    fc.assert(
      fc.property(readerInput, (input) => {
        const q = parseSearchQuery(input);
        const fts5 = toFts5Match(q);
        const tsquery = toPostgresTsquery(q);
        assert.equal(fts5 === null, q.isEmpty);
        if (fts5 !== null) assert.ok(isSafeFts5(fts5), `FTS5 ${JSON.stringify(fts5)}`);
        if (tsquery !== null) assert.ok(isSafeTsquery(tsquery), `tsquery ${JSON.stringify(tsquery)}`);
        assert.ok(q.groups.flat().length + q.excluded.length <= 32);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('on a real FTS5 table', () => {
  const db = new Database(':memory:');
  after(() => db.close());
  db.exec(`CREATE VIRTUAL TABLE article_search USING fts5(
    headline, body, tokenize = "porter unicode61 remove_diacritics 2")`);
  const insert = db.prepare('INSERT INTO article_search (rowid, headline, body) VALUES (?, ?, ?)');
  insert.run(1, 'Séjourné visits the town hall', 'The councils met by e-mail about the budget cuts.');
  insert.run(2, 'Climate change reaches the Alps', 'Global warming strains the budget.');
  insert.run(3, 'Parliament debates climate policy', 'Change is slow.');
  insert.run(4, 'Sejourne interview', 'In plain spelling.');
  insert.run(5, 'Councillor resigns', 'A short notice.');
  const search = db.prepare<[string], { rowid: number }>(
    'SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY rowid',
  );

  function matches(typed: string): number[] | null {
    const match = toFts5Match(parseSearchQuery(typed));
    return match === null ? null : search.all(match).map((row) => row.rowid);
  }

  test('MATCH never throws on 2,000 generated inputs', () => {
    fc.assert(
      fc.property(readerInput, (input) => {
        const match = toFts5Match(parseSearchQuery(input));
        if (match !== null) search.all(match);
      }),
      { numRuns: 2_000 },
    );
  });

  test('MATCH never throws on the malformed examples', () => {
    const examples = ['"', '-', '*', '(', ')', ':', '^', 'NEAR', 'AND', 'NOT', 'OR OR', 'headline:climate'];
    for (const typed of [...examples, "'; DROP TABLE articles; --", '\u0000"\u0000', 'x '.repeat(5_120)]) {
      assert.doesNotThrow(() => matches(typed), typed);
    }
  });

  test('the syntax finds the expected articles', () => {
    const expected: [string, number[] | null][] = [
      ['climate ', [2, 3]],
      ['"climate change"', [2]],
      ['climate change ', [2, 3]],
      ['climate -budget ', [3]],
      ['climate -"global warming" ', [3]],
      ['parliament OR alps ', [2, 3]],
      ['parliament or alps ', []],
      ['budget climate OR hall ', [1, 2]],
      ['counc', [1, 5]],
      ['town counc', [1]],
      ['counc ', []],
      ['council ', [1]],
      ['councils ', [1]],
      ['Séjourné ', [1, 4]],
      ['sejourne ', [1, 4]],
      ['SÉJOURNÉ', [1, 4]],
      ['e-mail ', [1]],
      ['"budget cuts" ', [1]],
      ['"climate change', [2, 3]],
      ['headline:climate', []],
      ['-climate', null],
    ];
    for (const [typed, rowids] of expected) assert.deepEqual(matches(typed), rowids, typed);
  });
});
