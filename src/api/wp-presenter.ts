/** Allowlisted WordPress REST API (wp/v2) shapes of Broadsheet content: posts, pages, terms, users, comments. */
import type { Article } from '../articles/article.js';
import { absoluteUrl, archivePath } from '../site/permalinks.js';
import { isoInZone } from '../views/format.js';
import { articleUrl, type LinkContext } from './broadsheet-presenter.js';
import type { ContentAuthor, ContentComment, ContentTerm } from './content-store.js';

/** WordPress's `date` (site-local, no offset) and `date_gmt` (UTC, no offset). */
export function wpDates(iso: string, timeZone: string): { local: string; gmt: string } {
  return { local: isoInZone(iso, timeZone).slice(0, 19), gmt: new Date(iso).toISOString().slice(0, 19) };
}

function apiHref(links: LinkContext, route: string): string {
  return `${links.baseUrl}/wp-json/wp/v2/${route}`;
}

/** What `_embed` asked for. */
export interface WpEmbeds {
  author: boolean;
  featuredMedia: boolean;
  terms: boolean;
}

/** A public author as a WordPress user: name and profile only, never an email. */
export function wpUser(
  links: LinkContext,
  author: Pick<ContentAuthor, 'id' | 'name' | 'slug'> & { bio?: string },
) {
  return {
    id: author.id,
    name: author.name,
    url: '',
    description: author.bio ?? '',
    link: absoluteUrl(links.baseUrl, archivePath('author', author.slug)),
    slug: author.slug,
    avatar_urls: {},
    meta: [],
    _links: {
      self: [{ href: apiHref(links, `users/${author.id}`) }],
      collection: [{ href: apiHref(links, 'users') }],
    },
  };
}

/** A category or tag as a WordPress term. */
export function wpTerm(
  links: LinkContext,
  kind: 'category' | 'tag',
  term: ContentTerm | (Pick<ContentTerm, 'id' | 'name' | 'slug'> & Partial<ContentTerm>),
) {
  const route = kind === 'category' ? 'categories' : 'tags';
  return {
    id: term.id,
    count: term.count ?? 0,
    description: term.description ?? '',
    link: absoluteUrl(links.baseUrl, archivePath(kind, term.slug)),
    name: term.name,
    slug: term.slug,
    taxonomy: kind === 'category' ? 'category' : 'post_tag',
    ...(kind === 'category' ? { parent: term.parentId ?? 0 } : {}),
    meta: [],
    _links: {
      self: [{ href: apiHref(links, `${route}/${term.id}`) }],
      collection: [{ href: apiHref(links, route) }],
      'wp:post_type': [{ href: `${apiHref(links, 'posts')}?${route}=${term.id}` }],
    },
  };
}

/** The featured image as a WordPress attachment. */
export function wpMedia(links: LinkContext, article: Article) {
  const image = article.featuredImage!;
  const dates = wpDates(article.publishedAt ?? article.updatedAt, links.settings.timezone);
  return {
    id: image.mediaId ?? 0,
    date: dates.local,
    slug: `${article.slug}-featured-image`,
    type: 'attachment',
    link: image.url,
    title: { rendered: image.alt || article.headline },
    author: article.authors[0]?.id ?? 0,
    caption: { rendered: image.caption ? `<p>${escapeText(image.caption)}</p>` : '' },
    alt_text: image.alt,
    media_type: 'image',
    mime_type: mimeTypeOf(image.url),
    media_details: {},
    source_url: image.url,
  };
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function mimeTypeOf(url: string): string {
  const ext = /\.(\w+)(?:\?|#|$)/.exec(url)?.[1]?.toLowerCase();
  return ext === 'png'
    ? 'image/png'
    : ext === 'webp'
      ? 'image/webp'
      : ext === 'gif'
        ? 'image/gif'
        : 'image/jpeg';
}

/** A post or page in WordPress's shape, with `_embedded` when asked. */
export function wpPost(links: LinkContext, article: Article, embeds: WpEmbeds | null) {
  const type = article.kind === 'page' ? 'page' : 'post';
  const route = type === 'page' ? 'pages' : 'posts';
  const published = wpDates(article.publishedAt ?? article.updatedAt, links.settings.timezone);
  const modified = wpDates(article.updatedAt, links.settings.timezone);
  const url = articleUrl(links, article);
  const tags = article.tags.filter((t) => !t.isInternal);
  const post: Record<string, unknown> = {
    id: article.id,
    date: published.local,
    date_gmt: published.gmt,
    guid: { rendered: `${links.baseUrl}/?p=${article.id}` },
    modified: modified.local,
    modified_gmt: modified.gmt,
    slug: article.slug,
    status: 'publish',
    type,
    link: url,
    title: { rendered: escapeText(article.headline) },
    content: { rendered: article.bodyHtml, protected: false },
    excerpt: { rendered: `<p>${escapeText(article.dek || article.excerpt)}</p>\n`, protected: false },
    author: article.authors[0]?.id ?? 0,
    featured_media: article.featuredImage ? (article.featuredImage.mediaId ?? 0) : 0,
    comment_status: article.commentsOpen ? 'open' : 'closed',
    ping_status: 'closed',
    template: '',
    meta: [],
    ...(type === 'post'
      ? {
          sticky: article.sticky,
          format: 'standard',
          categories: article.category ? [article.category.id] : [],
          tags: tags.map((t) => t.id),
        }
      : { parent: 0, menu_order: 0 }),
    _links: {
      self: [{ href: apiHref(links, `${route}/${article.id}`) }],
      collection: [{ href: apiHref(links, route) }],
      author: article.authors.map((a) => ({ embeddable: true, href: apiHref(links, `users/${a.id}`) })),
      replies: [{ embeddable: true, href: `${apiHref(links, 'comments')}?post=${article.id}` }],
      ...(article.featuredImage
        ? {
            'wp:featuredmedia': [
              { embeddable: true, href: apiHref(links, `media/${article.featuredImage.mediaId ?? 0}`) },
            ],
          }
        : {}),
      'wp:term': [
        {
          taxonomy: 'category',
          embeddable: true,
          href: `${apiHref(links, 'categories')}?post=${article.id}`,
        },
        { taxonomy: 'post_tag', embeddable: true, href: `${apiHref(links, 'tags')}?post=${article.id}` },
      ],
    },
  };
  if (embeds) {
    const embedded: Record<string, unknown> = {};
    if (embeds.author) embedded.author = article.authors.map((a) => wpUser(links, a));
    // WordPress embeds the featured image whenever there is one; Broadsheet's may be a URL without a media row.
    if (embeds.featuredMedia && article.featuredImage)
      embedded['wp:featuredmedia'] = [wpMedia(links, article)];
    if (embeds.terms && type === 'post') {
      embedded['wp:term'] = [
        article.category ? [wpTerm(links, 'category', article.category)] : [],
        tags.map((t) => wpTerm(links, 'tag', t)),
      ];
    }
    post._embedded = embedded;
  }
  return post;
}

/** An approved comment in WordPress's shape: no email (WordPress shows it only in the edit context). */
export function wpComment(
  links: LinkContext,
  comment: Pick<
    ContentComment,
    'id' | 'articleId' | 'parentId' | 'authorName' | 'authorUrl' | 'bodyHtml' | 'createdAt'
  >,
  options: { status?: 'approved' | 'hold'; articleLink: string },
) {
  const dates = wpDates(comment.createdAt, links.settings.timezone);
  return {
    id: comment.id,
    post: comment.articleId,
    parent: comment.parentId ?? 0,
    author: 0,
    author_name: comment.authorName,
    author_url: comment.authorUrl,
    date: dates.local,
    date_gmt: dates.gmt,
    content: { rendered: comment.bodyHtml },
    link: `${options.articleLink}#comment-${comment.id}`,
    status: options.status ?? 'approved',
    type: 'comment',
    author_avatar_urls: {},
    meta: [],
    _links: {
      self: [{ href: apiHref(links, `comments/${comment.id}`) }],
      collection: [{ href: apiHref(links, 'comments') }],
      up: [{ embeddable: true, post_type: 'post', href: apiHref(links, `posts/${comment.articleId}`) }],
    },
  };
}
