/**
 * PostgreSQL runs the SQL texts a process repeats as prepared statements, and a statement the server no
 * longer has, or that no longer fits its table, costs a retry, never an error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { inlineCount } from '../../src/db/inline-count.js';
import { prepareStatements } from '../../src/db/prepared-statements.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

// The table these tests make.
interface Newsroom {
  desks: { id: number; name: string; floor?: number };
}

describe('prepared statements on PostgreSQL', {
  skip: DIALECTS.includes('postgres') ? false : 'TEST_DATABASE_URL is not set',
}, () => {
  let holder: TestDb;
  let pool: pg.Pool;
  let db: Kysely<Newsroom>;

  before(async () => {
    holder = await createTestDb('postgres', { migrate: false });
    // One connection, so every query below meets the statements the ones before it prepared.
    pool = new pg.Pool({ connectionString: holder.location.databaseUrl!, max: 1 });
    // Room for every text below; the bound has its own test and pool.
    prepareStatements(pool, 50);
    db = new Kysely<Newsroom>({ dialect: new PostgresDialect({ pool }) });
    await sql`create table desks (id integer primary key, name text not null)`.execute(db);
    await sql`insert into desks values (1, 'Politics'), (2, 'Sport')`.execute(db);
  });
  after(async () => {
    await db.destroy();
    await holder.close();
  });

  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map(
      (r) => r.statement,
    );

  test('a query is prepared on its connection once and its text runs by name after', async () => {
    for (let i = 0; i < 3; i++) {
      const rows = await db.selectFrom('desks').select('name').where('id', '=', 2).execute();
      assert.deepEqual(rows, [{ name: 'Sport' }]);
    }
    const statements = await prepared();
    assert.equal(statements.filter((s) => s.includes('from "desks"')).length, 1);
  });

  test('a column added under a prepared select * is seen on the next run', async () => {
    const all = () => db.selectFrom('desks').selectAll().where('id', '=', 1).execute();
    assert.deepEqual(await all(), [{ id: 1, name: 'Politics' }]);
    assert.ok(
      (await prepared()).some((s) => s.startsWith('select * from "desks"')),
      'prepared before the change',
    );
    await sql`alter table desks add column floor integer not null default 3`.execute(db);
    assert.deepEqual(await all(), [{ id: 1, name: 'Politics', floor: 3 }]);
    assert.deepEqual(await all(), [{ id: 1, name: 'Politics', floor: 3 }]);
  });

  test('statements the server has dropped (a pooler, DISCARD ALL) are run again unnamed, then prepared anew', async () => {
    const one = () => db.selectFrom('desks').select('name').where('id', '=', 1).execute();
    await one();
    await sql`deallocate all`.execute(db);
    assert.deepEqual(await one(), [{ name: 'Politics' }]);
    assert.deepEqual(await one(), [{ name: 'Politics' }]);
  });

  test('a connection prepares no more than its bound; the rest run unnamed', async () => {
    const own = new pg.Pool({ connectionString: holder.location.databaseUrl!, max: 1 });
    prepareStatements(own, 2);
    const bounded = new Kysely<Newsroom>({ dialect: new PostgresDialect({ pool: own }) });
    try {
      for (const round of [1, 2]) {
        for (const id of [1, 2, 3, 4]) {
          const rows = await bounded
            .selectFrom('desks')
            .select('name')
            .where('id', '<=', id)
            .limit(inlineCount(id))
            .execute();
          assert.equal(rows.length, Math.min(id, 2), `round ${round}`);
        }
      }
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_prepared_statements`.execute(bounded);
      assert.equal(rows[0]!.n, 2);
    } finally {
      await bounded.destroy();
    }
  });
});
