/**
 * The comments area of an article page, rendered into the HTML (so search engines
 * and readers without JavaScript see it): the count, the thread of the requested
 * comment page, page links, and the "Leave a Reply" form (or why it is closed).
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Article } from '../articles/article.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import type { ThreadComment, ThreadNode } from './comment.js';
import { decodeHeldCookie, HELD_COOKIE } from './comment-cookies.js';
import { issueFormToken } from './comment-form-token.js';
import type { CommentThreadView } from './comment-service.js';
import { CommentThread } from './comment-thread.js';
import { EMPTY_FORM, ReplyForm, type ReplyFormState } from './reply-form.js';

/** The query parameters an article page's comments area is rendered from: each value is a page of its own. */
export const COMMENTS_QUERY = ['cpage', 'replytocom'] as const;

/** The path of the reply-in-place script. */
export const COMMENT_SCRIPT_PATH = '/assets/comment-reply.js';

function findInThreads(threads: ThreadNode<ThreadComment>[], id: number): ThreadComment | undefined {
  for (const node of threads) {
    if (node.comment.id === id) return node.comment;
    const inner = findInThreads(node.children, id);
    if (inner) return inner;
  }
  return undefined;
}

function pageLink(page: number): string {
  return page > 1 ? `?cpage=${page}#comments` : './#comments';
}

/** The comments area from a thread view and a form state. */
export function CommentsSection(props: {
  articleId: number;
  view: CommentThreadView;
  timeZone: string;
  token: string;
  form: ReplyFormState;
  replyToId: number | null;
}): SafeHtml {
  const { view } = props;
  const replyTarget = props.replyToId !== null ? findInThreads(view.threads, props.replyToId) : undefined;
  const replyTo =
    replyTarget && !replyTarget.isHeld ? { id: replyTarget.id, authorName: replyTarget.authorName } : null;
  const count = view.approvedCount;
  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {count === 0 ? 'Comments' : `${count.toLocaleString('en')} ${count === 1 ? 'comment' : 'comments'}`}
      </h2>
      <CommentThread
        threads={view.threads}
        options={{
          timeZone: props.timeZone,
          maxDepth: view.maxDepth,
          canReply: view.closedReason === null,
          page: view.page,
        }}
      />
      {view.pageCount > 1 ? (
        <nav class="comment-navigation" aria-label="Comment pages">
          {view.page > 1 ? (
            <a class="comment-nav-previous" href={pageLink(view.page - 1)}>
              ← Older comments
            </a>
          ) : null}{' '}
          <span class="comment-nav-position">
            Page {view.page} of {view.pageCount}
          </span>{' '}
          {view.page < view.pageCount ? (
            <a class="comment-nav-next" href={pageLink(view.page + 1)}>
              Newer comments →
            </a>
          ) : null}
        </nav>
      ) : null}
      {view.closedReason === null ? (
        <>
          <ReplyForm articleId={props.articleId} token={props.token} replyTo={replyTo} state={props.form} />
          <script src={COMMENT_SCRIPT_PATH} defer></script>
        </>
      ) : (
        <p class="comments-closed">{view.closedReason}</p>
      )}
    </section>
  );
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  return n > 0 ? n : null;
}

/** Renders the comments area (thread and "Leave a Reply" form) for `article` as `request`'s reader sees it. */
export async function commentsSectionFor(
  ctx: AppContext,
  article: Article,
  request: FastifyRequest,
): Promise<SafeHtml> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const heldIds = decodeHeldCookie(ctx.secret, request.cookies?.[HELD_COOKIE]);
  const [settings, view] = await Promise.all([
    ctx.settings(),
    ctx.services.comments.threadFor(article, { heldIds }, positiveInt(query.cpage) ?? 1),
  ]);
  return (
    <CommentsSection
      articleId={article.id}
      view={view}
      timeZone={settings.timezone}
      token={issueFormToken(ctx.secret, article.id)}
      form={EMPTY_FORM}
      replyToId={positiveInt(query.replytocom)}
    />
  );
}
