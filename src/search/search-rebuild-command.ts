/** `broadsheet search rebuild`: throws the search index away and builds it again from every article. */
import type { Command } from '../cli/command.js';
import { withContext } from '../cli/command-context.js';

/** The command's definition, listed in src/cli/commands.ts. */
export const searchRebuildCommand: Command = {
  name: 'search rebuild',
  summary:
    'Rebuild the full-text search index from every article (the site stays up; results fill in as it runs).',
  usage: 'broadsheet search rebuild',
  options: {},
  async run(_args, io) {
    return withContext(io, async (ctx) => {
      const started = performance.now();
      const indexed = await ctx.services.search.rebuildIndex();
      io.out(
        `Indexed ${indexed} articles and pages in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    });
  },
};
