/** Background work of the related-articles engine: keeping kept lists in step with article changes. */
import type { AppContext, Log } from '../app.js';
import type { OutboxEvent } from '../jobs/event-store.js';

// Every article event that can move an article into or out of the published set, or change its text.
const ARTICLE_KINDS = ['article.published', 'article.updated', 'article.unpublished', 'article.scheduled'];

/** Registers the related-articles outbox handlers with the job runner. */
export function registerRelatedJobs(ctx: AppContext, log: Log): void {
  const handle = async (event: OutboxEvent) => {
    const saved = await ctx.services.related.articlesChanged(event.id);
    if (saved.length > 20) log.info({ eventId: event.id, lists: saved.length }, 'related: saved kept lists');
  };
  for (const kind of ARTICLE_KINDS) ctx.jobs.on(kind, handle);
  // An import writes rows without per-article events; recompute every list once it has committed.
  ctx.jobs.on('site.imported', async () => {
    const summary = await ctx.services.related.rebuildAll();
    log.info({ summary }, 'related: rebuilt after import');
  });
}
