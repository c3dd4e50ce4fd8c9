/**
 * All SQL of the content APIs: published articles and pages with filters,
 * orders and totals, taxonomy and authors with counts, and approved comments.
 * Every query here is confined to what readers may see (published, not
 * deleted, not in the future; approved comments on such articles; public tags;
 * authors with published work), so no API built on it can leak a draft.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Article, ArticleKind, Byline, Category, Correction, Tag } from '../articles/article.js';
import type { Database } from '../db/schema.js';
import type {
  ArticleFilter,
  ArticleOrderField,
  Order,
  Paged,
  PageRequest,
  TermFilter,
  TermOrderField,
} from './content-filter.js';

/** A category or tag as the APIs show it, with its count of published articles. */
export interface ContentTerm {
  id: number;
  name: string;
  slug: string;
  description: string;
  parentId: number | null;
  count: number;
}

/** A public author profile with its count of published articles. */
export interface ContentAuthor {
  id: number;
  name: string;
  slug: string;
  bio: string;
  count: number;
}

/** An approved comment; the type has no email or IP because the query never selects them. */
export interface ContentComment {
  id: number;
  articleId: number;
  articleSlug: string;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  bodyHtml: string;
  createdAt: string;
}

type ArticlesEb = ExpressionBuilder<Database, 'articles'>;

const ARTICLE_ORDER_COLUMN = {
  publishedAt: 'articles.published_at',
  updatedAt: 'articles.updated_at',
  headline: 'articles.headline',
  slug: 'articles.slug',
  id: 'articles.id',
} as const;

/** `lower(column) LIKE %text%` with the wildcards in `text` taken literally (SQLite has no default escape). */
function contains(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

function isPublicArticle(eb: ArticlesEb, now: string, kind: ArticleKind | null): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('articles.status', '=', 'published'),
    eb('articles.deleted_at', 'is', null),
    eb('articles.published_at', '<=', now),
  ];
  if (kind) conditions.push(eb('articles.kind', '=', kind));
  return eb.and(conditions);
}

function strings(values: (string | number | boolean)[]): string[] {
  return values.map(String);
}

function numbers(values: (string | number | boolean)[]): number[] {
  return values.map(Number).filter((n) => Number.isInteger(n));
}

function filterExpression(eb: ArticlesEb, filter: ArticleFilter): Expression<SqlBool> {
  if ('all' in filter) return eb.and(filter.all.map((f) => filterExpression(eb, f)));
  if ('any' in filter) return eb.or(filter.any.map((f) => filterExpression(eb, f)));
  if ('not' in filter) return eb.not(filterExpression(eb, filter.not));
  if ('search' in filter) {
    // Until the search service can be asked, a case-insensitive match on the headline and dek.
    return eb.or([contains('articles.headline', filter.search), contains('articles.dek', filter.search)]);
  }
  if ('compare' in filter) {
    const column = filter.field === 'publishedAt' ? 'articles.published_at' : 'articles.updated_at';
    return eb(column, filter.compare, filter.value);
  }
  const values = filter.in;
  if (values.length === 0) return eb.lit(false);
  switch (filter.field) {
    case 'id':
      return eb('articles.id', 'in', numbers(values).length ? numbers(values) : [-1]);
    case 'slug':
      return eb('articles.slug', 'in', strings(values));
    case 'language':
      return eb('articles.language', 'in', strings(values));
    case 'sticky':
      return eb(
        'articles.sticky',
        'in',
        values.map((v) => (v === true || v === 'true' || v === 1 ? 1 : 0)),
      );
    case 'publishedAt':
      return eb('articles.published_at', 'in', strings(values));
    case 'updatedAt':
      return eb('articles.updated_at', 'in', strings(values));
    case 'category':
      return eb(
        'articles.category_id',
        'in',
        eb.selectFrom('categories').select('categories.id').where('categories.slug', 'in', strings(values)),
      );
    case 'categoryId':
      return eb('articles.category_id', 'in', numbers(values).length ? numbers(values) : [-1]);
    case 'tag':
    case 'tagId':
      return eb.exists(
        eb
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select('article_tags.tag_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('tags.is_internal', '=', 0)
          .where((e) =>
            filter.field === 'tag'
              ? e('tags.slug', 'in', strings(values))
              : e('tags.id', 'in', numbers(values).length ? numbers(values) : [-1]),
          ),
      );
    case 'author':
    case 'authorId':
      return eb.exists(
        eb
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .select('article_authors.author_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where((e) =>
            filter.field === 'author'
              ? e('authors.slug', 'in', strings(values))
              : e('authors.id', 'in', numbers(values).length ? numbers(values) : [-1]),
          ),
      );
  }
}

/** Content read-model persistence. */
export function createContentStore(db: Kysely<Database>) {
  async function hydrate(ids: number[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const [rows, bylines, tags, corrections, counts] = await Promise.all([
      db
        .selectFrom('articles')
        .leftJoin('categories', 'categories.id', 'articles.category_id')
        .selectAll('articles')
        .select([
          'categories.name as category_name',
          'categories.slug as category_slug',
          'categories.description as category_description',
          'categories.parent_id as category_parent_id',
        ])
        .where('articles.id', 'in', ids)
        .execute(),
      db
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select(['article_authors.article_id', 'authors.id', 'authors.name', 'authors.slug'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute(),
      db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select([
          'article_tags.article_id',
          'tags.id',
          'tags.name',
          'tags.slug',
          'tags.description',
          'tags.is_internal',
        ])
        .where('article_tags.article_id', 'in', ids)
        // Internal tags (Ghost's #hash tags) are newsroom bookkeeping, never shown.
        .where('tags.is_internal', '=', 0)
        .orderBy('article_tags.position')
        .execute(),
      db
        .selectFrom('corrections')
        .select(['article_id', 'id', 'corrected_at', 'text'])
        .where('article_id', 'in', ids)
        .orderBy('corrected_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('comments')
        .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('article_id', 'in', ids)
        .where('status', '=', 'approved')
        .groupBy('article_id')
        .execute(),
    ]);
    const group = <T extends { article_id: number }>(list: T[]) => {
      const map = new Map<number, T[]>();
      for (const item of list) map.set(item.article_id, [...(map.get(item.article_id) ?? []), item]);
      return map;
    };
    const bylinesById = group(bylines);
    const tagsById = group(tags);
    const correctionsById = group(corrections);
    const countById = new Map(counts.map((c) => [c.article_id, Number(c.n)]));
    const byId = new Map(
      rows.map((row): [number, Article] => [
        row.id,
        {
          id: row.id,
          kind: row.kind as ArticleKind,
          headline: row.headline,
          slug: row.slug,
          dek: row.dek,
          excerpt: row.excerpt,
          status: row.status as Article['status'],
          publishedAt: row.published_at,
          updatedAt: row.updated_at,
          language: row.language,
          category:
            row.category_id !== null && row.category_name !== null
              ? { id: row.category_id, name: row.category_name, slug: row.category_slug ?? '' }
              : null,
          authors: (bylinesById.get(row.id) ?? []).map(
            (b): Byline => ({ id: b.id, name: b.name, slug: b.slug }),
          ),
          featuredImage: row.featured_image_url
            ? {
                url: row.featured_image_url,
                alt: row.featured_image_alt,
                caption: row.featured_image_caption,
                credit: row.featured_image_credit,
                mediaId: row.featured_media_id,
              }
            : null,
          commentCount: countById.get(row.id) ?? 0,
          bodySource: row.body_source,
          bodyFormat: row.body_format as Article['bodyFormat'],
          bodyHtml: row.body_html,
          createdAt: row.created_at,
          deletedAt: row.deleted_at,
          translationGroup: row.translation_group,
          commentsOpen: row.comments_open === 1,
          sticky: row.sticky === 1,
          seeAlsoMode: row.see_also_mode as Article['seeAlsoMode'],
          seeAlsoPinId: row.see_also_pin_id,
          metaDescription: row.meta_description,
          ownerId: row.owner_id,
          version: row.version,
          submittedForReview: row.submitted_for_review === 1,
          tags: (tagsById.get(row.id) ?? []).map(
            (t): Tag => ({
              id: t.id,
              name: t.name,
              slug: t.slug,
              description: t.description,
              isInternal: t.is_internal === 1,
            }),
          ),
          corrections: (correctionsById.get(row.id) ?? []).map(
            (c): Correction => ({ id: c.id, correctedAt: c.corrected_at, text: c.text }),
          ),
          sourceId: null,
        },
      ]),
    );
    return ids.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
  }

  function termCount(
    eb: ExpressionBuilder<Database, 'categories'> | ExpressionBuilder<Database, 'tags'>,
    kind: 'category' | 'tag',
    now: string,
  ) {
    const base = (eb as ExpressionBuilder<Database, never>)
      .selectFrom('articles')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where((e) => isPublicArticle(e, now, 'article'));
    return kind === 'category'
      ? base.whereRef('articles.category_id', '=', 'categories.id' as never)
      : base.where((e) =>
          e.exists(
            e
              .selectFrom('article_tags')
              .select('article_tags.tag_id')
              .whereRef('article_tags.article_id', '=', 'articles.id')
              .whereRef('article_tags.tag_id', '=', 'tags.id' as never),
          ),
        );
  }

  function termOrder(order: Order<TermOrderField>[]) {
    return [...order, { field: 'id' as const, direction: 'asc' as const }];
  }

  return {
    /** Published articles (or pages) matching `filter`, in `order`, with the total. */
    async listArticles(options: {
      now: string;
      kind: ArticleKind | null;
      filter?: ArticleFilter;
      order: Order<ArticleOrderField>[];
      page: PageRequest;
    }): Promise<Paged<Article>> {
      const { now, kind, filter } = options;
      const where = (eb: ArticlesEb) =>
        eb.and([isPublicArticle(eb, now, kind), ...(filter ? [filterExpression(eb, filter)] : [])]);
      let query = db.selectFrom('articles').select('articles.id').where(where);
      const last = options.order.at(-1)?.direction ?? 'desc';
      for (const key of [...options.order, { field: 'id' as const, direction: last }]) {
        query = query.orderBy(ARTICLE_ORDER_COLUMN[key.field], key.direction);
      }
      const [rows, count] = await Promise.all([
        query.limit(options.page.limit).offset(options.page.offset).execute(),
        db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(where)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: await hydrate(rows.map((r) => r.id)), total: Number(count.n) };
    },

    /** One published article or page by id or slug. */
    async findArticle(
      now: string,
      kind: ArticleKind | null,
      by: { id: number } | { slug: string },
    ): Promise<Article | undefined> {
      const row = await db
        .selectFrom('articles')
        .select('id')
        .where((eb) =>
          eb.and([
            isPublicArticle(eb, now, kind),
            'id' in by ? eb('articles.id', '=', by.id) : eb('articles.slug', '=', by.slug),
          ]),
        )
        .executeTakeFirst();
      return row ? (await hydrate([row.id]))[0] : undefined;
    },

    /** Categories with their counts of published articles. */
    async listCategories(
      now: string,
      filter: TermFilter,
      order: Order<TermOrderField>[],
      page: PageRequest,
    ): Promise<Paged<ContentTerm>> {
      const base = db.selectFrom('categories').where((eb) => {
        const conditions: Expression<SqlBool>[] = [];
        if (filter.ids) conditions.push(eb('categories.id', 'in', filter.ids.length ? filter.ids : [-1]));
        if (filter.slugs)
          conditions.push(eb('categories.slug', 'in', filter.slugs.length ? filter.slugs : ['']));
        if (filter.search) conditions.push(contains('categories.name', filter.search));
        if (filter.parentId !== undefined)
          conditions.push(
            filter.parentId === 0
              ? eb('categories.parent_id', 'is', null)
              : eb('categories.parent_id', '=', filter.parentId),
          );
        if (filter.hideEmpty) conditions.push(eb(termCount(eb, 'category', now), '>', 0));
        return eb.and(conditions);
      });
      let query = base.select((eb) => [
        'categories.id',
        'categories.name',
        'categories.slug',
        'categories.description',
        'categories.parent_id',
        termCount(eb, 'category', now).as('count'),
      ]);
      for (const key of termOrder(order)) {
        query = query.orderBy(key.field === 'count' ? 'count' : `categories.${key.field}`, key.direction);
      }
      const [rows, count] = await Promise.all([
        query.limit(page.limit).offset(page.offset).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          slug: r.slug,
          description: r.description,
          parentId: r.parent_id,
          count: Number(r.count),
        })),
        total: Number(count.n),
      };
    },

    /** Public (not internal) tags with their counts of published articles. */
    async listTags(
      now: string,
      filter: TermFilter,
      order: Order<TermOrderField>[],
      page: PageRequest,
    ): Promise<Paged<ContentTerm>> {
      const base = db.selectFrom('tags').where((eb) => {
        const conditions: Expression<SqlBool>[] = [eb('tags.is_internal', '=', 0)];
        if (filter.ids) conditions.push(eb('tags.id', 'in', filter.ids.length ? filter.ids : [-1]));
        if (filter.slugs) conditions.push(eb('tags.slug', 'in', filter.slugs.length ? filter.slugs : ['']));
        if (filter.search) conditions.push(contains('tags.name', filter.search));
        if (filter.hideEmpty) conditions.push(eb(termCount(eb, 'tag', now), '>', 0));
        return eb.and(conditions);
      });
      let query = base.select((eb) => [
        'tags.id',
        'tags.name',
        'tags.slug',
        'tags.description',
        termCount(eb, 'tag', now).as('count'),
      ]);
      for (const key of termOrder(order)) {
        query = query.orderBy(key.field === 'count' ? 'count' : `tags.${key.field}`, key.direction);
      }
      const [rows, count] = await Promise.all([
        query.limit(page.limit).offset(page.offset).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          slug: r.slug,
          description: r.description,
          parentId: null,
          count: Number(r.count),
        })),
        total: Number(count.n),
      };
    },

    /** Authors with at least one published article or page: a byline nobody can read stays private. */
    async listAuthors(
      now: string,
      filter: TermFilter,
      order: Order<TermOrderField>[],
      page: PageRequest,
    ): Promise<Paged<ContentAuthor>> {
      const published = (eb: ExpressionBuilder<Database, 'authors'>, kind: ArticleKind | null) =>
        eb
          .selectFrom('article_authors')
          .innerJoin('articles', 'articles.id', 'article_authors.article_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('article_authors.author_id', '=', 'authors.id')
          .where((e) => isPublicArticle(e as unknown as ArticlesEb, now, kind));
      const base = db.selectFrom('authors').where((eb) => {
        const conditions: Expression<SqlBool>[] = [eb(published(eb, null), '>', 0)];
        if (filter.ids) conditions.push(eb('authors.id', 'in', filter.ids.length ? filter.ids : [-1]));
        if (filter.slugs)
          conditions.push(eb('authors.slug', 'in', filter.slugs.length ? filter.slugs : ['']));
        if (filter.search) conditions.push(contains('authors.name', filter.search));
        return eb.and(conditions);
      });
      let query = base.select((eb) => [
        'authors.id',
        'authors.name',
        'authors.slug',
        'authors.bio',
        published(eb, 'article').as('count'),
      ]);
      for (const key of termOrder(order)) {
        query = query.orderBy(key.field === 'count' ? 'count' : `authors.${key.field}`, key.direction);
      }
      const [rows, count] = await Promise.all([
        query.limit(page.limit).offset(page.offset).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          slug: r.slug,
          bio: r.bio,
          count: Number(r.count),
        })),
        total: Number(count.n),
      };
    },

    /** Approved comments on published articles, oldest first unless `newestFirst`. */
    async listComments(options: {
      now: string;
      articleIds?: number[];
      parentIds?: number[];
      ids?: number[];
      newestFirst?: boolean;
      page: PageRequest;
    }): Promise<Paged<ContentComment>> {
      const base = db
        .selectFrom('comments')
        .innerJoin('articles', 'articles.id', 'comments.article_id')
        .where((eb) => {
          const conditions: Expression<SqlBool>[] = [
            eb('comments.status', '=', 'approved'),
            isPublicArticle(eb as unknown as ArticlesEb, options.now, null),
          ];
          if (options.articleIds)
            conditions.push(
              eb('comments.article_id', 'in', options.articleIds.length ? options.articleIds : [-1]),
            );
          if (options.ids) conditions.push(eb('comments.id', 'in', options.ids.length ? options.ids : [-1]));
          if (options.parentIds)
            conditions.push(
              options.parentIds.includes(0)
                ? eb('comments.parent_id', 'is', null)
                : eb('comments.parent_id', 'in', options.parentIds),
            );
          return eb.and(conditions);
        });
      const direction = options.newestFirst ? 'desc' : 'asc';
      const [rows, count] = await Promise.all([
        base
          .select([
            'comments.id',
            'comments.article_id',
            'articles.slug as article_slug',
            'comments.parent_id',
            'comments.author_name',
            'comments.author_url',
            'comments.body_html',
            'comments.created_at',
          ])
          .orderBy('comments.created_at', direction)
          .orderBy('comments.id', direction)
          .limit(options.page.limit)
          .offset(options.page.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          articleId: r.article_id,
          articleSlug: r.article_slug,
          parentId: r.parent_id,
          authorName: r.author_name,
          authorUrl: r.author_url,
          bodyHtml: r.body_html,
          createdAt: r.created_at,
        })),
        total: Number(count.n),
      };
    },

    /** Categories by id, for nesting in article shapes (WordPress's `wp:term`). */
    async categoriesById(ids: number[]): Promise<Map<number, Category>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('categories')
        .select(['id', 'name', 'slug', 'description', 'parent_id'])
        .where('id', 'in', ids)
        .execute();
      return new Map(
        rows.map((r) => [
          r.id,
          { id: r.id, name: r.name, slug: r.slug, description: r.description, parentId: r.parent_id },
        ]),
      );
    },

    /** Author bios by id, for embedding bylines. */
    async authorsById(
      ids: number[],
    ): Promise<Map<number, { id: number; name: string; slug: string; bio: string }>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('authors')
        .select(['id', 'name', 'slug', 'bio'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r]));
    },
  };
}

export type ContentStore = ReturnType<typeof createContentStore>;
