/** Error pages in the site's look: 404 offers search and the latest articles. */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { h, renderDocument } from '../views/jsx.js';
import { Layout } from '../views/layout.js';
import { loadNavigation } from './navigation.js';
import { articlePath } from './permalinks.js';
import { latestSubject } from './reader-content.js';

async function latestArticles(ctx: AppContext) {
  const { filter } = await latestSubject(ctx);
  return ctx.stores.articles.listPublic(new Date().toISOString(), filter, 5);
}

/** Renders the page for an error status. */
export async function renderErrorPage(
  ctx: AppContext,
  _request: FastifyRequest,
  status: number,
  message: string,
): Promise<string> {
  const settings = await ctx.settings();
  const nav = await loadNavigation(ctx).catch(() => []);
  const latest = status === 404 ? await latestArticles(ctx).catch(() => []) : [];
  const heading =
    status === 404
      ? 'Page not found'
      : status === 403
        ? 'Not allowed'
        : status === 429
          ? 'Slow down'
          : status >= 500
            ? 'Something went wrong'
            : 'That did not work';
  const body =
    status === 404
      ? 'We could not find that page. It may have moved, or the address may be mistyped.'
      : message;
  return renderDocument(
    <Layout settings={settings} nav={nav} meta={{ title: heading, noindex: true }}>
      <section class="error-page">
        <h1>{heading}</h1>
        <p>{body}</p>
        {status === 404 ? (
          <form class="search-form-large" role="search" action="/search/" method="get">
            <label for="notfound-search">Search the archive</label>
            <input id="notfound-search" type="search" name="q" />
            <button type="submit">Search</button>
          </form>
        ) : null}
        {latest.length ? (
          <section aria-labelledby="latest-heading">
            <h2 id="latest-heading">Latest articles</h2>
            <ul>
              {latest.map((a) => (
                <li>
                  <a href={articlePath(a, settings)}>{a.headline}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>
    </Layout>,
  );
}
