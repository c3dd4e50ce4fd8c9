/**
 * Reuses prepared SQLite statements. Kysely's SQLite driver prepares every
 * query afresh, and preparing costs more than running the small indexed
 * queries a page makes; the queries of a running site repeat, so a bounded
 * cache keyed by SQL text removes most of that cost.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

// Distinct SQL texts of a running site (`in (?, ?, …)` lists vary by length) stay well below this.
const DEFAULT_MAX_STATEMENTS = 500;

/** `sqlite` as Kysely's SQLite dialect sees it, with prepared statements reused. */
export function withStatementCache(
  sqlite: SQLite.Database,
  maxStatements = DEFAULT_MAX_STATEMENTS,
): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close() {
      statements.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      // A statement still being iterated (a stream left open) cannot run again; give the caller its own.
      if (cached && !cached.busy) return cached as unknown as SqliteStatement;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        if (statements.size >= maxStatements) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
