/** The newsroom's read-only view of an article's related articles: why the engine chose each one. */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Forbidden, NotFound } from '../errors.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { canEditArticle } from '../users/user.js';
import { Fragment, h } from '../views/jsx.js';
import { type NewsroomDeps, sendPage } from './newsroom-context.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Registers `/newsroom/articles/:id/related`. */
export function registerRelatedRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx } = deps;
  app.get<{ Params: Static<typeof IdParams> }>(
    '/articles/:id/related',
    { config: { permission: 'write' }, schema: { params: IdParams } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const article = await ctx.stores.articles.findById(request.params.id);
      if (!article) throw new NotFound('That article does not exist.');
      if (!canEditArticle(viewer.user, article))
        throw new Forbidden('You can only see this for your own articles.');
      const [kept, excluded] = await Promise.all([
        ctx.stores.related.keptList(article.id),
        ctx.stores.related.exclusions(article.id),
      ]);
      return sendPage(
        deps,
        request,
        reply,
        { title: `Related: ${article.headline}`, current: '/newsroom/articles' },
        <>
          <h1>Related articles</h1>
          <p>
            For <a href={`/newsroom/articles/${article.id}`}>{article.headline}</a>, best first, as the engine
            last saved them. Pin and exclusions are set in the editor and applied when the page is shown.
          </p>
          {kept.length === 0 ? (
            <p>
              No related articles are stored (the article is not published, or nothing shares enough with it).
            </p>
          ) : (
            <table class="related-explain">
              <thead>
                <tr>
                  <th scope="col">Article</th>
                  <th scope="col">Score</th>
                  <th scope="col">Top shared terms</th>
                  <th scope="col">Shared tags</th>
                  <th scope="col">Same category</th>
                </tr>
              </thead>
              <tbody>
                {kept.map((entry) => (
                  <tr>
                    <td>
                      <a href={`/newsroom/articles/${entry.articleId}`}>{entry.headline}</a>
                      {entry.status !== 'published' ? ` (${entry.status})` : ''}
                      {excluded.includes(entry.articleId) ? ' — excluded' : ''}
                      {article.seeAlsoPinId === entry.articleId ? ' — pinned' : ''}
                    </td>
                    <td>{entry.score.toFixed(3)}</td>
                    <td>{entry.reason?.sharedTerms.slice(0, 6).join(', ') ?? ''}</td>
                    <td>{entry.reason?.sharedTags.join(', ') ?? ''}</td>
                    <td>{entry.reason?.sameCategory ? 'yes' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>,
      );
    },
  );
}
