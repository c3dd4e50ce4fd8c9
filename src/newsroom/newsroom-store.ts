/** SQL behind the newsroom's own screens: the article list, the dashboard, activity and autosaves. */
import type { Kysely } from 'kysely';
import type { ArticleStatus, Byline } from '../articles/article.js';
import type { Database } from '../db/schema.js';

/** Which articles the newsroom list shows. `review`: drafts submitted for review; `trash`: deleted ones. */
export type ListView = 'all' | ArticleStatus | 'review' | 'trash';
export const LIST_VIEWS: ListView[] = [
  'all',
  'draft',
  'review',
  'scheduled',
  'published',
  'archived',
  'trash',
];
export type ListSort = 'updated' | 'published' | 'headline';

/** The filter of the article list. */
export interface NewsroomArticleFilter {
  view: ListView;
  authorId?: number;
  categoryId?: number;
  ownerId?: number;
  /** Matches the headline (case-insensitive), or any article in `searchIds`. */
  search?: string;
  /** Articles the full-text search found for `search` (body, dek, tags…), matched besides headlines. */
  searchIds?: number[];
  /** Restricts to these ids (from a full-text search), in any order. */
  ids?: number[];
  sort: ListSort;
  limit: number;
  offset: number;
}

/** A row of the newsroom article list. */
export interface NewsroomArticleRow {
  id: number;
  kind: string;
  headline: string;
  slug: string;
  status: ArticleStatus;
  submittedForReview: boolean;
  publishedAt: string | null;
  updatedAt: string;
  deletedAt: string | null;
  language: string;
  categoryName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  authors: Byline[];
}

/** An entry of the dashboard's recent activity: one saved revision. */
export interface ActivityEntry {
  articleId: number;
  headline: string;
  userName: string | null;
  at: string;
}

/** An autosaved editor form. */
export interface Autosave {
  articleId: number | null;
  baseVersion: number | null;
  fields: Record<string, unknown>;
  savedAt: string;
}

/** Newsroom screen persistence. */
export function createNewsroomStore(db: Kysely<Database>) {
  function filtered(filter: Omit<NewsroomArticleFilter, 'sort' | 'limit' | 'offset'>) {
    let query = db
      .selectFrom('articles')
      .leftJoin('categories', 'categories.id', 'articles.category_id')
      .leftJoin('users', 'users.id', 'articles.owner_id');
    if (filter.view === 'trash') query = query.where('articles.deleted_at', 'is not', null);
    else query = query.where('articles.deleted_at', 'is', null);
    if (filter.view === 'review')
      query = query.where('articles.status', '=', 'draft').where('articles.submitted_for_review', '=', 1);
    else if (filter.view !== 'all' && filter.view !== 'trash')
      query = query.where('articles.status', '=', filter.view);
    if (filter.categoryId !== undefined) query = query.where('articles.category_id', '=', filter.categoryId);
    if (filter.ownerId !== undefined) query = query.where('articles.owner_id', '=', filter.ownerId);
    if (filter.authorId !== undefined) {
      const authorId = filter.authorId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_authors')
            .select('article_authors.author_id')
            .whereRef('article_authors.article_id', '=', 'articles.id')
            .where('article_authors.author_id', '=', authorId),
        ),
      );
    }
    if (filter.ids) query = query.where('articles.id', 'in', filter.ids.length ? filter.ids : [-1]);
    // LIKE wildcards are dropped rather than escaped: SQLite and PostgreSQL escape differently.
    const term = (filter.search ?? '')
      .replace(/[\\%_]/g, ' ')
      .trim()
      .toLowerCase();
    const found = filter.searchIds ?? [];
    if (term)
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['articles.headline']), 'like', `%${term}%`),
          ...(found.length ? [eb('articles.id', 'in', found)] : []),
        ]),
      );
    return query;
  }

  async function bylines(ids: number[]): Promise<Map<number, Byline[]>> {
    const map = new Map<number, Byline[]>();
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.id', 'authors.name', 'authors.slug'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute();
    for (const row of rows) {
      const list = map.get(row.article_id) ?? [];
      list.push({ id: row.id, name: row.name, slug: row.slug });
      map.set(row.article_id, list);
    }
    return map;
  }

  return {
    /** One page of the article list and the total matching. */
    async listArticles(
      filter: NewsroomArticleFilter,
    ): Promise<{ rows: NewsroomArticleRow[]; total: number }> {
      let query = filtered(filter).select([
        'articles.id',
        'articles.kind',
        'articles.headline',
        'articles.slug',
        'articles.status',
        'articles.submitted_for_review',
        'articles.published_at',
        'articles.updated_at',
        'articles.deleted_at',
        'articles.language',
        'articles.owner_id',
        'categories.name as category_name',
        'users.display_name as owner_name',
      ]);
      if (filter.sort === 'headline') query = query.orderBy('articles.headline').orderBy('articles.id');
      else if (filter.sort === 'published')
        query = query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc');
      else query = query.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc');
      const [rows, count] = await Promise.all([
        query.limit(filter.limit).offset(filter.offset).execute(),
        filtered(filter)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      const names = await bylines(rows.map((r) => r.id));
      return {
        total: Number(count.n),
        rows: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          headline: r.headline,
          slug: r.slug,
          status: r.status as ArticleStatus,
          submittedForReview: r.submitted_for_review === 1,
          publishedAt: r.published_at,
          updatedAt: r.updated_at,
          deletedAt: r.deleted_at,
          language: r.language,
          categoryName: r.category_name,
          ownerId: r.owner_id,
          ownerName: r.owner_name,
          authors: names.get(r.id) ?? [],
        })),
      };
    },

    /** How many live articles are in each status, plus those awaiting review. */
    async countByView(ownerId?: number): Promise<Record<ListView, number>> {
      let query = db
        .selectFrom('articles')
        .select([
          'status',
          'submitted_for_review',
          (eb) => eb.case().when('deleted_at', 'is', null).then(0).else(1).end().as('trashed'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .groupBy(['status', 'submitted_for_review', 'trashed']);
      if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId);
      const rows = await query.execute();
      const counts: Record<ListView, number> = {
        all: 0,
        draft: 0,
        review: 0,
        scheduled: 0,
        published: 0,
        archived: 0,
        trash: 0,
      };
      for (const row of rows) {
        const n = Number(row.n);
        if (Number(row.trashed) === 1) {
          counts.trash += n;
          continue;
        }
        counts.all += n;
        counts[row.status as ArticleStatus] += n;
        if (row.status === 'draft' && row.submitted_for_review === 1) counts.review += n;
      }
      return counts;
    },

    /** Held comments awaiting moderation. */
    async countPendingComments(): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The latest saves across the newsroom. */
    async recentActivity(limit: number): Promise<ActivityEntry[]> {
      const rows = await db
        .selectFrom('revisions')
        .innerJoin('articles', 'articles.id', 'revisions.article_id')
        .leftJoin('users', 'users.id', 'revisions.user_id')
        .select(['articles.id', 'articles.headline', 'users.display_name', 'revisions.created_at'])
        .orderBy('revisions.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        articleId: r.id,
        headline: r.headline,
        userName: r.display_name,
        at: r.created_at,
      }));
    },

    /** Display names of users by id (for revision lists). */
    async userNames(ids: number[]): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },

    /** Published and draft articles as choices for "translation of" and "See also" (newest first). */
    async articleChoices(
      limit: number,
    ): Promise<{ id: number; slug: string; headline: string; language: string }[]> {
      return db
        .selectFrom('articles')
        .select(['id', 'slug', 'headline', 'language'])
        .where('deleted_at', 'is', null)
        .where('kind', '=', 'article')
        .orderBy('updated_at', 'desc')
        .limit(limit)
        .execute();
    },

    /** Other articles (any status) of a translation group, oldest first: the first is the original. */
    async translationSiblings(group: string, exceptId: number): Promise<{ id: number; slug: string }[]> {
      return db
        .selectFrom('articles')
        .select(['id', 'slug'])
        .where('translation_group', '=', group)
        .where('id', '!=', exceptId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async findAutosave(userId: number, articleId: number | null): Promise<Autosave | undefined> {
      let query = db.selectFrom('autosaves').selectAll().where('user_id', '=', userId);
      query =
        articleId === null
          ? query.where('article_id', 'is', null)
          : query.where('article_id', '=', articleId);
      const row = await query.orderBy('id', 'desc').executeTakeFirst();
      return (
        row && {
          articleId: row.article_id,
          baseVersion: row.base_version,
          fields: JSON.parse(row.fields) as Record<string, unknown>,
          savedAt: row.saved_at,
        }
      );
    },

    /** Keeps one autosave per person and article, replacing the previous one. */
    async saveAutosave(input: {
      userId: number;
      articleId: number | null;
      baseVersion: number | null;
      fields: Record<string, unknown>;
    }): Promise<string> {
      const savedAt = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        let del = trx.deleteFrom('autosaves').where('user_id', '=', input.userId);
        del =
          input.articleId === null
            ? del.where('article_id', 'is', null)
            : del.where('article_id', '=', input.articleId);
        await del.execute();
        await trx
          .insertInto('autosaves')
          .values({
            user_id: input.userId,
            article_id: input.articleId,
            base_version: input.baseVersion,
            fields: JSON.stringify(input.fields),
            saved_at: savedAt,
          })
          .execute();
      });
      return savedAt;
    },

    async deleteAutosave(userId: number, articleId: number | null): Promise<void> {
      let query = db.deleteFrom('autosaves').where('user_id', '=', userId);
      query =
        articleId === null
          ? query.where('article_id', 'is', null)
          : query.where('article_id', '=', articleId);
      await query.execute();
    },
  };
}

export type NewsroomStore = ReturnType<typeof createNewsroomStore>;
