/** All SQL about categories (hierarchical) and tags. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Category, Tag } from './article.js';

/** Category and tag persistence. */
export function createTaxonomyStore(db: Kysely<Database>) {
  return {
    async insertCategory(
      input: {
        name: string;
        slug: string;
        description?: string;
        parentId?: number | null;
        sourceId?: string | null;
      },
      trx: Kysely<Database> = db,
    ): Promise<Category> {
      const row = await trx
        .insertInto('categories')
        .values({
          name: input.name,
          slug: input.slug,
          description: input.description ?? '',
          parent_id: input.parentId ?? null,
          source_id: input.sourceId ?? null,
        })
        .returning(['id', 'name', 'slug', 'description', 'parent_id'])
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        name: row.name,
        slug: row.slug,
        description: row.description,
        parentId: row.parent_id,
      };
    },

    async listCategories(): Promise<Category[]> {
      const rows = await db
        .selectFrom('categories')
        .select(['id', 'name', 'slug', 'description', 'parent_id'])
        .orderBy('name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        slug: r.slug,
        description: r.description,
        parentId: r.parent_id,
      }));
    },

    async findCategoryBySlug(slug: string): Promise<Category | undefined> {
      const r = await db
        .selectFrom('categories')
        .select(['id', 'name', 'slug', 'description', 'parent_id'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      return r && { id: r.id, name: r.name, slug: r.slug, description: r.description, parentId: r.parent_id };
    },

    async insertTag(
      input: {
        name: string;
        slug: string;
        description?: string;
        isInternal?: boolean;
        sourceId?: string | null;
      },
      trx: Kysely<Database> = db,
    ): Promise<Tag> {
      const row = await trx
        .insertInto('tags')
        .values({
          name: input.name,
          slug: input.slug,
          description: input.description ?? '',
          is_internal: input.isInternal ? 1 : 0,
          source_id: input.sourceId ?? null,
        })
        .returning(['id', 'name', 'slug', 'description', 'is_internal'])
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        name: row.name,
        slug: row.slug,
        description: row.description,
        isInternal: row.is_internal === 1,
      };
    },

    async listTags(): Promise<Tag[]> {
      const rows = await db
        .selectFrom('tags')
        .select(['id', 'name', 'slug', 'description', 'is_internal'])
        .orderBy('name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        slug: r.slug,
        description: r.description,
        isInternal: r.is_internal === 1,
      }));
    },

    async findTagBySlug(slug: string): Promise<Tag | undefined> {
      const r = await db
        .selectFrom('tags')
        .select(['id', 'name', 'slug', 'description', 'is_internal'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      return (
        r && {
          id: r.id,
          name: r.name,
          slug: r.slug,
          description: r.description,
          isInternal: r.is_internal === 1,
        }
      );
    },
  };
}

export type TaxonomyStore = ReturnType<typeof createTaxonomyStore>;
