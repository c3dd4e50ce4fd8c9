/**
 * The comments area of an article page. Placeholder until the comments
 * feature lands: approved comments, flat, without the form.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Article } from '../articles/article.js';
import { h, raw, type SafeHtml } from '../views/jsx.js';

/** Renders the comments area (thread and "Leave a Reply" form) for `article` as `request`'s reader sees it. */
export async function commentsSectionFor(
  ctx: AppContext,
  article: Article,
  _request: FastifyRequest,
): Promise<SafeHtml> {
  const comments = await ctx.stores.comments.listApproved(article.id);
  return (
    <section id="comments" class="comments">
      <h2>
        {comments.length
          ? `${comments.length} ${comments.length === 1 ? 'comment' : 'comments'}`
          : 'Comments'}
      </h2>
      <ol class="comment-list">
        {comments.map((c) => (
          <li id={`comment-${c.id}`}>
            <p class="comment-meta">{c.authorName}</p>
            <div class="comment-body">{raw(c.bodyHtml)}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
