/**
 * The neutral records that the WordPress and Ghost parsers yield and the importer writes.
 * Times are ISO 8601 UTC strings; `local…` times are the source's wall-clock text, zone unknown.
 * References between records (`…Ref`) hold the source's own identifiers, resolved by the importer.
 */

/** Which export format a record was read from. */
export type ImportSource = 'wxr' | 'ghost';

/** Our article states; trash and review are flags beside them. */
export type ImportedArticleStatus = 'published' | 'scheduled' | 'draft';

/** Our comment states; WordPress's "pending" ('0') arrives as held. */
export type ImportedCommentStatus = 'approved' | 'held' | 'spam' | 'trash';

/** The site the export came from. */
export interface SiteRecord {
  kind: 'site';
  source: ImportSource;
  name: string;
  tagline: string;
  language: string | null;
  /** WordPress base_site_url, or the Ghost site URL when the export has one. */
  siteUrl: string | null;
  /** WordPress base_blog_url (or the channel link); Ghost: same as siteUrl. */
  blogUrl: string | null;
  /** WXR version ("1.2") or Ghost version ("5.82.0"). */
  formatVersion: string | null;
  exportedAt: string | null;
}

/** A person who wrote in the source: a WordPress author or a Ghost user. */
export interface AuthorRecord {
  kind: 'author';
  source: ImportSource;
  /** What articles use in `authorRefs`: the WordPress login, or the Ghost user id. */
  ref: string;
  sourceId: string | null;
  login: string | null;
  email: string | null;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  slug: string | null;
  bio: string | null;
}

/** A WordPress category (Ghost has none). */
export interface CategoryRecord {
  kind: 'category';
  source: ImportSource;
  sourceId: string | null;
  slug: string;
  parentSlug: string | null;
  name: string;
  description: string;
}

/** A tag; Ghost internal tags (name starting with `#`) are never shown to readers. */
export interface TagRecord {
  kind: 'tag';
  source: ImportSource;
  sourceId: string | null;
  slug: string;
  name: string;
  description: string;
  isInternal: boolean;
}

/** A category or tag as an article lists it. */
export interface TermRef {
  slug: string;
  name: string;
}

/** A key/value pair of source metadata (WordPress postmeta, Ghost posts_meta and SEO fields). */
export interface MetaEntry {
  key: string;
  value: string;
}

/**
 * A gallery in a converted body: the HTML holds `<figure class="gallery" data-import-gallery="KEY"></figure>`
 * until `resolveGalleries` fills it with the images the importer found.
 */
export interface GalleryPlaceholder {
  key: string;
  /** WordPress attachment ids in order; empty when `fromAttachedImages`. */
  attachmentIds: string[];
  /** `[gallery]` without ids shows every image attached to the article. */
  fromAttachedImages: boolean;
  columns: number | null;
}

/** The featured image: either a WordPress attachment to look up, or a URL (Ghost). */
export interface FeaturedImageRef {
  attachmentRef: string | null;
  url: string | null;
  alt: string | null;
  caption: string | null;
}

/** How the source stored the body, kept so a later conversion can be re-run. */
export type SourceBodyFormat =
  | 'wordpress-blocks'
  | 'wordpress-classic'
  | 'html'
  | 'lexical'
  | 'mobiledoc'
  | 'empty';

/** An article or page, its body already converted to HTML that still needs sanitizing. */
export interface ArticleRecord {
  kind: 'article';
  source: ImportSource;
  sourceId: string;
  /** WordPress GUID or Ghost uuid. */
  guid: string | null;
  articleKind: 'article' | 'page';
  headline: string;
  /** Null when the source has none (WordPress drafts often lack post_name). */
  slug: string | null;
  /** WordPress excerpt or Ghost custom_excerpt. */
  dek: string | null;
  bodyHtml: string;
  galleries: GalleryPlaceholder[];
  sourceBody: { format: SourceBodyFormat; text: string };
  sourceStatus: string;
  status: ImportedArticleStatus;
  submittedForReview: boolean;
  trashed: boolean;
  passwordProtected: boolean;
  /** WordPress sticky, Ghost featured. */
  sticky: boolean;
  publishedAt: string | null;
  localPublishedAt: string | null;
  updatedAt: string | null;
  localUpdatedAt: string | null;
  createdAt: string | null;
  /** The RSS pubDate exactly as written. */
  rssPubDate: string | null;
  authorRefs: string[];
  categories: TermRef[];
  tags: TermRef[];
  featuredImage: FeaturedImageRef | null;
  parentRef: string | null;
  menuOrder: number;
  commentsOpen: boolean;
  pingsOpen: boolean;
  /** The public URL in the source. */
  permalink: string | null;
  /** Path (with query) of the permalink, the `from_path` of a redirect. */
  path: string | null;
  meta: MetaEntry[];
  warnings: string[];
}

/** A WordPress media library item. */
export interface AttachmentRecord {
  kind: 'attachment';
  source: ImportSource;
  sourceId: string;
  guid: string | null;
  url: string;
  name: string;
  slug: string | null;
  parentRef: string | null;
  authorRef: string | null;
  alt: string | null;
  caption: string | null;
  description: string | null;
  uploadedAt: string | null;
  /** The attachment page's public URL in the source, and its path (with query) for a redirect. */
  permalink: string | null;
  path: string | null;
  meta: MetaEntry[];
}

/** A reader comment, always yielded after the article it belongs to. */
export interface CommentRecord {
  kind: 'comment';
  source: ImportSource;
  sourceId: string;
  articleRef: string;
  parentRef: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  postedAt: string | null;
  localPostedAt: string | null;
  /** Comment text as stored by the source (light HTML), to be sanitized later. */
  body: string;
  sourceApproved: string;
  status: ImportedCommentStatus;
  /** 'comment', 'pingback', 'trackback' or a plugin's own type. */
  commentType: string;
  userRef: string | null;
  warnings: string[];
}

/** The last record: what was read, what was skipped and why. */
export interface SummaryRecord {
  kind: 'summary';
  source: ImportSource;
  counts: {
    authors: number;
    categories: number;
    tags: number;
    articles: number;
    pages: number;
    attachments: number;
    comments: number;
  };
  /** Terms of taxonomies we do not import (nav_menu, post_format, …), by taxonomy. */
  ignoredTerms: Record<string, number>;
  /** Items of post types we do not import (nav_menu_item, revision, wp_block, …), by type. */
  ignoredPostTypes: Record<string, number>;
  warnings: string[];
}

/** Everything a parser yields. */
export type ImportRecord =
  | SiteRecord
  | AuthorRecord
  | CategoryRecord
  | TagRecord
  | ArticleRecord
  | AttachmentRecord
  | CommentRecord
  | SummaryRecord;
