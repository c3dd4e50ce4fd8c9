/**
 * What `broadsheet import FILE` does once the command line is parsed: tells the format from the file's
 * content (or takes the one forced), runs the import with progress, and returns the summary.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { restoreBackupFile } from './backup-restore.js';
import { detectFormat, type ImportFormat } from './detect-format.js';
import { createImportServiceFor, type ImportContext, type ImportOptions } from './import-service.js';
import type { ImportSummary } from './import-summary.js';

/** The names `--format` accepts, and the format each means. */
export const IMPORT_FORMAT_NAMES: Record<string, ImportFormat> = {
  wxr: 'wxr',
  ghost: 'ghost',
  json: 'broadsheet-json',
};

const SNIFF_BYTES = 8192;

/** The format of `file` judged from its first bytes, or null when it is none we import. */
export function detectFileFormat(file: string): ImportFormat | null {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return detectFormat(buffer.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/** Imports `file` in `format` into the site; throws ImportFormatError (having changed nothing) on a bad file. */
export async function importFile(
  ctx: ImportContext,
  file: string,
  format: ImportFormat,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary =
    format === 'broadsheet-json'
      ? await restoreBackupFile(ctx, file, options)
      : format === 'wxr'
        ? await createImportServiceFor(ctx).importWxrFile(file, options)
        : await createImportServiceFor(ctx).importGhostFile(file, options);
  ctx.invalidateSettings();
  return summary;
}
