/** The page frame every public page shares: head, masthead with navigation and search, footer. */
import type { SiteSettings } from '../site/settings.js';
import { Fragment, h, raw, type SafeHtml } from './jsx.js';

/** What a page tells the layout about itself. */
export interface PageMeta {
  /** The document title; the layout appends " – Site Name" unless `titleIsFull`. */
  title: string;
  titleIsFull?: boolean;
  description?: string;
  canonicalUrl?: string;
  /** Extra elements for <head>: Open Graph, JSON-LD, feed links, prev/next. */
  head?: SafeHtml;
  bodyClass?: string;
  language?: string;
  noindex?: boolean;
}

/** A navigation entry. */
export interface NavLink {
  label: string;
  href: string;
}

/** Serialises a JSON-LD object safely inside a <script> element. */
export function jsonLd(data: unknown): SafeHtml {
  // "<" escaped so no string in the data can close the script element.
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return raw(`<script type="application/ld+json">${json}</script>`);
}

/** The full HTML document. */
export function Layout(props: {
  settings: SiteSettings;
  meta: PageMeta;
  nav: NavLink[];
  searchQuery?: string;
  /** The section the page belongs to, marked in the navigation. */
  currentPath?: string;
  children?: unknown;
}): SafeHtml {
  const { settings, meta, nav } = props;
  const title = meta.titleIsFull ? meta.title : `${meta.title} – ${settings.title}`;
  return (
    <html lang={meta.language ?? settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.canonicalUrl ? <link rel="canonical" href={meta.canonicalUrl} /> : null}
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/rss+xml" title={`${settings.title} (RSS)`} href="/feed/" />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${settings.title} (Atom)`}
          href="/feed/atom/"
        />
        {meta.head ?? null}
      </head>
      <body class={meta.bodyClass}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="masthead">
          <div class="masthead-inner">
            <p class="site-title">
              <a href="/">{settings.title}</a>
            </p>
            <p class="tagline">{settings.tagline}</p>
            <form class="search-form" role="search" action="/search/" method="get">
              <label for="site-search" class="visually-hidden">
                Search {settings.title}
              </label>
              <input
                id="site-search"
                type="search"
                name="q"
                value={props.searchQuery ?? ''}
                placeholder="Search"
              />
              <button type="submit">Search</button>
            </form>
          </div>
          <nav class="site-nav" aria-label="Sections">
            <ul>
              {nav.map((link) => (
                <li>
                  <a href={link.href} aria-current={link.href === props.currentPath ? 'true' : undefined}>
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main">{props.children as SafeHtml}</main>
        <footer class="site-footer">
          <p>
            © {settings.title}. <a href="/feed/">RSS</a> · <a href="/feed/atom/">Atom</a> ·{' '}
            <a href="/about/">About</a> · <a href="/corrections-policy/">Corrections policy</a>
          </p>
          <p class="powered">Published with Broadsheet.</p>
        </footer>
      </body>
    </html>
  );
}

export { Fragment };
