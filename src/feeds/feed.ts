/** RSS 2.0 and Atom 1.0 documents from plain feed values (pure). */
import { el, xmlDocument } from './xml.js';

/** The feed as a whole: the site, or one of its archives. */
export interface FeedChannel {
  title: string;
  description: string;
  /** The HTML page the feed follows (absolute). */
  pageUrl: string;
  /** The feed's own URL (absolute). */
  selfUrl: string;
  /** A stable identifier for the Atom feed. */
  id: string;
  language: string;
  /** When the newest item last changed (ISO 8601); the epoch for an empty feed. */
  updatedAt: string;
  /** Who publishes it, the author of entries without a byline. */
  publisher: string;
  iconUrl: string;
}

/** One article in a feed. */
export interface FeedItem {
  /** A stable identifier that survives slug changes. */
  id: string;
  title: string;
  url: string;
  publishedAt: string;
  updatedAt: string;
  authors: { name: string; url: string }[];
  categories: string[];
  summary: string;
  /** The full body as HTML, or null for excerpt-only feeds. */
  contentHtml: string | null;
}

const GENERATOR = 'Broadsheet';

/** RFC 822 dates, as RSS 2.0 requires ("Thu, 04 Apr 2024 13:05:00 GMT"). */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** RFC 3339 in UTC, as Atom requires. */
function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Makes root-relative links and images in body HTML absolute: feed readers have no page to resolve them against. */
export function absolutizeHtml(html: string, baseUrl: string): string {
  return html.replace(/\b(href|src|poster)="\/(?!\/)/g, `$1="${baseUrl}/`);
}

/** An RSS 2.0 document with content:encoded for full text and dc:creator for bylines. */
export function rssXml(channel: FeedChannel, items: FeedItem[]): string {
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      },
      el(
        'channel',
        null,
        el('title', null, channel.title),
        el('link', null, channel.pageUrl),
        el('description', null, channel.description || channel.title),
        el('language', null, channel.language),
        el('lastBuildDate', null, rfc822(channel.updatedAt)),
        el('generator', null, GENERATOR),
        el('atom:link', { href: channel.selfUrl, rel: 'self', type: 'application/rss+xml' }),
        el(
          'image',
          null,
          el('url', null, channel.iconUrl),
          el('title', null, channel.title),
          el('link', null, channel.pageUrl),
        ),
        items.map((item) =>
          el(
            'item',
            null,
            el('title', null, item.title),
            el('link', null, item.url),
            el('guid', { isPermaLink: 'false' }, item.id),
            el('pubDate', null, rfc822(item.publishedAt)),
            item.authors.map((a) => el('dc:creator', null, a.name)),
            item.categories.map((c) => el('category', null, c)),
            el('description', null, item.summary),
            item.contentHtml === null ? null : el('content:encoded', null, item.contentHtml),
          ),
        ),
      ),
    ),
  );
}

/** An Atom 1.0 document. */
export function atomXml(channel: FeedChannel, items: FeedItem[]): string {
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': channel.language },
      el('id', null, channel.id),
      el('title', null, channel.title),
      channel.description ? el('subtitle', null, channel.description) : null,
      el('updated', null, rfc3339(channel.updatedAt)),
      el('link', { rel: 'self', type: 'application/atom+xml', href: channel.selfUrl }),
      el('link', { rel: 'alternate', type: 'text/html', href: channel.pageUrl }),
      el('author', null, el('name', null, channel.publisher)),
      el('generator', null, GENERATOR),
      el('icon', null, channel.iconUrl),
      items.map((item) =>
        el(
          'entry',
          null,
          el('id', null, item.id),
          el('title', { type: 'text' }, item.title),
          el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
          el('published', null, rfc3339(item.publishedAt)),
          el('updated', null, rfc3339(item.updatedAt)),
          item.authors.map((a) => el('author', null, el('name', null, a.name), el('uri', null, a.url))),
          item.categories.map((c) => el('category', { term: c })),
          el('summary', { type: 'text' }, item.summary),
          item.contentHtml === null ? null : el('content', { type: 'html' }, item.contentHtml),
        ),
      ),
    ),
  );
}

/** A tag URI (RFC 4151) naming an article for good, whatever its slug or the permalink pattern becomes. */
export function articleTagUri(host: string, publishedAt: string, articleId: number): string {
  return `tag:${host},${publishedAt.slice(0, 10)}:article-${articleId}`;
}
