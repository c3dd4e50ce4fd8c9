/**
 * What an article page shows from the related-articles engine: the body with
 * the inline "See also" placed, and the end-of-article "Related" list.
 * Placeholder until the engine is wired in: the body unchanged, no list.
 */
import type { AppContext } from '../app.js';
import type { Article, ArticleSummary } from '../articles/article.js';

/** The body HTML with "See also" placed, and the related list. */
export async function seeAlsoFor(
  _ctx: AppContext,
  article: Article,
): Promise<{ bodyHtml: string; related: ArticleSummary[] }> {
  return { bodyHtml: article.bodyHtml, related: [] };
}
