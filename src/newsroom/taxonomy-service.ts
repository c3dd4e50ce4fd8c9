/** Managing categories and tags: create, rename, merge, and delete with reassignment of their articles. */
import type { Category, Tag } from '../articles/article.js';
import type { TaxonomyStore } from '../articles/taxonomy-store.js';
import { Invalid, NotFound } from '../errors.js';
import type { EventStore } from '../jobs/event-store.js';
import { isValidSlug, slugify } from '../text/slug.js';

const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;

/** Taxonomy use cases. */
export function createTaxonomyService(deps: { store: TaxonomyStore; events: EventStore }) {
  const { store } = deps;

  // Public archives and navigation are built from categories and tags; caches listen for this.
  const changed = () => deps.events.record('taxonomy.changed', {});

  function checkNameAndSlug(input: { name: string; slug: string }): { name: string; slug: string } {
    const errors: Record<string, string> = {};
    const name = input.name.trim();
    const slug = input.slug.trim() || slugify(name, '');
    if (!name) errors.name = 'A name is required.';
    else if (name.length > MAX_NAME) errors.name = `Names are limited to ${MAX_NAME} characters.`;
    if (name && !isValidSlug(slug))
      errors.slug = 'The slug may use only lowercase letters, digits and single hyphens.';
    if (Object.keys(errors).length) throw new Invalid(errors);
    return { name, slug };
  }

  async function category(id: number): Promise<Category> {
    const found = await store.findCategoryById(id);
    if (!found) throw new NotFound('That category does not exist.');
    return found;
  }

  async function tag(id: number): Promise<Tag> {
    const found = await store.findTagById(id);
    if (!found) throw new NotFound('That tag does not exist.');
    return found;
  }

  async function checkParent(id: number | null, parentId: number | null): Promise<void> {
    if (parentId === null) return;
    const all = await store.listCategories();
    if (!all.some((c) => c.id === parentId))
      throw new Invalid({ parentId: 'Choose one of the categories offered.' });
    // Walking up from the new parent must not reach the category itself (no cycles).
    for (let at: number | null = parentId; at !== null; at = all.find((c) => c.id === at)?.parentId ?? null) {
      if (at === id)
        throw new Invalid({ parentId: 'A category cannot sit inside itself or its own subcategories.' });
    }
  }

  return {
    category,
    tag,

    async createCategory(input: {
      name: string;
      slug: string;
      description: string;
      parentId: number | null;
    }): Promise<Category> {
      const { name, slug } = checkNameAndSlug(input);
      if (await store.findCategoryBySlug(slug))
        throw new Invalid({ slug: `The slug "${slug}" is already used.` });
      await checkParent(null, input.parentId);
      const created = await store.insertCategory({
        name,
        slug,
        description: input.description.trim().slice(0, MAX_DESCRIPTION),
        parentId: input.parentId,
      });
      await changed();
      return created;
    },

    async updateCategory(
      id: number,
      input: { name: string; slug: string; description: string; parentId: number | null },
    ): Promise<void> {
      await category(id);
      const { name, slug } = checkNameAndSlug(input);
      const other = await store.findCategoryBySlug(slug);
      if (other && other.id !== id) throw new Invalid({ slug: `The slug "${slug}" is already used.` });
      await checkParent(id, input.parentId);
      await store.updateCategory(id, {
        name,
        slug,
        description: input.description.trim().slice(0, MAX_DESCRIPTION),
        parentId: input.parentId,
      });
      await changed();
    },

    /** Deletes a category; its articles and subcategories move to `replacementId` (or to no category). */
    async deleteCategory(id: number, replacementId: number | null): Promise<void> {
      await category(id);
      if (replacementId === id)
        throw new Invalid({ replacementId: 'Choose another category to move the articles to.' });
      if (replacementId !== null) await category(replacementId);
      await store.deleteCategory(id, replacementId);
      await changed();
    },

    async createTag(input: { name: string; slug: string; description: string }): Promise<Tag> {
      const { name, slug } = checkNameAndSlug(input);
      if (await store.findTagBySlug(slug)) throw new Invalid({ slug: `The slug "${slug}" is already used.` });
      const created = await store.insertTag({
        name,
        slug,
        description: input.description.trim().slice(0, MAX_DESCRIPTION),
      });
      await changed();
      return created;
    },

    async updateTag(id: number, input: { name: string; slug: string; description: string }): Promise<void> {
      await tag(id);
      const { name, slug } = checkNameAndSlug(input);
      const other = await store.findTagBySlug(slug);
      if (other && other.id !== id)
        throw new Invalid({
          slug: `The slug "${slug}" is already used by the tag “${other.name}”. Merge them instead.`,
        });
      await store.updateTag(id, {
        name,
        slug,
        description: input.description.trim().slice(0, MAX_DESCRIPTION),
      });
      await changed();
    },

    /** Moves every article of tag `fromId` to `intoId` and deletes `fromId`. */
    async mergeTags(fromId: number, intoId: number): Promise<void> {
      await tag(fromId);
      await tag(intoId);
      if (fromId === intoId) throw new Invalid({ intoId: 'Choose another tag to merge into.' });
      await store.mergeTags(fromId, intoId);
      await changed();
    },

    /** Deletes a tag; with `replacementId`, its articles get that tag instead (a merge). */
    async deleteTag(id: number, replacementId: number | null): Promise<void> {
      if (replacementId !== null) return this.mergeTags(id, replacementId);
      await tag(id);
      await store.deleteTag(id);
      await changed();
    },
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
