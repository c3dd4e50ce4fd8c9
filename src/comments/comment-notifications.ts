/**
 * Email about comments, sent by outbox handlers after commit: the article's author
 * hears of a new published comment, moderators of a held one, and a commenter who
 * opted in of a reply, with a one-click unsubscribe link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Article } from '../articles/article.js';
import type { OutboxEvent } from '../jobs/event-store.js';
import type { SiteSettings } from '../site/settings.js';
import { htmlToText } from '../text/plain-text.js';
import type { Comment } from './comment.js';
import type { CommentStore } from './comment-store.js';

/** One plain-text email, with extra headers (List-Unsubscribe). */
export interface CommentMail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/** Something that delivers comment email. */
export interface CommentMailer {
  /** Delivers `mail`; rejects when the SMTP server refuses it (the event is then retried). */
  send(mail: CommentMail): Promise<void>;
}

/** What the notifications need from the application. */
export interface CommentNotificationDeps {
  comments: CommentStore;
  loadArticle(id: number): Promise<Article>;
  /** The path of an article's page (the site's permalink pattern). */
  articlePath(article: Article, settings: SiteSettings): string;
  /** The comment page a comment appears on, for its link. */
  pageOf(articleId: number, commentId: number): Promise<number>;
  mailer: CommentMailer;
  settings(): Promise<SiteSettings>;
  baseUrl(settings: SiteSettings): string;
  secret: string;
}

/** Something handlers can be registered on (the job runner). */
export interface EventHandlerRegistry {
  on(kind: string, handler: (event: OutboxEvent) => Promise<void>): void;
}

// Editors and admins moderate (users/user.ts canModerate).
const MODERATOR_ROLES = ['editor', 'admin'];

/** The token of the unsubscribe link in a reply notification about `commentId`'s replies. */
export function unsubscribeToken(secret: string, commentId: number): string {
  return createHmac('sha256', secret).update(`comment-unsubscribe:${commentId}`).digest('base64url');
}

/** True when `token` is the unsubscribe token of `commentId`. */
export function isValidUnsubscribeToken(secret: string, commentId: number, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, commentId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The one-click unsubscribe link for replies to `commentId`'s author. */
export function unsubscribeUrl(base: string, secret: string, commentId: number): string {
  return `${base}/comments/unsubscribe/?c=${commentId}&t=${unsubscribeToken(secret, commentId)}`;
}

function quote(comment: Comment): string {
  return htmlToText(comment.bodyHtml.replace(/<br\s*\/?>/g, '\n'))
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Registers the comment notification handlers on `jobs`. */
export function registerCommentNotifications(
  jobs: EventHandlerRegistry,
  deps: CommentNotificationDeps,
): void {
  async function context(commentId: number) {
    const comment = await deps.comments.findById(commentId);
    if (!comment) return null;
    const [article, settings] = await Promise.all([deps.loadArticle(comment.articleId), deps.settings()]);
    const base = deps.baseUrl(settings);
    const page = await deps.pageOf(article.id, comment.id);
    const link = `${base}${deps.articlePath(article, settings)}${page > 1 ? `?cpage=${page}` : ''}#comment-${comment.id}`;
    return { comment, article, settings, base, link };
  }

  async function notifyPublished(commentId: number): Promise<void> {
    const found = await context(commentId);
    if (found?.comment.status !== 'approved') return;
    const { comment, article, settings, base, link } = found;

    const authors = await deps.comments.listArticleAuthorEmails(article.id);
    for (const author of authors) {
      // Nobody needs an email about their own comment.
      if (author.userId === comment.userId || author.email === comment.authorEmail) continue;
      await deps.mailer.send({
        to: author.email,
        subject: `[${settings.title}] New comment on “${article.headline}”`,
        text: [
          `${comment.authorName} commented on your article “${article.headline}”:`,
          '',
          quote(comment),
          '',
          `Read it: ${link}`,
          `Moderate comments: ${base}/newsroom/comments`,
        ].join('\n'),
      });
    }

    if (comment.parentId === null) return;
    const parent = await deps.comments.findById(comment.parentId);
    if (!parent?.notifyReplies || parent.status !== 'approved') return;
    if (parent.authorEmail === comment.authorEmail) return;
    const unsubscribe = unsubscribeUrl(base, deps.secret, parent.id);
    await deps.mailer.send({
      to: parent.authorEmail,
      subject: `[${settings.title}] ${comment.authorName} replied to your comment on “${article.headline}”`,
      text: [
        `${comment.authorName} replied to your comment on “${article.headline}”:`,
        '',
        quote(comment),
        '',
        `Read the conversation: ${link}`,
        '',
        'You asked to be emailed when someone replies to your comments.',
        `To stop these emails, open this link (one click, no sign-in): ${unsubscribe}`,
      ].join('\n'),
      // RFC 8058: mail programs show their own unsubscribe button and POST to the link.
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }

  async function notifyModerators(commentId: number): Promise<void> {
    const found = await context(commentId);
    if (found?.comment.status !== 'pending') return;
    const { comment, article, settings, base } = found;
    const reasons = comment.moderationReasons.length ? comment.moderationReasons.join(', ') : 'site policy';
    for (const to of await deps.comments.listEmailsOfRoles(MODERATOR_ROLES)) {
      await deps.mailer.send({
        to,
        subject: `[${settings.title}] Please moderate: “${article.headline}”`,
        text: [
          `A new comment on “${article.headline}” is awaiting your approval.`,
          '',
          `Author: ${comment.authorName}${comment.authorUrl ? ` (${comment.authorUrl})` : ''}`,
          `Email: ${comment.authorEmail}`,
          `Held because: ${reasons}`,
          '',
          quote(comment),
          '',
          `Moderate it: ${base}/newsroom/comments?status=pending`,
        ].join('\n'),
      });
    }
  }

  jobs.on('comment.posted', async (event) => {
    const { commentId, status } = event.payload as { commentId: number; status: string };
    if (status === 'approved') await notifyPublished(commentId);
    else if (status === 'pending') await notifyModerators(commentId);
  });

  jobs.on('comment.approved', async (event) => {
    const { commentId, from } = event.payload as { commentId: number; from: string };
    // Approving a held or spam comment publishes it; restoring from the trash only brings back what was announced.
    if (from === 'pending' || from === 'spam') await notifyPublished(commentId);
  });
}
