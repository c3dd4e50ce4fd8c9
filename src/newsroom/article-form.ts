/** The article editor form as plain values: reading it from a request body, and the checks before publishing (pure). */
import type { Article } from '../articles/article.js';

/** What the editor form posts, as strings, exactly as typed (so a re-rendered form loses nothing). */
export interface ArticleForm {
  kind: string;
  headline: string;
  dek: string;
  bodySource: string;
  slug: string;
  excerpt: string;
  categoryId: string;
  tags: string;
  bylines: string;
  featuredMediaId: string;
  featuredImageUrl: string;
  featuredImageAlt: string;
  featuredImageCaption: string;
  featuredImageCredit: string;
  language: string;
  translationOf: string;
  commentsOpen: boolean;
  seeAlsoMode: string;
  seeAlsoPin: string;
  seeAlsoExclude: string;
  metaDescription: string;
  publishAt: string;
}

/** The form's field names (for autosave, which keeps exactly these). */
export const ARTICLE_FORM_FIELDS: (keyof ArticleForm)[] = [
  'kind',
  'headline',
  'dek',
  'bodySource',
  'slug',
  'excerpt',
  'categoryId',
  'tags',
  'bylines',
  'featuredMediaId',
  'featuredImageUrl',
  'featuredImageAlt',
  'featuredImageCaption',
  'featuredImageCredit',
  'language',
  'translationOf',
  'commentsOpen',
  'seeAlsoMode',
  'seeAlsoPin',
  'seeAlsoExclude',
  'metaDescription',
  'publishAt',
];

const LIMITS: Partial<Record<keyof ArticleForm, number>> = { bodySource: 500_000 };
const DEFAULT_LIMIT = 5000;

/** Reads the form from a parsed body (urlencoded or JSON); unknown fields are ignored. */
export function readArticleForm(body: unknown): ArticleForm {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: keyof ArticleForm) => {
    const value = source[name];
    const s = typeof value === 'string' ? value : Array.isArray(value) ? String(value.at(-1) ?? '') : '';
    // Browsers submit CRLF line ends; the stored Markdown uses LF.
    return s.replace(/\r\n?/g, '\n').slice(0, LIMITS[name] ?? DEFAULT_LIMIT);
  };
  const commentsOpen = source.commentsOpen;
  return {
    kind: text('kind') || 'article',
    headline: text('headline'),
    dek: text('dek'),
    bodySource: text('bodySource'),
    slug: text('slug').trim(),
    excerpt: text('excerpt'),
    categoryId: text('categoryId'),
    tags: text('tags'),
    bylines: text('bylines'),
    featuredMediaId: text('featuredMediaId'),
    featuredImageUrl: text('featuredImageUrl'),
    featuredImageAlt: text('featuredImageAlt'),
    featuredImageCaption: text('featuredImageCaption'),
    featuredImageCredit: text('featuredImageCredit'),
    language: text('language').trim() || 'en',
    translationOf: text('translationOf').trim(),
    commentsOpen: commentsOpen === true || commentsOpen === '1' || commentsOpen === 'on',
    seeAlsoMode: text('seeAlsoMode') === 'off' ? 'off' : 'auto',
    seeAlsoPin: text('seeAlsoPin').trim(),
    seeAlsoExclude: text('seeAlsoExclude'),
    metaDescription: text('metaDescription'),
    publishAt: text('publishAt').trim(),
  };
}

/** The form showing a stored article. */
export function formFromArticle(
  article: Article,
  extras: { translationOf: string; seeAlsoPin: string; seeAlsoExclude: string; publishAt: string },
): ArticleForm {
  return {
    kind: article.kind,
    headline: article.headline,
    dek: article.dek,
    bodySource: article.bodySource,
    slug: article.slug,
    excerpt: article.excerpt,
    categoryId: article.category ? String(article.category.id) : '',
    tags: article.tags.map((t) => t.name).join(', '),
    bylines: article.authors.map((a) => a.name).join('\n'),
    featuredMediaId: article.featuredImage?.mediaId ? String(article.featuredImage.mediaId) : '',
    featuredImageUrl: article.featuredImage?.url ?? '',
    featuredImageAlt: article.featuredImage?.alt ?? '',
    featuredImageCaption: article.featuredImage?.caption ?? '',
    featuredImageCredit: article.featuredImage?.credit ?? '',
    language: article.language,
    commentsOpen: article.commentsOpen,
    seeAlsoMode: article.seeAlsoMode,
    metaDescription: article.metaDescription,
    ...extras,
  };
}

/** An empty form for a new article. */
export function emptyArticleForm(defaults: { language: string; bylines: string }): ArticleForm {
  return {
    ...readArticleForm({}),
    language: defaults.language,
    bylines: defaults.bylines,
    commentsOpen: true,
  };
}

/** Comma- or line-separated names, trimmed, without empties or repeats (first spelling wins). */
export function splitNames(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      names.push(name.slice(0, 200));
    }
  }
  return names;
}

/**
 * Images without alt text, which block publishing: the featured image, and
 * Markdown `![](…)` or HTML `<img>` in the body. Returns field → message.
 */
export function missingAltText(input: {
  bodySource: string;
  featuredImage: { url: string; alt: string } | null;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.featuredImage?.url && input.featuredImage.alt.trim() === '')
    problems.featuredImageAlt = 'The featured image needs alt text (a short description) before publishing.';
  const markdownImages = [...input.bodySource.matchAll(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g)];
  const htmlImages = [...input.bodySource.matchAll(/<img\b[^>]*>/gi)];
  const missing =
    markdownImages.filter((m) => m[1]!.trim() === '').length +
    htmlImages.filter((m) => !/\balt\s*=\s*("[^"]*\S[^"]*"|'[^']*\S[^']*'|[^\s"'>]+)/i.test(m[0])).length;
  if (missing > 0)
    problems.bodySource = `${missing === 1 ? 'An image' : `${missing} images`} in the body ${
      missing === 1 ? 'has' : 'have'
    } no alt text. Write it between the brackets: ![what the image shows](…).`;
  return problems;
}
