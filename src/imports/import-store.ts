/**
 * All SQL of importing WordPress and Ghost content: find what an earlier import wrote (by source id,
 * slug or source URL) and insert authors, terms, media, articles, comments and redirects. Every method
 * takes the import's transaction.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ArticlesTable, CommentsTable, Database, MediaTable } from '../db/schema.js';

/** An article an earlier import (or this one) wrote. */
export interface ImportedArticleRef {
  id: number;
  slug: string;
  kind: string;
}

/** Import persistence. */
export function createImportStore(db: Kysely<Database>) {
  return {
    /** How many articles and pages the site has (none: settings may be taken from the file). */
    async countArticles(trx: Kysely<Database> = db): Promise<number> {
      const row = await trx
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** One saved site setting (its JSON value), or undefined when never saved. */
    async findSetting(key: string, trx: Kysely<Database> = db): Promise<unknown> {
      const row = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? JSON.parse(row.value) : undefined;
    },

    /** Saves site settings (JSON values, as the settings store keeps them). */
    async saveSettings(values: Record<string, unknown>, trx: Kysely<Database> = db): Promise<void> {
      for (const [key, value] of Object.entries(values)) {
        const json = JSON.stringify(value);
        await trx
          .insertInto('settings')
          .values({ key, value: json })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
          .execute();
      }
    },

    async findAuthorIdBySource(sourceId: string, trx: Kysely<Database> = db): Promise<number | undefined> {
      const row = await trx
        .selectFrom('authors')
        .select('id')
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row?.id;
    },

    async isAuthorSlugTaken(slug: string, trx: Kysely<Database> = db): Promise<boolean> {
      return (
        (await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst()) !==
        undefined
      );
    },

    async insertAuthor(
      input: { name: string; slug: string; bio: string; sourceId: string; createdAt: string },
      trx: Kysely<Database> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('authors')
        .values({
          name: input.name,
          slug: input.slug,
          bio: input.bio,
          source_id: input.sourceId,
          created_at: input.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async findUserByEmail(
      email: string,
      trx: Kysely<Database> = db,
    ): Promise<{ id: number; authorId: number | null } | undefined> {
      const row = await trx
        .selectFrom('users')
        .select(['id', 'author_id'])
        .where('email', '=', email)
        .executeTakeFirst();
      return row && { id: row.id, authorId: row.author_id };
    },

    /** Adds an account without a password: the person sets one through a password reset. */
    async insertUser(
      input: { email: string; displayName: string; role: string; authorId: number; createdAt: string },
      trx: Kysely<Database> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('users')
        .values({
          email: input.email,
          display_name: input.displayName,
          role: input.role,
          password_hash: null,
          author_id: input.authorId,
          created_at: input.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async linkUserToAuthor(userId: number, authorId: number, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('users').set({ author_id: authorId }).where('id', '=', userId).execute();
    },

    /** A category by source id, else by slug (an existing category of the same slug is the same section). */
    async findCategory(
      sourceId: string,
      slug: string,
      trx: Kysely<Database> = db,
    ): Promise<{ id: number; slug: string } | undefined> {
      return (
        (await trx
          .selectFrom('categories')
          .select(['id', 'slug'])
          .where('source_id', '=', sourceId)
          .executeTakeFirst()) ??
        (await trx
          .selectFrom('categories')
          .select(['id', 'slug'])
          .where('slug', '=', slug)
          .executeTakeFirst())
      );
    },

    async insertCategory(
      input: { name: string; slug: string; description: string; parentId: number | null; sourceId: string },
      trx: Kysely<Database> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('categories')
        .values({
          name: input.name,
          slug: input.slug,
          description: input.description,
          parent_id: input.parentId,
          source_id: input.sourceId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async setCategoryParent(id: number, parentId: number, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('categories').set({ parent_id: parentId }).where('id', '=', id).execute();
    },

    /** A tag by source id, else by slug. */
    async findTag(
      sourceId: string,
      slug: string,
      trx: Kysely<Database> = db,
    ): Promise<{ id: number; slug: string } | undefined> {
      return (
        (await trx
          .selectFrom('tags')
          .select(['id', 'slug'])
          .where('source_id', '=', sourceId)
          .executeTakeFirst()) ??
        (await trx.selectFrom('tags').select(['id', 'slug']).where('slug', '=', slug).executeTakeFirst())
      );
    },

    async insertTag(
      input: { name: string; slug: string; description: string; isInternal: boolean; sourceId: string },
      trx: Kysely<Database> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('tags')
        .values({
          name: input.name,
          slug: input.slug,
          description: input.description,
          is_internal: input.isInternal ? 1 : 0,
          source_id: input.sourceId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** A media item by the URL it was imported from. */
    async findMediaBySourceUrl(
      url: string,
      trx: Kysely<Database> = db,
    ): Promise<{ id: number; storagePath: string | null } | undefined> {
      const row = await trx
        .selectFrom('media')
        .select(['id', 'storage_path'])
        .where('source_url', '=', url)
        .orderBy('id')
        .executeTakeFirst();
      return row && { id: row.id, storagePath: row.storage_path };
    },

    async insertMedia(values: Insertable<MediaTable>, trx: Kysely<Database> = db): Promise<number> {
      const row = await trx.insertInto('media').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async findArticleBySource(
      sourceId: string,
      trx: Kysely<Database> = db,
    ): Promise<ImportedArticleRef | undefined> {
      return trx
        .selectFrom('articles')
        .select(['id', 'slug', 'kind'])
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
    },

    async isArticleSlugTaken(slug: string, trx: Kysely<Database> = db): Promise<boolean> {
      return (
        (await trx.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst()) !==
        undefined
      );
    },

    /** Inserts an article with its bylines, tags and first revision. */
    async insertArticle(
      values: Insertable<ArticlesTable>,
      links: { authorIds: number[]; tagIds: number[]; revisionAt: string },
      trx: Kysely<Database> = db,
    ): Promise<number> {
      const { id } = await trx
        .insertInto('articles')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      const authorIds = [...new Set(links.authorIds)];
      if (authorIds.length) {
        await trx
          .insertInto('article_authors')
          .values(authorIds.map((authorId, position) => ({ article_id: id, author_id: authorId, position })))
          .execute();
      }
      const tagIds = [...new Set(links.tagIds)];
      if (tagIds.length) {
        await trx
          .insertInto('article_tags')
          .values(tagIds.map((tagId, position) => ({ article_id: id, tag_id: tagId, position })))
          .execute();
      }
      await trx
        .insertInto('revisions')
        .values({
          article_id: id,
          user_id: null,
          created_at: links.revisionAt,
          headline: values.headline,
          dek: values.dek ?? '',
          body_source: values.body_source ?? '',
          excerpt: values.excerpt ?? '',
          snapshot: JSON.stringify({
            slug: values.slug,
            categoryId: values.category_id ?? null,
            tags: tagIds,
            status: values.status,
            imported: true,
          }),
        })
        .execute();
      return id;
    },

    async findArticleBody(
      id: number,
      trx: Kysely<Database> = db,
    ): Promise<{ bodySource: string; featuredImageUrl: string | null } | undefined> {
      const row = await trx
        .selectFrom('articles')
        .select(['body_source', 'featured_image_url'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { bodySource: row.body_source, featuredImageUrl: row.featured_image_url };
    },

    async updateArticle(
      id: number,
      values: Updateable<ArticlesTable>,
      trx: Kysely<Database> = db,
    ): Promise<void> {
      await trx.updateTable('articles').set(values).where('id', '=', id).execute();
    },

    /** The first revision of an imported article follows its body when galleries or media links are resolved. */
    async updateFirstRevisionBody(
      articleId: number,
      bodySource: string,
      excerpt: string,
      trx: Kysely<Database> = db,
    ): Promise<void> {
      const first = await trx
        .selectFrom('revisions')
        .select('id')
        .where('article_id', '=', articleId)
        .orderBy('id')
        .executeTakeFirst();
      if (first) {
        await trx
          .updateTable('revisions')
          .set({ body_source: bodySource, excerpt })
          .where('id', '=', first.id)
          .execute();
      }
    },

    /** Bodies and featured images of the given articles, for rewriting media URLs after download. */
    async listArticleBodies(
      ids: number[],
      trx: Kysely<Database> = db,
    ): Promise<{ id: number; bodySource: string; featuredImageUrl: string | null }[]> {
      if (ids.length === 0) return [];
      const rows = await trx
        .selectFrom('articles')
        .select(['id', 'body_source', 'featured_image_url'])
        .where('id', 'in', ids)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        bodySource: r.body_source,
        featuredImageUrl: r.featured_image_url,
      }));
    },

    async findCommentIdBySource(sourceId: string, trx: Kysely<Database> = db): Promise<number | undefined> {
      const row = await trx
        .selectFrom('comments')
        .select('id')
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row?.id;
    },

    async insertComment(values: Insertable<CommentsTable>, trx: Kysely<Database> = db): Promise<number> {
      const row = await trx.insertInto('comments').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async setCommentParent(id: number, parentId: number, trx: Kysely<Database> = db): Promise<void> {
      await trx.updateTable('comments').set({ parent_id: parentId }).where('id', '=', id).execute();
    },

    /** Adds or replaces the permanent redirect from an old path. */
    async upsertRedirect(fromPath: string, toPath: string, trx: Kysely<Database> = db): Promise<void> {
      await trx
        .insertInto('redirects')
        .values({
          from_path: fromPath,
          to_path: toPath,
          status_code: 301,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: toPath, status_code: 301 }))
        .execute();
    },

    /** Where an old path now lives, for the front page's `?p=` links. */
    async findRedirect(fromPath: string): Promise<{ toPath: string; statusCode: number } | undefined> {
      const row = await db
        .selectFrom('redirects')
        .select(['to_path', 'status_code'])
        .where('from_path', '=', fromPath)
        .executeTakeFirst();
      return row && { toPath: row.to_path, statusCode: row.status_code };
    },
  };
}

export type ImportStore = ReturnType<typeof createImportStore>;
