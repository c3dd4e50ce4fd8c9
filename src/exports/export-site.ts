/**
 * What `broadsheet export` does once the command line is parsed: writes the site backup or the WordPress
 * export to a file (through a temporary file, so a failed export never leaves half a file) or to a stream.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Db } from '../db/database.js';
import { createExportStore } from './export-store.js';
import { type BackupCounts, writeSiteBackup } from './site-backup-writer.js';
import { type WxrCounts, writeWxr } from './wxr-writer.js';

export type ExportFormat = 'json' | 'wxr';

/** What was written, per kind. */
export type ExportCounts = BackupCounts | WxrCounts;

/** Writes the export of `format` to `out`; `siteUrl` fills in links when the site has no URL setting. */
export async function exportSite(
  db: Db,
  format: ExportFormat,
  out: Writable,
  options: { siteUrl: string; now?: Date },
): Promise<ExportCounts> {
  const store = createExportStore(db.kysely);
  return format === 'json' ? writeSiteBackup(store, out, options.now) : writeWxr(store, out, options);
}

/** Writes the export to `path`, replacing it only once the whole export is written. */
export async function exportSiteToFile(
  db: Db,
  format: ExportFormat,
  path: string,
  options: { siteUrl: string; now?: Date },
): Promise<ExportCounts> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  try {
    const counts = await exportSite(db, format, out, options);
    out.end();
    await once(out, 'close');
    renameSync(partial, path);
    return counts;
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}
