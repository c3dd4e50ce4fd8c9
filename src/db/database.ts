/**
 * Opens the database: SQLite (better-sqlite3, WAL) in the data directory by
 * default, PostgreSQL when a DATABASE_URL is given. The only place besides
 * migrations and search that knows which one is in use.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, type MigrationResultSet, Migrator, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { withImmediateTransactions } from './immediate-transactions.js';
import { migrations } from './migrations/index.js';
import { PatientSqliteDialect } from './patient-sqlite.js';
import { prepareStatements } from './prepared-statements.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database with the dialect it speaks. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite handle (for online backup and integrity checks); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  pool: pg.Pool | null;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
let postgresDriver: typeof pg | undefined;

/** The `pg` driver, loaded only for PostgreSQL (about 15 MB per process that SQLite sites do without). */
export function postgres(): typeof pg {
  if (!postgresDriver) {
    postgresDriver = require('pg') as typeof pg;
    // PostgreSQL returns bigint (int8) and numeric as strings; our ids and counts fit in a JS number.
    postgresDriver.types.setTypeParser(20, (v) => Number(v));
    postgresDriver.types.setTypeParser(1700, (v) => Number(v));
  }
  return postgresDriver;
}

/** Opens SQLite at `file` (`:memory:` allowed) or PostgreSQL at `databaseUrl`. */
export function openDatabase(options: {
  databaseUrl?: string | null;
  sqliteFile?: string;
  dataDir?: string;
  /** Told when the server drops an idle pooled connection (a restart, an administrator); the pool replaces it. */
  onConnectionLost?: (error: Error) => void;
}): Db {
  if (options.databaseUrl) {
    const pool = new (postgres().Pool)({ connectionString: options.databaseUrl, max: 10 });
    // Without a listener, an idle connection's error is thrown from the pool and ends the process.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    prepareStatements(pool);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', sqlite: null, pool, close: () => kysely.destroy() };
  }
  let file = options.sqliteFile;
  if (!file) {
    const dataDir = options.dataDir ?? './data';
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'broadsheet.db');
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Waiting for another process's write happens in PatientSqliteDialect, without blocking the event loop.
  sqlite.pragma('busy_timeout = 0');
  const kysely = new Kysely<Database>({
    dialect: new PatientSqliteDialect({ database: withImmediateTransactions(withStatementCache(sqlite)) }),
  });
  return { kysely, dialect: 'sqlite', sqlite, pool: null, close: () => kysely.destroy() };
}

function migrator(db: Db): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations },
  });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<NonNullable<MigrationResultSet['results']>> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`);
  }
  return results ?? [];
}

/** True when every known migration has run. */
export async function isSchemaCurrent(db: Db): Promise<boolean> {
  const list = await migrator(db).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}

/** A cheap round trip proving the database answers. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
