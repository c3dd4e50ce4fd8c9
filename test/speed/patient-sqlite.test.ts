import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { PatientSqliteDialect } from '../../src/db/patient-sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-patient-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Another process's connection, holding the write lock for `ms` (released on a timer). */
function holdWriteLock(file: string, ms: number): Promise<void> {
  const other = new SQLite(file);
  other.prepare('begin immediate').run();
  other.prepare('insert into t (n) values (0)').run();
  return new Promise((resolve) =>
    setTimeout(() => {
      other.prepare('commit').run();
      other.close();
      resolve();
    }, ms),
  );
}

test('a write waiting for another connection’s lock lets the event loop run, then lands', async () => {
  const file = join(dir, 'wait.db');
  const db = openDatabase({ sqliteFile: file });
  await sql`create table t (n integer)`.execute(db.kysely);
  const released = holdWriteLock(file, 150);
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  const started = Date.now();
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await sql`insert into t (n) values (1)`.execute(trx);
    });
    await sql`insert into t (n) values (2)`.execute(db.kysely);
  } finally {
    clearInterval(ticker);
    await released;
  }
  assert.ok(Date.now() - started >= 140, 'it waited for the lock');
  // SQLite's own busy handler would have slept inside the call, and no timer could have fired.
  assert.ok(ticks >= 10, `the event loop ran ${ticks} times while waiting`);
  const { rows } = await sql<{ n: number }>`select n from t order by n`.execute(db.kysely);
  assert.deepEqual(
    rows.map((r) => r.n),
    [0, 1, 2],
  );
  await db.close();
});

test('past its wait a write fails with "database is locked", and changed nothing', async () => {
  const file = join(dir, 'give-up.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 0');
  sqlite.exec('create table t (n integer)');
  const db = new Kysely<{ t: { n: number } }>({
    dialect: new PatientSqliteDialect({ database: sqlite }, 50),
  });
  const released = holdWriteLock(file, 300);
  await assert.rejects(db.insertInto('t').values({ n: 1 }).execute(), /database is locked/);
  await released;
  assert.deepEqual(await db.selectFrom('t').select('n').execute(), [{ n: 0 }]);
  await db.destroy();
});
