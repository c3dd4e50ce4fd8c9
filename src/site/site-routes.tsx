/**
 * Public reader routes: front page, articles and pages, category/tag/author
 * archives with `/page/{n}/`, assets, sitemaps, and redirects for old paths.
 * Every page goes through the page cache; anything unpublished answers 404.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { type Article, type ArticleSummary, type Category, modifiedAt } from '../articles/article.js';
import { COMMENTS_QUERY, commentsSectionFor } from '../comments/comments-section.js';
import { NotFound } from '../errors.js';
import { sendError } from '../http/errors.js';
import type { RenderedPage, RenderedRedirect } from '../http/page-cache.js';
import { seeAlsoFor } from '../related/see-also.js';
import { isoInZone } from '../views/format.js';
import { Fragment, h, renderDocument, type SafeHtml } from '../views/jsx.js';
import { Layout } from '../views/layout.js';
import { ArchivePage } from './archive-page.js';
import { ArticlePage } from './article-page.js';
import { renderErrorPage } from './error-page.js';
import { FrontPage } from './front-page.js';
import { listCategories, loadNavigation } from './navigation.js';
import { FeedLinks, HreflangLinks, PagerLinks, SocialMeta, StructuredData } from './page-head.js';
import { parsePageNumber } from './pagination.js';
import { type ArchiveKind, absoluteUrl, archivePath, articlePath, feedPath, pagePath } from './permalinks.js';
import {
  type ArchiveSubject,
  findArchiveSubject,
  latestSubject,
  loadArchivePage,
  loadFrontPage,
  sectionOf,
} from './reader-content.js';
import type { SiteSettings } from './settings.js';
import { logoPath, siteIconSvg } from './site-icon.js';
import { registerSitemapRoutes } from './sitemap-routes.js';
import { articleJsonLd, breadcrumbJsonLd, type Crumb } from './structured-data.js';

const SITE_CSS = readFileSync(new URL('../../public/site.css', import.meta.url), 'utf8');
const HTML = 'text/html; charset=utf-8';
// The stylesheet and icon change only with a new release; an hour keeps a deploy visible soon enough.
const ASSET_CACHE_CONTROL = 'public, max-age=3600, s-maxage=3600';
const ARCHIVE_KINDS: ArchiveKind[] = ['category', 'tag', 'author'];

/** The masthead section an article belongs to, for marking it in the navigation. */
function sectionPath(categoryId: number | undefined, categories: Category[]): string | undefined {
  const section = categoryId === undefined ? undefined : sectionOf(categoryId, categories);
  return section ? archivePath('category', section.slug) : undefined;
}

/** The path of a request without its query string. */
function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

/** Registers the reader routes. */
export async function registerSiteRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { stores, pageCache } = ctx;

  async function redirectFor(request: FastifyRequest): Promise<RenderedRedirect | null> {
    const redirect = await stores.redirects.find(pathOf(request));
    return redirect ? { redirect: redirect.toPath, status: redirect.statusCode === 302 ? 302 : 301 } : null;
  }

  function page(body: SafeHtml): RenderedPage {
    return { contentType: HTML, body: renderDocument(body) };
  }

  app.get('/assets/site.css', { config: { permission: 'public' } }, async (request, reply) =>
    pageCache.serve(request, reply, async () => ({
      contentType: 'text/css; charset=utf-8',
      body: SITE_CSS,
      cacheControl: ASSET_CACHE_CONTROL,
    })),
  );

  app.get('/assets/icon.svg', { config: { permission: 'public' } }, async (request, reply) =>
    pageCache.serve(request, reply, async () => ({
      contentType: 'image/svg+xml; charset=utf-8',
      body: siteIconSvg((await ctx.settings()).title),
      cacheControl: ASSET_CACHE_CONTROL,
    })),
  );

  app.get('/favicon.ico', { config: { permission: 'public' } }, async (_request, reply) =>
    reply.header('cache-control', ASSET_CACHE_CONTROL).redirect('/assets/icon.svg', 301),
  );

  app.get('/', { config: { permission: 'public' } }, async (request, reply) =>
    pageCache.serve(request, reply, async () => {
      const settings = await ctx.settings();
      const now = new Date().toISOString();
      const [nav, front] = await Promise.all([
        loadNavigation(ctx),
        loadFrontPage(ctx, now, settings.postsPerPage),
      ]);
      const base = ctx.baseUrl(settings);
      const morePath = front.total > settings.postsPerPage ? pagePath('/', 2) : null;
      const hrefOf = (a: ArticleSummary) => articlePath(a, settings);
      const head = (
        <>
          <PagerLinks prev={null} next={morePath} />
          <SocialMeta
            card={{
              type: 'website',
              title: settings.title,
              description: settings.tagline,
              url: `${base}/`,
              siteName: settings.title,
              locale: settings.language,
              imageUrl: absoluteUrl(base, logoPath(settings)),
            }}
          />
          <StructuredData
            items={[
              {
                '@context': 'https://schema.org',
                '@type': 'NewsMediaOrganization',
                name: settings.title,
                url: `${base}/`,
                logo: absoluteUrl(base, logoPath(settings)),
              },
            ]}
          />
        </>
      );
      return page(
        <Layout
          settings={settings}
          nav={nav}
          meta={{
            title: `${settings.title} – ${settings.tagline}`,
            titleIsFull: true,
            description: settings.tagline,
            canonicalUrl: `${base}/`,
            head,
          }}
        >
          <FrontPage
            latest={front.latest}
            sections={front.sections}
            timeZone={settings.timezone}
            siteTitle={settings.title}
            hrefOf={hrefOf}
            morePath={morePath}
          />
        </Layout>,
      );
    }),
  );

  async function renderArchive(
    request: FastifyRequest,
    subjectOf: (now: string) => Promise<ArchiveSubject | null>,
    pageParam: string | undefined,
  ): Promise<RenderedPage | RenderedRedirect> {
    const redirect = await redirectFor(request);
    if (redirect) return redirect;
    const pageNumber = parsePageNumber(pageParam);
    if (pageNumber === null) throw new NotFound();
    const settings = await ctx.settings();
    const now = new Date().toISOString();
    const subject = await subjectOf(now);
    if (!subject) throw new NotFound();
    // `/page/1/` is the archive's first page under another name.
    if (pageParam === '1') return { redirect: subject.base, status: 301 };
    const [nav, loaded] = await Promise.all([
      loadNavigation(ctx),
      loadArchivePage(ctx, subject, pageNumber, settings.postsPerPage, now),
    ]);
    if (!loaded) throw new NotFound();
    const base = ctx.baseUrl(settings);
    const { window } = loaded;
    const path = pagePath(subject.base, window.page);
    const title = window.page > 1 ? `${subject.name} – Page ${window.page}` : subject.name;
    const description =
      subject.description ||
      (subject.kind === 'latest' ? settings.tagline : `${subject.name}: the latest from ${settings.title}.`);
    const crumbs: Crumb[] = [{ name: settings.title, path: '/' }, ...subject.breadcrumbs];
    const head = (
      <>
        {subject.kind === 'latest' ? null : (
          <FeedLinks
            title={`${settings.title} » ${subject.name}`}
            rss={feedPath(subject.base, 'rss')}
            atom={feedPath(subject.base, 'atom')}
          />
        )}
        <PagerLinks prev={window.prevPath} next={window.nextPath} />
        <SocialMeta
          card={{
            type: 'website',
            title: `${title} – ${settings.title}`,
            description,
            url: absoluteUrl(base, path),
            siteName: settings.title,
            locale: settings.language,
          }}
        />
        {crumbs.length > 1 ? <StructuredData items={[breadcrumbJsonLd(base, crumbs)]} /> : null}
      </>
    );
    return page(
      <Layout
        settings={settings}
        nav={nav}
        currentPath={subject.kind === 'category' ? subject.breadcrumbs[0]?.path : undefined}
        meta={{ title, description, canonicalUrl: absoluteUrl(base, path), head, bodyClass: 'archive' }}
      >
        <ArchivePage
          label={subject.label}
          heading={subject.name}
          description={subject.description}
          articles={loaded.articles}
          window={window}
          timeZone={settings.timezone}
          hrefOf={(a) => articlePath(a, settings)}
          feedHref={feedPath(subject.base, 'rss')}
          subsections={subject.subsections}
        />
      </Layout>,
    );
  }

  app.get<{ Params: { n: string } }>(
    '/page/:n/',
    { config: { permission: 'public' } },
    async (request, reply) =>
      pageCache.serve(request, reply, () =>
        renderArchive(request, () => latestSubject(ctx), request.params.n),
      ),
  );

  for (const kind of ARCHIVE_KINDS) {
    const handler = async (
      request: FastifyRequest<{ Params: { slug: string; n?: string } }>,
      reply: FastifyReply,
    ) =>
      pageCache.serve(request, reply, () =>
        renderArchive(
          request,
          (now) => findArchiveSubject(ctx, kind, request.params.slug, now),
          request.params.n,
        ),
      );
    app.get(`/${kind}/:slug/`, { config: { permission: 'public' } }, handler);
    app.get(`/${kind}/:slug/page/:n/`, { config: { permission: 'public' } }, handler);
  }

  async function renderArticle(
    request: FastifyRequest,
    slug: string,
  ): Promise<RenderedPage | RenderedRedirect> {
    const redirect = await redirectFor(request);
    if (redirect) return redirect;
    const settings = await ctx.settings();
    const now = new Date().toISOString();
    const article = await stores.articles.findPublicBySlug(slug, now);
    if (!article) throw new NotFound();
    const path = articlePath(article, settings);
    // One address per article: the other permalink shape (or a wrong date) points at the real one.
    if (path !== pathOf(request)) return { redirect: path, status: 301 };
    const mediaId = article.featuredImage?.mediaId;
    const [nav, categories, translations, seeAlso, comments, featuredMedia] = await Promise.all([
      loadNavigation(ctx),
      listCategories(ctx),
      article.translationGroup
        ? stores.articles.listPublicTranslations(article.translationGroup, article.id, now)
        : Promise.resolve([]),
      seeAlsoFor(ctx, article),
      commentsSectionFor(ctx, article, request),
      mediaId ? stores.media.findById(mediaId) : null,
    ]);
    const base = ctx.baseUrl(settings);
    const canonicalUrl = absoluteUrl(base, path);
    const hrefOf = (a: ArticleSummary) => articlePath(a, settings);
    const description = article.metaDescription || article.dek || article.excerpt;
    const head = (
      <ArticleHead
        article={article}
        settings={settings}
        baseUrl={base}
        canonicalUrl={canonicalUrl}
        description={description}
        translations={translations.map((t) => ({
          language: t.language,
          url: absoluteUrl(base, articlePath(t, settings)),
        }))}
      />
    );
    const rendered = page(
      <Layout
        settings={settings}
        nav={nav}
        currentPath={sectionPath(article.category?.id, categories)}
        meta={{
          title: article.headline,
          description,
          canonicalUrl,
          language: article.language,
          head,
          bodyClass: article.kind === 'page' ? 'static-page' : 'article-page',
        }}
      >
        <ArticlePage
          article={article}
          bodyHtml={seeAlso.bodyHtml}
          timeZone={settings.timezone}
          translations={translations.map((t) => ({
            href: articlePath(t, settings),
            headline: t.headline,
            language: t.language,
          }))}
          related={seeAlso.related}
          hrefOf={hrefOf}
          comments={comments}
          featuredMedia={featuredMedia}
        />
      </Layout>,
    );
    // Kept when comments change on other articles; the related cards show their comment counts.
    return { ...rendered, tags: [article, ...seeAlso.related].map((a) => `article:${a.id}`) };
  }

  app.get<{ Params: { slug: string } }>(
    '/:slug/',
    { config: { permission: 'public' } },
    async (request, reply) =>
      pageCache.serve(request, reply, () => renderArticle(request, request.params.slug), {
        varyBy: COMMENTS_QUERY,
      }),
  );

  app.get<{ Params: { yyyy: string; mm: string; slug: string } }>(
    '/:yyyy/:mm/:slug/',
    { config: { permission: 'public' } },
    async (request, reply) =>
      pageCache.serve(
        request,
        reply,
        async () => {
          const { yyyy, mm, slug } = request.params;
          if (!/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm)) {
            const redirect = await redirectFor(request);
            if (redirect) return redirect;
            throw new NotFound();
          }
          return renderArticle(request, slug);
        },
        { varyBy: COMMENTS_QUERY },
      ),
  );

  await registerSitemapRoutes(app, ctx);

  app.setNotFoundHandler(async (request, reply) => {
    const path = pathOf(request);
    if (request.method === 'GET' || request.method === 'HEAD') {
      const redirect = await stores.redirects.find(path);
      if (redirect) return reply.redirect(redirect.toPath, redirect.statusCode === 302 ? 302 : 301);
      // WordPress-style paths without the trailing slash: /some-story → /some-story/.
      if (/^(\/[a-z0-9-]+)+$/.test(path)) return reply.redirect(`${path}/`, 301);
    }
    return sendError(request, reply, new NotFound(), (req, status, message) =>
      renderErrorPage(ctx, req, status, message),
    );
  });
}

/** Social cards, hreflang alternates and JSON-LD of an article or page. */
function ArticleHead(props: {
  article: Article;
  settings: SiteSettings;
  baseUrl: string;
  canonicalUrl: string;
  description: string;
  translations: { language: string; url: string }[];
}) {
  const { article, settings, baseUrl, canonicalUrl, description } = props;
  const tz = settings.timezone;
  const imageUrl = article.featuredImage ? absoluteUrl(baseUrl, article.featuredImage.url) : null;
  const crumbs: Crumb[] = [{ name: settings.title, path: '/' }];
  if (article.category)
    crumbs.push({ name: article.category.name, path: `/category/${article.category.slug}/` });
  crumbs.push({ name: article.headline, path: new URL(canonicalUrl).pathname });
  return (
    <>
      <SocialMeta
        card={{
          type: article.kind === 'article' ? 'article' : 'website',
          title: article.headline,
          description,
          url: canonicalUrl,
          siteName: settings.title,
          locale: article.language,
          imageUrl,
          imageAlt: article.featuredImage?.alt,
          article:
            article.kind === 'article'
              ? {
                  publishedTime: isoInZone(article.publishedAt ?? article.createdAt, tz),
                  modifiedTime: isoInZone(modifiedAt(article), tz),
                  section: article.category?.name ?? null,
                  tags: article.tags.filter((t) => !t.isInternal).map((t) => t.name),
                  authorUrls: article.authors.map((a) => absoluteUrl(baseUrl, `/author/${a.slug}/`)),
                }
              : undefined,
        }}
      />
      <HreflangLinks versions={[{ language: article.language, url: canonicalUrl }, ...props.translations]} />
      <StructuredData
        items={[
          articleJsonLd(
            article,
            canonicalUrl,
            { name: settings.title, baseUrl, logoUrl: logoPath(settings), timeZone: tz },
            description,
          ),
          breadcrumbJsonLd(baseUrl, crumbs),
        ]}
      />
    </>
  );
}
