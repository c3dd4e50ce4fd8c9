/**
 * The filters, orders and pages every content API (Broadsheet's, Ghost's,
 * WordPress's) translates its parameters into: plain data, turned into SQL
 * only by the content store, and always within what readers may see.
 */

/** A field of a published article or page that lists can be filtered on. */
export type ArticleField =
  | 'id'
  | 'slug'
  | 'tag'
  | 'tagId'
  | 'author'
  | 'authorId'
  | 'category'
  | 'categoryId'
  | 'language'
  | 'sticky'
  | 'publishedAt'
  | 'updatedAt';

/** One condition, or conditions combined. */
export type ArticleFilter =
  | { all: ArticleFilter[] }
  | { any: ArticleFilter[] }
  | { not: ArticleFilter }
  | { field: ArticleField; in: (string | number | boolean)[] }
  | { field: 'publishedAt' | 'updatedAt'; compare: '>' | '>=' | '<' | '<='; value: string }
  | { search: string };

/** Sortable article fields. */
export type ArticleOrderField = 'publishedAt' | 'updatedAt' | 'headline' | 'slug' | 'id';

/** One sort key. The store always ends with the id so equal keys keep a stable order. */
export interface Order<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

/** The newest first, the usual order of a news list. */
export const NEWEST_FIRST: Order<ArticleOrderField>[] = [{ field: 'publishedAt', direction: 'desc' }];

/** A page of a list: `limit` items from `offset`. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/** A page of results with the total count of the whole list. */
export interface Paged<T> {
  items: T[];
  total: number;
}

/** The page numbers of a list, for `meta` blocks and headers. */
export function pagination(page: number, perPage: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return {
    page,
    perPage,
    total,
    pages,
    next: page < pages ? page + 1 : null,
    prev: page > 1 ? page - 1 : null,
  };
}

/** Combines optional conditions with AND, dropping the missing ones. */
export function allOf(...filters: (ArticleFilter | null | undefined)[]): ArticleFilter {
  return { all: filters.filter((f): f is ArticleFilter => f !== null && f !== undefined) };
}

/** Filters on taxonomy lists (categories, tags, authors). */
export interface TermFilter {
  ids?: number[];
  slugs?: string[];
  search?: string;
  /** Categories only: direct children of this parent (0 for top level). */
  parentId?: number;
  /** Only terms with at least one published article. */
  hideEmpty?: boolean;
}

/** Sortable term fields. */
export type TermOrderField = 'name' | 'slug' | 'id' | 'count';
