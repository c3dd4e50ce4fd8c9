/**
 * A real, empty site on a fresh database with the import service wired as the CLI wires it — built from
 * the stores and services an import uses, so these tests do not depend on every route of the app.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArticleService } from '../../../src/articles/article-service.js';
import { createArticleStore } from '../../../src/articles/article-store.js';
import type { Dialect } from '../../../src/db/database.js';
import {
  createImportServiceFor,
  type ImportContext,
  type ImportService,
} from '../../../src/imports/import-service.js';
import { createEventStore } from '../../../src/jobs/event-store.js';
import { createSettingsStore } from '../../../src/site/settings-store.js';
import { createTestDb, type TestDb } from '../../support/databases.js';

/** An open site for import tests. */
export interface ImportSite {
  ctx: ImportContext & { settings: ReturnType<typeof createSettingsStore> };
  db: TestDb;
  imports: ImportService;
  dataDir: string;
  close(): Promise<void>;
}

/** Opens an empty migrated site on `dialect` (no demo content). */
export async function openImportSite(
  dialect: Dialect,
  options: { mediaFetch?: { timeoutMs?: number; maxBytes?: number } } = {},
): Promise<ImportSite> {
  const db = await createTestDb(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-import-'));
  const events = createEventStore(db.kysely);
  const articles = createArticleService({ db: db.kysely, articles: createArticleStore(db.kysely), events });
  const ctx = {
    db,
    config: { dataDir },
    stores: { events },
    services: { articles },
    settings: createSettingsStore(db.kysely),
    invalidateSettings() {},
  };
  return {
    ctx,
    db,
    imports: createImportServiceFor(ctx, options),
    dataDir,
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every content table, to prove an import changed nothing. */
export async function countRows(ctx: Pick<ImportContext, 'db'>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'settings',
    'authors',
    'users',
    'categories',
    'tags',
    'media',
    'articles',
    'article_authors',
    'article_tags',
    'revisions',
    'comments',
    'redirects',
    'events',
  ] as const) {
    const row = await ctx.db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
