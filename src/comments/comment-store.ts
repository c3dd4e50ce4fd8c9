/** All SQL about reader comments. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CommentsTable, Database } from '../db/schema.js';
import type { Comment, CommentStatus } from './comment.js';

function toComment(row: Selectable<CommentsTable>): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    status: row.status as CommentStatus,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    authorIp: row.author_ip,
    userAgent: row.user_agent,
    userId: row.user_id,
    body: row.body,
    bodyHtml: row.body_html,
    notifyReplies: row.notify_replies === 1,
    createdAt: row.created_at,
  };
}

/** Comment persistence. */
export function createCommentStore(db: Kysely<Database>) {
  return {
    async insert(values: Insertable<CommentsTable>, trx: Kysely<Database> = db): Promise<Comment> {
      const row = await trx.insertInto('comments').values(values).returningAll().executeTakeFirstOrThrow();
      return toComment(row);
    },

    async findById(id: number, trx: Kysely<Database> = db): Promise<Comment | undefined> {
      const row = await trx.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toComment(row);
    },

    /** Approved comments of an article, oldest first. */
    async listApproved(articleId: number): Promise<Comment[]> {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('status', '=', 'approved')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toComment);
    },

    async setStatus(id: number, status: CommentStatus, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('comments').set({ status }).where('id', '=', id).execute();
    },

    /** Whether this email has an approved comment already (WordPress's "comment author must have a previously approved comment"). */
    async hasApprovedFrom(email: string): Promise<boolean> {
      return (
        (await db
          .selectFrom('comments')
          .select('id')
          .where('author_email', '=', email)
          .where('status', '=', 'approved')
          .limit(1)
          .executeTakeFirst()) !== undefined
      );
    },

    async countByStatus(status: CommentStatus): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', status)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type CommentStore = ReturnType<typeof createCommentStore>;
