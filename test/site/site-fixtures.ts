/** Small factories for reader-site tests: articles in any state, settings saves the way the newsroom makes them. */
import type { Article, ArticleDraft } from '../../src/articles/article.js';
import type { SiteSettings } from '../../src/site/settings.js';
import type { TestApp } from '../support/test-app.js';

let sequence = 0;

/** A published (or draft, or scheduled) article; `hoursAgo` sets its publication time. */
export async function addArticle(
  t: TestApp,
  draft: Partial<ArticleDraft> = {},
  options: { status?: Article['status']; hoursAgo?: number; publishedAt?: string } = {},
): Promise<Article> {
  sequence++;
  const status = options.status ?? 'published';
  const publishedAt =
    options.publishedAt ??
    (status === 'draft' ? null : new Date(Date.now() - (options.hoursAgo ?? 1) * 3600_000).toISOString());
  return t.ctx.services.articles.createArticle(
    {
      headline: `Test story ${sequence}`,
      bodySource: 'First paragraph.\n\nSecond paragraph.',
      ...draft,
    },
    { userId: null },
    { status, publishedAt, createdAt: publishedAt ?? undefined, updatedAt: publishedAt ?? undefined },
  );
}

/** Saves settings and records the event a newsroom save records, so caches notice. */
export async function saveSettings(t: TestApp, update: Partial<SiteSettings>): Promise<void> {
  await t.ctx.stores.settings.save(update);
  await t.ctx.stores.events.record('settings.changed', {});
  t.ctx.invalidateSettings();
}

/** Every `href` of `<a>` elements in some HTML. */
export function linksIn(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** The parsed JSON-LD blocks of a page. */
export function jsonLdIn(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) =>
    JSON.parse(m[1]!),
  );
}
