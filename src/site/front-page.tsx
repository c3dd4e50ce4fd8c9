/** The front page: lead story with the next headlines beside it, more latest news, and a section per top-level category. */
import type { ArticleSummary } from '../articles/article.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { ArticleCard } from './article-card.js';
import type { FrontSection } from './reader-content.js';

export type { FrontSection };

// Headlines beside the lead story; the rest of the latest page goes in the grid below.
const BESIDE_LEAD = 3;

/** The front page body. */
export function FrontPage(props: {
  latest: ArticleSummary[];
  sections: FrontSection[];
  timeZone: string;
  siteTitle: string;
  hrefOf: (article: ArticleSummary) => string;
  morePath: string | null;
}): SafeHtml {
  const { timeZone, hrefOf } = props;
  const [lead, ...rest] = props.latest;
  const beside = rest.slice(0, BESIDE_LEAD);
  const more = rest.slice(BESIDE_LEAD);
  return (
    <>
      <h1 class="visually-hidden">{props.siteTitle}</h1>
      {lead ? (
        <section class="front-top" aria-labelledby="top-stories-heading">
          <h2 id="top-stories-heading" class="visually-hidden">
            Top stories
          </h2>
          <ArticleCard article={lead} timeZone={timeZone} href={hrefOf(lead)} lead showImage />
          <div class="front-beside">
            {beside.map((a) => (
              <ArticleCard article={a} timeZone={timeZone} href={hrefOf(a)} headingLevel={3} compact />
            ))}
          </div>
        </section>
      ) : (
        <p>Nothing has been published yet.</p>
      )}
      {!more.length && props.morePath ? (
        <p class="more-link">
          <a href={props.morePath} rel="next">
            More news →
          </a>
        </p>
      ) : null}
      {more.length ? (
        <section class="front-section" aria-labelledby="latest-heading">
          <h2 id="latest-heading" class="section-heading">
            Latest
          </h2>
          <div class="section-cards">
            {more.map((a) => (
              <ArticleCard article={a} timeZone={timeZone} href={hrefOf(a)} headingLevel={3} />
            ))}
          </div>
          {props.morePath ? (
            <p class="more-link">
              <a href={props.morePath} rel="next">
                More news →
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
      {props.sections.map((s) => (
        <section class="front-section" aria-labelledby={`section-${s.category.slug}`}>
          <h2 id={`section-${s.category.slug}`} class="section-heading">
            <a href={`/category/${s.category.slug}/`}>{s.category.name}</a>
          </h2>
          <div class="section-cards">
            {s.articles.map((a) => (
              <ArticleCard
                article={a}
                timeZone={timeZone}
                href={hrefOf(a)}
                headingLevel={3}
                showKicker={false}
              />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
