import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { withImmediateTransactions } from '../../src/db/immediate-transactions.js';
import { withStatementCache } from '../../src/db/statement-cache.js';

function database() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');
  return sqlite;
}

test('the same SQL gets the same prepared statement', () => {
  const db = withStatementCache(database());
  const first = db.prepare('select n from t order by n');
  assert.equal(db.prepare('select n from t order by n'), first);
  assert.notEqual(db.prepare('select n from t order by n desc'), first);
  db.close();
});

test('a statement still being iterated is not handed out again', () => {
  const db = withStatementCache(database());
  const sql = 'select n from t order by n';
  const iterating = db.prepare(sql) as unknown as SQLite.Statement;
  const rows = iterating.iterate();
  rows.next();
  const other = db.prepare(sql) as unknown as SQLite.Statement;
  assert.notEqual(other, iterating);
  assert.deepEqual(other.all(), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  rows.return?.();
  assert.equal(db.prepare(sql), iterating);
  db.close();
});

test('the cache is bounded', () => {
  const db = withStatementCache(database(), 2);
  const a = db.prepare('select 1');
  db.prepare('select 2');
  db.prepare('select 3');
  assert.notEqual(db.prepare('select 1'), a, 'the oldest statement was dropped');
  db.close();
});

test('transactions begun through Kysely take the write lock at once, so two writers queue instead of failing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-immediate-'));
  const open = () => {
    const sqlite = new SQLite(join(dir, 'x.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 2000');
    return sqlite;
  };
  const first = open();
  first.exec('create table t (n integer)');
  const second = open();
  const db = withImmediateTransactions(withStatementCache(first));
  (db.prepare('begin') as unknown as SQLite.Statement).run();
  assert.equal(first.inTransaction, true);
  // The other connection cannot write while this transaction holds the lock, even before it has written.
  assert.throws(() => second.prepare('begin immediate').run(), /database is locked/);
  (db.prepare('commit') as unknown as SQLite.Statement).run();
  second.prepare('begin immediate').run();
  second.prepare('commit').run();
  db.close();
  second.close();
  rmSync(dir, { recursive: true, force: true });
});
