/**
 * All SQL of search: reading articles for the index, writing search documents (FTS5 on SQLite, a
 * weighted tsvector on PostgreSQL), and ranked, permission-filtered queries over them.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ArticleKind, ArticleStatus, Byline } from '../articles/article.js';
import type { Dialect } from '../db/database.js';
import { inlineCount } from '../db/inline-count.js';
import { PLAN_EACH_TIME } from '../db/prepared-statements.js';
import type { Database } from '../db/schema.js';
import {
  FTS5_COLUMN_WEIGHTS,
  foldQuery,
  type IndexSource,
  POSTGRES_RANK_WEIGHTS,
  positivePart,
  RANKED_MATCHES,
  RECENCY_BOOST,
  RECENCY_HALF_LIFE_DAYS,
  type ResolvedFilters,
  type SearchAudience,
  type SearchConfig,
  type SearchDocument,
  type SearchFilters,
} from './search.js';
import { foldText, type ParsedQuery, toFts5Match, toPostgresTsquery } from './search-query.js';

/** Rows written per INSERT statement when (re)indexing many articles. */
const WRITE_CHUNK = 200;

/** The names an article's taxonomy and byline text are made of. */
export interface ArticleNames {
  categoryName: string | null;
  tagNames: string[];
  authorNames: string[];
}

/** A matching article id and its relevance × recency score. */
export interface RankedId {
  id: number;
  score: number;
}

/** What a results page shows of one hit, before highlighting. */
export interface HitRow {
  id: number;
  kind: ArticleKind;
  slug: string;
  headline: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  category: { name: string; slug: string } | null;
  dek: string;
  excerpt: string;
  body: string;
}

/** Categories, tags and authors a reader may narrow a search to. */
export interface FilterOptions {
  categories: { name: string; slug: string; parentSlug: string | null }[];
  tags: { name: string; slug: string }[];
  authors: { name: string; slug: string }[];
}

/** A search over the index: what to match, for whom, narrowed how, which page. */
export interface SearchParams {
  query: ParsedQuery;
  audience: SearchAudience;
  filters: ResolvedFilters;
  now: string;
  limit: number;
  offset: number;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Search persistence for the database's dialect. */
export function createSearchStore(
  db: Kysely<Database>,
  dialect: Dialect,
  options: { rankedMatches?: number } = {},
) {
  const isPostgres = dialect === 'postgres';
  const rankedMatches = options.rankedMatches ?? RANKED_MATCHES;

  async function insertDocuments(docs: SearchDocument[], trx: Kysely<Database>): Promise<void> {
    const indexedAt = new Date().toISOString();
    for (const chunk of chunks(docs, WRITE_CHUNK)) {
      if (isPostgres) {
        // Folded text goes into the tsvector (no unaccent on the server); the original text is kept for snippets.
        const rows = chunk.map((d) => {
          const config = sql`${d.config}::regconfig`;
          const vector = (text: string, weight: 'A' | 'B' | 'C' | 'D') =>
            sql`setweight(to_tsvector(${config}, ${foldText(text)}), ${weight}::"char")`;
          return sql`(${d.articleId}, ${d.config},
            ${vector(d.headline, 'A')} || ${vector(d.dek, 'B')} || ${vector(d.taxonomy, 'C')} || ${vector(d.authors, 'C')} || ${vector(d.body, 'D')})`;
        });
        await insertTexts(chunk, indexedAt, trx);
        await sql`insert into search_index (article_id, config, document) values ${sql.join(rows)}
          on conflict (article_id) do update set config = excluded.config, document = excluded.document`.execute(
          trx,
        );
        continue;
      }
      await insertTexts(chunk, indexedAt, trx);
      for (const config of ['english', 'simple'] as const) {
        const rows = chunk
          .filter((d) => d.config === config)
          .map(
            (d) =>
              sql`(${d.articleId}, ${foldText(d.headline)}, ${foldText(d.dek)}, ${foldText(d.body)}, ${foldText(d.taxonomy)}, ${foldText(d.authors)})`,
          );
        if (rows.length === 0) continue;
        await sql`insert into ${sql.table(ftsTable(config))} (rowid, headline, dek, body, taxonomy, authors)
          values ${sql.join(rows)}`.execute(trx);
      }
    }
  }

  async function insertTexts(
    docs: SearchDocument[],
    indexedAt: string,
    trx: Kysely<Database>,
  ): Promise<void> {
    let insert = trx.insertInto('search_documents').values(
      docs.map((d) => ({
        article_id: d.articleId,
        config: d.config,
        headline: d.headline,
        dek: d.dek,
        body: d.body,
        taxonomy: d.taxonomy,
        authors: d.authors,
        indexed_at: indexedAt,
      })),
    );
    if (isPostgres)
      insert = insert.onConflict((oc) =>
        oc.column('article_id').doUpdateSet((eb) => ({
          config: eb.ref('excluded.config'),
          headline: eb.ref('excluded.headline'),
          dek: eb.ref('excluded.dek'),
          body: eb.ref('excluded.body'),
          taxonomy: eb.ref('excluded.taxonomy'),
          authors: eb.ref('excluded.authors'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      );
    await insert.execute();
  }

  function ftsTable(config: SearchConfig): string {
    return config === 'english' ? 'search_index_english' : 'search_index_simple';
  }

  function visibility(audience: SearchAudience, now: string): RawBuilder<SqlBool> {
    switch (audience.kind) {
      case 'public':
        return sql`a.status = 'published' and a.deleted_at is null and a.published_at is not null and a.published_at <= ${now}`;
      case 'newsroom-all':
        return sql`a.deleted_at is null`;
      case 'newsroom-own':
        return sql`a.deleted_at is null and (a.status = 'published' or a.owner_id = ${audience.ownerId})`;
    }
  }

  function narrowing(filters: ResolvedFilters): RawBuilder<SqlBool> {
    const conditions: RawBuilder<SqlBool>[] = [sql`1 = 1`];
    if (filters.categoryIds)
      conditions.push(
        filters.categoryIds.length ? sql`a.category_id in (${sql.join(filters.categoryIds)})` : sql`1 = 0`,
      );
    if (filters.tagId !== undefined)
      conditions.push(
        sql`exists (select 1 from article_tags t where t.article_id = a.id and t.tag_id = ${filters.tagId})`,
      );
    if (filters.authorId !== undefined)
      conditions.push(
        sql`exists (select 1 from article_authors w where w.article_id = a.id and w.author_id = ${filters.authorId})`,
      );
    if (filters.since) conditions.push(sql`coalesce(a.published_at, a.updated_at) >= ${filters.since}`);
    if (filters.before) conditions.push(sql`coalesce(a.published_at, a.updated_at) < ${filters.before}`);
    return sql.join(conditions, sql` and `) as RawBuilder<SqlBool>;
  }

  // Relevance × (1 + boost·h / (h + age in days)); see recencyFactor in search.ts.
  const boostNumerator = sql.raw(String(RECENCY_BOOST * RECENCY_HALF_LIFE_DAYS));
  const halfLife = sql.raw(String(RECENCY_HALF_LIFE_DAYS));

  /** The ranked-hits SQL, or null when the query leaves nothing to match in this dialect. */
  function rankedSql(params: SearchParams, select: 'page' | 'count'): RawBuilder<unknown> | null {
    const { audience, filters, now } = params;
    const where = sql`${visibility(audience, now)} and ${narrowing(filters)}`;
    const dated = sql`coalesce(a.published_at, a.updated_at)`;
    if (isPostgres) {
      const tsquery = toPostgresTsquery(params.query);
      const positive = toPostgresTsquery(positivePart(params.query));
      if (tsquery === null || positive === null) return null;
      // Gating each branch by config lets PostgreSQL use the GIN index for both; the numnode() check
      // stops a query whose positive words are all stop words ("the -budget") matching everything.
      const matches = sql`((v.config = 'english' and v.document @@ to_tsquery('english', ${tsquery})
            and numnode(to_tsquery('english', ${positive})) > 0)
        or (v.config = 'simple' and v.document @@ to_tsquery('simple', ${tsquery})
            and numnode(to_tsquery('simple', ${positive})) > 0))`;
      const from = sql`from search_index v join articles a on a.id = v.article_id where ${matches} and ${where}`;
      const planned = sql.raw(PLAN_EACH_TIME);
      if (select === 'count') return sql`${planned}select count(*) as total ${from}`;
      const rank = sql`ts_rank_cd(${sql.lit(POSTGRES_RANK_WEIGHTS)}::float4[], v.document,
        case when v.config = 'english' then to_tsquery('english', ${tsquery}) else to_tsquery('simple', ${tsquery}) end, 1)`;
      const age = sql`greatest(0, extract(epoch from (${now}::timestamptz - v.dated::timestamptz))::float8 / 86400)`;
      // As on SQLite, only the newest `rankedMatches` matches are ranked: ts_rank_cd() reads each match's
      // whole document, which for a common word was most of the query's time.
      return sql`${planned}with hits as (
          select a.id, v.config, v.document, ${dated} as dated ${from}
          order by a.id desc limit ${inlineCount(rankedMatches)})
        select v.id, ${rank} * (1 + ${boostNumerator} / (${halfLife} + ${age})) as score,
          v.dated, count(*) over () as total
        from hits v
        order by score desc, v.dated desc, v.id desc
        limit ${inlineCount(params.limit)} offset ${inlineCount(params.offset)}`;
    }
    const match = toFts5Match(foldQuery(params.query));
    if (match === null) return null;
    const weights = sql.raw(FTS5_COLUMN_WEIGHTS.join(', '));
    // Each index is walked newest first (FTS5 reads its doclists in rowid order, and ids grow with time)
    // and stops after `rankedMatches` visible matches, so bm25() runs on at most that many rows.
    const matching = (table: string, limit: number | null) => {
      const index = sql.table(table);
      const select =
        limit === null
          ? sql`select ${index}.rowid as id`
          : sql`select ${index}.rowid as id, bm25(${index}, ${weights}) as rank`;
      const bounded = limit === null ? sql`` : sql`order by ${index}.rowid desc limit ${inlineCount(limit)}`;
      return sql`${select} from ${index} join articles a on a.id = ${index}.rowid
        where ${index} match ${match} and ${where} ${bounded}`;
    };
    if (select === 'count') {
      return sql`select count(*) as total from (${matching('search_index_english', null)}
        union all ${matching('search_index_simple', null)})`;
    }
    // bm25() is lower for better matches, hence the minus.
    const age = sql`max(0, julianday(${now}) - julianday(${dated}))`;
    return sql`with hits(id, rank) as (
        select * from (${matching('search_index_english', rankedMatches)})
        union all
        select * from (${matching('search_index_simple', rankedMatches)}))
      select a.id, -hits.rank * (1 + ${boostNumerator} / (${halfLife} + ${age})) as score,
        ${dated} as dated, count(*) over () as total
      from hits join articles a on a.id = hits.id
      order by score desc, dated desc, a.id desc
      limit ${inlineCount(params.limit)} offset ${inlineCount(params.offset)}`;
  }

  /** Section, public tag and byline names of `ids`, in display order. */
  async function namesFor(ids: number[], trx: Kysely<Database>): Promise<Map<number, ArticleNames>> {
    const names = new Map<number, ArticleNames>();
    if (ids.length === 0) return names;
    const [categories, tags, authors] = await Promise.all([
      trx
        .selectFrom('articles as a')
        .leftJoin('categories as c', 'c.id', 'a.category_id')
        .select(['a.id', 'c.name'])
        .where('a.id', 'in', ids)
        .execute(),
      trx
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['at.article_id', 't.name'])
        .where('at.article_id', 'in', ids)
        // Internal tags (imported Ghost #tags) are never shown to readers, so they are not searchable.
        .where('t.is_internal', '=', 0)
        .orderBy('at.article_id')
        .orderBy('at.position')
        .execute(),
      trx
        .selectFrom('article_authors as aa')
        .innerJoin('authors as w', 'w.id', 'aa.author_id')
        .select(['aa.article_id', 'w.name'])
        .where('aa.article_id', 'in', ids)
        .orderBy('aa.article_id')
        .orderBy('aa.position')
        .execute(),
    ]);
    for (const c of categories) names.set(c.id, { categoryName: c.name, tagNames: [], authorNames: [] });
    for (const t of tags) names.get(t.article_id)?.tagNames.push(t.name);
    for (const w of authors) names.get(w.article_id)?.authorNames.push(w.name);
    return names;
  }

  return {
    dialect,

    /** The article fields the index is built from, for the articles that still exist. */
    async loadSources(ids: number[], trx: Kysely<Database> = db): Promise<IndexSource[]> {
      if (ids.length === 0) return [];
      const [rows, names] = await Promise.all([
        trx
          .selectFrom('articles as a')
          .select(['a.id', 'a.kind', 'a.headline', 'a.dek', 'a.body_html', 'a.language', 'a.deleted_at'])
          .where('a.id', 'in', ids)
          .execute(),
        namesFor(ids, trx),
      ]);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        headline: r.headline,
        dek: r.dek,
        bodyHtml: r.body_html,
        language: r.language,
        deletedAt: r.deleted_at,
        ...(names.get(r.id) ?? { categoryName: null, tagNames: [], authorNames: [] }),
      }));
    },

    /** A batch of indexed documents after `afterId`: their stored taxonomy and byline text, and the current names. */
    async indexedNames(
      afterId: number,
      limit: number,
    ): Promise<{ id: number; taxonomy: string; authors: string; current: ArticleNames }[]> {
      const docs = await db
        .selectFrom('search_documents')
        .select(['article_id', 'taxonomy', 'authors'])
        .where('article_id', '>', afterId)
        .orderBy('article_id')
        .limit(limit)
        .execute();
      const names = await namesFor(
        docs.map((d) => d.article_id),
        db,
      );
      return docs.map((d) => ({
        id: d.article_id,
        taxonomy: d.taxonomy,
        authors: d.authors,
        current: names.get(d.article_id) ?? { categoryName: null, tagNames: [], authorNames: [] },
      }));
    },

    /** Replaces the documents of `ids` with `docs` (ids without a doc leave the index). */
    async replaceDocuments(ids: number[], docs: SearchDocument[], trx: Kysely<Database> = db): Promise<void> {
      // PostgreSQL upserts: two transactions reindexing one article (a correction while the scheduler
      // publishes) would otherwise both insert after deleting, and the second would fail on the key.
      // SQLite runs one writer at a time, and its delete trigger is what clears the FTS5 entries.
      const kept = new Set(docs.map((d) => d.articleId));
      const removed = isPostgres ? ids.filter((id) => !kept.has(id)) : ids;
      for (const chunk of chunks(removed, 500)) {
        // Their index entries go too: a trigger on SQLite, a cascading foreign key on PostgreSQL.
        await trx.deleteFrom('search_documents').where('article_id', 'in', chunk).execute();
      }
      await insertDocuments(docs, trx);
    },

    /** Empties the index (before a full rebuild). */
    async clearIndex(trx: Kysely<Database> = db): Promise<void> {
      if (isPostgres) {
        await sql`truncate search_index, search_documents`.execute(trx);
        return;
      }
      // 'delete-all' empties a contentless FTS5 table at once, so the per-row trigger has nothing to do.
      await sql`insert into search_index_english (search_index_english) values ('delete-all')`.execute(trx);
      await sql`insert into search_index_simple (search_index_simple) values ('delete-all')`.execute(trx);
      await trx.deleteFrom('search_documents').execute();
    },

    /** Compacts the index after bulk writes (FTS5 segment merge; fresh planner statistics on PostgreSQL). */
    async optimize(): Promise<void> {
      if (isPostgres) {
        await sql`analyze search_documents`.execute(db);
        await sql`analyze search_index`.execute(db);
        return;
      }
      await sql`insert into search_index_english (search_index_english) values ('optimize')`.execute(db);
      await sql`insert into search_index_simple (search_index_simple) values ('optimize')`.execute(db);
      // 'optimize' rewrites the whole index into the WAL; copy it back now (PASSIVE: without waiting for
      // readers) so the rebuild pays for it rather than the next editor's save.
      await sql`pragma wal_checkpoint(passive)`.execute(db);
    },

    /** Up to `limit` ids of articles, in id order after `afterId`; `missingOnly` skips indexed ones. */
    async articleIds(afterId: number, limit: number, missingOnly: boolean): Promise<number[]> {
      let query = db
        .selectFrom('articles as a')
        .select('a.id')
        .where('a.id', '>', afterId)
        .where('a.deleted_at', 'is', null);
      if (missingOnly)
        query = query.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('search_documents as d')
                .select('d.article_id')
                .whereRef('d.article_id', '=', 'a.id'),
            ),
          ),
        );
      const rows = await query.orderBy('a.id').limit(limit).execute();
      return rows.map((r) => r.id);
    },

    /** Articles filed under a category (their indexed section name changes with it). */
    async articleIdsInCategory(categoryId: number, trx: Kysely<Database> = db): Promise<number[]> {
      const rows = await trx
        .selectFrom('articles')
        .select('id')
        .where('category_id', '=', categoryId)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Articles carrying a tag. */
    async articleIdsWithTag(tagId: number, trx: Kysely<Database> = db): Promise<number[]> {
      const rows = await trx
        .selectFrom('article_tags')
        .select('article_id')
        .where('tag_id', '=', tagId)
        .execute();
      return rows.map((r) => r.article_id);
    },

    /** Articles with an author in their byline. */
    async articleIdsByAuthor(authorId: number, trx: Kysely<Database> = db): Promise<number[]> {
      const rows = await trx
        .selectFrom('article_authors')
        .select('article_id')
        .where('author_id', '=', authorId)
        .execute();
      return rows.map((r) => r.article_id);
    },

    /** Turns filter slugs into ids; a slug naming nothing (or an internal tag) matches no article. */
    async resolveFilters(filters: SearchFilters): Promise<ResolvedFilters> {
      const resolved: ResolvedFilters = {};
      if (filters.category) {
        const categories = await db.selectFrom('categories').select(['id', 'slug', 'parent_id']).execute();
        const root = categories.find((c) => c.slug === filters.category);
        resolved.categoryIds = root ? withSubcategories(root.id, categories) : [];
      }
      if (filters.tag) {
        const tag = await db
          .selectFrom('tags')
          .select('id')
          .where('slug', '=', filters.tag)
          .where('is_internal', '=', 0)
          .executeTakeFirst();
        resolved.tagId = tag?.id ?? -1;
      }
      if (filters.author) {
        const author = await db
          .selectFrom('authors')
          .select('id')
          .where('slug', '=', filters.author)
          .executeTakeFirst();
        resolved.authorId = author?.id ?? -1;
      }
      return resolved;
    },

    /**
     * One page of matching article ids, best first, and the number of matches; null when the query
     * has nothing this database can search for.
     */
    async search(
      params: SearchParams,
    ): Promise<{ total: number; totalIsLowerBound: boolean; ranked: RankedId[] } | null> {
      const pageSql = rankedSql(params, 'page');
      if (pageSql === null) return null;
      const { rows } = await (pageSql as RawBuilder<{ id: number; score: number; total: number }>).execute(
        db,
      );
      let total = rows.length > 0 ? Number(rows[0].total) : 0;
      const ranked = rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
      // The window counts only the ranked matches: when they reached the bound, there may be more.
      if (total >= rankedMatches) return { total: rankedMatches, totalIsLowerBound: true, ranked };
      if (rows.length === 0 && params.offset > 0) {
        // Past the last page the window count has no row to ride on.
        const countSql = rankedSql(params, 'count') as RawBuilder<{ total: number }>;
        total = Number((await countSql.execute(db)).rows[0]?.total ?? 0);
        if (total >= rankedMatches) return { total: rankedMatches, totalIsLowerBound: true, ranked };
      }
      return { total, totalIsLowerBound: false, ranked };
    },

    /** The articles and indexed text of `ids`, for rendering hits. */
    async loadHits(ids: number[]): Promise<HitRow[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('articles as a')
        .leftJoin('categories as c', 'c.id', 'a.category_id')
        .leftJoin('search_documents as d', 'd.article_id', 'a.id')
        .select([
          'a.id',
          'a.kind',
          'a.slug',
          'a.headline',
          'a.status',
          'a.published_at',
          'a.updated_at',
          'a.dek',
          'a.excerpt',
          'c.name as category_name',
          'c.slug as category_slug',
          'd.body',
        ])
        .where('a.id', 'in', ids)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as ArticleKind,
        slug: r.slug,
        headline: r.headline,
        status: r.status as ArticleStatus,
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
        category: r.category_name !== null ? { name: r.category_name, slug: r.category_slug! } : null,
        dek: r.dek,
        excerpt: r.excerpt,
        body: r.body ?? '',
      }));
    },

    /** Bylines of many articles in one query. */
    async bylinesFor(ids: number[]): Promise<Map<number, Byline[]>> {
      const map = new Map<number, Byline[]>();
      if (ids.length === 0) return map;
      const rows = await db
        .selectFrom('article_authors as aa')
        .innerJoin('authors as w', 'w.id', 'aa.author_id')
        .select(['aa.article_id', 'w.id', 'w.name', 'w.slug'])
        .where('aa.article_id', 'in', ids)
        .orderBy('aa.article_id')
        .orderBy('aa.position')
        .execute();
      for (const r of rows)
        map.set(r.article_id, [...(map.get(r.article_id) ?? []), { id: r.id, name: r.name, slug: r.slug }]);
      return map;
    },

    /** Sections, public tags and authors for the filter menus (alphabetical, bounded). */
    async filterOptions(limit = 300): Promise<FilterOptions> {
      const [categories, tags, authors] = await Promise.all([
        db
          .selectFrom('categories as c')
          .leftJoin('categories as p', 'p.id', 'c.parent_id')
          .select(['c.name', 'c.slug', 'p.slug as parent_slug'])
          .orderBy('c.name')
          .limit(limit)
          .execute(),
        db
          .selectFrom('tags')
          .select(['name', 'slug'])
          .where('is_internal', '=', 0)
          .orderBy('name')
          .limit(limit)
          .execute(),
        db.selectFrom('authors').select(['name', 'slug']).orderBy('name').limit(limit).execute(),
      ]);
      return {
        categories: categories.map((c) => ({ name: c.name, slug: c.slug, parentSlug: c.parent_slug })),
        tags,
        authors,
      };
    },
  };
}

/** A category and every category below it. */
function withSubcategories(rootId: number, categories: { id: number; parent_id: number | null }[]): number[] {
  const ids = [rootId];
  // Breadth-first; the `includes` check keeps a (corrupt) parent cycle from looping forever.
  for (let i = 0; i < ids.length; i++) {
    for (const c of categories) if (c.parent_id === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  }
  return ids;
}

export type SearchStore = ReturnType<typeof createSearchStore>;
