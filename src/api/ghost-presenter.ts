/** Allowlisted Ghost Content API shapes of Broadsheet content: posts, pages, tags, authors, settings. */
import type { Article } from '../articles/article.js';
import { absoluteUrl, archivePath } from '../site/permalinks.js';
import type { SiteSettings } from '../site/settings.js';
import { htmlToText } from '../text/plain-text.js';
import { articleUrl, type LinkContext } from './broadsheet-presenter.js';
import type { ContentAuthor, ContentTerm } from './content-store.js';

// Ghost's reading-time estimate assumes 275 words a minute.
const WORDS_PER_MINUTE = 275;

/** What a browse or read asked to have nested. */
export interface GhostIncludes {
  tags: boolean;
  authors: boolean;
  countPosts: boolean;
}

/** A tag in Ghost's shape. */
export function ghostTag(
  links: LinkContext,
  tag: Pick<ContentTerm, 'id' | 'name' | 'slug' | 'description'> & { count?: number },
  countPosts = false,
) {
  return {
    id: String(tag.id),
    name: tag.name,
    slug: tag.slug,
    description: tag.description || null,
    feature_image: null,
    visibility: 'public',
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: null,
    meta_description: null,
    codeinjection_head: null,
    codeinjection_foot: null,
    canonical_url: null,
    accent_color: null,
    url: absoluteUrl(links.baseUrl, archivePath('tag', tag.slug)),
    ...(countPosts ? { count: { posts: tag.count ?? 0 } } : {}),
  };
}

/** An author (staff profile) in Ghost's shape: a public byline, never an email. */
export function ghostAuthor(
  links: LinkContext,
  author: Pick<ContentAuthor, 'id' | 'name' | 'slug'> & { bio?: string; count?: number },
  countPosts = false,
) {
  return {
    id: String(author.id),
    name: author.name,
    slug: author.slug,
    profile_image: null,
    cover_image: null,
    bio: author.bio || null,
    website: null,
    location: null,
    facebook: null,
    twitter: null,
    meta_title: null,
    meta_description: null,
    url: absoluteUrl(links.baseUrl, archivePath('author', author.slug)),
    ...(countPosts ? { count: { posts: author.count ?? 0 } } : {}),
  };
}

/** A post or page in Ghost's shape, with the includes asked for, reduced to `fields` when given. */
export function ghostPost(
  links: LinkContext,
  article: Article,
  options: { includes: GhostIncludes; fields: string[] | null; plaintext: boolean },
) {
  const text = htmlToText(article.bodyHtml);
  const words = text ? text.split(/\s+/).length : 0;
  const tags = article.tags.filter((t) => !t.isInternal).map((t) => ghostTag(links, t));
  const authors = article.authors.map((a) => ghostAuthor(links, a));
  const post: Record<string, unknown> = {
    id: String(article.id),
    uuid: null,
    title: article.headline,
    slug: article.slug,
    html: article.bodyHtml,
    ...(options.plaintext ? { plaintext: text } : {}),
    comment_id: String(article.id),
    feature_image: article.featuredImage?.url ?? null,
    feature_image_alt: article.featuredImage?.alt || null,
    feature_image_caption: article.featuredImage?.caption || null,
    featured: article.sticky,
    visibility: 'public',
    created_at: article.createdAt,
    updated_at: article.updatedAt,
    published_at: article.publishedAt,
    custom_excerpt: article.dek || null,
    codeinjection_head: null,
    codeinjection_foot: null,
    custom_template: null,
    canonical_url: null,
    url: articleUrl(links, article),
    excerpt: article.excerpt,
    reading_time: Math.round(words / WORDS_PER_MINUTE),
    access: true,
    comments: article.commentsOpen,
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: null,
    meta_description: article.metaDescription || null,
    email_subject: null,
    frontmatter: null,
  };
  const shaped: Record<string, unknown> = options.fields
    ? Object.fromEntries(options.fields.filter((f) => f in post).map((f) => [f, post[f]]))
    : post;
  if (options.includes.tags) {
    shaped.tags = tags;
    shaped.primary_tag = tags[0] ?? null;
  }
  if (options.includes.authors) {
    shaped.authors = authors;
    shaped.primary_author = authors[0] ?? null;
  }
  return shaped;
}

/** The site settings in Ghost's shape. */
export function ghostSettings(
  links: LinkContext,
  settings: SiteSettings,
  navigation: { label: string; url: string }[],
) {
  return {
    title: settings.title,
    description: settings.tagline,
    logo: settings.logoUrl || null,
    icon: null,
    accent_color: null,
    cover_image: null,
    facebook: null,
    twitter: null,
    lang: settings.language,
    locale: settings.language,
    timezone: settings.timezone,
    codeinjection_head: null,
    codeinjection_foot: null,
    navigation,
    secondary_navigation: [],
    meta_title: null,
    meta_description: null,
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    members_support_address: null,
    url: `${links.baseUrl}/`,
  };
}
