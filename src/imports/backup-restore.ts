/**
 * Restores a site backup (`broadsheet export --format json`) in one transaction. Into an empty site every
 * row comes back as it was, ids included; into a site with content the backup is merged: rows already
 * there (same slug, email, path…) are kept, new ones get new ids and every reference is translated.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { isWithheldSetting, type SiteBackupTable } from '../exports/site-backup.js';
import { uniqueSlug } from '../text/slug.js';
import type { ImportContext, ImportOptions } from './import-service.js';
import { addWarning, emptySummary, type ImportedKind, type ImportSummary } from './import-summary.js';
import { createRestoreStore, type RestoreStore } from './restore-store.js';
import { readSiteBackup, type SiteBackupItem } from './site-backup-reader.js';

type Row = Record<string, unknown>;

// Which columns hold ids of which table; a merge translates them.
const REFERENCES: Partial<Record<SiteBackupTable, Record<string, SiteBackupTable>>> = {
  users: { author_id: 'authors' },
  categories: { parent_id: 'categories' },
  media: { uploaded_by: 'users' },
  articles: {
    category_id: 'categories',
    featured_media_id: 'media',
    owner_id: 'users',
    see_also_pin_id: 'articles',
  },
  article_authors: { article_id: 'articles', author_id: 'authors' },
  article_tags: { article_id: 'articles', tag_id: 'tags' },
  corrections: { article_id: 'articles' },
  revisions: { article_id: 'articles', user_id: 'users' },
  comments: { article_id: 'articles', parent_id: 'comments', user_id: 'users' },
  related_exclusions: { article_id: 'articles', excluded_id: 'articles' },
};
const TABLES_WITHOUT_ID = new Set<SiteBackupTable>([
  'settings',
  'article_authors',
  'article_tags',
  'related_exclusions',
]);
// Rows that belong to one article: an article already in the site keeps its own.
const ARTICLE_PARTS = new Set<SiteBackupTable>([
  'article_authors',
  'article_tags',
  'corrections',
  'revisions',
  'comments',
  'related_exclusions',
]);
const COUNTED: Partial<Record<SiteBackupTable, ImportedKind>> = {
  authors: 'authors',
  users: 'users',
  categories: 'categories',
  tags: 'tags',
  media: 'media',
  comments: 'comments',
  redirects: 'redirects',
};

/** Restores the backup at `path`; a malformed or truncated file throws ImportFormatError and changes nothing. */
export async function restoreBackupFile(
  ctx: ImportContext,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return restoreBackup(ctx, readSiteBackup(path), options);
}

/** Restores a stream of backup items (header first) in one transaction. */
export async function restoreBackup(
  ctx: ImportContext,
  items: AsyncIterable<SiteBackupItem>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const store = createRestoreStore(ctx.db.kysely, ctx.db.dialect);
  const columns = await store.columns();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const run = new RestoreRun(ctx, store, trx, columns);
    await run.start();
    let records = 0;
    for await (const item of items) {
      if (item.kind === 'row') await run.write(item.table, item.row);
      records++;
      options.onProgress?.({ records, articles: run.articles, bytesRead: null, totalBytes: null });
    }
    await run.finish();
    return run.summary;
  });
}

class RestoreRun {
  readonly summary = emptySummary('broadsheet-json');
  articles = 0;
  private siteEmpty = false;
  /** Tables that were empty: their rows keep the backup's ids. */
  private readonly keepIds = new Set<SiteBackupTable>();
  private readonly idMaps = new Map<SiteBackupTable, Map<number, number>>();
  /** Backup ids of articles that were already in the site: their parts are not added again. */
  private readonly articlesKept = new Set<number>();
  private readonly insertedArticles: number[] = [];
  private readonly deferred: { table: SiteBackupTable; id: number; column: string; ref: number }[] = [];
  private readonly tablesWithRows = new Set<SiteBackupTable>();

  constructor(
    private readonly ctx: ImportContext,
    private readonly store: RestoreStore,
    private readonly trx: Kysely<Database>,
    private readonly columns: Map<string, Set<string>>,
  ) {}

  async start(): Promise<void> {
    this.siteEmpty = (await this.store.count('articles', this.trx)) === 0;
    for (const table of Object.keys(REFERENCES).concat([
      'authors',
      'tags',
      'redirects',
    ]) as SiteBackupTable[]) {
      if (!TABLES_WITHOUT_ID.has(table) && (await this.store.count(table, this.trx)) === 0)
        this.keepIds.add(table);
    }
  }

  async write(table: SiteBackupTable, source: Row): Promise<void> {
    if (table === 'settings') return this.writeSetting(source);
    const row = this.knownColumns(table, source);
    if (ARTICLE_PARTS.has(table) && this.articlesKept.has(Number(row.article_id))) return;
    const oldId = TABLES_WITHOUT_ID.has(table) ? null : Number(row.id);
    const deferredHere: { column: string; ref: number }[] = [];

    for (const [column, target] of Object.entries(REFERENCES[table] ?? {})) {
      const ref = row[column];
      if (ref === null || ref === undefined) continue;
      const old = Number(ref);
      // Rows come in id order: a reference to a later row of the same table is set once that row is in.
      if (target === table && oldId !== null && old >= oldId) {
        row[column] = null;
        deferredHere.push({ column, ref: old });
        continue;
      }
      const mapped = this.mapId(target, old);
      if (mapped === undefined) {
        if (
          ARTICLE_PARTS.has(table) &&
          (column === 'article_id' || column === 'tag_id' || column === 'author_id')
        ) {
          addWarning(this.summary, `a ${table} row refers to a missing ${target} row: skipped`);
          return;
        }
        row[column] = null;
        continue;
      }
      row[column] = mapped;
    }

    if (!this.keepIds.has(table) && oldId !== null) {
      const existing = await this.findExisting(table, row);
      if (existing !== undefined) {
        this.remember(table, oldId, existing);
        if (table === 'articles') this.articlesKept.add(oldId);
        this.count(table, row, 'alreadyPresent');
        return;
      }
      delete row.id;
      if (table === 'articles') {
        row.slug = await uniqueSlug(
          String(row.slug),
          async (s) => (await this.store.findId('articles', { slug: s }, this.trx)) !== undefined,
        );
      }
    } else if (TABLES_WITHOUT_ID.has(table) && (await this.store.exists(table, row, this.trx))) {
      return;
    }

    const newId = await this.store.insert(table, row, oldId !== null, this.trx);
    this.tablesWithRows.add(table);
    if (oldId !== null && newId !== null) {
      this.remember(table, oldId, newId);
      for (const d of deferredHere) this.deferred.push({ table, id: newId, column: d.column, ref: d.ref });
      if (table === 'articles') this.insertedArticles.push(newId);
    }
    this.count(table, row, 'created');
  }

  private async writeSetting(row: Row): Promise<void> {
    const key = String(row.key);
    // Settings describe the site being restored only when there is no other site here yet.
    if (!this.siteEmpty || isWithheldSetting(key) || typeof row.value !== 'string') return;
    await this.store.upsertSetting(key, row.value, this.trx);
    this.summary.settingsTaken = true;
  }

  private knownColumns(table: SiteBackupTable, source: Row): Row {
    const known = this.columns.get(table);
    const row: Row = {};
    for (const [column, value] of Object.entries(source)) {
      if (known && !known.has(column)) {
        addWarning(this.summary, `column ${table}.${column} is not in this database: left out`);
        continue;
      }
      row[column] = value;
    }
    return row;
  }

  private async findExisting(table: SiteBackupTable, row: Row): Promise<number | undefined> {
    const match = naturalKey(table, row);
    return match ? this.store.findId(table, match, this.trx) : undefined;
  }

  private mapId(table: SiteBackupTable, old: number): number | undefined {
    if (this.keepIds.has(table)) return old;
    return this.idMaps.get(table)?.get(old);
  }

  private remember(table: SiteBackupTable, old: number, id: number): void {
    if (this.keepIds.has(table) && old === id) return;
    let map = this.idMaps.get(table);
    if (!map) {
      map = new Map();
      this.idMaps.set(table, map);
    }
    map.set(old, id);
  }

  private count(table: SiteBackupTable, row: Row, how: 'created' | 'alreadyPresent'): void {
    if (table === 'articles') {
      this.articles++;
      this.summary[how][row.kind === 'page' ? 'pages' : 'articles']++;
      return;
    }
    const kind = COUNTED[table];
    if (kind) this.summary[how][kind]++;
  }

  async finish(): Promise<void> {
    for (const d of this.deferred) {
      const mapped = this.mapId(d.table, d.ref);
      await this.store.setColumn(d.table, d.id, d.column, mapped ?? null, this.trx);
    }
    for (const table of this.tablesWithRows) {
      if (this.keepIds.has(table)) await this.store.moveIdSequencePastRows(table, this.trx);
    }
    for (const id of this.insertedArticles) await this.ctx.services.articles.afterImport(this.trx, id);
    if (this.summary.settingsTaken) await this.ctx.stores.events.record('settings.changed', {}, this.trx);
    await this.ctx.stores.events.record(
      'site.imported',
      { source: 'broadsheet-json', created: this.summary.created },
      this.trx,
    );
  }
}

// What makes a row "the same" as one already in the site, for a merge.
function naturalKey(table: SiteBackupTable, row: Row): Record<string, unknown> | null {
  switch (table) {
    case 'authors':
    case 'categories':
    case 'tags':
      return { slug: row.slug };
    case 'users':
      return { email: row.email };
    case 'media':
      if (row.source_url) return { source_url: row.source_url };
      if (row.storage_path) return { storage_path: row.storage_path };
      return { file_name: row.file_name, created_at: row.created_at };
    case 'articles':
      return { slug: row.slug, created_at: row.created_at };
    case 'redirects':
      return { from_path: row.from_path };
    case 'corrections':
      return { article_id: row.article_id, corrected_at: row.corrected_at, text: row.text };
    default:
      return null;
  }
}
