/** Pagination of archives: which page was asked for, what it shows, and its neighbours (pure). */
import { pagePath } from './permalinks.js';

/** One page of a paged list. */
export interface PageWindow {
  page: number;
  totalPages: number;
  offset: number;
  limit: number;
  prevPath: string | null;
  nextPath: string | null;
}

// A page number readers could type; anything longer is not a real page of any archive.
const PAGE_NUMBER = /^[1-9][0-9]{0,5}$/;

/** The page number in a `/page/{n}/` segment, or null when it is not a page number at all. */
export function parsePageNumber(segment: string | undefined): number | null {
  if (segment === undefined) return 1;
  return PAGE_NUMBER.test(segment) ? Number(segment) : null;
}

/**
 * The window for page `page` of `total` items, `perPage` to a page, under `base`.
 * Null when the page does not exist (past the end; page 1 of an empty list exists).
 */
export function pageWindow(base: string, page: number, total: number, perPage: number): PageWindow | null {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  if (page < 1 || page > totalPages) return null;
  return {
    page,
    totalPages,
    offset: (page - 1) * perPage,
    limit: perPage,
    prevPath: page > 1 ? pagePath(base, page - 1) : null,
    nextPath: page < totalPages ? pagePath(base, page + 1) : null,
  };
}
