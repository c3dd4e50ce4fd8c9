import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import type { CommandIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-'));
  const value: CommandIo = {
    env: { BROADSHEET_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    cwd: dataDir,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    isTty: false,
  };
  return { io: value, out, err, dataDir };
}

describe('broadsheet command', () => {
  test('--help lists every command; each command has its own --help', async () => {
    const t = io();
    assert.equal(await runCli(['--help'], t.io), 0);
    for (const name of ['serve', 'migrate', 'user add', 'import', 'export', 'backup', 'seed-demo'])
      assert.match(t.out.join('\n'), new RegExp(`\\b${name}\\b`));
    for (const args of [
      ['serve', '--help'],
      ['user', 'add', '--help'],
      ['import', '--help'],
      ['backup', '--help'],
    ]) {
      const h = io();
      assert.equal(await runCli(args, h.io), 0);
      assert.match(h.out.join('\n'), /Usage: broadsheet /);
    }
  });

  test('unknown command, unknown sub-command and bad flag fail with a message', async () => {
    const a = io();
    assert.equal(await runCli(['publish-everything'], a.io), 2);
    assert.match(a.err.join('\n'), /Unknown command "publish-everything"/);
    const b = io();
    assert.equal(await runCli(['user', 'remove'], b.io), 2);
    assert.match(b.err.join('\n'), /Unknown command "user remove". Try: user add/);
    const c = io();
    assert.equal(await runCli(['migrate', '--colour'], c.io), 2);
    assert.match(c.err.join('\n'), /Unknown option '--colour'/);
  });

  test('migrate, then user add with generated and given passwords; unknown role and duplicate email refused', async () => {
    const t = io();
    assert.equal(await runCli(['migrate'], t.io), 0);
    assert.match(t.out.join('\n'), /applied 0001-create-core-tables/);
    assert.equal(
      await runCli(
        ['user', 'add', '--email', 'desk@example.org', '--name', 'Night Desk', '--role', 'editor'],
        t.io,
      ),
      0,
    );
    assert.match(
      t.out.join('\n'),
      /Added editor Night Desk <desk@example.org>\.\nPassword \(shown once\): \S{20,}/,
    );
    assert.equal(
      await runCli(
        ['user', 'add', '--email', 'desk@example.org', '--name', 'Again', '--role', 'author'],
        t.io,
      ),
      1,
    );
    assert.match(t.err.join('\n'), /already exists/);
    assert.equal(
      await runCli(['user', 'add', '--email', 'new@example.org', '--name', 'New', '--role', 'owner'], t.io),
      1,
    );
    assert.match(t.err.join('\n'), /Unknown role "owner"/);
    assert.equal(await runCli(['user', 'add', '--email', 'new@example.org', '--name', 'New'], t.io), 1);
    assert.match(t.err.join('\n'), /Missing --role/);
    const before = t.out.length;
    assert.equal(
      await runCli(
        [
          'user',
          'add',
          '--email',
          'pw@example.org',
          '--name',
          'Given',
          '--role',
          'author',
          '--password',
          'correct horse battery',
        ],
        t.io,
      ),
      0,
    );
    assert.doesNotMatch(t.out.slice(before).join('\n'), /Password/);
  });

  test('invalid configuration stops a command with one sentence naming the variable', async () => {
    const t = io({ PORT: 'abc' });
    assert.equal(await runCli(['serve'], t.io), 1);
    assert.deepEqual(t.err, ['PORT must be a port number from 0 to 65535, not "abc".']);
  });

  test('import refuses unknown formats and never adds demo content', async () => {
    const t = io();
    assert.equal(await runCli(['import', 'x.xml', '--format', 'rss'], t.io), 1);
    assert.match(t.err.join('\n'), /Unknown import format "rss"/);
    assert.equal(await runCli(['import', join(t.dataDir, 'missing.wxr')], t.io), 1);
    assert.match(t.err.join('\n'), /No such file/);
    const notes = join(t.dataDir, 'notes.txt');
    writeFileSync(notes, 'just some text');
    assert.equal(await runCli(['import', notes], t.io), 1);
    assert.match(t.err.join('\n'), /Could not tell the format/);
    const e = io();
    assert.equal(await runCli(['export', '--format', 'csv'], e.io), 1);
    assert.match(e.err.join('\n'), /Unknown export format "csv"/);
  });

  test('backup writes a consistent copy that restore accepts; seed-demo only into an empty site', async () => {
    const t = io();
    assert.equal(await runCli(['seed-demo'], t.io), 0);
    assert.match(t.out.join('\n'), /Demo site created/);
    assert.equal(await runCli(['seed-demo'], t.io), 1);
    assert.match(t.err.join('\n'), /already has content/);
    const file = join(t.dataDir, 'backup.db');
    assert.equal(await runCli(['backup', file], t.io), 0);
    assert.ok(existsSync(file));
    const copy = new SQLite(file, { readonly: true });
    assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    assert.ok((copy.prepare('select count(*) as n from articles').get() as { n: number }).n >= 30);
    copy.close();
    assert.equal(await runCli(['backup', file], t.io), 1, 'never overwrites a file');
    assert.equal(await runCli(['restore', file], t.io), 0);
    const junk = join(t.dataDir, 'junk.db');
    writeFileSync(junk, 'not a database');
    assert.equal(await runCli(['restore', junk], t.io), 1);
    assert.match(t.err.join('\n'), /not a readable SQLite backup|failed its integrity check/);
  });

  test('the installed bin runs and fails without a stack trace', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-bin-'));
    const ok = spawnSync(process.execPath, ['bin/broadsheet.js', '--help'], { encoding: 'utf8' });
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /Usage: broadsheet <command>/);
    const bad = spawnSync(
      process.execPath,
      ['bin/broadsheet.js', 'user', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'chief'],
      {
        encoding: 'utf8',
        env: { ...process.env, BROADSHEET_DATA_DIR: dataDir },
      },
    );
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /Unknown role "chief"/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
  });
});
