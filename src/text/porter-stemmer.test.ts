import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { demoArticles } from '../demo/demo-content.js';
import { porterStem } from './porter-stemmer.js';

test("Porter's published examples", () => {
  const cases: [string, string][] = [
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['hopeful', 'hope'],
    ['goodness', 'good'],
    ['adjustment', 'adjust'],
    ['adoption', 'adopt'],
    ['controlling', 'control'],
    ['generalizations', 'gener'],
    ['councils', 'council'],
    ['running', 'run'],
    ['yelling', 'yell'],
    ['at', 'at'],
  ];
  for (const [word, stem] of cases) assert.equal(porterStem(word), stem, word);
});

test('agrees with SQLite FTS5 porter on every word of the demo newspaper', () => {
  const db = new SQLite(':memory:');
  db.exec("create virtual table t using fts5(x, tokenize = 'porter ascii')");
  db.exec("create virtual table v using fts5vocab(t, 'row')");
  const words = new Set<string>();
  for (const article of demoArticles) {
    for (const w of `${article.headline} ${article.dek} ${article.body}`.toLowerCase().match(/[a-z]+/g) ?? [])
      words.add(w);
  }
  assert.ok(words.size > 1000);
  const insert = db.prepare('insert into t (x) values (?)');
  const stemOf = db.prepare('select term from v');
  for (const word of words) {
    db.exec('delete from t');
    insert.run(word);
    const { term } = stemOf.get() as { term: string };
    assert.equal(porterStem(word), term, word);
  }
  db.close();
});
