/**
 * What each reader page shows, loaded from the stores as plain values: the
 * front page, an archive page, an article with its neighbours. Only published
 * articles whose time has come are ever loaded; views never query.
 */
import type { AppContext } from '../app.js';
import type { ArticleSummary, Category } from '../articles/article.js';
import type { ArchivePages, ArticleListFilter } from '../articles/article-store.js';
import { listCategories } from './navigation.js';
import { type PageWindow, pageWindow } from './pagination.js';
import { type ArchiveKind, archivePath } from './permalinks.js';

const FRONT_SECTION_SIZE = 3;
// An archive's page index is rebuilt after any article change; this also bounds how long an article
// published with a future date (an import) can stay out of it.
const ARCHIVE_INDEX_MAX_AGE_MS = 60_000;

/**
 * How the archive of `filter` divides into pages: counted and anchored in one pass, then kept until an
 * article changes, so each page seeks straight to its first article (keyset pagination behind `/page/{n}/`).
 */
function archivePages(
  ctx: AppContext,
  filter: ArticleListFilter,
  perPage: number,
  now: string,
): Promise<ArchivePages & { expiresAt: number }> {
  return ctx.remember(
    `archive-pages ${perPage} ${JSON.stringify(filter)}`,
    'articles',
    async () => ({
      ...(await ctx.stores.articles.publicPages(now, filter, perPage)),
      expiresAt: Date.now() + ARCHIVE_INDEX_MAX_AGE_MS,
    }),
    (pages) => Date.now() < pages.expiresAt,
  );
}

/** A category with its latest articles, for the front page. */
export interface FrontSection {
  category: Category;
  articles: ArticleSummary[];
}

/** The front page: the latest articles (one archive page's worth) and a section per top-level category. */
export async function loadFrontPage(
  ctx: AppContext,
  now: string,
  perPage: number,
): Promise<{ latest: ArticleSummary[]; sections: FrontSection[]; total: number }> {
  const { articles } = ctx.stores;
  const categories = await listCategories(ctx);
  const top = categories.filter((c) => c.parentId === null);
  const { filter } = await latestSubject(ctx);
  const [latest, pages] = await Promise.all([
    articles.listPublic(now, filter, perPage),
    archivePages(ctx, filter, perPage, now),
  ]);
  // Each section's latest beyond what the latest list already shows, all in one query.
  const lists = await articles.listPublicBySection(
    now,
    filter,
    top.map((category) => withDescendants(category.id, categories)),
    FRONT_SECTION_SIZE,
    latest.map((a) => a.id),
  );
  const sections = top.map((category, i) => ({ category, articles: lists[i]! }));
  return { latest, sections: sections.filter((s) => s.articles.length > 0), total: pages.total };
}

/** The ids of a category and every category below it. */
export function withDescendants(id: number, categories: Category[]): number[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i++) {
    for (const c of categories) if (c.parentId === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  }
  return ids;
}

/** The top-level category above `id` (itself when it has no parent), as the masthead lists sections. */
export function sectionOf(id: number, categories: Category[]): Category | undefined {
  let category = categories.find((c) => c.id === id);
  const seen = new Set<number>();
  while (category?.parentId != null && !seen.has(category.id)) {
    seen.add(category.id);
    category = categories.find((c) => c.id === category!.parentId) ?? category;
  }
  return category;
}

/** Who or what an archive is about. */
export interface ArchiveSubject {
  kind: ArchiveKind | 'latest';
  /** "Section", "Topic", "Author" or "". */
  label: string;
  name: string;
  description: string;
  /** The archive's first page, e.g. `/tag/rail/`. */
  base: string;
  filter: ArticleListFilter;
  subsections: { name: string; href: string }[];
  breadcrumbs: { name: string; path: string }[];
}

/**
 * The subject of the archive at `/{kind}/{slug}/`, or null when there is none
 * readers may see: unknown slugs, internal tags, and tags or authors without a
 * published article (so a draft's tag or byline never surfaces).
 */
export async function findArchiveSubject(
  ctx: AppContext,
  kind: ArchiveKind,
  slug: string,
  now: string,
): Promise<ArchiveSubject | null> {
  const { taxonomy, users } = ctx.stores;
  const { postsPerPage: perPage } = await ctx.settings();
  const base = archivePath(kind, slug);
  if (kind === 'category') {
    const categories = await listCategories(ctx);
    const category = categories.find((c) => c.slug === slug);
    if (!category) return null;
    const trail: Category[] = [category];
    for (let c = category; c.parentId !== null; ) {
      const parent = categories.find((p) => p.id === c.parentId);
      if (!parent || trail.includes(parent)) break;
      trail.unshift(parent);
      c = parent;
    }
    return {
      kind,
      label: 'Section',
      name: category.name,
      description: category.description,
      base,
      filter: await readerFilter(ctx, { categoryIds: withDescendants(category.id, categories) }),
      subsections: categories
        .filter((c) => c.parentId === category.id)
        .map((c) => ({ name: c.name, href: archivePath('category', c.slug) })),
      breadcrumbs: trail.map((c) => ({ name: c.name, path: archivePath('category', c.slug) })),
    };
  }
  if (kind === 'tag') {
    const tag = await taxonomy.findTagBySlug(slug);
    if (!tag || tag.isInternal) return null;
    const filter = await readerFilter(ctx, { tagId: tag.id });
    if ((await archivePages(ctx, filter, perPage, now)).total === 0) return null;
    return {
      kind,
      label: 'Topic',
      name: tag.name,
      description: tag.description,
      base,
      filter,
      subsections: [],
      breadcrumbs: [{ name: tag.name, path: base }],
    };
  }
  const author = await users.findAuthorBySlug(slug);
  if (!author) return null;
  const filter = await readerFilter(ctx, { authorId: author.id });
  if ((await archivePages(ctx, filter, perPage, now)).total === 0) return null;
  return {
    kind,
    label: 'Author',
    name: author.name,
    description: author.bio,
    base,
    filter,
    subsections: [],
    breadcrumbs: [{ name: author.name, path: base }],
  };
}

/**
 * What every reader list shows: one version of each story, in the site's language where there is one.
 * Most sites publish in one language; until an article in another belongs to a story, lists skip the check
 * (it costs a cache-off front page about 0.1 ms).
 */
async function readerFilter(ctx: AppContext, filter: ArticleListFilter): Promise<ArticleListFilter> {
  const { language } = await ctx.settings();
  const translated = await ctx.remember(`translations beside ${language}`, 'articles', () =>
    ctx.stores.articles.hasTranslationsBeside(language),
  );
  return translated ? { ...filter, preferredLanguage: language } : filter;
}

/** The site-wide archive of latest articles (`/page/2/` and on). */
export async function latestSubject(ctx: AppContext): Promise<ArchiveSubject> {
  return {
    kind: 'latest',
    label: '',
    name: 'Latest news',
    description: '',
    base: '/',
    filter: await readerFilter(ctx, {}),
    subsections: [],
    breadcrumbs: [],
  };
}

/** Page `page` of an archive, or null past its end. */
export async function loadArchivePage(
  ctx: AppContext,
  subject: ArchiveSubject,
  page: number,
  perPage: number,
  now: string,
): Promise<{ articles: ArticleSummary[]; window: PageWindow } | null> {
  const pages = await archivePages(ctx, subject.filter, perPage, now);
  const window = pageWindow(subject.base, page, pages.total, perPage);
  if (!window) return null;
  const anchor = pages.anchors[page - 1];
  const list = anchor ? await ctx.stores.articles.listPublicFrom(now, subject.filter, anchor, perPage) : [];
  return { articles: list, window };
}
