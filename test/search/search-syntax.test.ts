// Every query-syntax case and every kind of malformed input, run against the real index on both
// databases. Malformed input never errors: it degrades to a plain word search.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { DIALECTS } from '../support/databases.js';
import { buildSearchWorld, type SearchWorld } from './search-world.js';

const D1 = 'Council budget approved';
const D2 = 'Parliament debates budget';
const D3 = 'Council rejects parliament plan';
const D4 = 'Harbour news';

// [what a reader types, headlines found]. A trailing space means "done typing" (no prefix).
type Case = [string, string[]];

const SYNTAX: Record<string, Case[]> = {
  'all words must match': [
    ['council budget ', [D1]],
    ['COUNCIL Budget ', [D1]],
    ['council AND budget ', [D1]],
  ],
  'an exact phrase': [
    ['"climate change"', [D1]],
    ['climate change ', [D1, D2]],
    ['“climate change”', [D1]],
    ['«climate change» ', [D1]],
  ],
  'excluded words and phrases': [
    ['council -budget ', [D3, D4]],
    ['council -"parliament plan" ', [D1, D4]],
    ['budget -"climate change" ', [D2]],
  ],
  'OR, binding tighter than the implicit AND': [
    ['parliament OR harbour ', [D2, D3, D4]],
    ['council parliament OR harbour ', [D3, D4]],
    ['"climate change" OR harbour ', [D1, D4]],
    ['harbour or parliament ', []],
  ],
  'prefix for the last word typed, or with *': [
    ['parl', [D2, D3]],
    ['parl ', []],
    ['parl* budget ', [D2]],
    ['"parliament pl', [D3]],
  ],
  'words joined by punctuation': [
    ['e-mail ', [D3]],
    ["O'Brien ", [D3]],
  ],
};

const MALFORMED: Record<string, Case[]> = {
  'unbalanced quotes': [
    ['"climate change', [D1, D2]],
    ['budget "', [D1, D2]],
    ['"budget "council', [D1]],
    ['"""', []],
  ],
  'stray operators': [
    ['OR budget ', [D1, D2]],
    ['budget OR ', [D1, D2]],
    ['budget OR OR council ', [D1, D2, D3, D4]],
    ['OR ', []],
    ['AND ', []],
    ['- budget ', [D1, D2]],
    ['budget - ', [D1, D2]],
    ['budget -- ', [D1, D2]],
    ['-budget', []],
  ],
  'FTS5 and tsquery syntax is searched as words': [
    ['NEAR(council budget) ', []],
    ['(council budget) ', [D1]],
    ['council) (budget ', [D1]],
    ['^council budget ', [D1]],
    ['*council* budget ', [D1]],
    ['{council} [budget] ', [D1]],
    ['council & budget | ! ', [D1]],
    ['council:* budget ', [D1]],
    ['headline:council ', []],
  ],
  'SQL fragments': [
    ["council'; DROP TABLE articles; -- ", []],
    ['" OR 1=1 -- ', []],
    ["budget' OR '1'='1 ", [D1, D2]],
    ['budget%_\\ ', [D1, D2]],
    ['budget) UNION SELECT email FROM users -- ', []],
  ],
  'emoji and control characters': [
    ['🗳️ budget 🎉 ', [D1, D2]],
    ['😀', []],
    ['council\u0000budget ', [D1]],
    ['bud\u00adget ', [D1, D2]],
    ['\u202ebudget ', [D1, D2]],
  ],
  '10 KB of text': [
    ['council budget '.repeat(700), [D1]],
    ['x'.repeat(10_240), []],
    [`${'lorem ipsum '.repeat(900)}budget`, []],
  ],
  'empty input': [
    ['', []],
    ['   \t\n ', []],
  ],
};

// Pieces readers (and attackers) type, for the random-input property.
const FRAGMENTS = [
  'council',
  'budget',
  'OR',
  'AND',
  'NOT',
  'NEAR',
  '-',
  '"',
  '“',
  '(',
  ')',
  '*',
  '^',
  ':',
  "'",
  '--',
  '&',
  '|',
  '!',
  '<->',
  ':*',
  'é',
  'ß',
  '😀',
  '\u0000',
  ' ',
  ';',
  '%',
  '\\',
];

for (const dialect of DIALECTS) {
  describe(`query syntax (${dialect})`, () => {
    let w: SearchWorld;
    before(async () => {
      w = await buildSearchWorld(dialect);
      await w.published({
        headline: D1,
        bodySource: 'The council approved the budget after a long debate about climate change.',
      });
      await w.published({
        headline: D2,
        bodySource: 'Members of parliament argued. Change the climate, said one.',
      });
      await w.published({ headline: D3, bodySource: "The e-mail from O'Brien was read out." });
      await w.published({ headline: D4, bodySource: 'Fishing boats returned. The council did not meet.' });
    });
    after(() => w.close());

    async function check(cases: Case[]): Promise<void> {
      for (const [typed, expected] of cases) {
        const found = await w.publicHeadlines(typed);
        assert.deepEqual(found.sort(), [...expected].sort(), JSON.stringify(typed.slice(0, 60)));
      }
    }

    for (const [name, cases] of Object.entries(SYNTAX)) test(name, () => check(cases));

    describe('malformed input degrades to a plain word search', () => {
      for (const [name, cases] of Object.entries(MALFORMED)) test(name, () => check(cases));

      test('FTS5 keywords are words: NOT matches the word "not" (a stop word on PostgreSQL)', async () => {
        const found = await w.publicHeadlines('NOT council ');
        assert.ok(found.includes(D4));
        assert.deepEqual(
          (await w.publicHeadlines('not council ')).sort(),
          found.sort(),
          'NOT and not mean the same',
        );
      });

      test('only excluded words or nothing searchable: no search, not an error', async () => {
        for (const typed of ['-budget', '-"climate change"', '', '😀', 'OR AND', '--']) {
          const results = await w.search.searchPublic(typed);
          assert.equal(results.searched, false, typed);
          assert.equal(results.total, 0);
        }
      });

      test('the articles table survives SQL typed into the box', async () => {
        await w.search.searchPublic("x'); DELETE FROM articles; --");
        await w.search.searchPublic('x"); DELETE FROM articles; --');
        assert.equal((await w.publicHeadlines('council ')).length, 3);
      });

      test('random input never errors, for readers or the newsroom', async () => {
        const editor = await w.user('editor');
        const input = fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 30 }),
        );
        await fc.assert(
          fc.asyncProperty(input, async (typed) => {
            const results = await w.search.searchPublic(typed);
            assert.ok(results.total >= 0);
            await w.search.searchNewsroom(typed, editor);
          }),
          { numRuns: 150 },
        );
      });
    });
  });
}
