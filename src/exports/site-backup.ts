/** The site backup format (`broadsheet export --format json`): which tables, in which order, and what is held back. */

export const SITE_BACKUP_FORMAT = 'broadsheet-site-backup';
export const SITE_BACKUP_VERSION = 1;

/** The tables of a site backup, parents before children, so a restore can insert them in this order. */
export const SITE_BACKUP_TABLES = [
  'settings',
  'authors',
  'users',
  'categories',
  'tags',
  'media',
  'articles',
  'article_authors',
  'article_tags',
  'corrections',
  'revisions',
  'comments',
  'redirects',
  'related_exclusions',
] as const;
export type SiteBackupTable = (typeof SITE_BACKUP_TABLES)[number];

/** How rows of each table are ordered and paged (a unique key). */
export const SITE_BACKUP_KEYS: Record<SiteBackupTable, string[]> = {
  settings: ['key'],
  authors: ['id'],
  users: ['id'],
  categories: ['id'],
  tags: ['id'],
  media: ['id'],
  articles: ['id'],
  article_authors: ['article_id', 'author_id'],
  article_tags: ['article_id', 'tag_id'],
  corrections: ['id'],
  revisions: ['id'],
  comments: ['id'],
  redirects: ['id'],
  related_exclusions: ['article_id', 'excluded_id'],
};

/** Columns never exported: a restored account sets its password through a reset. */
export const WITHHELD_COLUMNS: Partial<Record<SiteBackupTable, string[]>> = {
  users: ['password_hash'],
};

/** True for settings that are secrets of this installation rather than of the site. */
export function isWithheldSetting(key: string): boolean {
  return key === 'instance_secret' || /secret|token|password/i.test(key);
}

/** The first member of a site backup. */
export interface SiteBackupHeader {
  format: typeof SITE_BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  notice: string;
  tables: string[];
}

/** The header of a backup written at `exportedAt`. */
export function siteBackupHeader(exportedAt: string): SiteBackupHeader {
  return {
    format: SITE_BACKUP_FORMAT,
    version: SITE_BACKUP_VERSION,
    exportedAt,
    notice:
      'PRIVATE BACKUP: this file holds readers\u2019 email and IP addresses and newsroom accounts (without passwords). ' +
      'Keep it as safe as the database. Media files are not inside it: the "media" rows are their manifest ' +
      '(copy the data directory\u2019s media/ folder with it).',
    tables: [...SITE_BACKUP_TABLES],
  };
}
