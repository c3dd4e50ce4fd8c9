/** Online backup and restore of the SQLite database; PostgreSQL sites use pg_dump / pg_restore. */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { CliError } from './cli-error.js';

const PG_GUIDANCE =
  'This site runs on PostgreSQL: back it up with `pg_dump --format=custom "$DATABASE_URL" > FILE` and restore with `pg_restore --clean --dbname "$DATABASE_URL" FILE`.';

/** Copies the live database page by page (SQLite online backup API), consistent while writers continue. */
export async function backupDatabase(config: Config, file: string): Promise<void> {
  if (config.databaseUrl) throw new CliError(PG_GUIDANCE);
  if (existsSync(file)) throw new CliError(`${file} already exists; choose a new file name.`);
  const db = openDatabase({ dataDir: config.dataDir });
  try {
    await db.sqlite!.backup(file);
  } finally {
    await db.close();
  }
}

/** Checks the backup's integrity, then puts it in place of the current database. */
export async function restoreDatabase(config: Config, file: string): Promise<void> {
  if (config.databaseUrl) throw new CliError(PG_GUIDANCE);
  if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
  let check: unknown;
  try {
    const backup = new SQLite(file, { readonly: true, fileMustExist: true });
    check = backup.pragma('integrity_check', { simple: true });
    backup.close();
  } catch (error) {
    throw new CliError(`${file} is not a readable SQLite backup (${(error as Error).message}).`);
  }
  if (check !== 'ok') throw new CliError(`${file} failed its integrity check: ${String(check)}`);
  const target = join(config.dataDir, 'broadsheet.db');
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  copyFileSync(file, target);
}
