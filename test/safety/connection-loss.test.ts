import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { createTestDb, DIALECTS } from '../support/databases.js';

// A PostgreSQL restart or an administrator ends idle pooled connections; the pool emits the error, and
// without a listener that would end the whole process.
test('PostgreSQL ending idle connections is reported, not fatal, and the next query reconnects', {
  skip: DIALECTS.includes('postgres') ? false : 'TEST_DATABASE_URL is not set',
}, async () => {
  const holder = await createTestDb('postgres');
  const lost: Error[] = [];
  const db = openDatabase({
    databaseUrl: holder.location.databaseUrl,
    onConnectionLost: (e) => lost.push(e),
  });
  try {
    // Several connections at once, so the pool keeps idle ones.
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(db.kysely)));
    const admin = new pg.Client({ connectionString: holder.location.databaseUrl! });
    await admin.connect();
    const ended = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await admin.end();
    // Each idle connection hears of its end on its own; until the last has, a query could still be given
    // one that has not (on a busy machine that took long enough to fail this test once).
    const giveUpAt = Date.now() + 5000;
    while (lost.length < (ended.rowCount ?? 1) && Date.now() < giveUpAt)
      await new Promise((r) => setTimeout(r, 20));
    assert.ok(lost.length > 0, 'the lost connections were reported');
    assert.match(lost[0]!.message, /terminat/);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
    assert.equal(rows[0]!.one, 1);
  } finally {
    await db.close();
    await holder.close();
  }
});
