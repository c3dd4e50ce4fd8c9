/**
 * robots.txt and the sitemaps: an index, article sitemaps of at most 50,000
 * URLs each, sitemaps of pages, categories, tags and authors, and the Google
 * News sitemap. Only what readers may see is listed.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { NotFound } from '../errors.js';
import type { RenderedPage } from '../http/page-cache.js';
import { isoInZone } from '../views/format.js';
import { absoluteUrl, archivePath, articlePath } from './permalinks.js';
import { withDescendants } from './reader-content.js';
import type { SiteSettings } from './settings.js';
import {
  later,
  NEWS_SITEMAP_LIMIT,
  NEWS_WINDOW_HOURS,
  newsSitemapXml,
  robotsTxt,
  SITEMAP_URL_LIMIT,
  type SitemapUrl,
  sitemapCount,
  sitemapIndexXml,
  urlsetXml,
} from './sitemaps.js';

const XML = 'application/xml; charset=utf-8';
// Crawlers fetch sitemaps often; a CDN can absorb that, and the news sitemap is still fresh within minutes.
const SITEMAP_CACHE_CONTROL = 'public, max-age=300, s-maxage=300, stale-while-revalidate=600';

/** Registers robots.txt and the sitemap routes. */
export async function registerSitemapRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { stores, pageCache } = ctx;

  function xml(body: string): RenderedPage {
    return { contentType: XML, body, cacheControl: SITEMAP_CACHE_CONTROL };
  }

  app.get('/robots.txt', { config: { permission: 'public' } }, async (request, reply) =>
    pageCache.serve(request, reply, async () => ({
      contentType: 'text/plain; charset=utf-8',
      body: robotsTxt(ctx.baseUrl(await ctx.settings())),
    })),
  );

  app.get('/sitemap.xml', { config: { permission: 'public' } }, async (request, reply) =>
    pageCache.serve(request, reply, async () => {
      const settings = await ctx.settings();
      const base = ctx.baseUrl(settings);
      const now = new Date().toISOString();
      const articles = await stores.articles.countPublic(now, { kind: 'article' });
      const names = [
        'pages.xml',
        ...Array.from({ length: sitemapCount(articles) }, (_, i) => `articles-${i + 1}.xml`),
        'categories.xml',
        'tags.xml',
        'authors.xml',
        'news.xml',
      ];
      return xml(sitemapIndexXml(names.map((name) => ({ loc: `${base}/sitemaps/${name}` }))));
    }),
  );

  app.get<{ Params: { name: string } }>(
    '/sitemaps/:name',
    { config: { permission: 'public' } },
    async (request, reply) =>
      pageCache.serve(request, reply, async () => {
        const settings = await ctx.settings();
        return xml(await sitemapNamed(request.params.name, settings));
      }),
  );

  async function sitemapNamed(name: string, settings: SiteSettings): Promise<string> {
    const base = ctx.baseUrl(settings);
    const tz = settings.timezone;
    const now = new Date().toISOString();
    const w3c = (iso: string) => isoInZone(iso, tz);
    const chunk = /^articles-([1-9][0-9]{0,4})\.xml$/.exec(name);
    if (chunk) {
      const n = Number(chunk[1]);
      const total = await stores.articles.countPublic(now, { kind: 'article' });
      if (n > sitemapCount(total)) throw new NotFound();
      const rows = await stores.articles.listPublicForSitemap(
        now,
        'article',
        SITEMAP_URL_LIMIT,
        (n - 1) * SITEMAP_URL_LIMIT,
      );
      return urlsetXml(
        rows.map((r) => ({
          loc: absoluteUrl(base, articlePath(r, settings)),
          lastmod: w3c(later(r.updatedAt, r.publishedAt)),
        })),
      );
    }
    switch (name) {
      case 'pages.xml': {
        const [pages, latest] = await Promise.all([
          stores.articles.listPublicForSitemap(now, 'page', SITEMAP_URL_LIMIT - 1),
          stores.articles.listPublic(now, {}, 1),
        ]);
        const home: SitemapUrl = {
          loc: `${base}/`,
          lastmod: latest[0] ? w3c(later(latest[0].updatedAt, latest[0].publishedAt ?? '')) : null,
        };
        return urlsetXml([
          home,
          ...pages.map((p) => ({
            loc: absoluteUrl(base, articlePath(p, settings)),
            lastmod: w3c(later(p.updatedAt, p.publishedAt)),
          })),
        ]);
      }
      case 'categories.xml': {
        const [categories, last] = await Promise.all([
          stores.taxonomy.listCategories(),
          stores.articles.lastPublishedBy(now, 'category'),
        ]);
        const urls: SitemapUrl[] = [];
        for (const category of categories) {
          // A parent section is as fresh as its freshest subsection.
          const times = withDescendants(category.id, categories)
            .map((id) => last.get(id))
            .filter((t): t is string => t !== undefined);
          if (times.length === 0) continue;
          urls.push({
            loc: absoluteUrl(base, archivePath('category', category.slug)),
            lastmod: w3c(times.reduce(later)),
          });
        }
        return urlsetXml(urls.slice(0, SITEMAP_URL_LIMIT));
      }
      case 'tags.xml': {
        const [tags, last] = await Promise.all([
          stores.taxonomy.listTags(),
          stores.articles.lastPublishedBy(now, 'tag'),
        ]);
        return urlsetXml(
          tags
            .filter((t) => !t.isInternal && last.has(t.id))
            .slice(0, SITEMAP_URL_LIMIT)
            .map((t) => ({
              loc: absoluteUrl(base, archivePath('tag', t.slug)),
              lastmod: w3c(last.get(t.id)!),
            })),
        );
      }
      case 'authors.xml': {
        const [authors, last] = await Promise.all([
          stores.users.listAuthors(),
          stores.articles.lastPublishedBy(now, 'author'),
        ]);
        return urlsetXml(
          authors
            .filter((a) => last.has(a.id))
            .slice(0, SITEMAP_URL_LIMIT)
            .map((a) => ({
              loc: absoluteUrl(base, archivePath('author', a.slug)),
              lastmod: w3c(last.get(a.id)!),
            })),
        );
      }
      case 'news.xml': {
        const since = new Date(Date.now() - NEWS_WINDOW_HOURS * 3600_000).toISOString();
        const recent = await stores.articles.listPublic(
          now,
          { kind: 'article', publishedSince: since },
          NEWS_SITEMAP_LIMIT,
        );
        return newsSitemapXml(
          settings.title,
          recent.map((a) => ({
            loc: absoluteUrl(base, articlePath(a, settings)),
            title: a.headline,
            language: a.language,
            publicationDate: w3c(a.publishedAt!),
          })),
        );
      }
      default:
        throw new NotFound();
    }
  }
}
