/** Which outbox events become webhook deliveries, and the public data each one carries. */
import { type ApiDeps, siteLinks } from './api-deps.js';
import { articleUrl, presentArticle, presentComment } from './broadsheet-presenter.js';
import type { WebhookPayloadBuilder } from './webhook-service.js';

/** Outbox events the deliveries listen to (a comment approved on posting arrives as `comment.posted`). */
const OUTBOX_KINDS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'comment.approved',
  'comment.posted',
] as const;

/** Registers webhook delivery as job handlers of the outbox events. */
export function registerWebhookDelivery(deps: ApiDeps): void {
  const { ctx, content } = deps;

  // Built at delivery time from what readers may see then: a story unpublished before its
  // "published" delivery goes out is not sent in full to anyone.
  const build: WebhookPayloadBuilder = async (event) => {
    const now = new Date().toISOString();
    const links = await siteLinks(deps);
    const payload = event.payload as { articleId?: number; commentId?: number; status?: string };
    switch (event.kind) {
      case 'article.published':
      case 'article.updated': {
        const article = payload.articleId
          ? await content.findArticle(now, null, { id: payload.articleId })
          : undefined;
        if (!article) return null;
        return { kind: event.kind, data: { article: presentArticle(links, article) } };
      }
      case 'article.unpublished': {
        const article = payload.articleId ? await ctx.stores.articles.findById(payload.articleId) : undefined;
        if (!article) return null;
        return {
          kind: 'article.unpublished',
          data: { article: { id: article.id, kind: article.kind, slug: article.slug } },
        };
      }
      case 'comment.posted':
      case 'comment.approved': {
        if (event.kind === 'comment.posted' && payload.status !== 'approved') return null;
        if (!payload.commentId) return null;
        const found = await content.listComments({
          now,
          ids: [payload.commentId],
          page: { limit: 1, offset: 0 },
        });
        const comment = found.items[0];
        if (!comment) return null;
        const article = await content.findArticle(now, null, { id: comment.articleId });
        if (!article) return null;
        return {
          kind: 'comment.approved',
          data: {
            comment: presentComment(comment),
            article: {
              id: article.id,
              slug: article.slug,
              headline: article.headline,
              url: articleUrl(links, article),
            },
          },
        };
      }
      default:
        return null;
    }
  };

  for (const kind of OUTBOX_KINDS) ctx.jobs.on(kind, (event) => deps.webhooks.deliver(event, build));
}
