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

    async findCategoryById(id: number): Promise<Category | undefined> {
      const r = await db
        .selectFrom('categories')
        .select(['id', 'name', 'slug', 'description', 'parent_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r && { id: r.id, name: r.name, slug: r.slug, description: r.description, parentId: r.parent_id };
    },

    async findTagById(id: number): Promise<Tag | undefined> {
      const r = await db
        .selectFrom('tags')
        .select(['id', 'name', 'slug', 'description', 'is_internal'])
        .where('id', '=', id)
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

    async updateCategory(
      id: number,
      input: { name: string; slug: string; description: string; parentId: number | null },
    ): Promise<void> {
      await db
        .updateTable('categories')
        .set({
          name: input.name,
          slug: input.slug,
          description: input.description,
          parent_id: input.parentId,
        })
        .where('id', '=', id)
        .execute();
    },

    async updateTag(id: number, input: { name: string; slug: string; description: string }): Promise<void> {
      await db
        .updateTable('tags')
        .set({ name: input.name, slug: input.slug, description: input.description })
        .where('id', '=', id)
        .execute();
    },

    /** Articles (any status) per category id. */
    async countArticlesByCategory(): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('articles')
        .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('category_id', 'is not', null)
        .groupBy('category_id')
        .execute();
      return new Map(rows.map((r) => [r.category_id!, Number(r.n)]));
    },

    /** Articles (any status) per tag id. */
    async countArticlesByTag(): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('article_tags')
        .select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('tag_id')
        .execute();
      return new Map(rows.map((r) => [r.tag_id, Number(r.n)]));
    },

    /** Deletes a category, moving its articles and subcategories to `replacementId` (or none). */
    async deleteCategory(id: number, replacementId: number | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('articles')
          .set({ category_id: replacementId })
          .where('category_id', '=', id)
          .execute();
        await trx
          .updateTable('categories')
          .set({ parent_id: replacementId })
          .where('parent_id', '=', id)
          .execute();
        await trx.deleteFrom('categories').where('id', '=', id).execute();
      });
    },

    /** Merges tag `fromId` into `intoId`: its articles get `intoId` (once), then `fromId` is deleted. */
    async mergeTags(fromId: number, intoId: number): Promise<void> {
      if (fromId === intoId) return;
      await db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('article_tags')
          .select(['article_id', 'position'])
          .where('tag_id', '=', fromId)
          .execute();
        const already = new Set(
          (
            await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', intoId).execute()
          ).map((r) => r.article_id),
        );
        const moving = rows.filter((r) => !already.has(r.article_id));
        if (moving.length) {
          await trx
            .insertInto('article_tags')
            .values(moving.map((r) => ({ article_id: r.article_id, tag_id: intoId, position: r.position })))
            .execute();
        }
        await trx.deleteFrom('article_tags').where('tag_id', '=', fromId).execute();
        await trx.deleteFrom('tags').where('id', '=', fromId).execute();
      });
    },

    /** Deletes a tag (articles simply lose it). */
    async deleteTag(id: number): Promise<void> {
      await db.deleteFrom('tags').where('id', '=', id).execute();
    },
  };
}

export type TaxonomyStore = ReturnType<typeof createTaxonomyStore>;
