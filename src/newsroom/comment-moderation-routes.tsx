/**
 * The comment moderation queue (editors and admins), built on the comment
 * service: held / approved / spam / trash tabs, search, single and bulk
 * approve, unapprove, spam, trash and restore, edit, and staff replies.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Comment, CommentStatus } from '../comments/comment.js';
import { isModerationAction, type ModerationAction } from '../comments/comment-service.js';
import { Invalid, NotFound } from '../errors.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { CsrfField, ErrorSummary, Pager, TextField } from './newsroom-layout.js';

const PAGE_SIZE = 20;
const TABS: { status: CommentStatus; label: string }[] = [
  { status: 'pending', label: 'Held' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
];
const ACTIONS_FOR: Record<CommentStatus, { action: ModerationAction; label: string }[]> = {
  pending: [
    { action: 'approve', label: 'Approve' },
    { action: 'spam', label: 'Spam' },
    { action: 'trash', label: 'Trash' },
  ],
  approved: [
    { action: 'unapprove', label: 'Unapprove' },
    { action: 'spam', label: 'Spam' },
    { action: 'trash', label: 'Trash' },
  ],
  spam: [
    { action: 'approve', label: 'Not spam: approve' },
    { action: 'trash', label: 'Trash' },
  ],
  trash: [{ action: 'restore', label: 'Restore' }],
};

const QueueQuery = Type.Object({
  status: Type.String({ default: 'pending', maxLength: 20 }),
  q: Type.String({ default: '', maxLength: 200 }),
  page: Type.Integer({ default: 1, minimum: 1, maximum: 100000 }),
});
const ModerateBody = Type.Object({
  ids: Type.Array(Type.String({ maxLength: 20 }), { default: [], maxItems: 500 }),
  action: Type.String({ default: '', maxLength: 20 }),
  row: Type.String({ default: '', maxLength: 40 }),
  back: Type.String({ default: '', maxLength: 500 }),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const EditBody = Type.Object({
  body: Type.String({ default: '', maxLength: 20000 }),
  authorName: Type.String({ default: '', maxLength: 500 }),
  authorEmail: Type.String({ default: '', maxLength: 500 }),
  authorUrl: Type.String({ default: '', maxLength: 2000 }),
});
const ReplyBody = Type.Object({ reply: Type.String({ default: '', maxLength: 20000 }) });

function isStatus(value: string): value is CommentStatus {
  return TABS.some((t) => t.status === value);
}

function backTo(value: string): string {
  return /^\/newsroom\/comments(\?[^\\]*)?$/.test(value) ? value : '/newsroom/comments';
}

/** Registers the moderation routes. */
export function registerCommentModerationRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx } = deps;
  const comments = ctx.services.comments;
  const permission = { permission: 'moderate' as const };

  async function load(id: number): Promise<Comment> {
    const comment = await ctx.stores.comments.findById(id);
    if (!comment) throw new NotFound('That comment does not exist.');
    return comment;
  }

  app.get<{ Querystring: Static<typeof QueueQuery> }>(
    '/comments',
    { config: permission, schema: { querystring: QueueQuery } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const settings = await ctx.settings();
      const status: CommentStatus = isStatus(request.query.status) ? request.query.status : 'pending';
      const { q, page } = request.query;
      const queue = await comments.listQueue(viewer.user, { status, search: q, page, perPage: PAGE_SIZE });
      const back = `/newsroom/comments?${new URLSearchParams({ status, q, page: String(page) }).toString()}`;
      return sendPage(
        deps,
        request,
        reply,
        { title: 'Comments', current: '/newsroom/comments', bodyClass: 'newsroom wide' },
        <>
          <h1>Comments</h1>
          <nav aria-label="Comment views" class="views">
            <ul>
              {TABS.map((t) => (
                <li>
                  <a
                    href={`/newsroom/comments?status=${t.status}`}
                    aria-current={t.status === status ? 'page' : undefined}
                  >
                    {t.label} <span class="count">({queue.counts[t.status] ?? 0})</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form method="get" action="/newsroom/comments" role="search" class="filters">
            <input type="hidden" name="status" value={status} />
            <p class="field">
              <label for="comments-q">Search names, emails, addresses and text</label>
              <input id="comments-q" type="search" name="q" value={q} />
            </p>
            <p>
              <button type="submit">Search</button>
            </p>
          </form>
          {queue.items.length === 0 ? (
            <p>{status === 'pending' ? 'No comment is waiting. The moderation queue is empty.' : 'None.'}</p>
          ) : (
            <form method="post" action="/newsroom/comments/moderate" class="moderation">
              <CsrfField token={viewer.csrfToken} />
              <input type="hidden" name="back" value={back} />
              <p class="bulk">
                <label for="bulk-action">With the selected comments:</label>{' '}
                <select id="bulk-action" name="action">
                  {ACTIONS_FOR[status].map((a) => (
                    <option value={a.action}>{a.label}</option>
                  ))}
                </select>{' '}
                <button type="submit">Apply</button>
              </p>
              <ol class="comment-queue">
                {queue.items.map((c) => (
                  <li class={`queued status-${c.status}`} id={`comment-${c.id}`}>
                    <p class="queued-meta">
                      <input type="checkbox" name="ids" value={String(c.id)} id={`select-${c.id}`} />{' '}
                      <label for={`select-${c.id}`}>
                        <strong>{c.authorName}</strong>
                      </label>{' '}
                      &lt;{c.authorEmail}&gt; {c.authorUrl ? <span>{c.authorUrl}</span> : null}{' '}
                      {c.authorIp ? <span class="muted">{c.authorIp}</span> : null}
                      <br />
                      on <a href={`/${c.articleSlug}/#comment-${c.id}`}>{c.articleHeadline}</a>,{' '}
                      {formatDateTime(c.createdAt, settings.timezone)}
                      {c.parentId ? ' (a reply)' : ''}
                    </p>
                    {c.moderationReasons.length ? (
                      <p class="reasons">Held because: {c.moderationReasons.join('; ')}</p>
                    ) : null}
                    <div class="queued-body">{raw(c.bodyHtml)}</div>
                    <p class="button-row">
                      {ACTIONS_FOR[c.status].map((a) => (
                        <button type="submit" name="row" value={`${a.action}:${c.id}`}>
                          {a.label}
                        </button>
                      ))}
                      <a href={`/newsroom/comments/${c.id}`}>Edit or reply</a>
                    </p>
                  </li>
                ))}
              </ol>
            </form>
          )}
          <Pager page={page} pages={Math.max(1, Math.ceil(queue.total / PAGE_SIZE))} query={{ status, q }} />
        </>,
      );
    },
  );

  app.post<{ Body: Static<typeof ModerateBody> }>(
    '/comments/moderate',
    { config: permission, schema: { body: ModerateBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { row, ids, back } = request.body;
      // A row's own button names its action and comment; otherwise the bulk action applies to the ticked ones.
      const [action, id] = row ? row.split(':') : [request.body.action, ''];
      if (!action || !isModerationAction(action))
        throw new Invalid({ action: 'Choose what to do with the comments.' });
      const targets = (id ? [id] : ids).filter((x) => /^\d+$/.test(x)).map(Number);
      if (targets.length === 0) throw new Invalid({ ids: 'Tick at least one comment.' });
      await comments.moderate(viewer.user, action, targets);
      return redirectAfterPost(reply, backTo(back), 'moderated');
    },
  );

  async function commentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    comment: Comment,
    values: Partial<Static<typeof EditBody>> & { reply?: string },
    errors: Record<string, string> = {},
    status = 200,
  ): Promise<FastifyReply> {
    const viewer = viewerOf(request);
    const settings = await ctx.settings();
    const article = await ctx.stores.articles.findById(comment.articleId);
    const field = (name: string, label: string): SafeHtml => (
      <TextField
        name={name}
        label={label}
        value={String(values[name as keyof typeof values] ?? '')}
        error={errors[name]}
      />
    );
    return sendPage(
      deps,
      request,
      reply,
      { title: `Comment by ${comment.authorName}`, current: '/newsroom/comments', status },
      <>
        <p>
          <a href={`/newsroom/comments?status=${comment.status}`}>← Comments</a>
        </p>
        <h1>Comment by {comment.authorName}</h1>
        <p>
          {comment.status === 'pending' ? 'Held' : comment.status} · on{' '}
          {article ? (
            <a href={`/newsroom/articles/${article.id}/edit`}>{article.headline}</a>
          ) : (
            'a deleted article'
          )}{' '}
          · {formatDateTime(comment.createdAt, settings.timezone)}
        </p>
        <ErrorSummary errors={errors} />
        <section class="card-form" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit</h2>
          <form method="post" action={`/newsroom/comments/${comment.id}/edit`}>
            <CsrfField token={viewer.csrfToken} />
            {field('authorName', 'Name')}
            {field('authorEmail', 'Email')}
            {field('authorUrl', 'Website')}
            <p class="field">
              <label for="field-body">Comment</label>
              {errors.comment ? <span class="field-error">{errors.comment}</span> : null}
              <textarea id="field-body" name="body" rows={8}>
                {values.body ?? ''}
              </textarea>
            </p>
            <p>
              <button type="submit">Save comment</button>
            </p>
          </form>
        </section>
        {comment.status !== 'spam' && comment.status !== 'trash' ? (
          <section class="card-form" aria-labelledby="reply-heading">
            <h2 id="reply-heading">Reply as {viewer.user.displayName}</h2>
            {comment.status === 'pending' ? <p class="hint">Replying approves the comment.</p> : null}
            <form method="post" action={`/newsroom/comments/${comment.id}/reply`}>
              <CsrfField token={viewer.csrfToken} />
              <p class="field">
                <label for="field-reply">Reply</label>
                <textarea id="field-reply" name="reply" rows={5}>
                  {values.reply ?? ''}
                </textarea>
              </p>
              <p>
                <button type="submit">Publish reply</button>
              </p>
            </form>
          </section>
        ) : null}
      </>,
    );
  }

  app.get<{ Params: Static<typeof IdParams> }>(
    '/comments/:id',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      const comment = await load(request.params.id);
      return commentPage(request, reply, comment, {
        body: comment.body,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        authorUrl: comment.authorUrl,
      });
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof EditBody> }>(
    '/comments/:id/edit',
    { config: permission, schema: { params: IdParams, body: EditBody } },
    async (request, reply) => {
      const comment = await load(request.params.id);
      try {
        await comments.edit(viewerOf(request).user, comment.id, request.body);
      } catch (error) {
        if (error instanceof Invalid)
          return commentPage(request, reply, comment, request.body, error.fields, 422);
        throw error;
      }
      return redirectAfterPost(reply, `/newsroom/comments/${comment.id}`, 'saved');
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ReplyBody> }>(
    '/comments/:id/reply',
    { config: permission, schema: { params: IdParams, body: ReplyBody } },
    async (request, reply) => {
      const comment = await load(request.params.id);
      try {
        await comments.replyAsStaff(viewerOf(request).user, comment.id, request.body.reply);
      } catch (error) {
        if (error instanceof Invalid)
          return commentPage(
            request,
            reply,
            comment,
            {
              body: comment.body,
              authorName: comment.authorName,
              authorEmail: comment.authorEmail,
              authorUrl: comment.authorUrl,
              reply: request.body.reply,
            },
            error.fields,
            422,
          );
        throw error;
      }
      return redirectAfterPost(reply, `/newsroom/comments?status=approved`, 'moderated');
    },
  );
}
