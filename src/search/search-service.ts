/**
 * Search use cases: keep the index in step with every article change (inside the change's own
 * transaction), rebuild it, and answer reader and newsroom searches with highlighted results.
 */
import type { Kysely } from 'kysely';
import type { ArticleHook } from '../articles/article-service.js';
import type { Database } from '../db/schema.js';
import type { User } from '../users/user.js';
import {
  authorsText,
  dateBounds,
  MAX_SEARCH_PAGE,
  newsroomAudience,
  SEARCH_PAGE_SIZE,
  type SearchAudience,
  type SearchDocument,
  type SearchFilters,
  type SearchHit,
  type SearchResults,
  taxonomyText,
  toSearchDocument,
} from './search.js';
import { parseSearchQuery } from './search-query.js';
import { highlightText, matcherFor, snippetOf } from './search-snippet.js';
import type { SearchStore } from './search-store.js';

/** Articles read and written per transaction while rebuilding. */
const REBUILD_BATCH = 500;
/** Documents compared per query when looking for renamed sections, tags and authors (names only, no text). */
const REFRESH_BATCH = 2000;

/** Search use cases over `store`; `db` runs the rebuild's own transactions. */
export function createSearchService(deps: { db: Kysely<Database>; store: SearchStore }) {
  const { db, store } = deps;

  /** Rewrites the documents of `ids` from the current article rows, within `trx`. */
  async function reindexArticles(ids: number[], trx: Kysely<Database> = db): Promise<void> {
    const unique = [...new Set(ids)];
    // A big section's articles are read in slices: bounded memory, and under SQLite's variable limit.
    for (let i = 0; i < unique.length; i += REBUILD_BATCH) {
      const slice = unique.slice(i, i + REBUILD_BATCH);
      const sources = await store.loadSources(slice, trx);
      const docs = sources.map(toSearchDocument).filter((d): d is SearchDocument => d !== null);
      await store.replaceDocuments(slice, docs, trx);
    }
  }

  /** Indexes `ids` in batches, each in its own transaction. */
  async function indexInBatches(next: (afterId: number) => Promise<number[]>): Promise<number> {
    let count = 0;
    let afterId = 0;
    for (;;) {
      const ids = await next(afterId);
      if (ids.length === 0) break;
      await db.transaction().execute((trx) => reindexArticles(ids, trx));
      count += ids.length;
      afterId = ids[ids.length - 1];
    }
    return count;
  }

  async function run(
    query: string,
    filters: SearchFilters,
    page: number,
    audience: SearchAudience,
    now: Date,
  ): Promise<SearchResults> {
    const parsed = parseSearchQuery(query);
    const currentPage = Math.min(Math.max(Math.trunc(page) || 1, 1), MAX_SEARCH_PAGE);
    const empty: SearchResults = {
      query,
      searched: false,
      filters,
      total: 0,
      totalIsLowerBound: false,
      page: currentPage,
      pageSize: SEARCH_PAGE_SIZE,
      pageCount: 0,
      hits: [],
    };
    if (parsed.isEmpty) return empty;
    const resolved = { ...(await store.resolveFilters(filters)), ...dateBounds(filters) };
    const found = await store.search({
      query: parsed,
      audience,
      filters: resolved,
      now: now.toISOString(),
      limit: SEARCH_PAGE_SIZE,
      offset: (currentPage - 1) * SEARCH_PAGE_SIZE,
    });
    if (found === null) return empty;

    const ids = found.ranked.map((r) => r.id);
    const [rows, bylines] = await Promise.all([store.loadHits(ids), store.bylinesFor(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const matches = matcherFor(parsed);
    const hits: SearchHit[] = [];
    for (const { id, score } of found.ranked) {
      const row = byId.get(id);
      if (!row) continue;
      const body = snippetOf(row.body, matches);
      // The body passage when it holds a match; else the dek (or the opening of the body) as written.
      const snippetHtml = body.hits > 0 || !row.dek ? body.html : snippetOf(row.dek, matches).html;
      hits.push({
        id,
        kind: row.kind,
        slug: row.slug,
        headline: row.headline,
        headlineHtml: highlightText(row.headline, matches),
        snippetHtml,
        status: row.status,
        publishedAt: row.publishedAt,
        updatedAt: row.updatedAt,
        category: row.category,
        authors: bylines.get(id) ?? [],
        score,
      });
    }
    return {
      ...empty,
      searched: true,
      total: found.total,
      totalIsLowerBound: found.totalIsLowerBound,
      pageCount: Math.min(Math.ceil(found.total / SEARCH_PAGE_SIZE), MAX_SEARCH_PAGE),
      hits,
    };
  }

  /** The in-transaction article hook: the article's document is rewritten (or removed) with the change. */
  const indexArticle: ArticleHook = (trx, articleId) => reindexArticles([articleId], trx);

  return {
    indexArticle,
    reindexArticles,

    /** Reindexes the articles filed under a category, after it is renamed (call inside the rename's transaction). */
    async reindexCategory(categoryId: number, trx: Kysely<Database> = db): Promise<void> {
      await reindexArticles(await store.articleIdsInCategory(categoryId, trx), trx);
    },

    /** Reindexes the articles carrying a tag, after it is renamed or made internal. */
    async reindexTag(tagId: number, trx: Kysely<Database> = db): Promise<void> {
      await reindexArticles(await store.articleIdsWithTag(tagId, trx), trx);
    },

    /** Reindexes the articles an author is bylined on, after the author is renamed. */
    async reindexAuthor(authorId: number, trx: Kysely<Database> = db): Promise<void> {
      await reindexArticles(await store.articleIdsByAuthor(authorId, trx), trx);
    },

    /**
     * Reindexes the articles whose indexed section, tag or author names are no longer current (after a
     * rename, merge or deletion made elsewhere); returns how many.
     */
    async refreshNames(): Promise<number> {
      let stale = 0;
      let afterId = 0;
      for (;;) {
        const batch = await store.indexedNames(afterId, REFRESH_BATCH);
        if (batch.length === 0) return stale;
        const ids = batch
          .filter(
            (d) =>
              d.taxonomy !== taxonomyText(d.current.categoryName, d.current.tagNames) ||
              d.authors !== authorsText(d.current.authorNames),
          )
          .map((d) => d.id);
        if (ids.length) await db.transaction().execute((trx) => reindexArticles(ids, trx));
        stale += ids.length;
        afterId = batch[batch.length - 1].id;
      }
    },

    /** Indexes articles that have no document (written before search existed, or around the service). */
    async indexMissingArticles(): Promise<number> {
      return indexInBatches((afterId) => store.articleIds(afterId, REBUILD_BATCH, true));
    },

    /** Throws the index away and builds it again from every article; returns how many were indexed. */
    async rebuildIndex(): Promise<number> {
      await db.transaction().execute((trx) => store.clearIndex(trx));
      const count = await indexInBatches((afterId) => store.articleIds(afterId, REBUILD_BATCH, false));
      await store.optimize();
      return count;
    },

    /** Compacts the index after bulk changes. */
    optimizeIndex: () => store.optimize(),

    /** What readers find: published, public articles and pages only. */
    searchPublic(query: string, filters: SearchFilters = {}, page = 1, now: Date = new Date()) {
      return run(query, filters, page, { kind: 'public' }, now);
    },

    /** What a newsroom user finds: editors and admins every draft, authors and contributors their own plus everything published. */
    searchNewsroom(
      query: string,
      user: Pick<User, 'id' | 'role'>,
      filters: SearchFilters = {},
      page = 1,
      now: Date = new Date(),
    ) {
      return run(query, filters, page, newsroomAudience(user), now);
    },

    /** Sections, tags and authors for the results page's filter menus. */
    filterOptions: () => store.filterOptions(),
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
