/**
 * Makes every Kysely transaction on SQLite take the write lock when it begins.
 * A plain (deferred) BEGIN starts as a reader; if another process commits
 * before the transaction's first write, SQLite cannot upgrade it and fails at
 * once with "database is locked", without waiting for busy_timeout. BEGIN
 * IMMEDIATE waits its turn instead: with several workers writing (comments,
 * outbox claims, rate limits) that is the difference between a queue and errors.
 */
import type { SqliteDatabase } from 'kysely';

/** `database` with Kysely's `begin` run as `begin immediate`. */
export function withImmediateTransactions(database: SqliteDatabase): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare: (sql: string) => database.prepare(sql === 'begin' ? 'begin immediate' : sql),
  };
}
