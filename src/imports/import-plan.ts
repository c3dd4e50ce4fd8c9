/**
 * Pure rules of writing import records into Broadsheet: source keys for re-import matching, slugs and
 * headlines we can store, the state an article arrives in, and the old paths that must redirect.
 */
import { isValidSlug, slugify } from '../text/slug.js';
import type {
  ArticleRecord,
  AttachmentRecord,
  ImportedCommentStatus,
  ImportSource,
  SiteRecord,
} from './import-records.js';

export const MAX_IMPORTED_HEADLINE_LENGTH = 300;
export const MAX_IMPORTED_DEK_LENGTH = 600;
const UNKNOWN_SITE = 'unknown-site';

/** The kinds of source item a `source_id` names. */
export type SourceItemKind = 'post' | 'comment' | 'author' | 'category' | 'tag';

/** The exporting site's identity inside source keys: its host, so two WordPress sites' post 20 differ. */
export function siteKeyOf(site: Pick<SiteRecord, 'siteUrl' | 'blogUrl'> | null): string {
  for (const url of [site?.blogUrl, site?.siteUrl]) {
    if (!url) continue;
    try {
      const parsed = new URL(url);
      return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {}
  }
  return UNKNOWN_SITE;
}

/** The `source_id` an imported row keeps, e.g. `wxr:ledger.example:post:20`; a re-import finds it again. */
export function sourceKey(source: ImportSource, siteKey: string, kind: SourceItemKind, id: string): string {
  return `${source}:${siteKey}:${kind}:${id}`;
}

/** A slug we can store for a source slug (or the headline when there is none), and whether it changed. */
export function importedSlug(sourceSlug: string | null, fallbackText: string, fallback = 'untitled'): string {
  let slug = (sourceSlug ?? '').trim();
  try {
    // WordPress stores non-ASCII slugs percent-encoded.
    slug = decodeURIComponent(slug);
  } catch {}
  // WordPress renames the slug of a trashed post so the name is free again; the real slug is before it.
  slug = slug.replace(/__trashed(-\d+)?$/, '').toLowerCase();
  if (isValidSlug(slug)) return slug;
  return slugify(slug || fallbackText, fallback);
}

/** A headline that fits our rules, and a warning when it had to change. */
export function importedHeadline(headline: string): { headline: string; warning: string | null } {
  const trimmed = headline.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return { headline: 'Untitled', warning: 'had no headline: imported as "Untitled"' };
  if (trimmed.length > MAX_IMPORTED_HEADLINE_LENGTH) {
    return {
      headline: `${trimmed.slice(0, MAX_IMPORTED_HEADLINE_LENGTH - 1).trimEnd()}…`,
      warning: `headline longer than ${MAX_IMPORTED_HEADLINE_LENGTH} characters was shortened`,
    };
  }
  return { headline: trimmed, warning: null };
}

/** A dek that fits our length limit. */
export function importedDek(dek: string | null): string {
  const trimmed = (dek ?? '').trim();
  return trimmed.length > MAX_IMPORTED_DEK_LENGTH
    ? `${trimmed.slice(0, MAX_IMPORTED_DEK_LENGTH - 1).trimEnd()}…`
    : trimmed;
}

/** How an imported article is stored: our status, its times, and its flags. */
export interface ImportedArticleState {
  status: 'published' | 'scheduled' | 'draft';
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  submittedForReview: boolean;
  warnings: string[];
}

/** Decides status and times; `now` fills in what the source left out. */
export function importedArticleState(record: ArticleRecord, now: string): ImportedArticleState {
  const warnings: string[] = [];
  // WordPress's site-clock time has no zone; read as UTC it is off by hours, not by a day's sorting.
  const localAsUtc = (local: string | null) => (local ? `${local.replace(' ', 'T')}.000Z` : null);
  let status = record.status;
  // A WordPress draft's local date is when it was last saved, not a publication date.
  let publishedAt =
    record.publishedAt ?? (record.status === 'draft' ? null : localAsUtc(record.localPublishedAt));
  if (record.passwordProtected && status !== 'draft') {
    // Publishing it would show everyone what the password hid.
    status = 'draft';
    warnings.push('was password-protected: imported as a draft');
  }
  if (status !== 'draft' && publishedAt === null) {
    publishedAt = record.updatedAt ?? now;
    warnings.push('had no publication date: dated by its last change');
  }
  const createdAt = record.createdAt ?? publishedAt ?? localAsUtc(record.localPublishedAt) ?? now;
  const updatedAt = record.updatedAt ?? localAsUtc(record.localUpdatedAt) ?? publishedAt ?? createdAt;
  return {
    status,
    publishedAt,
    createdAt,
    updatedAt,
    deletedAt: record.trashed ? updatedAt : null,
    submittedForReview: record.submittedForReview,
    warnings,
  };
}

/** Where an article lives on Broadsheet (the reader routes serve articles and pages at `/{slug}/`). */
export function articlePathFor(slug: string): string {
  return `/${slug}/`;
}

/** Every old path of an article that must answer 301: its permalink and WordPress's `?p=` / `?page_id=` link. */
export function articleRedirectPaths(record: ArticleRecord, newPath: string): string[] {
  const paths = [record.path];
  if (record.source === 'wxr') {
    paths.push(record.articleKind === 'page' ? `/?page_id=${record.sourceId}` : `/?p=${record.sourceId}`);
    // WordPress answers ?p= for pages too, by redirecting to them.
    if (record.articleKind === 'page') paths.push(`/?p=${record.sourceId}`);
  }
  return oldPaths(paths, newPath);
}

/** Every old path of a WordPress attachment page: `?attachment_id=` and its pretty permalink. */
export function attachmentRedirectPaths(
  record: Pick<AttachmentRecord, 'sourceId' | 'path'>,
  newPath: string,
): string[] {
  return oldPaths([record.path, `/?attachment_id=${record.sourceId}`], newPath);
}

/** WordPress's nested category archive path, e.g. `/category/news/politics/`, from the slugs root first. */
export function categoryArchivePath(slugChain: string[]): string {
  return `/category/${slugChain.map(encodeURIComponent).join('/')}/`;
}

function oldPaths(paths: (string | null)[], newPath: string): string[] {
  const seen = new Set<string>();
  for (const raw of paths) {
    if (!raw?.startsWith('/')) continue;
    const path = asRequested(raw);
    if (path === '/' || path === newPath) continue;
    seen.add(path);
  }
  return [...seen];
}

// Browsers send non-ASCII paths percent-encoded (`/a%C3%B1o/`), and the redirect lookup matches the raw path.
function asRequested(path: string): string {
  try {
    const url = new URL(path, 'http://localhost');
    return url.pathname + url.search;
  } catch {
    return path;
  }
}

/** The redirect key for a WordPress front-page query link (`/?p=12&utm=x` → `/?p=12`), or null. */
export function legacyQueryPath(query: Record<string, unknown>): string | null {
  for (const name of ['p', 'page_id', 'attachment_id']) {
    const value = query[name];
    if (typeof value === 'string' && /^\d+$/.test(value)) return `/?${name}=${value}`;
  }
  return null;
}

/** Our comment status for an imported one (the parsers say "held"; the moderation queue stores "pending"). */
export function importedCommentStatus(
  status: ImportedCommentStatus,
): 'approved' | 'pending' | 'spam' | 'trash' {
  return status === 'held' ? 'pending' : status;
}

/** A language tag we accept (`en`, `pt-BR`) from a source's (`en_US`, `en-GB`), or null. */
export function importedLanguage(language: string | null): string | null {
  if (!language) return null;
  const tag = language.trim().replace(/_/g, '-');
  const [primary, ...rest] = tag.split('-');
  const normal = [primary!.toLowerCase(), ...rest].join('-');
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(normal) ? normal : null;
}

/** A site URL we accept as the `url` setting (http(s), no trailing slash), or null. */
export function importedSiteUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Replaces Ghost's `__GHOST_URL__` placeholder (Ghost 4+) with the site URL, or makes the link site-relative. */
export function resolveGhostUrls(text: string, siteUrl: string | null): string {
  return text.replaceAll('__GHOST_URL__', siteUrl ? siteUrl.replace(/\/+$/, '') : '');
}

/** An absolute URL for a media reference that may be site-relative (Ghost 1.x `/content/images/…`). */
export function absoluteMediaUrl(url: string, siteUrl: string | null): string {
  if (/^https?:\/\//i.test(url) || !siteUrl) return url;
  try {
    return new URL(url, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).toString();
  } catch {
    return url;
  }
}

const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** The file name at the end of a media URL (query and fragment dropped). */
export function mediaFileName(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {}
  const name = decodeURIComponentSafe(path.split('/').filter(Boolean).pop() ?? '');
  return name || 'file';
}

/** A MIME type guessed from a file name's extension. */
export function mimeTypeFor(fileName: string): string {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
