/**
 * Readers' search: the results page at `/search/` and the same search as JSON at `/search.json`
 * (identical parameters: q, category, tag, author, from, to, page). Public articles and pages only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { loadNavigation } from '../site/navigation.js';
import { absoluteUrl, articlePath } from '../site/permalinks.js';
import { h, renderDocument } from '../views/jsx.js';
import { Layout } from '../views/layout.js';
import { parseSearchRequest, type SearchRequest } from './search.js';
import { SearchPage } from './search-page.js';
import { presentPublicResults } from './search-presenter.js';
import { PublicSearchResponse, SearchQuerystring } from './search-schemas.js';

// Results change with every publish and are unique per query, so they bypass the page cache and
// CDNs revalidate them; a cached list could show an unpublished article.
const CACHE_CONTROL = 'no-cache';

/** The query string of a search, for links to its other pages. */
function searchQueryString(request: SearchRequest, page: number): string {
  const params = new URLSearchParams();
  if (request.query) params.set('q', request.query);
  for (const [name, value] of Object.entries(request.filters)) if (value) params.set(name, value);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Registers `/search/`, `/search.json`, and `/search` (redirected with its query). */
export async function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { search } = ctx.services;
  const schema = { querystring: SearchQuerystring };

  async function runSearch(request: FastifyRequest) {
    const parsed = parseSearchRequest(request.query as Record<string, unknown>);
    const results = await search.searchPublic(parsed.query, parsed.filters, parsed.page);
    return { parsed, results };
  }

  app.get('/search/', { schema, config: { permission: 'public' } }, async (request, reply) => {
    const [{ parsed, results }, settings, nav, options] = await Promise.all([
      runSearch(request),
      ctx.settings(),
      loadNavigation(ctx),
      search.filterOptions(),
    ]);
    const page = h(
      Layout,
      {
        settings,
        nav,
        searchQuery: parsed.query,
        meta: {
          title: parsed.query.trim() ? `Search: ${parsed.query.trim().slice(0, 80)}` : 'Search',
          // Result lists are endless and change constantly: not for search engines.
          noindex: true,
          bodyClass: 'search',
        },
      },
      SearchPage({
        results,
        options,
        timeZone: settings.timezone,
        hrefOf: (hit) => articlePath(hit, settings),
        pageHref: (n) => `/search/${searchQueryString(parsed, n)}`,
      }),
    );
    return reply
      .header('cache-control', CACHE_CONTROL)
      .type('text/html; charset=utf-8')
      .send(renderDocument(page));
  });

  app.get(
    '/search.json',
    { schema: { ...schema, response: { 200: PublicSearchResponse } }, config: { permission: 'public' } },
    async (request, reply) => {
      const [{ results }, settings] = await Promise.all([runSearch(request), ctx.settings()]);
      const base = ctx.baseUrl(settings);
      reply.header('cache-control', CACHE_CONTROL);
      return presentPublicResults(results, (hit) => absoluteUrl(base, articlePath(hit, settings)));
    },
  );

  // The site's generic "add a slash" redirect drops the query string; this one keeps it.
  app.get('/search', { config: { permission: 'public' } }, async (request, reply: FastifyReply) => {
    const at = request.url.indexOf('?');
    return reply.redirect(`/search/${at === -1 ? '' : request.url.slice(at)}`, 301);
  });
}
