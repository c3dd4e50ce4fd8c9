/** What readers' JSON shows of search results: an allowlist of public fields. */
import type { SearchHit, SearchResults } from './search.js';
import type { PublicSearchResponse } from './search-schemas.js';

/** The public JSON of a results page; `urlOf` gives each hit's absolute address. */
export function presentPublicResults(
  results: SearchResults,
  urlOf: (hit: SearchHit) => string,
): PublicSearchResponse {
  return {
    query: results.query,
    searched: results.searched,
    total: results.total,
    totalIsLowerBound: results.totalIsLowerBound,
    page: results.page,
    pageSize: results.pageSize,
    pageCount: results.pageCount,
    filters: { ...results.filters },
    results: results.hits.map((hit) => ({
      kind: hit.kind,
      headline: hit.headline,
      headlineHtml: hit.headlineHtml,
      snippetHtml: hit.snippetHtml,
      url: urlOf(hit),
      publishedAt: hit.publishedAt,
      category: hit.category && { name: hit.category.name, slug: hit.category.slug },
      authors: hit.authors.map((a) => ({ name: a.name, slug: a.slug })),
    })),
  };
}
