/** Where things live on the reader's site: article, page, archive and feed paths (pure). */
import type { ArticleKind } from '../articles/article.js';
import { dateTimeFormat } from '../views/format.js';
import type { SiteSettings } from './settings.js';

/** The part of an article its path depends on. */
export interface Linkable {
  kind: ArticleKind;
  slug: string;
  publishedAt: string | null;
}

/** The settings the permalink pattern depends on. */
export type PermalinkSettings = Pick<SiteSettings, 'permalinkPattern' | 'timezone'>;

/** Year and month of `iso` in the site's time zone (WordPress dates its permalinks in local time). */
export function yearMonthInZone(iso: string, timeZone: string): { yyyy: string; mm: string } {
  const parts = Object.fromEntries(
    dateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { yyyy: String(parts.year), mm: String(parts.month) };
}

/** The path of an article or page, e.g. `/bridge-reopens/` or `/2024/04/bridge-reopens/`. Pages never carry a date. */
export function articlePath(article: Linkable, settings: PermalinkSettings): string {
  if (article.kind === 'page' || settings.permalinkPattern === '/{slug}/' || !article.publishedAt) {
    return `/${article.slug}/`;
  }
  const { yyyy, mm } = yearMonthInZone(article.publishedAt, settings.timezone);
  return `/${yyyy}/${mm}/${article.slug}/`;
}

/** The kinds of archive a reader can browse. */
export type ArchiveKind = 'category' | 'tag' | 'author';

/** The first page of an archive: `/category/news/`; the site's latest-articles archive is `/`. */
export function archivePath(kind: ArchiveKind | 'latest', slug = ''): string {
  return kind === 'latest' ? '/' : `/${kind}/${slug}/`;
}

/** Page `n` of an archive whose first page is `base` (`/page/n/` appended WordPress-style). */
export function pagePath(base: string, n: number): string {
  return n <= 1 ? base : `${base}page/${n}/`;
}

/** The RSS (or Atom) feed of an archive whose first page is `base`: `/feed/`, `/tag/x/feed/atom/`. */
export function feedPath(base: string, format: 'rss' | 'atom'): string {
  return format === 'rss' ? `${base}feed/` : `${base}feed/atom/`;
}

/** Turns a site-relative path into an absolute URL on `baseUrl` (which has no trailing slash). */
export function absoluteUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}
