/** Search: the types and pure rules shared by the index, the queries and the results page. */
import type { ArticleKind, ArticleStatus, Byline } from '../articles/article.js';
import { hasRoleAtLeast, type User } from '../users/user.js';
import { indexableText } from './index-text.js';
import { foldText, type ParsedQuery, type QueryNode } from './search-query.js';

/** Results on one page. */
export const SEARCH_PAGE_SIZE = 20;
/** Deepest page served: nobody reads result 1,000, and deep offsets cost a full ranking each time. */
export const MAX_SEARCH_PAGE = 50;

/**
 * The newest matches ranked for one query (SQLite). A one-word query can match most of a 100,000-article
 * archive; scoring every match is what made such queries slow, while only the best 1,000 are ever shown and
 * recency weighs in the score anyway. Twice the reachable results keep the ranking meaningful.
 */
export const RANKED_MATCHES = 2 * SEARCH_PAGE_SIZE * MAX_SEARCH_PAGE;
// Counting the rest exactly cost as much as ranking them (p95 22 ms vs 13 ms at 100,000 articles); such a
// query reports "at least RANKED_MATCHES results" instead, and pages through the ranked ones.

/**
 * Relative column weights. The headline counts most; a word in the taxonomy or bylines says more
 * than one in the body. FTS5 takes them as bm25() arguments (headline, dek, body, taxonomy, authors).
 */
export const FTS5_COLUMN_WEIGHTS = [10, 4, 1, 3, 3] as const;
/** ts_rank_cd weights for {D, C, B, A} = {body, taxonomy and authors, dek, headline}. */
export const POSTGRES_RANK_WEIGHTS = '{0.1, 0.3, 0.4, 1.0}';

/** The most a brand-new article's score is raised: mild, so relevance still decides. */
export const RECENCY_BOOST = 0.3;
/** Age at which the boost has halved. */
export const RECENCY_HALF_LIFE_DAYS = 90;

/** The factor a relevance score is multiplied by for an article `ageDays` old (the SQL mirrors it). */
export function recencyFactor(ageDays: number): number {
  const age = Math.max(0, ageDays);
  return 1 + (RECENCY_BOOST * RECENCY_HALF_LIFE_DAYS) / (RECENCY_HALF_LIFE_DAYS + age);
}

/** How an article's words are normalised: English is stemmed, other languages only folded. */
export type SearchConfig = 'english' | 'simple';

/** The search configuration for an article's language tag (`en`, `en-GB` → english). */
export function searchConfigFor(language: string): SearchConfig {
  return /^en(-|$)/i.test(language) ? 'english' : 'simple';
}

/** What the indexer reads about one article. */
export interface IndexSource {
  id: number;
  kind: string;
  headline: string;
  dek: string;
  bodyHtml: string;
  language: string;
  deletedAt: string | null;
  categoryName: string | null;
  tagNames: string[];
  authorNames: string[];
}

/** One article's text as indexed. Readers see these words in snippets, so they are the original text. */
export interface SearchDocument {
  articleId: number;
  config: SearchConfig;
  headline: string;
  dek: string;
  body: string;
  taxonomy: string;
  authors: string;
}

/** The indexed taxonomy text: the section, then the public tags. */
export function taxonomyText(categoryName: string | null, tagNames: string[]): string {
  return [categoryName, ...tagNames].filter((s): s is string => !!s).join(' · ');
}

/** The indexed byline text. */
export function authorsText(authorNames: string[]): string {
  return authorNames.join(', ');
}

/** The document for an article, or null when it must not be in the index (trashed). */
export function toSearchDocument(source: IndexSource): SearchDocument | null {
  if (source.deletedAt !== null) return null;
  return {
    articleId: source.id,
    config: searchConfigFor(source.language),
    headline: source.headline,
    dek: source.dek,
    body: indexableText(source.bodyHtml),
    taxonomy: taxonomyText(source.categoryName, source.tagNames),
    authors: authorsText(source.authorNames),
  };
}

/** The same query with every word folded, to match an index built from folded text. */
export function foldQuery(query: ParsedQuery): ParsedQuery {
  const fold = (node: QueryNode): QueryNode =>
    node.kind === 'term'
      ? { ...node, word: foldText(node.word) }
      : { ...node, words: node.words.map(foldText) };
  return { ...query, groups: query.groups.map((g) => g.map(fold)), excluded: query.excluded.map(fold) };
}

/** The query without its excluded words, to check that something positive is left to match. */
export function positivePart(query: ParsedQuery): ParsedQuery {
  return { ...query, excluded: [] };
}

/** Narrowing a search, as a reader picks it on the results page (slugs and YYYY-MM-DD dates). */
export interface SearchFilters {
  category?: string;
  tag?: string;
  author?: string;
  from?: string;
  to?: string;
}

/** A search request read leniently from the query string: bad values are dropped, never an error. */
export interface SearchRequest {
  query: string;
  filters: SearchFilters;
  page: number;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
}

/** Reads `q`, `category`, `tag`, `author`, `from`, `to` and `page`; unusable filters are left out. */
export function parseSearchRequest(params: Record<string, unknown>): SearchRequest {
  const text = (name: string): string => {
    const value = params[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : '';
  };
  const filters: SearchFilters = {};
  for (const name of ['category', 'tag', 'author'] as const) {
    const slug = text(name).trim().toLowerCase();
    if (SLUG.test(slug)) filters[name] = slug;
  }
  for (const name of ['from', 'to'] as const) {
    const date = text(name).trim();
    if (isCalendarDate(date)) filters[name] = date;
  }
  const page = Number.parseInt(text('page'), 10);
  return {
    query: text('q'),
    filters,
    page: Number.isFinite(page) ? Math.min(Math.max(page, 1), MAX_SEARCH_PAGE) : 1,
  };
}

/** Filters resolved to ids and instants; a slug that names nothing matches nothing. */
export interface ResolvedFilters {
  categoryIds?: number[];
  tagId?: number;
  authorId?: number;
  /** Inclusive lower bound, ISO instant. */
  since?: string;
  /** Exclusive upper bound, ISO instant (the day after `to`). */
  before?: string;
}

/** The instants bounding a `from`–`to` day range (UTC days, both ends included). */
export function dateBounds(
  filters: Pick<SearchFilters, 'from' | 'to'>,
): Pick<ResolvedFilters, 'since' | 'before'> {
  const bounds: Pick<ResolvedFilters, 'since' | 'before'> = {};
  if (filters.from) bounds.since = `${filters.from}T00:00:00.000Z`;
  if (filters.to) {
    const next = new Date(`${filters.to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    bounds.before = next.toISOString();
  }
  return bounds;
}

/** Whose articles a search may return. */
export type SearchAudience =
  | { kind: 'public' }
  /** Editors and admins: every article that is not in the trash. */
  | { kind: 'newsroom-all' }
  /** Authors and contributors: everything published, plus their own articles in any state. */
  | { kind: 'newsroom-own'; ownerId: number };

/** The newsroom audience of a signed-in user: editors see every draft, others only their own. */
export function newsroomAudience(user: Pick<User, 'id' | 'role'>): SearchAudience {
  return hasRoleAtLeast(user, 'editor')
    ? { kind: 'newsroom-all' }
    : { kind: 'newsroom-own', ownerId: user.id };
}

/** One result, with its headline and snippet already escaped and highlighted. */
export interface SearchHit {
  id: number;
  kind: ArticleKind;
  slug: string;
  headline: string;
  /** Escaped headline with matching words in <mark>. */
  headlineHtml: string;
  /** Escaped passage (body, else dek) with matching words in <mark>. */
  snippetHtml: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  category: { name: string; slug: string } | null;
  authors: Byline[];
  score: number;
}

/** A page of results. */
export interface SearchResults {
  /** What the reader typed, for echoing back. */
  query: string;
  /** False when nothing searchable was typed (empty, or only excluded words): show the form, not "0 results". */
  searched: boolean;
  filters: SearchFilters;
  total: number;
  /** True when there are at least `total` matches, not exactly: a very broad query on SQLite is not counted. */
  totalIsLowerBound: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  hits: SearchHit[];
}
