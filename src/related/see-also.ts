/**
 * What an article page shows from the related-articles engine: the body with the inline
 * "See also" placed, and the end-of-article "Related" list. Reads the stored kept list and applies
 * the editor's choices (mode, pin, exclusions) and the site settings at read time, so they show at once.
 */
import type { AppContext } from '../app.js';
import type { Article, ArticleSummary } from '../articles/article.js';
import { articlePath } from '../site/permalinks.js';
import { placeSeeAlso, type SeeAlsoCandidate } from './see-also-placement.js';

/** The body HTML with "See also" placed, and the related list. */
export async function seeAlsoFor(
  ctx: AppContext,
  article: Article,
): Promise<{ bodyHtml: string; related: ArticleSummary[] }> {
  if (article.kind !== 'article') return { bodyHtml: article.bodyHtml, related: [] };
  const settings = await ctx.settings();
  const [rows, excludedIds] = await Promise.all([
    ctx.stores.related.candidates(article.id, new Date().toISOString(), {
      translationGroup: article.translationGroup,
      pinnedId: article.seeAlsoPinId,
    }),
    ctx.stores.related.exclusions(article.id),
  ]);
  const summaries = await ctx.stores.articles.summarise(rows);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const candidates: SeeAlsoCandidate[] = summaries.map((s) => ({
    articleId: s.id,
    headline: s.headline,
    url: articlePath(s, settings),
    slug: s.slug,
  }));
  const placement = placeSeeAlso(
    article.bodyHtml,
    candidates,
    {
      mode: article.seeAlsoMode,
      afterParagraph: settings.seeAlsoAfterParagraph,
      minParagraphs: settings.seeAlsoMinParagraphs,
      pinnedArticleId: article.seeAlsoPinId,
      excludedArticleIds: excludedIds,
    },
    settings.relatedListSize,
  );
  return { bodyHtml: placement.bodyHtml, related: placement.related.map((c) => byId.get(c.articleId)!) };
}
