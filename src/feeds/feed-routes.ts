/**
 * RSS 2.0 and Atom feeds, WordPress-style: `/feed/` and `/feed/atom/` for the
 * site, `/{category|tag|author}/{slug}/feed/` (and `…/feed/atom/`) for each
 * archive. Full text or excerpt by the `feedFullText` setting; only published
 * articles whose time has come, and no email address, ever appear.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { ArticleSummary } from '../articles/article.js';
import { NotFound } from '../errors.js';
import type { RenderedPage } from '../http/page-cache.js';
import { type ArchiveKind, absoluteUrl, articlePath, feedPath } from '../site/permalinks.js';
import { type ArchiveSubject, findArchiveSubject, latestSubject } from '../site/reader-content.js';
import { logoPath } from '../site/site-icon.js';
import { absolutizeHtml, articleTagUri, atomXml, type FeedChannel, type FeedItem, rssXml } from './feed.js';

type FeedFormat = 'rss' | 'atom';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};
const ARCHIVE_KINDS: ArchiveKind[] = ['category', 'tag', 'author'];
const EPOCH = '1970-01-01T00:00:00.000Z';

/** The latest of some UTC ISO times (they sort as text). */
function latestOf(times: string[]): string {
  return [...times].sort().at(-1)!;
}

/** Registers the feed routes. */
export async function registerFeedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  async function renderFeed(
    request: FastifyRequest,
    format: FeedFormat,
    subjectOf: (now: string) => Promise<ArchiveSubject | null>,
  ): Promise<RenderedPage> {
    const settings = await ctx.settings();
    const now = new Date().toISOString();
    const subject = await subjectOf(now);
    if (!subject) throw new NotFound();
    const articles = await ctx.stores.articles.listPublic(
      now,
      { ...subject.filter, kind: 'article' },
      settings.feedItems,
    );
    const bodies = settings.feedFullText
      ? await ctx.stores.articles.bodiesOf(articles.map((a) => a.id))
      : new Map<number, string>();
    const base = ctx.baseUrl(settings);
    const host = new URL(base).hostname;
    const items: FeedItem[] = articles.map((a: ArticleSummary) => {
      const publishedAt = a.publishedAt ?? a.updatedAt;
      const body = bodies.get(a.id);
      return {
        id: articleTagUri(host, publishedAt, a.id),
        title: a.headline,
        url: absoluteUrl(base, articlePath(a, settings)),
        publishedAt,
        updatedAt: latestOf([a.updatedAt, publishedAt]),
        authors: a.authors.map((p) => ({ name: p.name, url: absoluteUrl(base, `/author/${p.slug}/`) })),
        categories: a.category ? [a.category.name] : [],
        summary: a.dek || a.excerpt,
        contentHtml: body === undefined ? null : absolutizeHtml(body, base),
      };
    });
    const title = subject.kind === 'latest' ? settings.title : `${settings.title} » ${subject.name}`;
    const selfUrl = absoluteUrl(base, request.url.split('?')[0] ?? '/');
    const channel: FeedChannel = {
      title,
      description: subject.kind === 'latest' ? settings.tagline : subject.description,
      pageUrl: absoluteUrl(base, subject.base),
      selfUrl,
      id: absoluteUrl(base, feedPath(subject.base, 'atom')),
      language: settings.language,
      updatedAt: latestOf([EPOCH, ...items.map((i) => i.updatedAt)]),
      publisher: settings.title,
      iconUrl: absoluteUrl(base, logoPath(settings)),
    };
    return {
      contentType: CONTENT_TYPES[format],
      body: format === 'rss' ? rssXml(channel, items) : atomXml(channel, items),
    };
  }

  for (const format of ['rss', 'atom'] as const) {
    app.get(feedPath('/', format), { config: { permission: 'public' } }, async (request, reply) =>
      ctx.pageCache.serve(request, reply, () => renderFeed(request, format, () => latestSubject(ctx))),
    );
    for (const kind of ARCHIVE_KINDS) {
      app.get<{ Params: { slug: string } }>(
        feedPath(`/${kind}/:slug/`, format),
        { config: { permission: 'public' } },
        async (request, reply) =>
          ctx.pageCache.serve(request, reply, () =>
            renderFeed(request, format, (now) => findArchiveSubject(ctx, kind, request.params.slug, now)),
          ),
      );
    }
  }
}
