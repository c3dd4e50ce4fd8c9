/**
 * Types shared by the related-articles engine: the article as the engine sees it, and a related
 * article with the reasons it was chosen.
 */

/** A published article as the related-articles engine reads it; plain data, built from the database. */
export interface RelatedDocument {
  id: number;
  language: string;
  headline: string;
  dek: string;
  bodyText: string;
  tags: string[];
  categoryId: number | null;
  /** ISO 8601, UTC. */
  publishedAt: string;
  translationGroup: string | null;
  /** When given, anything other than 'published' is kept out of the index. */
  status?: string;
}

/** How much each signal contributed to a related article's score. */
export interface ScoreComponents {
  /** Cosine similarity of the weighted term vectors, 0–1. */
  content: number;
  /** Overlap of the tag sets, 0–1. */
  tags: number;
  /** 1 when both articles are in the same category, else 0. */
  category: number;
  /** Multiplier for the gap between the publication dates, 1 for the same day down to the floor. */
  recency: number;
  /** The score the ranking uses. */
  total: number;
}

/** Why an article was chosen as related: what it shares with the source article. */
export interface RelatedReason {
  /** The shared terms that contributed most, most important first. */
  sharedTerms: string[];
  sharedTags: string[];
  sameCategory: boolean;
  components: ScoreComponents;
}

/** A related article with its score and the reasons for it. */
export interface RelatedArticle {
  articleId: number;
  score: number;
  reason: RelatedReason;
}

/** One entry of an article's kept related list, as the service stores it. */
export interface RelatedListEntry {
  articleId: number;
  score: number;
}

/** What one publish, update or unpublish did to the kept related lists. */
export interface RelatedChange {
  /** The article's own new related list; empty after an unpublish. */
  related: RelatedListEntry[];
  /** Other articles whose kept related list changed and must be saved again. */
  changedArticleIds: number[];
}

/** How many related articles are kept per article. */
export const RELATED_LIST_SIZE = 10;

/** Whether a document may appear in the index: published (when a status is given) at a valid past time. */
export function isPublishedDocument(doc: RelatedDocument, nowMs: number): boolean {
  if (doc.status !== undefined && doc.status !== 'published') return false;
  const publishedMs = Date.parse(doc.publishedAt);
  return Number.isFinite(publishedMs) && publishedMs <= nowMs;
}
