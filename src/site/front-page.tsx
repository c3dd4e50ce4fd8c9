/** The front page: lead story, latest articles, and a section per top-level category. */
import type { ArticleSummary, Category } from '../articles/article.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { ArticleCard } from './article-card.js';

/** A category with its latest articles. */
export interface FrontSection {
  category: Category;
  articles: ArticleSummary[];
}

/** The front page body. */
export function FrontPage(props: {
  latest: ArticleSummary[];
  sections: FrontSection[];
  timeZone: string;
  siteTitle: string;
}): SafeHtml {
  const [lead, ...rest] = props.latest;
  return (
    <>
      <h1 class="visually-hidden">{props.siteTitle}</h1>
      {lead ? (
        <section class="front-top" aria-label="Top stories">
          <ArticleCard article={lead} timeZone={props.timeZone} lead />
          <div class="front-latest">
            {rest.map((a) => (
              <ArticleCard article={a} timeZone={props.timeZone} />
            ))}
          </div>
        </section>
      ) : (
        <p>Nothing has been published yet.</p>
      )}
      {props.sections.map((s) => (
        <section class="front-section" aria-labelledby={`section-${s.category.slug}`}>
          <h2 id={`section-${s.category.slug}`} class="section-heading">
            <a href={`/category/${s.category.slug}/`}>{s.category.name}</a>
          </h2>
          <div class="section-cards">
            {s.articles.map((a) => (
              <ArticleCard article={a} timeZone={props.timeZone} headingLevel={3} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
