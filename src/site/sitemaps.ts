/** Sitemaps for search engines: robots.txt, the sitemap index, URL sets and the Google News sitemap (pure). */
import { el, xmlDocument } from '../feeds/xml.js';

/** The sitemaps.org limit of URLs in one sitemap file. */
export const SITEMAP_URL_LIMIT = 50_000;
/** Google News reads at most this many URLs from one news sitemap. */
export const NEWS_SITEMAP_LIMIT = 1000;
/** Google News wants articles of the last two days only. */
export const NEWS_WINDOW_HOURS = 48;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

/** One URL with its last modification (W3C datetime). */
export interface SitemapUrl {
  loc: string;
  lastmod?: string | null;
}

/** One article of the news sitemap. */
export interface NewsUrl {
  loc: string;
  title: string;
  language: string;
  publicationDate: string;
}

/** A `<urlset>` of pages. */
export function urlsetXml(urls: SitemapUrl[]): string {
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS },
      urls.map((u) =>
        el('url', null, el('loc', null, u.loc), u.lastmod ? el('lastmod', null, u.lastmod) : null),
      ),
    ),
  );
}

/** A `<sitemapindex>` naming each sitemap. */
export function sitemapIndexXml(sitemaps: SitemapUrl[]): string {
  return xmlDocument(
    el(
      'sitemapindex',
      { xmlns: SITEMAP_NS },
      sitemaps.map((s) =>
        el('sitemap', null, el('loc', null, s.loc), s.lastmod ? el('lastmod', null, s.lastmod) : null),
      ),
    ),
  );
}

/** The language code Google News accepts: ISO 639 (2–3 letters), or zh-cn / zh-tw for Chinese. */
export function newsLanguage(tag: string): string {
  const [lang = 'en', ...rest] = tag.toLowerCase().split('-');
  if (lang === 'zh') return rest.some((p) => p === 'tw' || p === 'hk' || p === 'hant') ? 'zh-tw' : 'zh-cn';
  return /^[a-z]{2,3}$/.test(lang) ? lang : 'en';
}

/** The Google News sitemap. */
export function newsSitemapXml(publicationName: string, urls: NewsUrl[]): string {
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS },
      urls.map((u) =>
        el(
          'url',
          null,
          el('loc', null, u.loc),
          el(
            'news:news',
            null,
            el(
              'news:publication',
              null,
              el('news:name', null, publicationName),
              el('news:language', null, newsLanguage(u.language)),
            ),
            el('news:publication_date', null, u.publicationDate),
            el('news:title', null, u.title),
          ),
        ),
      ),
    ),
  );
}

/** How many article sitemaps `total` articles need (at least one, so the index never points nowhere). */
export function sitemapCount(total: number, limit = SITEMAP_URL_LIMIT): number {
  return Math.max(1, Math.ceil(total / limit));
}

/** The later of two UTC ISO times (they sort as text). */
export function later(a: string, b: string): string {
  return [a, b].sort()[1]!;
}

/** robots.txt: crawl everything readers see, not the newsroom, search results or the API; name the sitemap. */
export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /newsroom/',
    'Disallow: /api/',
    'Disallow: /search/',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
