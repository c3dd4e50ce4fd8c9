/**
 * What each reader page shows, loaded from the stores as plain values: the
 * front page, an archive page, an article with its neighbours. Only published
 * articles whose time has come are ever loaded; views never query.
 */
import type { AppContext } from '../app.js';
import type { ArticleSummary, Category } from '../articles/article.js';
import type { ArticleListFilter } from '../articles/article-store.js';
import { type PageWindow, pageWindow } from './pagination.js';
import { type ArchiveKind, archivePath } from './permalinks.js';

const FRONT_SECTION_SIZE = 3;

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
  const { articles, taxonomy } = ctx.stores;
  const [latest, total, categories] = await Promise.all([
    articles.listPublic(now, {}, perPage),
    articles.countPublic(now, {}),
    taxonomy.listCategories(),
  ]);
  const shown = new Set(latest.map((a) => a.id));
  const sections = await Promise.all(
    categories
      .filter((c) => c.parentId === null)
      .map(async (category) => {
        const list = await articles.listPublic(
          now,
          { categoryIds: withDescendants(category.id, categories) },
          FRONT_SECTION_SIZE + shown.size,
        );
        return { category, articles: list.filter((a) => !shown.has(a.id)).slice(0, FRONT_SECTION_SIZE) };
      }),
  );
  return { latest, sections: sections.filter((s) => s.articles.length > 0), total };
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
  const { taxonomy, users, articles } = ctx.stores;
  const base = archivePath(kind, slug);
  if (kind === 'category') {
    const categories = await taxonomy.listCategories();
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
      filter: { categoryIds: withDescendants(category.id, categories) },
      subsections: categories
        .filter((c) => c.parentId === category.id)
        .map((c) => ({ name: c.name, href: archivePath('category', c.slug) })),
      breadcrumbs: trail.map((c) => ({ name: c.name, path: archivePath('category', c.slug) })),
    };
  }
  if (kind === 'tag') {
    const tag = await taxonomy.findTagBySlug(slug);
    if (!tag || tag.isInternal) return null;
    const filter = { tagId: tag.id };
    if ((await articles.countPublic(now, filter)) === 0) return null;
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
  const filter = { authorId: author.id };
  if ((await articles.countPublic(now, filter)) === 0) return null;
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

/** The site-wide archive of latest articles (`/page/2/` and on). */
export function latestSubject(): ArchiveSubject {
  return {
    kind: 'latest',
    label: '',
    name: 'Latest news',
    description: '',
    base: '/',
    filter: {},
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
  const total = await ctx.stores.articles.countPublic(now, subject.filter);
  const window = pageWindow(subject.base, page, total, perPage);
  if (!window) return null;
  const list = await ctx.stores.articles.listPublic(now, subject.filter, window.limit, window.offset);
  return { articles: list, window };
}
