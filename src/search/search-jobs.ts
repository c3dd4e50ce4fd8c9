/** Background work of search: catching up with section, tag and author renames made elsewhere. */
import type { AppContext, Log } from '../app.js';

/** Registers the search index's outbox handlers with the job runner. */
export function registerSearchJobs(ctx: AppContext, log: Log): void {
  // Taxonomy edits happen outside article transactions and the event names no ids, so the index
  // compares its stored names with the current ones and reindexes only what changed.
  ctx.jobs.on('taxonomy.changed', async () => {
    const reindexed = await ctx.services.search.refreshNames();
    if (reindexed > 0) log.info({ reindexed }, 'search: reindexed articles after a taxonomy change');
  });
}
