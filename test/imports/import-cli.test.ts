import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import type { CommandIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { progressBar, progressLine } from '../../src/imports/import-progress.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-import-cli-'));
  dirs.push(dataDir);
  const io: CommandIo = {
    env: { BROADSHEET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    cwd: dataDir,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    isTty: false,
  };
  const count = (table: string) => {
    const db = new SQLite(join(dataDir, 'broadsheet.db'), { readonly: true });
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return { io, out, err, dataDir, count };
}

describe('broadsheet import and export', () => {
  test('imports a WXR file (format told from its content), prints a summary, adds no demo content', async () => {
    const t = cli();
    assert.equal(
      await runCli(['import', fixture('wxr-import-site.xml'), '--create-users'], t.io),
      0,
      t.err.join('\n'),
    );
    const text = t.out.join('\n');
    assert.match(text, /Import finished \(wxr\)/);
    assert.match(text, /articles\s+8 imported/);
    assert.match(text, /comments\s+7 imported/);
    assert.match(text, /users\s+2 imported/);
    assert.match(text, /3 media files keep their original URLs/);
    assert.match(text, /unknown shortcode \[contact-form-7\] kept as text/);
    assert.match(text, /Not imported: 1 nav_menu_item/);
    assert.equal(t.count('articles'), 10);
    assert.equal(t.count("articles where slug like 'merrowby%'"), 0);

    const again = cli();
    again.io.env = t.io.env;
    assert.equal(await runCli(['import', fixture('wxr-import-site.xml')], again.io), 0);
    assert.match(again.out.join('\n'), /articles\s+0 imported, 8 already here/);
    assert.equal(t.count('articles'), 10);
  });

  test('imports a Ghost export, detected or forced', async () => {
    const t = cli();
    assert.equal(await runCli(['import', fixture('ghost-6.x.json')], t.io), 0, t.err.join('\n'));
    assert.match(t.out.join('\n'), /Import finished \(ghost\)/);
    assert.equal(await runCli(['import', fixture('ghost-4.x.json'), '--format', 'ghost'], t.io), 0);
    assert.equal(t.count('articles'), 8);
  });

  test('a malformed file fails with its line, says nothing was imported, and changes nothing', async () => {
    const t = cli();
    const bad = join(t.dataDir, 'bad.xml');
    writeFileSync(
      bad,
      readFileSync(fixture('wxr-import-site.xml'), 'utf8').replace('</wp:post_id>', '</wp:postid>'),
    );
    assert.equal(await runCli(['import', bad], t.io), 1);
    assert.match(t.err.join('\n'), /Malformed WordPress export at line \d+, column \d+ in <wp:post_id>/);
    assert.match(t.err.join('\n'), /Nothing was imported\./);
    assert.equal(t.count('articles'), 0);
    assert.equal(await runCli(['import', fixture('billion-laughs.xml')], t.io), 1);
    assert.match(t.err.join('\n'), /DOCTYPE declaring entities is not allowed/);
  });

  test('exports a private JSON backup and a WXR file that import into a new site', async () => {
    const t = cli();
    assert.equal(await runCli(['import', fixture('wxr-import-site.xml')], t.io), 0);
    const backup = join(t.dataDir, 'site.json');
    assert.equal(await runCli(['export', '--output', backup], t.io), 0, t.err.join('\n'));
    assert.match(t.out.join('\n'), /Exported .*10 articles.* to .*site\.json\./);
    assert.match(t.out.join('\n'), /private backup/);
    const wxr = join(t.dataDir, 'site.xml');
    assert.equal(await runCli(['export', '--format', 'wxr', '--output', wxr], t.io), 0);
    assert.match(t.out.join('\n'), /Exported .*8 posts, 2 pages/);
    assert.equal(existsSync(`${wxr}.partial`), false);

    const fromJson = cli();
    assert.equal(await runCli(['import', backup], fromJson.io), 0, fromJson.err.join('\n'));
    assert.match(fromJson.out.join('\n'), /Import finished \(broadsheet-json\)/);
    assert.equal(fromJson.count('articles'), 10);
    assert.equal(fromJson.count('comments'), 7);
    const fromWxr = cli();
    assert.equal(await runCli(['import', wxr], fromWxr.io), 0, fromWxr.err.join('\n'));
    assert.equal(fromWxr.count('articles'), 10);
  });

  test('progress: a bar on a terminal, plain lines elsewhere', () => {
    const progress = { records: 10, articles: 1234, bytesRead: 25, totalBytes: 100 };
    assert.equal(progressBar(progress, 10), '[###.......]  25%  1,234 articles');
    assert.equal(progressLine(progress), 'Imported 1234 articles and pages so far (25% of the file).');
    assert.equal(progressBar({ ...progress, totalBytes: null }), 'Importing… 1,234 articles');
  });
});
