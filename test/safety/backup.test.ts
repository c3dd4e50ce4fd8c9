import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';

const BIN = 'bin/broadsheet.js';

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('backup and restore (SQLite)', () => {
  test('an online backup taken under write load is consistent, and restore brings it back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-backup-'));
    const env = { BROADSHEET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    assert.equal(cli(['migrate'], env).status, 0);

    const writer = spawn(process.execPath, ['--import', 'tsx', 'test/support/article-writer.ts', '4'], {
      env: { ...process.env, ...env },
    });
    const acknowledged: number[] = [];
    writer.stdout.on('data', (chunk: Buffer) =>
      acknowledged.push(...chunk.toString().split('\n').filter(Boolean).map(Number)),
    );
    const writerDone = new Promise((resolve) => writer.on('exit', resolve));

    // The backup must start while the writer is writing: wait for its first acknowledged article, then a little.
    while (acknowledged.length === 0 && writer.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    const backupFile = join(dataDir, 'mid-load.db');
    const backup = cli(['backup', backupFile], env);
    assert.equal(backup.status, 0, backup.stderr);
    const ackedBeforeBackupEnded = acknowledged.length;
    await writerDone;
    assert.ok(acknowledged.length > ackedBeforeBackupEnded, 'writes continued after the backup');

    const copy = new SQLite(backupFile, { readonly: true });
    assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    const count = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
    const articles = count('select count(*) as n from articles');
    assert.ok(articles > 0, 'the backup holds the writes made before it');
    // Each article is written with its revision in one transaction: a consistent snapshot has exactly one each.
    assert.equal(count('select count(*) as n from revisions'), articles);
    assert.equal(
      count(
        'select count(*) as n from articles a where not exists (select 1 from revisions r where r.article_id = a.id)',
      ),
      0,
    );
    copy.close();

    const restoredDir = mkdtempSync(join(tmpdir(), 'broadsheet-restore-'));
    const restore = cli(['restore', backupFile], { BROADSHEET_DATA_DIR: restoredDir });
    assert.equal(restore.status, 0, restore.stderr);
    const restored = new SQLite(join(restoredDir, 'broadsheet.db'), { readonly: true });
    assert.equal((restored.prepare('select count(*) as n from articles').get() as { n: number }).n, articles);
    restored.close();

    const live = new SQLite(join(dataDir, 'broadsheet.db'), { readonly: true });
    assert.equal(
      (live.prepare('select count(*) as n from articles').get() as { n: number }).n,
      acknowledged.length,
      'every acknowledged write is in the live database',
    );
    live.close();
  });

  test('PostgreSQL sites are told how to use pg_dump instead', () => {
    const result = cli(['backup', join(tmpdir(), 'x.db')], {
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /pg_dump/);
  });
});
