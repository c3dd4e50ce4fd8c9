/** GET /preview/:id — an unpublished article as readers will see it, for whoever holds a signed link. */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../errors.js';
import { ArticlePage } from '../site/article-page.js';
import { loadNavigation } from '../site/navigation.js';
import { h, renderDocument } from '../views/jsx.js';
import { Layout } from '../views/layout.js';
import type { NewsroomDeps } from './newsroom-context.js';
import { isValidPreview } from './preview-link.js';

const PreviewParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const PreviewQuery = Type.Object({
  expires: Type.Integer({ default: 0 }),
  sig: Type.String({ maxLength: 100, default: '' }),
});

/** Registers the preview route (outside /newsroom/, so a colleague without an account can open it). */
export function registerPreviewRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx } = deps;
  app.get<{ Params: Static<typeof PreviewParams>; Querystring: Static<typeof PreviewQuery> }>(
    '/preview/:id',
    { config: { permission: 'public' }, schema: { params: PreviewParams, querystring: PreviewQuery } },
    async (request, reply) => {
      const { id } = request.params;
      if (!isValidPreview(ctx.secret, id, request.query.expires, request.query.sig))
        throw new NotFound('This preview link has expired or is not valid.');
      const article = await ctx.stores.articles.findById(id);
      if (!article || article.deletedAt) throw new NotFound();
      const settings = await ctx.settings();
      const nav = await loadNavigation(ctx);
      const html = renderDocument(
        <Layout
          settings={settings}
          nav={nav}
          meta={{ title: `Preview: ${article.headline}`, noindex: true, language: article.language }}
        >
          <p class="preview-banner" role="status">
            Preview — {article.status === 'published' ? 'published' : `not published (${article.status})`}. Do
            not share this link publicly.
          </p>
          <ArticlePage
            article={article}
            bodyHtml={article.bodyHtml}
            timeZone={settings.timezone}
            translations={[]}
            related={[]}
            hrefOf={(a) => `/${a.slug}/`}
            comments={h('div', null)}
          />
        </Layout>,
      );
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
}
