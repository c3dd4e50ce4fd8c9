/** How a running import shows itself: a bar redrawn in place on a terminal, a plain line now and then elsewhere. */
import type { ImportProgress } from './import-service.js';

const BAR_WIDTH = 30;
// Often enough to see it move, rarely enough that a log of a 100k-article import stays readable.
const PLAIN_LINE_EVERY_MS = 5_000;
const BAR_REDRAW_EVERY_MS = 100;

/** One progress bar frame, e.g. `[#########.....]  31%  12,345 items`. */
export function progressBar(progress: ImportProgress, width = BAR_WIDTH): string {
  const items = `${progress.articles.toLocaleString('en')} articles`;
  if (!progress.totalBytes || progress.bytesRead === null) return `Importing… ${items}`;
  const fraction = Math.min(1, progress.bytesRead / progress.totalBytes);
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}  ${items}`;
}

/** One plain progress line for logs. */
export function progressLine(progress: ImportProgress): string {
  const percent =
    progress.totalBytes && progress.bytesRead !== null
      ? ` (${Math.floor(Math.min(1, progress.bytesRead / progress.totalBytes) * 100)}% of the file)`
      : '';
  return `Imported ${progress.articles} articles and pages so far${percent}.`;
}

/** A throttled progress callback writing a bar (`tty`) or plain lines; `done()` ends the bar's line. */
export function createProgressReporter(output: {
  tty: boolean;
  write(text: string): void;
  line(text: string): void;
}): { update(progress: ImportProgress): void; done(): void } {
  let last = output.tty ? 0 : Date.now();
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < (output.tty ? BAR_REDRAW_EVERY_MS : PLAIN_LINE_EVERY_MS)) return;
      last = now;
      if (output.tty) {
        output.write(`\r${progressBar(progress)}`);
        drawn = true;
      } else {
        output.line(progressLine(progress));
      }
    },
    done() {
      if (drawn) output.write('\n');
    },
  };
}
