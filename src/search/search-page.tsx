/** The body of the results page: the search form with its filters, the count, the results and pages. */
import { formatDate, isoInZone } from '../views/format.js';
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';
import type { SearchFilters, SearchHit, SearchResults } from './search.js';
import type { FilterOptions } from './search-store.js';

/** What the page needs besides the results. */
export interface SearchPageProps {
  results: SearchResults;
  options: FilterOptions;
  timeZone: string;
  /** The article's or page's address. */
  hrefOf: (hit: SearchHit) => string;
  /** The address of another page of the same search. */
  pageHref: (page: number) => string;
}

function Select(props: {
  id: string;
  name: keyof SearchFilters;
  label: string;
  allLabel: string;
  choices: { name: string; slug: string }[];
  selected: string | undefined;
}): SafeHtml {
  return (
    <p class="search-filter">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">{props.allLabel}</option>
        {props.choices.map((c) => (
          <option value={c.slug} selected={c.slug === props.selected}>
            {c.name}
          </option>
        ))}
      </select>
    </p>
  );
}

function SearchForm(props: { results: SearchResults; options: FilterOptions }): SafeHtml {
  const { filters } = props.results;
  const { options } = props;
  // A selected slug that is not in the (bounded) menu is still offered, so the form shows what applied.
  const withSelected = (choices: { name: string; slug: string }[], slug: string | undefined) =>
    slug && !choices.some((c) => c.slug === slug) ? [...choices, { name: slug, slug }] : choices;
  const sections = options.categories.map((c) => ({
    slug: c.slug,
    name: c.parentSlug ? `– ${c.name}` : c.name,
  }));
  return (
    <form class="search-filters" action="/search/" method="get" role="search" aria-label="Search the archive">
      <p class="search-field">
        <label for="search-q">Search for</label>
        <input id="search-q" type="search" name="q" value={props.results.query} />
        <button type="submit">Search</button>
      </p>
      <fieldset class="search-narrow">
        <legend>Narrow the results</legend>
        <Select
          id="search-category"
          name="category"
          label="Section"
          allLabel="All sections"
          choices={withSelected(sections, filters.category)}
          selected={filters.category}
        />
        <Select
          id="search-tag"
          name="tag"
          label="Topic"
          allLabel="All topics"
          choices={withSelected(options.tags, filters.tag)}
          selected={filters.tag}
        />
        <Select
          id="search-author"
          name="author"
          label="Author"
          allLabel="All authors"
          choices={withSelected(options.authors, filters.author)}
          selected={filters.author}
        />
        <p class="search-filter">
          <label for="search-from">From</label>
          <input id="search-from" type="date" name="from" value={filters.from ?? ''} />
        </p>
        <p class="search-filter">
          <label for="search-to">To</label>
          <input id="search-to" type="date" name="to" value={filters.to ?? ''} />
        </p>
      </fieldset>
      <p class="search-help">
        All words must appear. Use <kbd>"quotes"</kbd> for a phrase, <kbd>-word</kbd> to leave a word out and{' '}
        <kbd>OR</kbd> for either word.
      </p>
    </form>
  );
}

function Result(props: { hit: SearchHit; href: string; timeZone: string }): SafeHtml {
  const { hit } = props;
  const { authors } = hit;
  return (
    <li class="search-result">
      <article>
        <p class="kicker">
          {hit.kind === 'page' ? (
            'Page'
          ) : hit.category ? (
            <a href={`/category/${hit.category.slug}/`}>{hit.category.name}</a>
          ) : null}
        </p>
        <h2 class="card-headline">
          {/* Escaped by the highlighter, which adds only <mark>. */}
          <a href={props.href}>{raw(hit.headlineHtml)}</a>
        </h2>
        {hit.snippetHtml ? <p class="search-snippet">{raw(hit.snippetHtml)}</p> : null}
        <p class="card-meta">
          {authors.length ? (
            <>
              By{' '}
              {authors.map((a, i) => [
                i === 0 ? '' : i === authors.length - 1 ? ' and ' : ', ',
                <a href={`/author/${a.slug}/`}>{a.name}</a>,
              ])}
            </>
          ) : null}
          {hit.publishedAt && hit.kind === 'article' ? (
            <>
              {authors.length ? ' · ' : ''}
              <time datetime={isoInZone(hit.publishedAt, props.timeZone)}>
                {formatDate(hit.publishedAt, props.timeZone)}
              </time>
            </>
          ) : null}
        </p>
      </article>
    </li>
  );
}

function Count(props: { results: SearchResults }): SafeHtml {
  const { total, totalIsLowerBound, query, page, pageCount } = props.results;
  const typed = query.trim();
  const shown = typed.length > 80 ? `${typed.slice(0, 80)}…` : typed;
  if (total === 0) return <>No results for “{shown}”.</>;
  return (
    <>
      {totalIsLowerBound ? 'At least ' : ''}
      {total.toLocaleString('en-GB')} {total === 1 ? 'result' : 'results'} for “{shown}”
      {pageCount > 1 ? ` – page ${page} of ${pageCount}` : ''}
    </>
  );
}

/** The results page body. */
export function SearchPage(props: SearchPageProps): SafeHtml {
  const { results } = props;
  const { hits, page, pageCount } = results;
  return (
    <div class="search-page">
      <h1>Search</h1>
      <SearchForm results={results} options={props.options} />
      {results.searched ? (
        <p class="search-count" role="status">
          <Count results={results} />
        </p>
      ) : results.query.trim() ? (
        <p class="search-count" role="status">
          Type a word to search for: words after a minus sign are only left out.
        </p>
      ) : null}
      {results.searched && hits.length === 0 && results.total === 0 ? (
        <p class="search-tips">Check the spelling, try fewer or different words, or remove a filter.</p>
      ) : null}
      {hits.length ? (
        <ol class="search-results" start={(page - 1) * results.pageSize + 1}>
          {hits.map((hit) => (
            <Result hit={hit} href={props.hrefOf(hit)} timeZone={props.timeZone} />
          ))}
        </ol>
      ) : null}
      {pageCount > 1 ? (
        <nav class="pagination" aria-label="Result pages">
          {page > 1 ? (
            <a href={props.pageHref(page - 1)} rel="prev">
              ← Previous results
            </a>
          ) : (
            <span></span>
          )}
          <span class="page-count">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <a href={props.pageHref(page + 1)} rel="next">
              More results →
            </a>
          ) : (
            <span></span>
          )}
        </nav>
      ) : null}
    </div>
  );
}
