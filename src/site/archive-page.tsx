/** An archive: the latest articles of the site, a category, a tag or an author, one page at a time. */
import type { ArticleSummary } from '../articles/article.js';
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';
import { ArticleCard } from './article-card.js';
import type { PageWindow } from './pagination.js';

/** Older/newer links and where the reader is. */
export function Pagination(props: { window: PageWindow }): SafeHtml {
  const { page, totalPages, prevPath, nextPath } = props.window;
  if (totalPages <= 1) return raw('');
  return (
    <nav class="pagination" aria-label="Pages">
      {prevPath ? (
        <a href={prevPath} rel="prev">
          ← Newer articles
        </a>
      ) : (
        <span></span>
      )}
      <span class="page-count">
        Page {page} of {totalPages}
      </span>
      {nextPath ? (
        <a href={nextPath} rel="next">
          Older articles →
        </a>
      ) : (
        <span></span>
      )}
    </nav>
  );
}

/** The body of an archive page. */
export function ArchivePage(props: {
  /** "Section", "Topic", "Author" or "" above the heading. */
  label: string;
  heading: string;
  description: string;
  articles: ArticleSummary[];
  window: PageWindow;
  timeZone: string;
  hrefOf: (article: ArticleSummary) => string;
  feedHref: string;
  subsections?: { name: string; href: string }[];
}): SafeHtml {
  const { window } = props;
  return (
    <>
      <header class="archive-header">
        {props.label ? <p class="kicker">{props.label}</p> : null}
        <h1>
          {props.heading}
          {window.page > 1 ? <span class="page-of"> – page {window.page}</span> : null}
        </h1>
        {props.description && window.page === 1 ? (
          <p class="archive-description">{props.description}</p>
        ) : null}
        {props.subsections?.length ? (
          <ul class="subsections" aria-label="Subsections">
            {props.subsections.map((s) => (
              <li>
                <a href={s.href}>{s.name}</a>
              </li>
            ))}
          </ul>
        ) : null}
        <p class="archive-feed">
          <a href={props.feedHref}>Follow with RSS</a>
        </p>
      </header>
      {props.articles.length ? (
        <div class="archive-list">
          {props.articles.map((a) => (
            <ArticleCard article={a} timeZone={props.timeZone} href={props.hrefOf(a)} showImage />
          ))}
        </div>
      ) : (
        <p>Nothing has been published here yet.</p>
      )}
      <Pagination window={window} />
    </>
  );
}
