/** The newsroom article list: views by status, filters, search, sorting and pages. */
import type { Category } from '../articles/article.js';
import type { NewsroomViewer } from '../http/newsroom-plugin.js';
import type { Author } from '../users/user.js';
import { canEditArticle } from '../users/user.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { Pager } from './newsroom-layout.js';
import type { ListSort, ListView, NewsroomArticleRow } from './newsroom-store.js';

/** The list's query, as the URL carries it. */
export interface ListQuery {
  view: ListView;
  author?: string;
  category?: string;
  q?: string;
  sort: ListSort;
  page: number;
}

const VIEW_LABELS: Record<ListView, string> = {
  all: 'All',
  draft: 'Drafts',
  review: 'Awaiting review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Archived',
  trash: 'Trash',
};

function statusText(row: NewsroomArticleRow): string {
  if (row.deletedAt) return 'Trash';
  if (row.status === 'draft' && row.submittedForReview) return 'Awaiting review';
  return row.status[0]!.toUpperCase() + row.status.slice(1);
}

/** The list page body. */
export function ArticleListPage(props: {
  viewer: NewsroomViewer;
  rows: NewsroomArticleRow[];
  total: number;
  pages: number;
  query: ListQuery;
  counts: Record<ListView, number>;
  authors: Author[];
  categories: Category[];
  timeZone: string;
}): SafeHtml {
  const { query } = props;
  const keep = (view: ListView) => {
    const params = new URLSearchParams({ view });
    if (query.q) params.set('q', query.q);
    return `/newsroom/articles?${params.toString()}`;
  };
  return (
    <>
      <header class="list-header">
        <h1>Articles</h1>
        <p>
          <a class="button primary" href="/newsroom/articles/new">
            New article
          </a>
        </p>
      </header>
      <nav aria-label="Article views" class="views">
        <ul>
          {(Object.keys(VIEW_LABELS) as ListView[]).map((view) => (
            <li>
              <a href={keep(view)} aria-current={view === query.view ? 'page' : undefined}>
                {VIEW_LABELS[view]} <span class="count">({props.counts[view]})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/newsroom/articles" class="filters" role="search">
        <input type="hidden" name="view" value={query.view} />
        <p class="field">
          <label for="filter-q">Search headlines and text</label>
          <input id="filter-q" type="search" name="q" value={query.q ?? ''} />
        </p>
        <p class="field">
          <label for="filter-author">Byline</label>
          <select id="filter-author" name="author">
            <option value="">Anyone</option>
            {props.authors.map((a) => (
              <option value={String(a.id)} selected={query.author === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="filter-category">Category</label>
          <select id="filter-category" name="category">
            <option value="">Any</option>
            {props.categories.map((c) => (
              <option value={String(c.id)} selected={query.category === String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="filter-sort">Sort by</label>
          <select id="filter-sort" name="sort">
            <option value="updated" selected={query.sort === 'updated'}>
              Last changed
            </option>
            <option value="published" selected={query.sort === 'published'}>
              Publication date
            </option>
            <option value="headline" selected={query.sort === 'headline'}>
              Headline
            </option>
          </select>
        </p>
        <p>
          <button type="submit">Filter</button>
        </p>
      </form>
      <p class="result-count">
        {props.total} {props.total === 1 ? 'article' : 'articles'}
      </p>
      {props.rows.length ? (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Bylines</th>
              <th scope="col">Category</th>
              <th scope="col">Status</th>
              <th scope="col">{query.sort === 'published' ? 'Published' : 'Last changed'}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => {
              const editable = canEditArticle(props.viewer.user, {
                ownerId: row.ownerId,
                status: row.status,
              });
              const when = query.sort === 'published' ? row.publishedAt : row.updatedAt;
              return (
                <tr>
                  <td>
                    <a href={`/newsroom/articles/${row.id}/edit`}>{row.headline}</a>
                    {row.kind === 'page' ? <span class="badge">Page</span> : null}
                    {!editable ? <span class="badge">read only</span> : null}
                    {row.language !== 'en' ? <span class="badge">{row.language}</span> : null}
                  </td>
                  <td>{row.authors.map((a) => a.name).join(', ') || row.ownerName || '—'}</td>
                  <td>{row.categoryName ?? '—'}</td>
                  <td>{statusText(row)}</td>
                  <td>{when ? formatDateTime(when, props.timeZone) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p>No articles match.</p>
      )}
      <Pager
        page={query.page}
        pages={props.pages}
        query={{
          view: query.view,
          author: query.author,
          category: query.category,
          q: query.q,
          sort: query.sort,
        }}
      />
    </>
  );
}
