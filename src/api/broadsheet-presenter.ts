/** Allowlisted shapes of Broadsheet's own API: public article, term, author and comment; the newsroom article. */
import type { Article } from '../articles/article.js';
import type { Comment } from '../comments/comment.js';
import { absoluteUrl, archivePath, articlePath } from '../site/permalinks.js';
import type { SiteSettings } from '../site/settings.js';
import type { ContentAuthor, ContentComment, ContentTerm } from './content-store.js';

/** What links in API responses are built from. */
export interface LinkContext {
  baseUrl: string;
  settings: Pick<SiteSettings, 'permalinkPattern' | 'timezone'>;
}

/** The public URL of an article or page. */
export function articleUrl(
  links: LinkContext,
  article: Pick<Article, 'kind' | 'slug' | 'publishedAt'>,
): string {
  return absoluteUrl(links.baseUrl, articlePath(article, links.settings));
}

/** A published article or page for the public API. */
export function presentArticle(links: LinkContext, article: Article) {
  return {
    id: article.id,
    kind: article.kind,
    slug: article.slug,
    url: articleUrl(links, article),
    headline: article.headline,
    dek: article.dek,
    excerpt: article.excerpt,
    bodyHtml: article.bodyHtml,
    language: article.language,
    publishedAt: article.publishedAt ?? article.updatedAt,
    updatedAt: article.updatedAt,
    category: article.category && {
      id: article.category.id,
      name: article.category.name,
      slug: article.category.slug,
    },
    tags: article.tags.filter((t) => !t.isInternal).map((t) => ({ id: t.id, name: t.name, slug: t.slug })),
    authors: article.authors.map((a) => ({
      id: a.id,
      name: a.name,
      slug: a.slug,
      url: absoluteUrl(links.baseUrl, archivePath('author', a.slug)),
    })),
    featuredImage: article.featuredImage && {
      url: article.featuredImage.url,
      alt: article.featuredImage.alt,
      caption: article.featuredImage.caption,
      credit: article.featuredImage.credit,
    },
    corrections: article.corrections.map((c) => ({ correctedAt: c.correctedAt, text: c.text })),
    commentsOpen: article.commentsOpen,
    commentCount: article.commentCount,
  };
}

export type PresentedArticle = ReturnType<typeof presentArticle>;

/** Keeps only the `fields` asked for (the id always stays, so items can be told apart). */
export function selectFields(article: PresentedArticle, fields: string[] | null): Partial<PresentedArticle> {
  if (!fields) return article;
  const picked: Record<string, unknown> = { id: article.id };
  for (const field of fields) picked[field] = article[field as keyof PresentedArticle];
  return picked as Partial<PresentedArticle>;
}

/** A category or tag with its public archive URL. */
export function presentTerm(links: LinkContext, kind: 'category' | 'tag', term: ContentTerm) {
  return {
    id: term.id,
    name: term.name,
    slug: term.slug,
    description: term.description,
    ...(kind === 'category' ? { parentId: term.parentId } : {}),
    url: absoluteUrl(links.baseUrl, archivePath(kind, term.slug)),
    articleCount: term.count,
  };
}

/** A public author profile. */
export function presentAuthor(links: LinkContext, author: ContentAuthor) {
  return {
    id: author.id,
    name: author.name,
    slug: author.slug,
    bio: author.bio,
    url: absoluteUrl(links.baseUrl, archivePath('author', author.slug)),
    articleCount: author.count,
  };
}

/** An approved comment: name, link and words only. */
export function presentComment(comment: ContentComment) {
  return {
    id: comment.id,
    articleId: comment.articleId,
    articleSlug: comment.articleSlug,
    parentId: comment.parentId,
    authorName: comment.authorName,
    authorUrl: comment.authorUrl,
    bodyHtml: comment.bodyHtml,
    createdAt: comment.createdAt,
  };
}

/** An article of any status for the newsroom (admin API); still no emails. */
export function presentNewsroomArticle(article: Article) {
  return {
    id: article.id,
    kind: article.kind,
    status: article.status,
    version: article.version,
    slug: article.slug,
    headline: article.headline,
    dek: article.dek,
    excerpt: article.excerpt,
    bodySource: article.bodySource,
    bodyFormat: article.bodyFormat,
    bodyHtml: article.bodyHtml,
    language: article.language,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    createdAt: article.createdAt,
    categoryId: article.category?.id ?? null,
    tagIds: article.tags.map((t) => t.id),
    authorIds: article.authors.map((a) => a.id),
    featuredImage: article.featuredImage && {
      url: article.featuredImage.url,
      alt: article.featuredImage.alt,
      caption: article.featuredImage.caption,
      credit: article.featuredImage.credit,
    },
    commentsOpen: article.commentsOpen,
    sticky: article.sticky,
    metaDescription: article.metaDescription,
    ownerId: article.ownerId,
  };
}

/** A comment in the moderation queue (newsroom shape: moderators see the email, never the IP). */
export function presentQueuedComment(
  comment: Pick<
    Comment,
    | 'id'
    | 'articleId'
    | 'parentId'
    | 'status'
    | 'authorName'
    | 'authorEmail'
    | 'authorUrl'
    | 'bodyHtml'
    | 'createdAt'
  > & { articleSlug: string; articleHeadline: string },
) {
  return {
    id: comment.id,
    articleId: comment.articleId,
    articleSlug: comment.articleSlug,
    articleHeadline: comment.articleHeadline,
    parentId: comment.parentId,
    status: comment.status,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    authorUrl: comment.authorUrl,
    bodyHtml: comment.bodyHtml,
    createdAt: comment.createdAt,
  };
}
