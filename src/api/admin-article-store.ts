/** The SQL of the admin API's article list: articles and pages of any status, for the newsroom audience. */
import type { Kysely } from 'kysely';
import type { ArticleStatus } from '../articles/article.js';
import type { Database } from '../db/schema.js';
import type { Paged, PageRequest } from './content-filter.js';

/** Admin article-list persistence. */
export function createAdminArticleStore(db: Kysely<Database>) {
  return {
    /** Ids of untrashed articles, most recently changed first; `ownerId` limits to one account's own. */
    async listIds(filter: {
      status?: ArticleStatus;
      kind?: 'article' | 'page';
      ownerId?: number;
      page: PageRequest;
    }): Promise<Paged<number>> {
      let query = db.selectFrom('articles').where('deleted_at', 'is', null);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
      const [rows, count] = await Promise.all([
        query
          .select('id')
          .orderBy('updated_at', 'desc')
          .orderBy('id', 'desc')
          .limit(filter.page.limit)
          .offset(filter.page.offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((r) => r.id), total: Number(count.n) };
    },
  };
}

export type AdminArticleStore = ReturnType<typeof createAdminArticleStore>;
