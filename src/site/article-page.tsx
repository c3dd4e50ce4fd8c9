/** The article page: headline, dek, byline, dates, image, body with "See also", tags, corrections, translations, comments. */
import { type Article, type ArticleSummary, modifiedAt } from '../articles/article.js';
import type { MediaItem } from '../media/media.js';
import { ARTICLE_IMAGE_SIZES, ResponsiveImage } from '../media/responsive-image.js';
import { formatDate, formatDateTime, isoInZone } from '../views/format.js';
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';
import { BylineLinks } from './article-card.js';

/** Another-language version of the article. */
export interface TranslationLink {
  href: string;
  headline: string;
  language: string;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** The article itself (inside the layout). `bodyHtml` already carries the placed "See also". */
export function ArticlePage(props: {
  article: Article;
  bodyHtml: string;
  timeZone: string;
  translations: TranslationLink[];
  related: ArticleSummary[];
  hrefOf: (article: ArticleSummary) => string;
  comments: SafeHtml;
  /** The stored item behind the featured image, for its responsive renditions. */
  featuredMedia?: MediaItem | null;
}): SafeHtml {
  const { article, timeZone } = props;
  const published = article.publishedAt ?? article.createdAt;
  const modified = modifiedAt(article);
  const showUpdated = article.kind === 'article' && modified.slice(0, 16) > published.slice(0, 16);
  const publicTags = article.tags.filter((t) => !t.isInternal);
  return (
    <article class="article" lang={article.language}>
      <header class="article-header">
        {article.category ? (
          <p class="kicker">
            <a href={`/category/${article.category.slug}/`}>{article.category.name}</a>
          </p>
        ) : null}
        <h1>{article.headline}</h1>
        {article.dek ? <p class="dek">{article.dek}</p> : null}
        {article.kind === 'article' ? (
          <p class="article-meta">
            <BylineLinks authors={article.authors} />
            {article.authors.length ? <br /> : null}
            Published{' '}
            <time datetime={isoInZone(published, timeZone)}>{formatDateTime(published, timeZone)}</time>
            {showUpdated ? (
              <>
                {' · '}Updated{' '}
                <time datetime={isoInZone(modified, timeZone)}>{formatDateTime(modified, timeZone)}</time>
              </>
            ) : null}
          </p>
        ) : null}
        {props.translations.length ? (
          <p class="translations">
            Also available in:{' '}
            {props.translations.map((t, i) => [
              i ? ', ' : '',
              <a href={t.href} hreflang={t.language} lang={t.language} title={t.headline}>
                {LANGUAGE_NAMES.of(t.language) ?? t.language}
              </a>,
            ])}
          </p>
        ) : null}
      </header>
      {article.featuredImage ? (
        <figure class="featured-image">
          <ResponsiveImage
            src={article.featuredImage.url}
            alt={article.featuredImage.alt}
            media={props.featuredMedia ?? null}
            sizes={ARTICLE_IMAGE_SIZES}
          />
          {article.featuredImage.caption || article.featuredImage.credit ? (
            <figcaption>
              {article.featuredImage.caption}
              {article.featuredImage.credit ? (
                <span class="credit"> {article.featuredImage.credit}</span>
              ) : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      <div class="article-body">{raw(props.bodyHtml)}</div>
      {article.corrections.length ? (
        <aside class="corrections" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">{article.corrections.length === 1 ? 'Correction' : 'Corrections'}</h2>
          {article.corrections.map((c) => (
            <p class="correction">
              <strong>
                Correction,{' '}
                <time datetime={isoInZone(c.correctedAt, timeZone)}>
                  {formatDate(c.correctedAt, timeZone)}
                </time>
                :
              </strong>{' '}
              {c.text}
            </p>
          ))}
        </aside>
      ) : null}
      {publicTags.length ? (
        <footer class="article-tags">
          <h2 class="visually-hidden">Tags</h2>
          <ul>
            {publicTags.map((t) => (
              <li>
                <a href={`/tag/${t.slug}/`} rel="tag">
                  {t.name}
                </a>
              </li>
            ))}
          </ul>
        </footer>
      ) : null}
      {props.related.length ? (
        <aside class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">Related</h2>
          <ul>
            {props.related.map((r) => (
              <li>
                <a href={props.hrefOf(r)}>{r.headline}</a>
                {r.publishedAt ? (
                  <>
                    {' '}
                    <time datetime={isoInZone(r.publishedAt, timeZone)}>
                      {formatDate(r.publishedAt, timeZone)}
                    </time>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      {props.comments}
    </article>
  );
}
