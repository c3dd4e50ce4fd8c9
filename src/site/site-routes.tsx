/** Public reader routes: front page, article and page by slug, assets, and redirects for old paths. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { NotFound } from '../errors.js';
import { sendError } from '../http/errors.js';
import { h, renderDocument } from '../views/jsx.js';
import { Layout } from '../views/layout.js';
import { ArticlePage } from './article-page.js';
import { renderErrorPage } from './error-page.js';
import { FrontPage } from './front-page.js';
import { loadNavigation } from './navigation.js';

const SITE_CSS = readFileSync(new URL('../../public/site.css', import.meta.url), 'utf8');
const FRONT_SECTION_SIZE = 3;

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(body);
}

/** Registers the reader routes. */
export async function registerSiteRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { stores } = ctx;

  app.get('/assets/site.css', { config: { permission: 'public' } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS),
  );

  app.get('/', { config: { permission: 'public' } }, async (_request, reply) => {
    const settings = await ctx.settings();
    const now = new Date().toISOString();
    const [nav, latest, categories] = await Promise.all([
      loadNavigation(ctx),
      stores.articles.listPublic(now, {}, 7),
      stores.taxonomy.listCategories(),
    ]);
    const shown = new Set(latest.map((a) => a.id));
    const sections = [];
    for (const category of categories.filter((c) => c.parentId === null)) {
      const ids = [category.id, ...categories.filter((c) => c.parentId === category.id).map((c) => c.id)];
      const articles = (
        await stores.articles.listPublic(now, { categoryIds: ids }, FRONT_SECTION_SIZE + shown.size)
      )
        .filter((a) => !shown.has(a.id))
        .slice(0, FRONT_SECTION_SIZE);
      if (articles.length) sections.push({ category, articles });
    }
    const base = ctx.baseUrl(settings);
    return html(
      reply,
      renderDocument(
        <Layout
          settings={settings}
          nav={nav}
          meta={{
            title: `${settings.title} – ${settings.tagline}`,
            titleIsFull: true,
            description: settings.tagline,
            canonicalUrl: `${base}/`,
          }}
        >
          <FrontPage
            latest={latest}
            sections={sections}
            timeZone={settings.timezone}
            siteTitle={settings.title}
          />
        </Layout>,
      ),
    );
  });

  app.get<{ Params: { slug: string } }>(
    '/:slug/',
    { config: { permission: 'public' } },
    async (request, reply) => {
      const settings = await ctx.settings();
      const now = new Date().toISOString();
      const article = await stores.articles.findPublicBySlug(request.params.slug, now);
      if (!article) return notFound(request, reply);
      const [nav, translations] = await Promise.all([
        loadNavigation(ctx),
        article.translationGroup
          ? stores.articles.listPublicTranslations(article.translationGroup, article.id, now)
          : Promise.resolve([]),
      ]);
      const base = ctx.baseUrl(settings);
      return html(
        reply,
        renderDocument(
          <Layout
            settings={settings}
            nav={nav}
            meta={{
              title: article.headline,
              description: article.metaDescription || article.dek || article.excerpt,
              canonicalUrl: `${base}/${article.slug}/`,
              language: article.language,
            }}
          >
            <ArticlePage
              article={article}
              bodyHtml={article.bodyHtml}
              timeZone={settings.timezone}
              translations={translations}
              related={[]}
              comments={h('section', { id: 'comments', class: 'comments' })}
            />
          </Layout>,
        ),
      );
    },
  );

  async function notFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    return sendError(request, reply, new NotFound(), (req, status, message) =>
      renderErrorPage(ctx, req, status, message),
    );
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const redirect = await stores.redirects.find(path);
    if (redirect) return reply.redirect(redirect.toPath, redirect.statusCode as 301);
    // WordPress-style paths without the trailing slash.
    if (!path.endsWith('/') && /^\/[a-z0-9-]+$/.test(path)) return reply.redirect(`${path}/`, 301);
    return notFound(request, reply);
  });
}
