/** Articles and pages: the types and the pure rules of their life cycle. */

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export type ArticleKind = 'article' | 'page';
export type BodyFormat = 'markdown' | 'html';
export type SeeAlsoMode = 'auto' | 'off';

/** A category in the site's hierarchy. */
export interface Category {
  id: number;
  name: string;
  slug: string;
  description: string;
  parentId: number | null;
}

/** A tag; internal tags (imported Ghost `#tags`) are never shown publicly. */
export interface Tag {
  id: number;
  name: string;
  slug: string;
  description: string;
  isInternal: boolean;
}

/** A byline entry. */
export interface Byline {
  id: number;
  name: string;
  slug: string;
}

/** A dated note telling readers what was wrong and what was fixed. */
export interface Correction {
  id: number;
  correctedAt: string;
  text: string;
}

/** The featured image with its caption and credit. */
export interface FeaturedImage {
  url: string;
  alt: string;
  caption: string;
  credit: string;
  mediaId: number | null;
}

/** An article as lists show it. */
export interface ArticleSummary {
  id: number;
  kind: ArticleKind;
  headline: string;
  slug: string;
  dek: string;
  excerpt: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  language: string;
  category: Pick<Category, 'id' | 'name' | 'slug'> | null;
  authors: Byline[];
  featuredImage: FeaturedImage | null;
  commentCount: number;
}

/** Everything about one article. */
export interface Article extends ArticleSummary {
  bodySource: string;
  bodyFormat: BodyFormat;
  bodyHtml: string;
  createdAt: string;
  deletedAt: string | null;
  translationGroup: string | null;
  commentsOpen: boolean;
  sticky: boolean;
  seeAlsoMode: SeeAlsoMode;
  seeAlsoPinId: number | null;
  metaDescription: string;
  ownerId: number | null;
  version: number;
  submittedForReview: boolean;
  tags: Tag[];
  corrections: Correction[];
  sourceId: string | null;
}

/** The editable fields of an article, as an editor or importer supplies them. */
export interface ArticleDraft {
  kind?: ArticleKind;
  headline: string;
  slug?: string;
  dek?: string;
  bodySource?: string;
  bodyFormat?: BodyFormat;
  excerpt?: string;
  language?: string;
  translationGroup?: string | null;
  categoryId?: number | null;
  tagIds?: number[];
  authorIds?: number[];
  featuredImage?: FeaturedImage | null;
  commentsOpen?: boolean;
  sticky?: boolean;
  seeAlsoMode?: SeeAlsoMode;
  seeAlsoPinId?: number | null;
  metaDescription?: string;
  ownerId?: number | null;
  sourceId?: string | null;
}

/** True when readers may see the article at time `now`. */
export function isPublic(
  article: Pick<Article, 'status' | 'publishedAt' | 'deletedAt'>,
  now: Date = new Date(),
): boolean {
  return (
    article.deletedAt === null &&
    article.status === 'published' &&
    article.publishedAt !== null &&
    article.publishedAt <= now.toISOString()
  );
}

/** The most recent moment the article changed in a way readers see: its update or its latest correction. */
export function modifiedAt(article: Pick<Article, 'updatedAt' | 'publishedAt' | 'corrections'>): string {
  const times = [
    article.updatedAt,
    article.publishedAt ?? '',
    ...article.corrections.map((c) => c.correctedAt),
  ];
  // biome-ignore lint/complexity/useMathMinMax: these are ISO timestamps, compared as strings; Math.max would give NaN
  return times.reduce((a, b) => (b > a ? b : a));
}

export const MAX_HEADLINE_LENGTH = 300;
export const MAX_DEK_LENGTH = 600;
