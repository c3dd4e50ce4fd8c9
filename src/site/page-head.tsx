/** Extra <head> elements of reader pages: Open Graph, Twitter card, feeds, prev/next, hreflang, JSON-LD. */
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';
import { jsonLd } from '../views/layout.js';

/** What social cards show about a page. */
export interface SocialCard {
  type: 'website' | 'article';
  title: string;
  description: string;
  url: string;
  siteName: string;
  locale: string;
  imageUrl?: string | null;
  imageAlt?: string;
  article?: {
    publishedTime: string;
    modifiedTime: string;
    section: string | null;
    tags: string[];
    authorUrls: string[];
  };
}

/** Open Graph locales are language_TERRITORY (en_GB); a bare language is passed as is. */
export function openGraphLocale(language: string): string {
  const [lang, region] = language.split('-');
  return region && region.length === 2 ? `${lang}_${region.toUpperCase()}` : lang!;
}

/** Open Graph and Twitter card tags. */
export function SocialMeta(props: { card: SocialCard }): SafeHtml {
  const c = props.card;
  return (
    <>
      <meta property="og:type" content={c.type} />
      <meta property="og:title" content={c.title} />
      <meta property="og:description" content={c.description} />
      <meta property="og:url" content={c.url} />
      <meta property="og:site_name" content={c.siteName} />
      <meta property="og:locale" content={openGraphLocale(c.locale)} />
      {c.imageUrl ? <meta property="og:image" content={c.imageUrl} /> : null}
      {c.imageUrl && c.imageAlt ? <meta property="og:image:alt" content={c.imageAlt} /> : null}
      {c.article ? (
        <>
          <meta property="article:published_time" content={c.article.publishedTime} />
          <meta property="article:modified_time" content={c.article.modifiedTime} />
          {c.article.section ? <meta property="article:section" content={c.article.section} /> : null}
          {c.article.tags.map((t) => (
            <meta property="article:tag" content={t} />
          ))}
          {c.article.authorUrls.map((u) => (
            <meta property="article:author" content={u} />
          ))}
        </>
      ) : null}
      <meta name="twitter:card" content={c.imageUrl ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={c.title} />
      <meta name="twitter:description" content={c.description} />
      {c.imageUrl ? <meta name="twitter:image" content={c.imageUrl} /> : null}
    </>
  );
}

/** RSS and Atom links for an archive's own feeds (the site feeds are in every page already). */
export function FeedLinks(props: { title: string; rss: string; atom: string }): SafeHtml {
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={`${props.title} (RSS)`} href={props.rss} />
      <link rel="alternate" type="application/atom+xml" title={`${props.title} (Atom)`} href={props.atom} />
    </>
  );
}

/** rel=prev/next between the pages of an archive. */
export function PagerLinks(props: { prev: string | null; next: string | null }): SafeHtml {
  return (
    <>
      {props.prev ? <link rel="prev" href={props.prev} /> : null}
      {props.next ? <link rel="next" href={props.next} /> : null}
    </>
  );
}

/** hreflang alternates: the page itself and each translation, as absolute URLs. */
export function HreflangLinks(props: { versions: { language: string; url: string }[] }): SafeHtml {
  if (props.versions.length < 2) return raw('');
  return (
    <>
      {props.versions.map((v) => (
        <link rel="alternate" hreflang={v.language} href={v.url} />
      ))}
    </>
  );
}

/** Several JSON-LD blocks. */
export function StructuredData(props: { items: unknown[] }): SafeHtml {
  return <>{props.items.map((item) => jsonLd(item))}</>;
}
