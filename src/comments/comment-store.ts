/** All SQL about reader comments: rows, the moderation queue, form nonces, the classifier's state, recipients of notifications. */
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { CommentsTable, Database } from '../db/schema.js';
import { type Comment, type CommentStatus, isCommentStatus } from './comment.js';

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
    editedAt: row.edited_at,
    moderationReasons: row.moderation_reasons ? row.moderation_reasons.split('\n') : [],
    statusBeforeTrash:
      row.status_before_trash && isCommentStatus(row.status_before_trash) ? row.status_before_trash : null,
    learnedAs: row.learned_as === 'spam' || row.learned_as === 'ham' ? row.learned_as : null,
  };
}

/** Which comments the moderation queue shows. */
export interface CommentQueueFilter {
  /** One status, or every status but trash when omitted. */
  status?: CommentStatus;
  articleId?: number;
  /** Matched against name, email, website, IP and text, case-insensitively. */
  search?: string;
  page?: number;
  perPage?: number;
}

/** A comment in the moderation queue, with its article. */
export interface QueuedComment extends Comment {
  articleHeadline: string;
  articleSlug: string;
}

/** The stored classifier and its version (for optimistic concurrency). */
export interface StoredClassifier {
  model: string;
  version: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
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

    async findByIds(ids: number[], trx: Kysely<Database> = db): Promise<Comment[]> {
      if (ids.length === 0) return [];
      const rows = await trx
        .selectFrom('comments')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
      return rows.map(toComment);
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

    /** What one reader sees of an article's comments: the approved ones and their own held ones (`heldIds`). */
    async listVisible(articleId: number, heldIds: number[]): Promise<Comment[]> {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .where((eb) =>
          heldIds.length
            ? eb.or([
                eb('status', '=', 'approved'),
                eb.and([eb('status', 'in', ['pending', 'spam']), eb('id', 'in', heldIds)]),
              ])
            : eb('status', '=', 'approved'),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toComment);
    },

    /** The newest approved comments, of one article or of the whole site, for feeds. */
    async listLatestApproved(articleId: number | null, limit: number): Promise<Comment[]> {
      let query = db.selectFrom('comments').selectAll().where('status', '=', 'approved');
      if (articleId !== null) query = query.where('article_id', '=', articleId);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toComment);
    },

    async update(id: number, values: Updateable<CommentsTable>, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('comments').set(values).where('id', '=', id).execute();
    },

    async setStatus(id: number, status: CommentStatus, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('comments').set({ status }).where('id', '=', id).execute();
    },

    /** Whether this email has an approved comment already (WordPress's "comment author must have a previously approved comment"). */
    async hasApprovedFrom(email: string, trx: Kysely<Database> = db): Promise<boolean> {
      return (
        (await trx
          .selectFrom('comments')
          .select('id')
          .where('author_email', '=', email)
          .where('status', '=', 'approved')
          .limit(1)
          .executeTakeFirst()) !== undefined
      );
    },

    /** Texts of comments posted since `since` by this email or from this IP (for duplicate detection). */
    async listRecentBodies(
      by: { email: string; ip: string },
      since: string,
      limit = 50,
    ): Promise<{ articleId: number; body: string }[]> {
      const rows = await db
        .selectFrom('comments')
        .select(['article_id', 'body'])
        .where('created_at', '>=', since)
        .where((eb) =>
          by.ip
            ? eb.or([eb('author_email', '=', by.email), eb('author_ip', '=', by.ip)])
            : eb('author_email', '=', by.email),
        )
        // Newest first by the indexed time (ids break ties): ordering by id alone made SQLite walk the whole
        // table backwards instead of reading the last day from comments_created, ~1 ms per 1,000 comments.
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ articleId: r.article_id, body: r.body }));
    },

    async countByStatus(status: CommentStatus): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', status)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** How many comments each status holds (for the queue's tabs). */
    async countsByStatus(articleId?: number): Promise<Record<CommentStatus, number>> {
      let query = db
        .selectFrom('comments')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status');
      if (articleId !== undefined) query = query.where('article_id', '=', articleId);
      const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
      for (const row of await query.execute()) {
        if (isCommentStatus(row.status)) counts[row.status] = Number(row.n);
      }
      return counts;
    },

    /** The moderation queue: newest first, filtered, one page, with the total for paging. */
    async listQueue(filter: CommentQueueFilter): Promise<{ items: QueuedComment[]; total: number }> {
      const perPage = filter.perPage ?? 20;
      const page = Math.max(1, filter.page ?? 1);
      let query = db.selectFrom('comments').innerJoin('articles', 'articles.id', 'comments.article_id');
      query = filter.status
        ? query.where('comments.status', '=', filter.status)
        : query.where('comments.status', '<>', 'trash');
      if (filter.articleId !== undefined) query = query.where('comments.article_id', '=', filter.articleId);
      const search = filter.search?.trim().toLowerCase();
      if (search) {
        const pattern = `%${escapeLike(search)}%`;
        const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
        query = query.where((eb) =>
          eb.or([
            like('comments.author_name'),
            like('comments.author_email'),
            like('comments.author_url'),
            like('comments.author_ip'),
            like('comments.body'),
          ]),
        );
      }
      const [rows, total] = await Promise.all([
        query
          .selectAll('comments')
          .select(['articles.headline as article_headline', 'articles.slug as article_slug'])
          .orderBy('comments.id', 'desc')
          .limit(perPage)
          .offset((page - 1) * perPage)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({
          ...toComment(row),
          articleHeadline: row.article_headline,
          articleSlug: row.article_slug,
        })),
        total: Number(total.n),
      };
    },

    /** Records a form nonce as used; false when it was used already (a replay). */
    async useFormNonce(key: string, expiresAt: string, trx: Kysely<Database> = db): Promise<boolean> {
      const result = await trx
        .insertInto('comment_form_nonces')
        .values({ key, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async purgeExpiredNonces(now: string): Promise<number> {
      const result = await db
        .deleteFrom('comment_form_nonces')
        .where('expires_at', '<', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Forgets the IP addresses of comments posted before `cutoff`; returns how many. */
    async purgeIpsBefore(cutoff: string): Promise<number> {
      const result = await db
        .updateTable('comments')
        .set({ author_ip: '' })
        .where('created_at', '<', cutoff)
        .where('author_ip', '<>', '')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async loadClassifier(trx: Kysely<Database> = db): Promise<StoredClassifier | undefined> {
      const row = await trx
        .selectFrom('comment_classifier')
        .select(['model', 'version'])
        .where('id', '=', 1)
        .executeTakeFirst();
      return row && { model: row.model, version: Number(row.version) };
    },

    /** Saves the classifier when nobody saved since `expectedVersion` (0: none stored yet); false otherwise. */
    async saveClassifier(
      model: string,
      expectedVersion: number,
      trx: Kysely<Database> = db,
    ): Promise<boolean> {
      const now = new Date().toISOString();
      if (expectedVersion === 0) {
        const result = await trx
          .insertInto('comment_classifier')
          .values({ id: 1, model, version: 1, updated_at: now })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const result = await trx
        .updateTable('comment_classifier')
        .set({ model, version: expectedVersion + 1, updated_at: now })
        .where('id', '=', 1)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Addresses of active newsroom accounts with one of `roles` (moderators). */
    async listEmailsOfRoles(roles: string[]): Promise<string[]> {
      const rows = await db
        .selectFrom('users')
        .select('email')
        .where('role', 'in', roles)
        .where('deactivated_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => r.email);
    },

    /** Addresses of the active accounts behind an article's bylines, or of its owner when no byline has one. */
    async listArticleAuthorEmails(articleId: number): Promise<{ userId: number; email: string }[]> {
      const bylined = await db
        .selectFrom('article_authors')
        .innerJoin('users', 'users.author_id', 'article_authors.author_id')
        .select(['users.id', 'users.email'])
        .where('article_authors.article_id', '=', articleId)
        .where('users.deactivated_at', 'is', null)
        .orderBy('article_authors.position')
        .execute();
      if (bylined.length) return bylined.map((r) => ({ userId: r.id, email: r.email }));
      const owner = await db
        .selectFrom('articles')
        .innerJoin('users', 'users.id', 'articles.owner_id')
        .select(['users.id', 'users.email'])
        .where('articles.id', '=', articleId)
        .where('users.deactivated_at', 'is', null)
        .execute();
      return owner.map((r) => ({ userId: r.id, email: r.email }));
    },

    /** Turns reply notifications off for every comment by this email (an unsubscribe). */
    async stopReplyNotifications(email: string): Promise<number> {
      const result = await db
        .updateTable('comments')
        .set({ notify_replies: 0 })
        .where('author_email', '=', email)
        .where('notify_replies', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async setNotifyReplies(id: number, notify: boolean): Promise<void> {
      await db
        .updateTable('comments')
        .set({ notify_replies: notify ? 1 : 0 })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type CommentStore = ReturnType<typeof createCommentStore>;
