/** What an import did, gathered while it runs and printed at the end (pure). */
import type { ImportSource, SummaryRecord } from './import-records.js';

/** The kinds of thing an import writes, as counted in the summary. */
export const IMPORTED_KINDS = [
  'authors',
  'users',
  'categories',
  'tags',
  'articles',
  'pages',
  'media',
  'comments',
  'redirects',
] as const;
export type ImportedKind = (typeof IMPORTED_KINDS)[number];

const MAX_EXAMPLES_PER_WARNING = 3;

/** Counts, warnings and media that stayed remote, for one import run. */
export interface ImportSummary {
  source: ImportSource | 'broadsheet-json';
  created: Record<ImportedKind, number>;
  /** Found from an earlier import of the same file, so left as they were. */
  alreadyPresent: Record<ImportedKind, number>;
  settingsTaken: boolean;
  /** Each distinct warning once, with how often it happened and a few of the items it happened to. */
  warnings: { message: string; count: number; examples: string[] }[];
  /** Media files whose original URL is kept because --fetch-media was not given. */
  mediaKeptRemote: number;
  /** Source URLs that --fetch-media could not download (unreachable, too large, …): their original URL is kept. */
  mediaNotFetched: { url: string; reason: string }[];
  ignored: { terms: Record<string, number>; postTypes: Record<string, number> };
}

/** An empty summary to fill in. */
export function emptySummary(source: ImportSummary['source']): ImportSummary {
  const zero = () => Object.fromEntries(IMPORTED_KINDS.map((k) => [k, 0])) as Record<ImportedKind, number>;
  return {
    source,
    created: zero(),
    alreadyPresent: zero(),
    settingsTaken: false,
    warnings: [],
    mediaKeptRemote: 0,
    mediaNotFetched: [],
    ignored: { terms: {}, postTypes: {} },
  };
}

/** Adds one warning; identical messages are counted, with the first few items named. */
export function addWarning(summary: ImportSummary, message: string, item?: string): void {
  let entry = summary.warnings.find((w) => w.message === message);
  if (!entry) {
    entry = { message, count: 0, examples: [] };
    summary.warnings.push(entry);
  }
  entry.count++;
  if (item && entry.examples.length < MAX_EXAMPLES_PER_WARNING) entry.examples.push(item);
}

/** Folds in what the parser skipped and warned about. */
export function addParserSummary(summary: ImportSummary, record: SummaryRecord): void {
  summary.ignored.terms = { ...record.ignoredTerms };
  summary.ignored.postTypes = { ...record.ignoredPostTypes };
  for (const warning of record.warnings) addWarning(summary, warning);
}

/** The summary as lines for a terminal or a log. */
export function formatSummary(summary: ImportSummary): string[] {
  const lines: string[] = [];
  const counts = IMPORTED_KINDS.filter((k) => summary.created[k] > 0 || summary.alreadyPresent[k] > 0).map(
    (k) =>
      `  ${k.padEnd(11)} ${String(summary.created[k]).padStart(7)} imported` +
      (summary.alreadyPresent[k] > 0 ? `, ${summary.alreadyPresent[k]} already here` : ''),
  );
  lines.push(`Import finished (${summary.source}).`, ...(counts.length ? counts : ['  nothing to import']));
  if (summary.settingsTaken) lines.push('Site title, tagline, language and URL were taken from the file.');
  const ignored = [
    ...Object.entries(summary.ignored.postTypes).map(([type, n]) => `${n} ${type}`),
    ...Object.entries(summary.ignored.terms).map(([taxonomy, n]) => `${n} ${taxonomy} terms`),
  ];
  if (ignored.length) lines.push(`Not imported: ${ignored.join(', ')}.`);
  if (summary.mediaKeptRemote > 0) {
    lines.push(
      `${summary.mediaKeptRemote} media files keep their original URLs (use --fetch-media to download them).`,
    );
  }
  if (summary.mediaNotFetched.length) {
    lines.push(`${summary.mediaNotFetched.length} media files could not be downloaded (original URLs kept):`);
    for (const { url, reason } of summary.mediaNotFetched.slice(0, 50)) lines.push(`  ${url} (${reason})`);
    if (summary.mediaNotFetched.length > 50)
      lines.push(`  … and ${summary.mediaNotFetched.length - 50} more`);
  }
  if (summary.warnings.length) {
    lines.push(`Warnings (${summary.warnings.reduce((n, w) => n + w.count, 0)}):`);
    for (const w of summary.warnings) {
      const examples = w.examples.length ? ` — e.g. ${w.examples.join('; ')}` : '';
      lines.push(`  ${w.count > 1 ? `${w.count}× ` : ''}${w.message}${examples}`);
    }
  }
  return lines;
}
