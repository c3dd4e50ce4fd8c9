/**
 * Real databases for tests: a fresh migrated SQLite file, or a fresh
 * PostgreSQL database on the server named by TEST_DATABASE_URL. In CI a
 * missing PostgreSQL is a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, type Dialect, migrateToLatest, openDatabase } from '../../src/db/database.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? null;

if (!POSTGRES_URL && process.env.CI) {
  throw new Error(
    'TEST_DATABASE_URL is not set: CI must run every store test against a real PostgreSQL server.',
  );
}

/** The dialects to run store tests on: both when PostgreSQL is available. */
export const DIALECTS: Dialect[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

if (!POSTGRES_URL) {
  process.emitWarning('TEST_DATABASE_URL is not set: PostgreSQL tests are skipped on this machine.');
}

/** An open, migrated, empty database that removes itself on `close`. */
export interface TestDb extends Db {
  /** The connection string (PostgreSQL) or file (SQLite), for spawning a server on the same data. */
  location: { databaseUrl: string | null; dataDir: string };
}

/** Creates an empty migrated database of `dialect`. */
export async function createTestDb(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-test-'));
  let db: Db;
  let databaseUrl: string | null = null;
  let drop = async () => {};
  if (dialect === 'postgres') {
    const name = `bs_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL! });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(POSTGRES_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    db = openDatabase({ databaseUrl });
    drop = async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL! });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    db = openDatabase({ dataDir });
  }
  if (options.migrate !== false) await migrateToLatest(db);
  const close = db.close;
  return {
    ...db,
    location: { databaseUrl, dataDir },
    async close() {
      await close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
