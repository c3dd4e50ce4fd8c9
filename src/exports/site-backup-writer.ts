/**
 * Writes the site backup (`broadsheet export --format json`) to a stream: a header line, then each table as
 * a JSON array with one row per line, so the file is valid JSON and can be read back a line at a time.
 */
import type { Writable } from 'node:stream';
import type { ExportStore } from './export-store.js';
import { isWithheldSetting, SITE_BACKUP_TABLES, siteBackupHeader } from './site-backup.js';
import { writeText } from './write-text.js';

/** Counts of what a backup holds, per table. */
export type BackupCounts = Record<string, number>;

/** Streams the whole site as a backup into `out` (left open); returns row counts per table. */
export async function writeSiteBackup(
  store: ExportStore,
  out: Writable,
  now = new Date(),
): Promise<BackupCounts> {
  const counts: BackupCounts = {};
  await writeText(out, `{"broadsheet":${JSON.stringify(siteBackupHeader(now.toISOString()))}`);
  for (const table of SITE_BACKUP_TABLES) {
    await writeText(out, `,\n${JSON.stringify(table)}:[`);
    let n = 0;
    for await (const row of store.rows(table)) {
      if (table === 'settings' && isWithheldSetting(String(row.key))) continue;
      await writeText(out, `${n === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
      n++;
    }
    await writeText(out, n === 0 ? ']' : '\n]');
    counts[table] = n;
  }
  await writeText(out, '}\n');
  return counts;
}
