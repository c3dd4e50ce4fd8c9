/** An article as lists show it: headline link, dek or excerpt, byline and date. */
import type { ArticleSummary } from '../articles/article.js';
import { formatDate, isoInZone } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';

/** Byline text with author links, e.g. "By Ana Ruiz and Tom Ford". */
export function BylineLinks(props: { authors: ArticleSummary['authors'] }): SafeHtml {
  const { authors } = props;
  if (authors.length === 0) return <span class="byline-empty"></span>;
  return (
    <span class="byline">
      By{' '}
      {authors.map((a, i) => [
        i === 0 ? '' : i === authors.length - 1 ? ' and ' : ', ',
        <a href={`/author/${a.slug}/`} rel="author">
          {a.name}
        </a>,
      ])}
    </span>
  );
}

/** One entry in a list of articles; `href` is its permalink (default `/{slug}/`). */
export function ArticleCard(props: {
  article: ArticleSummary;
  timeZone: string;
  href?: string;
  headingLevel?: 2 | 3;
  lead?: boolean;
  showImage?: boolean;
  showKicker?: boolean;
  /** Headline and byline only, for the column beside the lead story. */
  compact?: boolean;
}): SafeHtml {
  const { article, timeZone } = props;
  const href = props.href ?? `/${article.slug}/`;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const image = props.showImage ? article.featuredImage : null;
  return (
    <article
      class={props.lead ? 'card card-lead' : props.compact ? 'card card-compact' : 'card'}
      lang={article.language}
    >
      {image ? (
        <img class="card-image" src={image.url} alt={image.alt} loading="lazy" decoding="async" />
      ) : null}
      {article.category && props.showKicker !== false ? (
        <p class="kicker">
          <a href={`/category/${article.category.slug}/`}>{article.category.name}</a>
        </p>
      ) : null}
      {h(Heading, { class: 'card-headline' }, <a href={href}>{article.headline}</a>)}
      {props.compact ? null : <p class="card-dek">{article.dek || article.excerpt}</p>}
      {props.lead && article.dek && article.excerpt ? <p class="card-excerpt">{article.excerpt}</p> : null}
      <p class="card-meta">
        <BylineLinks authors={article.authors} />
        {article.publishedAt ? (
          <>
            {article.authors.length ? ' · ' : ''}
            <time datetime={isoInZone(article.publishedAt, timeZone)}>
              {formatDate(article.publishedAt, timeZone)}
            </time>
          </>
        ) : null}
        {article.commentCount > 0 ? (
          <>
            {' · '}
            <a href={`${href}#comments`}>
              {article.commentCount} {article.commentCount === 1 ? 'comment' : 'comments'}
            </a>
          </>
        ) : null}
      </p>
    </article>
  );
}
