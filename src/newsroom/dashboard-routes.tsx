/** GET /newsroom/ — the dashboard: your drafts, what is scheduled, what awaits review or moderation, recent activity. */
import type { FastifyInstance } from 'fastify';
import { viewerOf } from '../http/newsroom-plugin.js';
import { canModerate, hasRoleAtLeast } from '../users/user.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { type NewsroomDeps, sendPage } from './newsroom-context.js';
import type { NewsroomArticleRow } from './newsroom-store.js';

function ArticleLinks(props: {
  rows: NewsroomArticleRow[];
  timeZone: string;
  when: 'updated' | 'published';
}): SafeHtml {
  if (props.rows.length === 0) return <p class="empty">None.</p>;
  return (
    <ul class="plain">
      {props.rows.map((r) => {
        const at = props.when === 'published' ? r.publishedAt : r.updatedAt;
        return (
          <li>
            <a href={`/newsroom/articles/${r.id}/edit`}>{r.headline}</a>{' '}
            <span class="muted">{at ? formatDateTime(at, props.timeZone) : ''}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Registers the dashboard. */
export function registerDashboardRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx, store } = deps;
  app.get('/', { config: { permission: 'signed-in' } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const settings = await ctx.settings();
    const tz = settings.timezone;
    const editor = hasRoleAtLeast(viewer.user, 'editor');
    const base = { sort: 'updated' as const, limit: 8, offset: 0 };
    const [drafts, scheduled, review, pending, activity, counts] = await Promise.all([
      store.listArticles({ ...base, view: 'draft', ownerId: viewer.user.id }),
      store.listArticles({ ...base, view: 'scheduled', sort: 'published' }),
      store.listArticles({ ...base, view: 'review', ownerId: editor ? undefined : viewer.user.id }),
      canModerate(viewer.user) ? store.countPendingComments() : Promise.resolve(0),
      store.recentActivity(12),
      store.countByView(editor ? undefined : viewer.user.id),
    ]);
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Dashboard', current: '/newsroom/' },
      <>
        <h1>Dashboard</h1>
        <p>
          <a class="button primary" href="/newsroom/articles/new">
            New article
          </a>
        </p>
        <ul class="stats">
          <li>
            <a href="/newsroom/articles?view=draft">
              <strong>{counts.draft}</strong> drafts
            </a>
          </li>
          <li>
            <a href="/newsroom/articles?view=review">
              <strong>{counts.review}</strong> awaiting review
            </a>
          </li>
          <li>
            <a href="/newsroom/articles?view=scheduled">
              <strong>{counts.scheduled}</strong> scheduled
            </a>
          </li>
          <li>
            <a href="/newsroom/articles?view=published">
              <strong>{counts.published}</strong> published
            </a>
          </li>
          {canModerate(viewer.user) ? (
            <li>
              <a href="/newsroom/comments">
                <strong>{pending}</strong> {pending === 1 ? 'comment' : 'comments'} held for moderation
              </a>
            </li>
          ) : null}
        </ul>
        <div class="dashboard-grid">
          <section aria-labelledby="drafts-heading">
            <h2 id="drafts-heading">Your drafts</h2>
            <ArticleLinks rows={drafts.rows} timeZone={tz} when="updated" />
          </section>
          <section aria-labelledby="review-heading">
            <h2 id="review-heading">{editor ? 'Awaiting your review' : 'Your articles awaiting review'}</h2>
            <ArticleLinks rows={review.rows} timeZone={tz} when="updated" />
          </section>
          <section aria-labelledby="scheduled-heading">
            <h2 id="scheduled-heading">Scheduled</h2>
            <ArticleLinks rows={scheduled.rows} timeZone={tz} when="published" />
          </section>
          <section aria-labelledby="activity-heading">
            <h2 id="activity-heading">Recent activity</h2>
            {activity.length ? (
              <ul class="plain">
                {activity.map((a) => (
                  <li>
                    {a.userName ?? 'Someone'} saved{' '}
                    <a href={`/newsroom/articles/${a.articleId}/edit`}>{a.headline}</a>{' '}
                    <span class="muted">{formatDateTime(a.at, tz)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="empty">Nothing yet.</p>
            )}
          </section>
        </div>
      </>,
    );
  });
}
