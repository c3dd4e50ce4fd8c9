/** JSON-LD for search engines: NewsArticle (or WebPage) and BreadcrumbList, from allowlisted public fields only (pure). */
import type { Article } from '../articles/article.js';
import { modifiedAt } from '../articles/article.js';
import { isoInZone } from '../views/format.js';
import { absoluteUrl } from './permalinks.js';

/** What structured data needs to know about the site. */
export interface PublisherInfo {
  name: string;
  baseUrl: string;
  logoUrl: string;
  timeZone: string;
}

/** A step of a breadcrumb trail. */
export interface Crumb {
  name: string;
  path: string;
}

/** schema.org NewsArticle for an article, WebPage for a static page. No email or unpublished data enters it. */
export function articleJsonLd(
  article: Article,
  canonicalUrl: string,
  publisher: PublisherInfo,
  description: string,
): Record<string, unknown> {
  const { baseUrl, timeZone } = publisher;
  const published = isoInZone(article.publishedAt ?? article.createdAt, timeZone);
  const modified = isoInZone(modifiedAt(article), timeZone);
  if (article.kind === 'page') {
    return {
      '@context': 'https://schema.org',
      '@type': 'WebPage',
      name: article.headline,
      description,
      url: canonicalUrl,
      inLanguage: article.language,
      datePublished: published,
      dateModified: modified,
    };
  }
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description,
    datePublished: published,
    dateModified: modified,
    author: article.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      url: absoluteUrl(baseUrl, `/author/${a.slug}/`),
    })),
    publisher: {
      '@type': 'Organization',
      name: publisher.name,
      url: `${baseUrl}/`,
      logo: { '@type': 'ImageObject', url: absoluteUrl(baseUrl, publisher.logoUrl) },
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonicalUrl },
    url: canonicalUrl,
    inLanguage: article.language,
  };
  if (article.featuredImage) data.image = [absoluteUrl(baseUrl, article.featuredImage.url)];
  if (article.category) data.articleSection = article.category.name;
  const keywords = article.tags.filter((t) => !t.isInternal).map((t) => t.name);
  if (keywords.length) data.keywords = keywords;
  return data;
}

/** schema.org BreadcrumbList: Home, then each crumb; the last is the page itself. */
export function breadcrumbJsonLd(baseUrl: string, crumbs: Crumb[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.name,
      item: absoluteUrl(baseUrl, c.path),
    })),
  };
}
