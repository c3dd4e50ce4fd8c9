import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { exportSiteToFile } from '../../src/exports/export-site.js';
import { SITE_BACKUP_KEYS, SITE_BACKUP_TABLES } from '../../src/exports/site-backup.js';
import { importFile } from '../../src/imports/import-command.js';
import { ImportFormatError } from '../../src/imports/import-format-error.js';
import { createImportServiceFor } from '../../src/imports/import-service.js';
import { countRows, type ImportSite, openImportSite } from '../imports/support/import-site.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const WXR = fileURLToPath(new URL('../imports/fixtures/wxr-import-site.xml', import.meta.url));
const NOW = new Date('2026-01-02T03:04:05.000Z');
const tmp = mkdtempSync(join(tmpdir(), 'broadsheet-backup-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Every row of every backed-up table, as the database holds it (the secrets a backup withholds left out). */
async function allRows(k: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const loose = k as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const out: Record<string, unknown[]> = {};
  for (const table of SITE_BACKUP_TABLES) {
    let query = loose.selectFrom(table).selectAll();
    for (const key of SITE_BACKUP_KEYS[table]) query = query.orderBy(key);
    const rows = await query.execute();
    out[table] = rows
      .filter((r) => !(table === 'settings' && r.key === 'instance_secret'))
      .map((r) => {
        const { password_hash: _, ...rest } = r;
        return table === 'users' ? rest : r;
      });
  }
  return out;
}

/** A site with everything a backup must carry: the demo newspaper plus a WordPress import. */
async function richSite(dialect: (typeof DIALECTS)[number]): Promise<TestApp> {
  const t = await buildTestApp({ dialect, demo: true });
  await createImportServiceFor(t.ctx).importWxrFile(WXR, { createUsers: true });
  const k = t.ctx.db.kysely;
  const [first, second] = await k.selectFrom('articles').select('id').orderBy('id').limit(2).execute();
  await k
    .insertInto('related_exclusions')
    .values({ article_id: first!.id, excluded_id: second!.id })
    .execute();
  // A later edit of an existing article leaves a second revision and a see-also pin.
  const article = await t.ctx.services.articles.load(first!.id);
  await t.ctx.services.articles.saveArticle(
    first!.id,
    { dek: 'Edited after the fact.', seeAlsoPinId: second!.id },
    article.version,
    { userId: null },
  );
  // A category whose parent has a higher id, and a reply whose parent has a higher id.
  const child = await k
    .insertInto('categories')
    .values({ name: 'Child', slug: 'child' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const parent = await k
    .insertInto('categories')
    .values({ name: 'Parent', slug: 'parent' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await k.updateTable('categories').set({ parent_id: parent.id }).where('id', '=', child.id).execute();
  return t;
}

for (const dialect of DIALECTS) {
  describe(`site backup round trip (${dialect})`, () => {
    let source: TestApp;
    let target: ImportSite;
    let backup: string;

    before(async () => {
      source = await richSite(dialect);
      target = await openImportSite(dialect);
      backup = join(tmp, `site-${dialect}.json`);
      await exportSiteToFile(source.ctx.db, 'json', backup, { siteUrl: 'http://localhost', now: NOW });
    });
    after(async () => {
      await source.close();
      await target.close();
    });

    test('the backup says it is private, keeps no password hashes or instance secret, and is not world-readable', () => {
      const text = readFileSync(backup, 'utf8');
      assert.match(text.split('\n')[0]!, /"notice":"PRIVATE BACKUP/);
      assert.doesNotMatch(text, /password_hash|scrypt\$|instance_secret/);
      assert.match(text, /ada@example.net/);
      assert.equal(statSync(backup).mode & 0o077, 0);
      assert.doesNotThrow(() => JSON.parse(text));
    });

    test('restoring into an empty site gives an identical site, row for row, ids included', async () => {
      const summary = await importFile(target.ctx, backup, 'broadsheet-json');
      assert.equal(summary.settingsTaken, true);
      const expected = await allRows(source.ctx.db.kysely);
      const actual = await allRows(target.ctx.db.kysely);
      for (const table of SITE_BACKUP_TABLES) {
        assert.ok(
          expected[table]!.length > 0 || table === 'related_exclusions',
          `${table} has rows to compare`,
        );
        assert.deepEqual(actual[table], expected[table], `table ${table}`);
      }
      assert.ok(summary.created.articles > 30);
    });

    test('exporting the restored site gives the same file', async () => {
      const again = join(tmp, `again-${dialect}.json`);
      await exportSiteToFile(target.ctx.db, 'json', again, { siteUrl: 'http://localhost', now: NOW });
      assert.equal(readFileSync(again, 'utf8'), readFileSync(backup, 'utf8'));
    });

    test('new rows after a restore get fresh ids (the id sequences moved past the restored rows)', async () => {
      const k = target.ctx.db.kysely;
      const max = await k
        .selectFrom('articles')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      const row = await k
        .insertInto('articles')
        .values({ headline: 'After', slug: 'after-restore', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.ok(row.id > Number(max.m));
      await k.deleteFrom('articles').where('id', '=', row.id).execute();
    });

    test('restoring the same backup again adds nothing', async () => {
      const before = await countRows(target.ctx);
      const summary = await importFile(target.ctx, backup, 'broadsheet-json');
      assert.equal(summary.settingsTaken, false);
      assert.deepEqual({ ...(await countRows(target.ctx)), events: 0 }, { ...before, events: 0 });
      assert.equal(summary.created.articles + summary.created.comments + summary.created.authors, 0);
      assert.ok(summary.alreadyPresent.articles > 30);
    });

    test('a truncated backup is rejected with its line and changes nothing', async () => {
      const text = readFileSync(backup, 'utf8');
      const cut = join(tmp, `cut-${dialect}.json`);
      writeFileSync(cut, text.slice(0, text.indexOf('"comments":[') + 2000));
      const site = await openImportSite(dialect);
      try {
        const error = await importFile(site.ctx, cut, 'broadsheet-json').catch((e) => e);
        assert.ok(error instanceof ImportFormatError, String(error));
        assert.match(error.message, /line \d+/);
        assert.ok((error.line ?? 0) > 100);
        assert.deepEqual(
          Object.values(await countRows(site.ctx)).reduce((a, b) => a + b, 0),
          0,
        );
      } finally {
        await site.close();
      }
    });

    test('a backup reformatted by hand is still read, and merges into a site with content', async () => {
      const pretty = join(tmp, `pretty-${dialect}.json`);
      writeFileSync(pretty, JSON.stringify(JSON.parse(readFileSync(backup, 'utf8')), null, 2));
      const site = await openImportSite(dialect);
      try {
        await site.imports.importGhostFile(
          fileURLToPath(new URL('../imports/fixtures/ghost-6.x.json', import.meta.url)),
        );
        const before = await countRows(site.ctx);
        const summary = await importFile(site.ctx, pretty, 'broadsheet-json');
        assert.equal(summary.settingsTaken, false);
        const afterwards = await countRows(site.ctx);
        const sourceCounts = await countRows(source.ctx);
        assert.equal(afterwards.articles, before.articles + sourceCounts.articles);
        assert.equal(afterwards.comments, before.comments + sourceCounts.comments);
        // References follow the new ids: every comment still belongs to an article with its headline.
        const k = site.ctx.db.kysely;
        const orphans = await k
          .selectFrom('comments')
          .leftJoin('articles', 'articles.id', 'comments.article_id')
          .select('comments.id')
          .where('articles.id', 'is', null)
          .execute();
        assert.deepEqual(orphans, []);
        const budget = await k
          .selectFrom('articles')
          .innerJoin('categories', 'categories.id', 'articles.category_id')
          .select(['categories.slug'])
          .where('articles.source_id', '=', 'wxr:gazette.example:post:20')
          .executeTakeFirstOrThrow();
        assert.equal(budget.slug, 'elections');
      } finally {
        await site.close();
      }
    });
  });
}

if (DIALECTS.includes('postgres')) {
  test('a SQLite backup restores into PostgreSQL identically', async () => {
    const source = await richSite('sqlite');
    const target = await openImportSite('postgres');
    try {
      const backup = join(tmp, 'cross.json');
      await exportSiteToFile(source.ctx.db, 'json', backup, { siteUrl: 'http://localhost', now: NOW });
      await importFile(target.ctx, backup, 'broadsheet-json');
      assert.deepEqual(await allRows(target.ctx.db.kysely), await allRows(source.ctx.db.kysely));
    } finally {
      await source.close();
      await target.close();
    }
  });
}
