/** `broadsheet related rebuild`: recomputes every article's kept related list from the database. */
import type { Command } from '../cli/command.js';
import { withContext } from '../cli/command-context.js';
import type { RebuildProgress } from './related-service.js';

const BAR_WIDTH = 30;
const BAR_REDRAW_EVERY_MS = 100;

/** One progress frame: a bar once the total is known, else a count. */
export function rebuildProgressText(progress: RebuildProgress, width = BAR_WIDTH): string {
  const verb = { loading: 'Loading', ranking: 'Ranking', saving: 'Saving' }[progress.phase];
  if (progress.total === null || progress.total === 0) return `${verb}… ${progress.done} articles`;
  const fraction = Math.min(1, progress.done / progress.total);
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${`${Math.floor(fraction * 100)}%`.padStart(4)}  ${verb} ${progress.done}/${progress.total}`;
}

/** The command's definition, listed in src/cli/commands.ts. */
export const relatedRebuildCommand: Command = {
  name: 'related rebuild',
  summary: 'Recompute every article’s related articles ("See also") from the database.',
  usage: 'broadsheet related rebuild',
  options: {},
  async run(_args, io) {
    let lastDraw = 0;
    let drawn = false;
    let lastPhase = '';
    return withContext(io, async (ctx) => {
      const summary = await ctx.services.related.rebuildAll((progress) => {
        if (io.isTty) {
          const now = Date.now();
          if (now - lastDraw < BAR_REDRAW_EVERY_MS && progress.done !== progress.total) return;
          lastDraw = now;
          process.stdout.write(`\r${rebuildProgressText(progress)}`);
          drawn = true;
        } else if (progress.phase !== lastPhase) {
          // Plain output (logs, pipes) gets one line per phase rather than a redrawn bar.
          lastPhase = progress.phase;
          io.out(rebuildProgressText(progress));
        }
      });
      if (drawn) process.stdout.write('\n');
      io.out(
        `Rebuilt related lists for ${summary.articles} articles (${summary.rows} entries) in ${(summary.ms / 1000).toFixed(1)} s.`,
      );
      return 0;
    });
  },
};
