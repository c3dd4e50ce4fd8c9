/** All SQL about articles and pages: rows, bylines, tags, corrections, revisions. */
import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import { inlineCount } from '../db/inline-count.js';
import type { ArticlesTable, Database } from '../db/schema.js';
import type {
  Article,
  ArticleKind,
  ArticleStatus,
  ArticleSummary,
  BodyFormat,
  Byline,
  Correction,
  SeeAlsoMode,
  Tag,
} from './article.js';

type ArticleRow = Selectable<ArticlesTable> & { category_name: string | null; category_slug: string | null };

/** What a list shows of an article: everything but the bodies and the newsroom's fields. */
type SummaryRow = Pick<
  ArticleRow,
  | 'id'
  | 'kind'
  | 'headline'
  | 'slug'
  | 'dek'
  | 'excerpt'
  | 'status'
  | 'published_at'
  | 'updated_at'
  | 'language'
  | 'category_id'
  | 'category_name'
  | 'category_slug'
  | 'featured_image_url'
  | 'featured_image_alt'
  | 'featured_image_caption'
  | 'featured_image_credit'
  | 'featured_media_id'
>;

/** Which published articles a list shows. */
export interface ArticleListFilter {
  kind?: ArticleKind;
  categoryIds?: number[];
  tagId?: number;
  authorId?: number;
  language?: string;
  publishedSince?: string;
  /**
   * One version of each story, as readers' lists show it: where a story has a published version in this
   * language (the site's), its versions in other languages are left out. Stories told only in another
   * language still appear.
   */
  preferredLanguage?: string;
}

/** Where a page of an archive starts: its first article's publication time and id (newest first). */
export interface PageAnchor {
  publishedAt: string;
  id: number;
}

/** How an archive divides into pages: its size and where each page starts. */
export interface ArchivePages {
  total: number;
  /** `anchors[n - 1]` starts page n. */
  anchors: PageAnchor[];
}

/** A revision as the newsroom lists it. */
export interface Revision {
  id: number;
  articleId: number;
  userId: number | null;
  createdAt: string;
  headline: string;
  dek: string;
  bodySource: string;
  excerpt: string;
}

function toSummary(row: SummaryRow, authors: Byline[], commentCount: number): ArticleSummary {
  return {
    id: row.id,
    kind: row.kind as ArticleKind,
    headline: row.headline,
    slug: row.slug,
    dek: row.dek,
    excerpt: row.excerpt,
    status: row.status as ArticleStatus,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    language: row.language,
    category:
      row.category_id !== null && row.category_name !== null
        ? { id: row.category_id, name: row.category_name, slug: row.category_slug! }
        : null,
    authors,
    featuredImage: row.featured_image_url
      ? {
          url: row.featured_image_url,
          alt: row.featured_image_alt,
          caption: row.featured_image_caption,
          credit: row.featured_image_credit,
          mediaId: row.featured_media_id,
        }
      : null,
    commentCount,
  };
}

function toArticle(
  row: ArticleRow,
  authors: Byline[],
  commentCount: number,
  tags: Tag[],
  corrections: Correction[],
): Article {
  return {
    ...toSummary(row, authors, commentCount),
    bodySource: row.body_source,
    bodyFormat: row.body_format as BodyFormat,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
    translationGroup: row.translation_group,
    commentsOpen: row.comments_open === 1,
    sticky: row.sticky === 1,
    seeAlsoMode: row.see_also_mode as SeeAlsoMode,
    seeAlsoPinId: row.see_also_pin_id,
    metaDescription: row.meta_description,
    ownerId: row.owner_id,
    version: row.version,
    submittedForReview: row.submitted_for_review === 1,
    tags,
    corrections,
    sourceId: row.source_id,
  };
}

/** Article persistence. */
export function createArticleStore(db: Kysely<Database>) {
  const baseSelect = (trx: Kysely<Database> = db) =>
    trx
      .selectFrom('articles')
      .leftJoin('categories', 'categories.id', 'articles.category_id')
      .selectAll('articles')
      .select(['categories.name as category_name', 'categories.slug as category_slug']);

  // Lists leave the bodies out: they are most of a row's bytes, and every list would turn them into garbage.
  const summarySelect = () =>
    db
      .selectFrom('articles')
      .leftJoin('categories', 'categories.id', 'articles.category_id')
      .select([
        'articles.id',
        'articles.kind',
        'articles.headline',
        'articles.slug',
        'articles.dek',
        'articles.excerpt',
        'articles.status',
        'articles.published_at',
        'articles.updated_at',
        'articles.language',
        'articles.category_id',
        'articles.featured_image_url',
        'articles.featured_image_alt',
        'articles.featured_image_caption',
        'articles.featured_image_credit',
        'articles.featured_media_id',
        'categories.name as category_name',
        'categories.slug as category_slug',
      ]);

  function publishedWhere(now: string, filter: ArticleListFilter) {
    return (
      eb: ExpressionBuilder<Database & { articles: ArticlesTable }, 'articles' | 'categories'>,
    ): Expression<SqlBool> => {
      const conditions: Expression<SqlBool>[] = [
        eb('articles.kind', '=', filter.kind ?? 'article'),
        eb('articles.status', '=', 'published'),
        eb('articles.deleted_at', 'is', null),
        eb('articles.published_at', '<=', now),
      ];
      if (filter.categoryIds)
        conditions.push(
          eb('articles.category_id', 'in', filter.categoryIds.length ? filter.categoryIds : [-1]),
        );
      if (filter.language) conditions.push(eb('articles.language', '=', filter.language));
      if (filter.publishedSince) conditions.push(eb('articles.published_at', '>=', filter.publishedSince));
      if (filter.preferredLanguage) {
        const preferred = filter.preferredLanguage;
        // Written as SQL: built node by node, this condition cost a front page ~150 µs of query building.
        conditions.push(
          sql<SqlBool>`(articles.language = ${preferred} or articles.translation_group is null or not exists (
            select 1 from articles as version
            where version.translation_group = articles.translation_group and version.language = ${preferred}
              and version.kind = articles.kind and version.status = 'published'
              and version.deleted_at is null and version.published_at <= ${now}))`,
        );
      }
      if (filter.tagId !== undefined) {
        conditions.push(
          eb.exists(
            eb
              .selectFrom('article_tags')
              .select('article_tags.tag_id')
              .whereRef('article_tags.article_id', '=', 'articles.id')
              .where('article_tags.tag_id', '=', filter.tagId),
          ),
        );
      }
      if (filter.authorId !== undefined) {
        conditions.push(
          eb.exists(
            eb
              .selectFrom('article_authors')
              .select('article_authors.author_id')
              .whereRef('article_authors.article_id', '=', 'articles.id')
              .where('article_authors.author_id', '=', filter.authorId),
          ),
        );
      }
      return eb.and(conditions);
    };
  }

  /** Bylines for many articles in one query. */
  async function bylinesFor(ids: number[], trx: Kysely<Database> = db): Promise<Map<number, Byline[]>> {
    const map = new Map<number, Byline[]>();
    if (ids.length === 0) return map;
    const rows = await trx
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.id', 'authors.name', 'authors.slug'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position')
      .execute();
    for (const row of rows) {
      const list = map.get(row.article_id) ?? [];
      list.push({ id: row.id, name: row.name, slug: row.slug });
      map.set(row.article_id, list);
    }
    return map;
  }

  /** Approved-comment counts for many articles in one query. */
  async function commentCountsFor(ids: number[], trx: Kysely<Database> = db): Promise<Map<number, number>> {
    const map = new Map<number, number>();
    if (ids.length === 0) return map;
    const rows = await trx
      .selectFrom('comments')
      .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('article_id', 'in', ids)
      .where('status', '=', 'approved')
      .groupBy('article_id')
      .execute();
    for (const row of rows) map.set(row.article_id, Number(row.n));
    return map;
  }

  async function summarise(rows: SummaryRow[], trx: Kysely<Database> = db): Promise<ArticleSummary[]> {
    const ids = rows.map((r) => r.id);
    const [bylines, counts] = await Promise.all([bylinesFor(ids, trx), commentCountsFor(ids, trx)]);
    return rows.map((r) => toSummary(r, bylines.get(r.id) ?? [], counts.get(r.id) ?? 0));
  }

  async function hydrate(row: ArticleRow, trx: Kysely<Database> = db): Promise<Article> {
    const [bylines, counts, tagRows, correctionRows] = await Promise.all([
      bylinesFor([row.id], trx),
      commentCountsFor([row.id], trx),
      trx
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['tags.id', 'tags.name', 'tags.slug', 'tags.description', 'tags.is_internal'])
        .where('article_tags.article_id', '=', row.id)
        .orderBy('article_tags.position')
        .execute(),
      trx
        .selectFrom('corrections')
        .select(['id', 'corrected_at', 'text'])
        .where('article_id', '=', row.id)
        .orderBy('corrected_at')
        .execute(),
    ]);
    return toArticle(
      row,
      bylines.get(row.id) ?? [],
      counts.get(row.id) ?? 0,
      tagRows.map((t) => ({
        id: t.id,
        name: t.name,
        slug: t.slug,
        description: t.description,
        isInternal: t.is_internal === 1,
      })),
      correctionRows.map((c) => ({ id: c.id, correctedAt: c.corrected_at, text: c.text })),
    );
  }

  return {
    bylinesFor,
    summarise,

    async insert(values: Insertable<ArticlesTable>, trx: Kysely<Database> = db): Promise<number> {
      const row = await trx.insertInto('articles').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** Updates the row; with `expectedVersion`, only when nobody saved in between. Returns whether a row changed. */
    async update(
      id: number,
      values: Updateable<ArticlesTable>,
      expectedVersion?: number,
      trx: Kysely<Database> = db,
    ): Promise<boolean> {
      let query = trx.updateTable('articles').set(values).where('id', '=', id);
      if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async setBylines(articleId: number, authorIds: number[], trx: Kysely<Database> = db): Promise<void> {
      await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
      const unique = [...new Set(authorIds)];
      if (unique.length) {
        await trx
          .insertInto('article_authors')
          .values(
            unique.map((authorId, position) => ({ article_id: articleId, author_id: authorId, position })),
          )
          .execute();
      }
    },

    async setTags(articleId: number, tagIds: number[], trx: Kysely<Database> = db): Promise<void> {
      await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
      const unique = [...new Set(tagIds)];
      if (unique.length) {
        await trx
          .insertInto('article_tags')
          .values(unique.map((tagId, position) => ({ article_id: articleId, tag_id: tagId, position })))
          .execute();
      }
    },

    async findById(id: number, trx: Kysely<Database> = db): Promise<Article | undefined> {
      const row = await baseSelect(trx).where('articles.id', '=', id).executeTakeFirst();
      return row && hydrate(row, trx);
    },

    async findBySourceId(sourceId: string, trx: Kysely<Database> = db): Promise<Article | undefined> {
      const row = await baseSelect(trx).where('articles.source_id', '=', sourceId).executeTakeFirst();
      return row && hydrate(row, trx);
    },

    /** The article or page readers may see at `slug`, or undefined (drafts and future articles look absent). */
    async findPublicBySlug(slug: string, now: string): Promise<Article | undefined> {
      const row = await baseSelect()
        .where('articles.slug', '=', slug)
        .where('articles.status', '=', 'published')
        .where('articles.deleted_at', 'is', null)
        .where('articles.published_at', '<=', now)
        .executeTakeFirst();
      return row && hydrate(row);
    },

    async findBySlug(slug: string): Promise<Article | undefined> {
      const row = await baseSelect().where('articles.slug', '=', slug).executeTakeFirst();
      return row && hydrate(row);
    },

    async isSlugTaken(slug: string, exceptId?: number, trx: Kysely<Database> = db): Promise<boolean> {
      let query = trx.selectFrom('articles').select('id').where('slug', '=', slug);
      if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    /** Published articles newest first, `limit` from `offset`. */
    async listPublic(
      now: string,
      filter: ArticleListFilter,
      limit: number,
      offset = 0,
    ): Promise<ArticleSummary[]> {
      const rows = await summarySelect()
        .where(publishedWhere(now, filter))
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(inlineCount(limit))
        .offset(inlineCount(offset))
        .execute();
      return summarise(rows);
    },

    /**
     * Published articles newest first, `limit` from the page starting at `anchor` (keyset pagination:
     * the index seeks straight to the page however deep it is, where an OFFSET would walk every row before it).
     */
    async listPublicFrom(
      now: string,
      filter: ArticleListFilter,
      anchor: PageAnchor,
      limit: number,
    ): Promise<ArticleSummary[]> {
      const rows = await summarySelect()
        .where(publishedWhere(now, filter))
        .where((eb) =>
          eb.or([
            eb('articles.published_at', '<', anchor.publishedAt),
            eb.and([
              eb('articles.published_at', '=', anchor.publishedAt),
              eb('articles.id', '<=', anchor.id),
            ]),
          ]),
        )
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(inlineCount(limit))
        .execute();
      return summarise(rows);
    },

    /** How the published articles matching `filter` divide into pages of `perPage`, in one pass over the index. */
    async publicPages(now: string, filter: ArticleListFilter, perPage: number): Promise<ArchivePages> {
      const numbered = db
        .selectFrom('articles')
        .leftJoin('categories', 'categories.id', 'articles.category_id')
        .where(publishedWhere(now, filter))
        .select([
          'articles.published_at as published_at',
          'articles.id as id',
          sql<number>`row_number() over (order by articles.published_at desc, articles.id desc)`.as(
            'page_position',
          ),
          sql<number>`count(*) over ()`.as('total'),
        ]);
      const rows = await db
        .selectFrom(numbered.as('numbered'))
        .select(['published_at', 'id', 'total'])
        .where(sql<SqlBool>`(page_position - 1) % cast(${Math.max(1, Math.trunc(perPage))} as integer) = 0`)
        .orderBy('page_position')
        .execute();
      return {
        total: rows.length ? Number(rows[0]!.total) : 0,
        anchors: rows.map((r) => ({ publishedAt: r.published_at!, id: Number(r.id) })),
      };
    },

    /**
     * The latest `perSection` published articles matching `filter` in each section (a section being a set of
     * category ids), leaving out `exceptIds`, all in one query: each section's part reads its own stretch of
     * the category index.
     */
    async listPublicBySection(
      now: string,
      filter: ArticleListFilter,
      sections: number[][],
      perSection: number,
      exceptIds: number[] = [],
    ): Promise<ArticleSummary[][]> {
      if (sections.length === 0) return [];
      const part = (index: number) =>
        db
          .selectFrom(
            summarySelect()
              .where(publishedWhere(now, { ...filter, categoryIds: sections[index]! }))
              .$if(exceptIds.length > 0, (q) => q.where('articles.id', 'not in', exceptIds))
              .select(sql<number>`cast(${index} as integer)`.as('section'))
              .orderBy('articles.published_at', 'desc')
              .orderBy('articles.id', 'desc')
              .limit(inlineCount(perSection))
              .as(`s${index}`),
          )
          .selectAll();
      let query = part(0);
      for (let i = 1; i < sections.length; i++) query = query.unionAll(part(i));
      const rows = await query.execute();
      const summaries = await summarise(rows);
      const bySection: ArticleSummary[][] = sections.map(() => []);
      for (const [i, row] of rows.entries()) bySection[Number(row.section)]!.push(summaries[i]!);
      for (const list of bySection) {
        list.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id - a.id);
      }
      return bySection;
    },

    /**
     * Whether any published article in a language other than `language` belongs to a story told in several
     * (whatever its publication time): until one does, `preferredLanguage` cannot leave anything out.
     */
    async hasTranslationsBeside(language: string): Promise<boolean> {
      const row = await db
        .selectFrom('articles')
        .select('id')
        .where('translation_group', 'is not', null)
        .where('language', '<>', language)
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async countPublic(now: string, filter: ArticleListFilter): Promise<number> {
      const row = await db
        .selectFrom('articles')
        .leftJoin('categories', 'categories.id', 'articles.category_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(publishedWhere(now, filter))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Other-language versions of the same story that readers may see. */
    async listPublicTranslations(
      group: string,
      exceptId: number,
      now: string,
    ): Promise<
      {
        id: number;
        kind: ArticleKind;
        slug: string;
        headline: string;
        language: string;
        publishedAt: string;
      }[]
    > {
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'kind', 'slug', 'headline', 'language', 'published_at'])
        .where('translation_group', '=', group)
        .where('id', '!=', exceptId)
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .where('published_at', '<=', now)
        .orderBy('language')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as ArticleKind,
        slug: r.slug,
        headline: r.headline,
        language: r.language,
        publishedAt: r.published_at!,
      }));
    },

    async insertCorrection(
      articleId: number,
      correctedAt: string,
      text: string,
      trx: Kysely<Database> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('corrections')
        .values({ article_id: articleId, corrected_at: correctedAt, text })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async insertRevision(
      input: {
        articleId: number;
        userId: number | null;
        headline: string;
        dek: string;
        bodySource: string;
        excerpt: string;
        snapshot: unknown;
      },
      trx: Kysely<Database> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('revisions')
        .values({
          article_id: input.articleId,
          user_id: input.userId,
          created_at: new Date().toISOString(),
          headline: input.headline,
          dek: input.dek,
          body_source: input.bodySource,
          excerpt: input.excerpt,
          snapshot: JSON.stringify(input.snapshot),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async listRevisions(articleId: number): Promise<Revision[]> {
      const rows = await db
        .selectFrom('revisions')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        articleId: r.article_id,
        userId: r.user_id,
        createdAt: r.created_at,
        headline: r.headline,
        dek: r.dek,
        bodySource: r.body_source,
        excerpt: r.excerpt,
      }));
    },

    /** Scheduled articles whose time has come. */
    async listDueScheduled(now: string): Promise<number[]> {
      const rows = await db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('deleted_at', 'is', null)
        .where('published_at', '<=', now)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Articles never to be offered as "See also" for `articleId` (chosen in the editor). */
    async listSeeAlsoExclusions(articleId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('related_exclusions')
        .select('excluded_id')
        .where('article_id', '=', articleId)
        .orderBy('excluded_id')
        .execute();
      return rows.map((r) => r.excluded_id);
    },

    /** Replaces the "See also" exclusions of `articleId`. */
    async setSeeAlsoExclusions(
      articleId: number,
      excludedIds: number[],
      trx: Kysely<Database> = db,
    ): Promise<void> {
      await trx.deleteFrom('related_exclusions').where('article_id', '=', articleId).execute();
      const unique = [...new Set(excludedIds)].filter((id) => id !== articleId);
      if (unique.length) {
        await trx
          .insertInto('related_exclusions')
          .values(unique.map((excludedId) => ({ article_id: articleId, excluded_id: excludedId })))
          .execute();
      }
    },

    async countAll(): Promise<number> {
      const row = await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Body HTML of the given articles (for full-text feeds), by id. */
    async bodiesOf(ids: number[]): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'body_html'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r.body_html]));
    },

    /** What a sitemap lists of public articles (or pages): oldest first, `limit` from `offset`. */
    async listPublicForSitemap(
      now: string,
      kind: ArticleKind,
      limit: number,
      offset = 0,
    ): Promise<{ id: number; kind: ArticleKind; slug: string; publishedAt: string; updatedAt: string }[]> {
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'kind', 'slug', 'published_at', 'updated_at'])
        .where('kind', '=', kind)
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .where('published_at', '<=', now)
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as ArticleKind,
        slug: r.slug,
        publishedAt: r.published_at!,
        updatedAt: r.updated_at,
      }));
    },

    /** The latest publication (or update) time of public articles per category, tag or author id; absent ids have none. */
    async lastPublishedBy(now: string, by: 'category' | 'tag' | 'author'): Promise<Map<number, string>> {
      const visible = db
        .selectFrom('articles')
        .where('articles.kind', '=', 'article')
        .where('articles.status', '=', 'published')
        .where('articles.deleted_at', 'is', null)
        .where('articles.published_at', '<=', now);
      const rows =
        by === 'category'
          ? await visible
              .where('articles.category_id', 'is not', null)
              .select((eb) => [
                'articles.category_id as key',
                eb.fn.max('articles.updated_at').as('updated'),
                eb.fn.max('articles.published_at').as('published'),
              ])
              .groupBy('articles.category_id')
              .execute()
          : by === 'tag'
            ? await visible
                .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
                .select((eb) => [
                  'article_tags.tag_id as key',
                  eb.fn.max('articles.updated_at').as('updated'),
                  eb.fn.max('articles.published_at').as('published'),
                ])
                .groupBy('article_tags.tag_id')
                .execute()
            : await visible
                .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
                .select((eb) => [
                  'article_authors.author_id as key',
                  eb.fn.max('articles.updated_at').as('updated'),
                  eb.fn.max('articles.published_at').as('published'),
                ])
                .groupBy('article_authors.author_id')
                .execute();
      const map = new Map<number, string>();
      for (const row of rows) {
        const updated = String(row.updated ?? '');
        const published = String(row.published ?? '');
        map.set(Number(row.key), [updated, published].sort()[1]!);
      }
      return map;
    },
  };
}

export type ArticleStore = ReturnType<typeof createArticleStore>;
