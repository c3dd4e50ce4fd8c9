/** The sections shown in the masthead: top-level categories. */
import type { AppContext } from '../app.js';
import type { Category } from '../articles/article.js';
import type { NavLink } from '../views/layout.js';

/** Every category, kept in memory until the taxonomy (or anything site-wide) changes. */
export function listCategories(ctx: AppContext): Promise<Category[]> {
  return ctx.remember('categories', 'site', () => ctx.stores.taxonomy.listCategories());
}

/** Navigation links for the masthead, cached per settings/taxonomy change. */
export async function loadNavigation(ctx: AppContext): Promise<NavLink[]> {
  const categories = await listCategories(ctx);
  return categories
    .filter((c) => c.parentId === null)
    .map((c) => ({ label: c.name, href: `/category/${c.slug}/` }));
}
