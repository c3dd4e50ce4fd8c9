/** The sections shown in the masthead: top-level categories. */
import type { AppContext } from '../app.js';
import type { NavLink } from '../views/layout.js';

/** Navigation links for the masthead, cached per settings/taxonomy change. */
export async function loadNavigation(ctx: AppContext): Promise<NavLink[]> {
  const categories = await ctx.stores.taxonomy.listCategories();
  return categories
    .filter((c) => c.parentId === null)
    .map((c) => ({ label: c.name, href: `/category/${c.slug}/` }));
}
