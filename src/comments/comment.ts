/** Reader comments: types and pure rules of validation, closing, threading, paging and visibility. */
import { type Article, isPublic } from '../articles/article.js';
import { Invalid } from '../errors.js';
import type { SiteSettings } from '../site/settings.js';
import { renderCommentMarkdown } from '../text/markdown.js';
import { isPlausibleEmail, normaliseEmail } from '../users/user.js';

/** `pending` is the stored word for a held comment (WordPress's "awaiting moderation"). */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** The limits a reader is told about when they pass them. */
export const MAX_COMMENT_CHARS = 5000;
export const MAX_AUTHOR_NAME_CHARS = 100;
export const MAX_AUTHOR_URL_CHARS = 200;
export const MAX_AUTHOR_EMAIL_CHARS = 254;

/** A comment as stored, for the newsroom (includes the email and IP). */
export interface Comment {
  id: number;
  articleId: number;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  userAgent: string;
  userId: number | null;
  body: string;
  bodyHtml: string;
  notifyReplies: boolean;
  createdAt: string;
  editedAt: string | null;
  /** Why the spam rules held or rejected it, for moderators (empty when approved outright). */
  moderationReasons: string[];
  statusBeforeTrash: CommentStatus | null;
  learnedAs: 'spam' | 'ham' | null;
}

/** The fields a public page, feed or API may show; no email, no IP. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  bodyHtml: string;
  createdAt: string;
  /** Written by a newsroom account (a staff reply). */
  isStaff: boolean;
}

/** Allowlists a comment's public fields. */
export function toPublicComment(comment: Comment): PublicComment {
  return {
    id: comment.id,
    parentId: comment.parentId,
    authorName: comment.authorName,
    authorUrl: comment.authorUrl,
    bodyHtml: comment.bodyHtml,
    createdAt: comment.createdAt,
    isStaff: comment.userId !== null,
  };
}

/** A comment as a reader's thread shows it: the public fields, whether it is this reader's held comment, and the avatar's key. */
export interface ThreadComment extends PublicComment {
  /** Awaiting moderation: shown only to the reader who posted it. */
  isHeld: boolean;
  /** Keyed hash of the email the avatar is drawn from; the email itself never reaches the view. */
  avatarKey: Buffer;
}

/** True when `status` names a comment status. */
export function isCommentStatus(status: string): status is CommentStatus {
  return (COMMENT_STATUSES as readonly string[]).includes(status);
}

/** What a reader typed into the comment form (WordPress field names mapped to ours). */
export interface CommentFormValues {
  comment: string;
  author: string;
  email: string;
  url: string;
  parentId: number | null;
  notifyReplies: boolean;
  saveCommenter: boolean;
}

/** A submission that passed validation, normalised. */
export interface CommentSubmission {
  body: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  parentId: number | null;
  notifyReplies: boolean;
}

function normaliseUrl(url: string): string {
  const trimmed = url.trim();
  if (trimmed === '') return '';
  // Readers type "example.com"; WordPress has always accepted that and added the scheme.
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * A commenter's website as it may be stored and linked: an http(s) address within the length limit, or ''
 * (for data that did not come through the form, such as an import).
 */
export function acceptableAuthorUrl(url: string): string {
  const normalised = normaliseUrl(url);
  return normalised.length <= MAX_AUTHOR_URL_CHARS && isHttpUrl(normalised) ? normalised : '';
}

function tooLong(what: string, length: number, limit: number): string {
  const over = length - limit;
  return `${what} is ${length.toLocaleString('en')} characters; the limit is ${limit.toLocaleString('en')}. Please shorten it by ${over.toLocaleString('en')} ${over === 1 ? 'character' : 'characters'}.`;
}

/** Checks the form; throws Invalid with a message per field (form field names), or returns the normalised submission. */
export function validateCommentForm(values: CommentFormValues): CommentSubmission {
  const errors: Record<string, string> = {};
  const body = values.comment.replace(/\r\n?/g, '\n').trim();
  const authorName = values.author.replace(/\s+/g, ' ').trim();
  const authorEmail = normaliseEmail(values.email);
  const authorUrl = normaliseUrl(values.url);

  if (body === '') errors.comment = 'Please type your comment.';
  else if (body.length > MAX_COMMENT_CHARS)
    errors.comment = tooLong('Your comment', body.length, MAX_COMMENT_CHARS);
  if (authorName === '') errors.author = 'Please give your name.';
  else if (authorName.length > MAX_AUTHOR_NAME_CHARS)
    errors.author = tooLong('The name', authorName.length, MAX_AUTHOR_NAME_CHARS);
  if (authorEmail === '') errors.email = 'Please give your email address (it will not be published).';
  else if (authorEmail.length > MAX_AUTHOR_EMAIL_CHARS || !isPlausibleEmail(authorEmail))
    errors.email = `"${values.email.trim()}" does not look like an email address.`;
  if (authorUrl.length > MAX_AUTHOR_URL_CHARS)
    errors.url = tooLong('The website address', authorUrl.length, MAX_AUTHOR_URL_CHARS);
  else if (authorUrl !== '' && !isHttpUrl(authorUrl))
    errors.url = 'The website must be an address such as https://example.com.';

  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return {
    body,
    authorName,
    authorEmail,
    authorUrl,
    parentId: values.parentId,
    notifyReplies: values.notifyReplies,
  };
}

/** Why an article takes no comments now, or null when it does. */
export function commentsClosedReason(
  article: Pick<Article, 'status' | 'publishedAt' | 'deletedAt' | 'commentsOpen'>,
  settings: Pick<SiteSettings, 'commentCloseAfterDays'>,
  now: Date = new Date(),
): string | null {
  if (!isPublic(article, now)) return 'This article is not published.';
  if (!article.commentsOpen) return 'Comments are closed on this article.';
  if (settings.commentCloseAfterDays > 0 && article.publishedAt) {
    const ageDays = (now.getTime() - new Date(article.publishedAt).getTime()) / 86_400_000;
    if (ageDays > settings.commentCloseAfterDays) {
      return `Comments are closed: this article is more than ${settings.commentCloseAfterDays} days old.`;
    }
  }
  return null;
}

/** A comment in a rendered thread. */
export interface ThreadNode<C extends { id: number; parentId: number | null }> {
  comment: C;
  /** 1 for top-level comments. */
  depth: number;
  children: ThreadNode<C>[];
}

/**
 * Builds the thread (oldest first at every level). A comment whose parent is not
 * in `comments` (trashed, held, spam) is shown at the top level rather than lost;
 * a reply to a comment at the deepest level is shown beside it, as WordPress does.
 */
export function buildThread<C extends { id: number; parentId: number | null; createdAt: string }>(
  comments: C[],
  maxDepth: number,
): ThreadNode<C>[] {
  const sorted = [...comments].sort((a, b) =>
    a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1,
  );
  const order = new Map(sorted.map((c, i) => [c.id, i]));
  const byId = new Map(sorted.map((c) => [c.id, c]));
  const nodes = new Map<number, ThreadNode<C>>();
  const holderOf = new Map<number, ThreadNode<C> | null>();
  const roots: ThreadNode<C>[] = [];

  function place(comment: C, visiting: Set<number>): ThreadNode<C> {
    const existing = nodes.get(comment.id);
    if (existing) return existing;
    visiting.add(comment.id);
    const parent = comment.parentId !== null ? byId.get(comment.parentId) : undefined;
    // A parent cycle (only possible in bad imported data) is cut by treating the comment as top-level.
    let holder = parent && !visiting.has(parent.id) ? place(parent, visiting) : null;
    if (holder && holder.depth >= maxDepth) holder = holderOf.get(holder.comment.id) ?? null;
    const node: ThreadNode<C> = { comment, depth: holder ? holder.depth + 1 : 1, children: [] };
    (holder ? holder.children : roots).push(node);
    nodes.set(comment.id, node);
    holderOf.set(comment.id, holder);
    return node;
  }

  for (const comment of sorted) place(comment, new Set());
  const sortAll = (list: ThreadNode<C>[]) => {
    list.sort((a, b) => order.get(a.comment.id)! - order.get(b.comment.id)!);
    for (const node of list) sortAll(node.children);
  };
  sortAll(roots);
  return roots;
}

/** Counts the comments in a thread. */
export function countThread(roots: ThreadNode<{ id: number; parentId: number | null }>[]): number {
  return roots.reduce((sum, node) => sum + 1 + countThread(node.children), 0);
}

/** Number of comment pages: top-level threads per page, as WordPress pages threaded comments. */
export function commentPageCount(rootCount: number, perPage: number): number {
  return Math.max(1, Math.ceil(rootCount / perPage));
}

/** The 1-based page on which the thread holding `commentId` is shown, or 1 when it is not in the thread. */
export function commentPageOf<C extends { id: number; parentId: number | null }>(
  roots: ThreadNode<C>[],
  commentId: number,
  perPage: number,
): number {
  const contains = (node: ThreadNode<C>): boolean =>
    node.comment.id === commentId || node.children.some(contains);
  const index = roots.findIndex(contains);
  return index < 0 ? 1 : Math.floor(index / perPage) + 1;
}

/** A comment's text (plain text with a small Markdown subset) as sanitized HTML whose links carry rel="nofollow ugc noopener". */
export function renderCommentBody(source: string): string {
  // The sanitizer leaves links as exactly <a href="…"> (its rel is dropped by its own attribute list, reported);
  // a link that already has a rel is left alone, so this stays right once the sanitizer keeps it.
  return renderCommentMarkdown(source).replace(
    /<a href="([^"]*)">/g,
    '<a href="$1" rel="nofollow ugc noopener">',
  );
}
