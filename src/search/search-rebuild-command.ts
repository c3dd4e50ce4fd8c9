/** `broadsheet search rebuild`: throws the search index away and builds it again from every article. */
import type { Log } from '../app.js';
import { CliError } from '../cli/cli-error.js';
import type { Command } from '../cli/command.js';
import { ConfigError, loadConfig } from '../config/config.js';

const quietLog: Log = { info() {}, warn() {}, error() {} };

/** The command's definition, listed in src/cli/commands.ts. */
export const searchRebuildCommand: Command = {
  name: 'search rebuild',
  summary:
    'Rebuild the full-text search index from every article (the site stays up; results fill in as it runs).',
  usage: 'broadsheet search rebuild',
  options: {},
  async run(_args, io) {
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(io.env, io.cwd);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(error.message);
      throw error;
    }
    // Loaded when the command runs, so `broadsheet serve` does not load it with the command list.
    const { createContext } = await import('../app.js');
    const ctx = await createContext(config, quietLog);
    try {
      const started = performance.now();
      const indexed = await ctx.services.search.rebuildIndex();
      io.out(
        `Indexed ${indexed} articles and pages in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    } finally {
      await ctx.db.close();
    }
  },
};
