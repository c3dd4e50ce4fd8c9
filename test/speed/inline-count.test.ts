import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { inlineCount } from '../../src/db/inline-count.js';

interface Db {
  t: { n: number };
}

test('row counts are written into the SQL, and the rows are the same as with bound ones', async () => {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (n integer); insert into t values (1), (2), (3), (4)');
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });
  const inline = db.selectFrom('t').select('n').orderBy('n').limit(inlineCount(2)).offset(inlineCount(1));
  const compiled = inline.compile();
  assert.match(compiled.sql, /limit 2 offset 1$/);
  assert.deepEqual(compiled.parameters, []);
  const bound = db.selectFrom('t').select('n').orderBy('n').limit(2).offset(1);
  assert.deepEqual(await inline.execute(), await bound.execute());
  await db.destroy();
});

test('anything but a whole, non-negative number is refused rather than written into SQL', () => {
  for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
    assert.throws(() => inlineCount(bad), RangeError, String(bad));
  }
  assert.throws(() => inlineCount('1; drop table t' as unknown as number), RangeError);
});
