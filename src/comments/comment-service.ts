/**
 * Use cases of reader comments: posting (validation, depth, spam rules, one
 * transaction with its `comment.posted` event), the thread a reader sees, and the
 * moderation operations of the newsroom (approve, unapprove, spam, trash, restore,
 * edit, reply as staff, bulk, the filtered queue), each recording its event.
 */
import type { Kysely } from 'kysely';
import { type Article, isPublic } from '../articles/article.js';
import type { Database } from '../db/schema.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.js';
import type { EventStore } from '../jobs/event-store.js';
import type { SiteSettings } from '../site/settings.js';
import { canModerate, type User } from '../users/user.js';
import {
  buildThread,
  type Comment,
  type CommentFormValues,
  type CommentStatus,
  commentPageCount,
  commentPageOf,
  commentsClosedReason,
  MAX_AUTHOR_NAME_CHARS,
  MAX_COMMENT_CHARS,
  type PublicComment,
  renderCommentBody,
  type ThreadComment,
  type ThreadNode,
  toPublicComment,
  validateCommentForm,
} from './comment.js';
import { avatarKey } from './comment-avatar.js';
import { FORM_TOKEN_MAX_AGE_HOURS } from './comment-form-token.js';
import { DUPLICATE_WINDOW_HOURS, spamSettingsFrom } from './comment-policy.js';
import type { CommentQueueFilter, CommentStore, QueuedComment } from './comment-store.js';
import {
  createSpamClassifier,
  parseSpamClassifierState,
  type SpamClassifier,
  type SpamLabel,
} from './spam-classifier.js';
import { assessComment, classifierTextFor } from './spam-rules.js';

/** What the request adds to a submission: where it came from and what the form token said. */
export interface PostingContext {
  ip: string;
  userAgent: string;
  /** The hidden honeypot field's value. */
  honeypot: string;
  /** Time from the form being served to it being posted. */
  elapsedMs: number;
  /** Identifies the form token's use (nonce + commenter); posting twice with one key is refused. */
  replayKey: string | null;
  now?: Date;
}

/** The moderation operations a newsroom may apply to many comments at once. */
export const MODERATION_ACTIONS = ['approve', 'unapprove', 'spam', 'trash', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** True when `action` names a moderation action. */
export function isModerationAction(action: string): action is ModerationAction {
  return (MODERATION_ACTIONS as readonly string[]).includes(action);
}

/** The comments area as one reader sees it. */
export interface CommentThreadView {
  /** The top-level threads of the requested page, replies nested. */
  threads: ThreadNode<ThreadComment>[];
  /** Approved comments on the article (what lists and the heading count). */
  approvedCount: number;
  page: number;
  pageCount: number;
  closedReason: string | null;
  maxDepth: number;
}

/** Who performs a moderation action. */
export type Moderator = Pick<User, 'id' | 'role' | 'displayName' | 'email'>;

const EVENT_OF: Record<ModerationAction, string> = {
  approve: 'comment.approved',
  unapprove: 'comment.unapproved',
  spam: 'comment.spammed',
  trash: 'comment.trashed',
  restore: 'comment.restored',
};

// Optimistic saves of the classifier retry a few times when moderators decide at the same moment.
const CLASSIFIER_SAVE_ATTEMPTS = 5;

function nextStatus(action: ModerationAction, comment: Comment): CommentStatus {
  switch (action) {
    case 'approve':
      return 'approved';
    case 'unapprove':
      return 'pending';
    case 'spam':
      return 'spam';
    case 'trash':
      return 'trash';
    case 'restore':
      return comment.status === 'trash' ? (comment.statusBeforeTrash ?? 'pending') : comment.status;
  }
}

/** Comment use cases. */
export function createCommentService(deps: {
  db: Kysely<Database>;
  comments: CommentStore;
  events: EventStore;
  articles: { load(id: number, trx?: Kysely<Database>): Promise<Article> };
  settings: () => Promise<SiteSettings>;
  /** Keys the avatars' hashes. */
  secret: string;
}) {
  const { db, comments, events } = deps;

  function requireModerator(actor: Pick<User, 'role'>): void {
    if (!canModerate(actor)) throw new Forbidden('Only editors and administrators moderate comments.');
  }

  async function loadArticle(id: number): Promise<Article> {
    try {
      return await deps.articles.load(id);
    } catch (error) {
      if (error instanceof NotFound) throw new NotFound('That article does not exist.');
      throw error;
    }
  }

  async function loadComment(id: number, trx: Kysely<Database> = db): Promise<Comment> {
    const comment = await comments.findById(id, trx);
    if (!comment) throw new NotFound('That comment does not exist.');
    return comment;
  }

  async function loadClassifier(
    trx: Kysely<Database> = db,
  ): Promise<{ classifier: SpamClassifier; version: number }> {
    const stored = await comments.loadClassifier(trx);
    if (!stored) return { classifier: createSpamClassifier(), version: 0 };
    return {
      classifier: createSpamClassifier(parseSpamClassifierState(JSON.parse(stored.model))),
      version: stored.version,
    };
  }

  return {
    /**
     * Posts a reader's comment: checks the article takes comments, validates the form,
     * runs the spam rules and stores it approved, held or as spam with its event.
     */
    async postComment(
      articleId: number,
      values: CommentFormValues,
      context: PostingContext,
    ): Promise<{ comment: Comment; article: Article }> {
      const now = context.now ?? new Date();
      const article = await loadArticle(articleId);
      if (!isPublic(article, now)) throw new NotFound('That article does not exist.');
      const settings = await deps.settings();
      const closed = commentsClosedReason(article, settings, now);
      if (closed) throw new Forbidden(closed);
      const submission = validateCommentForm(values);
      if (submission.parentId !== null) {
        const parent = await comments.findById(submission.parentId);
        if (!parent || parent.articleId !== article.id || parent.status !== 'approved') {
          throw new Invalid({
            comment_parent:
              'The comment you replied to is no longer shown; you can post yours as a new comment.',
          });
        }
      }

      const since = new Date(now.getTime() - DUPLICATE_WINDOW_HOURS * 3600_000).toISOString();
      const [recent, isKnownCommenter, { classifier }] = await Promise.all([
        comments.listRecentBodies({ email: submission.authorEmail, ip: context.ip }, since),
        comments.hasApprovedFrom(submission.authorEmail),
        loadClassifier(),
      ]);
      const assessment = assessComment(
        {
          body: submission.body,
          authorName: submission.authorName,
          authorEmail: submission.authorEmail,
          authorUrl: submission.authorUrl,
          authorIp: context.ip,
          honeypot: context.honeypot,
          elapsedMs: context.elapsedMs,
          isKnownCommenter,
          recentBodies: recent.map((r) => r.body),
        },
        spamSettingsFrom(settings),
        classifier,
      );
      const status: CommentStatus =
        assessment.verdict === 'approve' ? 'approved' : assessment.verdict === 'hold' ? 'pending' : 'spam';

      const comment = await db.transaction().execute(async (trx) => {
        if (context.replayKey) {
          const expiresAt = new Date(now.getTime() + FORM_TOKEN_MAX_AGE_HOURS * 3600_000).toISOString();
          if (!(await comments.useFormNonce(context.replayKey, expiresAt, trx))) {
            throw new Conflict(
              'This form has already been used to post a comment. To post again, send it once more.',
            );
          }
        }
        const created = await comments.insert(
          {
            article_id: article.id,
            parent_id: submission.parentId,
            status,
            author_name: submission.authorName,
            author_email: submission.authorEmail,
            author_url: submission.authorUrl,
            author_ip: context.ip,
            user_agent: context.userAgent.slice(0, 255),
            user_id: null,
            body: submission.body,
            body_html: renderCommentBody(submission.body),
            notify_replies: submission.notifyReplies ? 1 : 0,
            created_at: now.toISOString(),
            source_id: null,
            moderation_reasons: assessment.reasons.join('\n'),
          },
          trx,
        );
        await events.record('comment.posted', { commentId: created.id, articleId: article.id, status }, trx);
        return created;
      });
      return { comment, article };
    },

    /** The comments of `article` as a reader sees them on `page` (held ones only when listed in `heldIds`). */
    async threadFor(article: Article, viewer: { heldIds: number[] }, page = 1): Promise<CommentThreadView> {
      const settings = await deps.settings();
      const visible = await comments.listVisible(article.id, viewer.heldIds);
      const roots = buildThread(
        visible.map(
          (c): ThreadComment => ({
            ...toPublicComment(c),
            isHeld: c.status !== 'approved',
            avatarKey: avatarKey(deps.secret, c.authorEmail),
          }),
        ),
        settings.commentThreadDepth,
      );
      const pageCount = commentPageCount(roots.length, settings.commentsPerPage);
      const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
      const start = (current - 1) * settings.commentsPerPage;
      return {
        threads: roots.slice(start, start + settings.commentsPerPage),
        approvedCount: visible.filter((c) => c.status === 'approved').length,
        page: current,
        pageCount,
        closedReason: commentsClosedReason(article, settings),
        maxDepth: settings.commentThreadDepth,
      };
    },

    /** The approved comment `parentId` of article `articleId` a reader may reply to, or null. */
    async replyTarget(
      articleId: number,
      parentId: number,
    ): Promise<{ id: number; authorName: string } | null> {
      const parent = await comments.findById(parentId);
      if (!parent || parent.articleId !== articleId || parent.status !== 'approved') return null;
      return { id: parent.id, authorName: parent.authorName };
    },

    /** The newest approved comments on public articles (of one article, or the whole site), for feeds. */
    async latestPublic(
      articleId: number | null,
      limit: number,
      now: Date = new Date(),
    ): Promise<{ comment: PublicComment; article: Article }[]> {
      // Over-fetch: site-wide, some comments sit under articles since unpublished.
      const candidates = await comments.listLatestApproved(articleId, articleId === null ? limit * 3 : limit);
      const articles = new Map<number, Article | null>();
      const out: { comment: PublicComment; article: Article }[] = [];
      for (const comment of candidates) {
        if (!articles.has(comment.articleId)) {
          const article = await deps.articles.load(comment.articleId).catch(() => null);
          articles.set(comment.articleId, article && isPublic(article, now) ? article : null);
        }
        const article = articles.get(comment.articleId);
        if (article) out.push({ comment: toPublicComment(comment), article });
        if (out.length >= limit) break;
      }
      return out;
    },

    /** The comment page (1-based) on which `commentId` appears for a reader who holds `heldIds`. */
    async pageOf(articleId: number, commentId: number, heldIds: number[]): Promise<number> {
      const settings = await deps.settings();
      const roots = buildThread(await comments.listVisible(articleId, heldIds), settings.commentThreadDepth);
      return commentPageOf(roots, commentId, settings.commentsPerPage);
    },

    /** Approves, unapproves, marks as spam, trashes or restores comments; returns how many changed. */
    async moderate(
      actor: Pick<User, 'id' | 'role'>,
      action: ModerationAction,
      ids: number[],
    ): Promise<number> {
      requireModerator(actor);
      const unique = [...new Set(ids)];
      return db.transaction().execute(async (trx) => {
        let changed = 0;
        for (const comment of await comments.findByIds(unique, trx)) {
          const status = nextStatus(action, comment);
          if (status === comment.status) continue;
          await comments.update(
            comment.id,
            {
              status,
              status_before_trash: status === 'trash' ? comment.status : null,
            },
            trx,
          );
          await events.record(
            EVENT_OF[action],
            {
              commentId: comment.id,
              articleId: comment.articleId,
              from: comment.status,
              to: status,
              actorId: actor.id,
            },
            trx,
          );
          changed++;
        }
        return changed;
      });
    },

    /** Approves one comment. */
    async approve(actor: Pick<User, 'id' | 'role'>, id: number): Promise<Comment> {
      await this.moderate(actor, 'approve', [id]);
      return loadComment(id);
    },

    /** Sends one comment back to the moderation queue. */
    async unapprove(actor: Pick<User, 'id' | 'role'>, id: number): Promise<Comment> {
      await this.moderate(actor, 'unapprove', [id]);
      return loadComment(id);
    },

    /** Files one comment as spam (the classifier learns from it). */
    async markSpam(actor: Pick<User, 'id' | 'role'>, id: number): Promise<Comment> {
      await this.moderate(actor, 'spam', [id]);
      return loadComment(id);
    },

    /** Moves one comment to the trash, remembering its status. */
    async trash(actor: Pick<User, 'id' | 'role'>, id: number): Promise<Comment> {
      await this.moderate(actor, 'trash', [id]);
      return loadComment(id);
    },

    /** Takes one comment out of the trash, back to the status it had. */
    async restore(actor: Pick<User, 'id' | 'role'>, id: number): Promise<Comment> {
      await this.moderate(actor, 'restore', [id]);
      return loadComment(id);
    },

    /** Changes a comment's text, name, website or email (a moderator's edit). */
    async edit(
      actor: Pick<User, 'id' | 'role'>,
      id: number,
      changes: { body?: string; authorName?: string; authorUrl?: string; authorEmail?: string },
    ): Promise<Comment> {
      requireModerator(actor);
      const before = await loadComment(id);
      const submission = validateCommentForm({
        comment: changes.body ?? before.body,
        author: changes.authorName ?? before.authorName,
        email: changes.authorEmail ?? before.authorEmail,
        url: changes.authorUrl ?? before.authorUrl,
        parentId: before.parentId,
        notifyReplies: before.notifyReplies,
        saveCommenter: false,
      });
      return db.transaction().execute(async (trx) => {
        await comments.update(
          id,
          {
            body: submission.body,
            body_html: renderCommentBody(submission.body),
            author_name: submission.authorName,
            author_url: submission.authorUrl,
            author_email: submission.authorEmail,
            edited_at: new Date().toISOString(),
          },
          trx,
        );
        await events.record(
          'comment.edited',
          { commentId: id, articleId: before.articleId, actorId: actor.id },
          trx,
        );
        return loadComment(id, trx);
      });
    },

    /**
     * Posts a newsroom reply under `parentId`, published at once and marked as staff. Replying
     * to a held comment approves it first, as WordPress does: a reply to an invisible comment makes no sense.
     */
    async replyAsStaff(actor: Moderator, parentId: number, body: string): Promise<Comment> {
      requireModerator(actor);
      const parent = await loadComment(parentId);
      const text = body.replace(/\r\n?/g, '\n').trim();
      if (text === '') throw new Invalid({ comment: 'Please type your reply.' });
      if (text.length > MAX_COMMENT_CHARS) {
        throw new Invalid({
          comment: `A reply is limited to ${MAX_COMMENT_CHARS.toLocaleString('en')} characters.`,
        });
      }
      if (parent.status === 'spam' || parent.status === 'trash') {
        throw new Invalid({ comment: 'Restore or approve that comment before replying to it.' });
      }
      if (parent.status === 'pending') await this.moderate(actor, 'approve', [parent.id]);
      return db.transaction().execute(async (trx) => {
        const created = await comments.insert(
          {
            article_id: parent.articleId,
            parent_id: parent.id,
            status: 'approved',
            author_name: actor.displayName.slice(0, MAX_AUTHOR_NAME_CHARS),
            author_email: actor.email,
            user_id: actor.id,
            body: text,
            body_html: renderCommentBody(text),
            created_at: new Date().toISOString(),
            source_id: null,
          },
          trx,
        );
        await events.record(
          'comment.posted',
          { commentId: created.id, articleId: parent.articleId, status: 'approved', staff: true },
          trx,
        );
        return created;
      });
    },

    /** One page of the moderation queue, with the counts per status for its tabs. */
    async listQueue(
      actor: Pick<User, 'role'>,
      filter: CommentQueueFilter,
    ): Promise<{ items: QueuedComment[]; total: number; counts: Record<CommentStatus, number> }> {
      requireModerator(actor);
      const [page, counts] = await Promise.all([
        comments.listQueue(filter),
        comments.countsByStatus(filter.articleId),
      ]);
      return { ...page, counts };
    },

    /**
     * Teaches the spam classifier the moderator's verdict on a comment (approved → ham,
     * spam → spam), taking back what it learned from an earlier, reversed verdict.
     * Runs after commit from the moderation events; throws (to be retried) when another
     * process saved the classifier at the same moment.
     */
    async learnFromModeration(commentId: number): Promise<void> {
      for (let attempt = 1; ; attempt++) {
        const saved = await db.transaction().execute(async (trx) => {
          const comment = await comments.findById(commentId, trx);
          // Staff replies are not reader comments; learning from them would skew "ham".
          if (!comment || comment.userId !== null) return true;
          const wanted: SpamLabel | null =
            comment.status === 'approved' ? 'ham' : comment.status === 'spam' ? 'spam' : null;
          if (wanted === null || wanted === comment.learnedAs) return true;
          const { classifier, version } = await loadClassifier(trx);
          const text = classifierTextFor({ body: comment.body, authorUrl: comment.authorUrl });
          if (comment.learnedAs) classifier.unlearn(text, comment.learnedAs);
          classifier.learn(text, wanted);
          if (!(await comments.saveClassifier(JSON.stringify(classifier.toJSON()), version, trx)))
            return false;
          await comments.update(commentId, { learned_as: wanted }, trx);
          return true;
        });
        if (saved) return;
        if (attempt >= CLASSIFIER_SAVE_ATTEMPTS)
          throw new Conflict('The spam classifier was saved by another process.');
      }
    },

    /** The current spam classifier (for measuring and for the newsroom). */
    async classifier(): Promise<SpamClassifier> {
      return (await loadClassifier()).classifier;
    },

    /** Stops reply notifications to the author of `commentId` (for all their comments); returns the comment. */
    async unsubscribe(commentId: number): Promise<Comment> {
      const comment = await loadComment(commentId);
      await comments.stopReplyNotifications(comment.authorEmail);
      return comment;
    },

    /** Turns reply notifications back on for `commentId` (undoing an unsubscribe). */
    async resubscribe(commentId: number): Promise<Comment> {
      await loadComment(commentId);
      await comments.setNotifyReplies(commentId, true);
      return loadComment(commentId);
    },

    /** Forgets commenters' IP addresses older than the retention setting and expired form nonces. */
    async purgeExpired(now: Date = new Date()): Promise<{ ips: number; nonces: number }> {
      const settings = await deps.settings();
      const ips =
        settings.commentIpRetentionDays > 0
          ? await comments.purgeIpsBefore(
              new Date(now.getTime() - settings.commentIpRetentionDays * 86_400_000).toISOString(),
            )
          : 0;
      const nonces = await comments.purgeExpiredNonces(now.toISOString());
      return { ips, nonces };
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
