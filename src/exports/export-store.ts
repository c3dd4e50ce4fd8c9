/**
 * All SQL of exporting: every row of a backup table in key order, a page at a time (constant memory),
 * and the joined shapes a WordPress export needs per batch of articles.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { SITE_BACKUP_KEYS, type SiteBackupTable, WITHHELD_COLUMNS } from './site-backup.js';

const PAGE_SIZE = 500;

type Row = Record<string, unknown>;

/** An author as a WordPress export lists them, with the email of their account if they have one. */
export interface ExportAuthor {
  id: number;
  name: string;
  slug: string;
  email: string | null;
}

/** An article with what WXR puts on its item. */
export interface ExportArticle {
  id: number;
  kind: string;
  headline: string;
  slug: string;
  dek: string;
  bodyHtml: string;
  status: string;
  submittedForReview: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  commentsOpen: boolean;
  sticky: boolean;
  featuredMediaId: number | null;
  featuredImageUrl: string | null;
  category: { slug: string; name: string } | null;
  tags: { slug: string; name: string }[];
  authorSlugs: string[];
  comments: ExportComment[];
}

/** A comment as WXR carries it. */
export interface ExportComment {
  id: number;
  parentId: number | null;
  status: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  body: string;
  createdAt: string;
  userId: number | null;
}

/** Export queries. */
export function createExportStore(db: Kysely<Database>) {
  // Table names come from the fixed backup list, never from input; the typed builder cannot name them generically.
  const loose = db as unknown as Kysely<Record<string, Row>>;

  return {
    /** Every row of `table` in key order, fetched a page at a time; withheld columns removed. */
    async *rows(table: SiteBackupTable): AsyncGenerator<Row> {
      const keys = SITE_BACKUP_KEYS[table];
      const withheld = WITHHELD_COLUMNS[table] ?? [];
      let after: unknown[] | null = null;
      for (;;) {
        let query = loose.selectFrom(table).selectAll();
        if (after) {
          const last = after;
          query =
            keys.length === 1
              ? query.where(keys[0]!, '>', last[0])
              : query.where((eb) =>
                  eb(eb.refTuple(keys[0]!, keys[1]!), '>', eb.tuple(last[0] as number, last[1] as number)),
                );
        }
        for (const key of keys) query = query.orderBy(key);
        const page = await query.limit(PAGE_SIZE).execute();
        for (const row of page) {
          for (const column of withheld) delete row[column];
          yield row;
        }
        if (page.length < PAGE_SIZE) return;
        const lastRow = page[page.length - 1]!;
        after = keys.map((k) => lastRow[k]);
      }
    },

    /** Saved settings as key → parsed value. */
    async settings(): Promise<Record<string, unknown>> {
      const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
      return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    },

    async authors(): Promise<ExportAuthor[]> {
      const rows = await db
        .selectFrom('authors')
        .leftJoin('users', 'users.author_id', 'authors.id')
        .select(['authors.id', 'authors.name', 'authors.slug', 'users.email'])
        .orderBy('authors.id')
        .execute();
      const seen = new Set<number>();
      return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
    },

    async categories(): Promise<
      { id: number; name: string; slug: string; description: string; parentSlug: string | null }[]
    > {
      const rows = await db
        .selectFrom('categories as c')
        .leftJoin('categories as p', 'p.id', 'c.parent_id')
        .select(['c.id', 'c.name', 'c.slug', 'c.description', 'p.slug as parentSlug'])
        .orderBy('c.id')
        .execute();
      return rows;
    },

    async tags(): Promise<{ id: number; name: string; slug: string; description: string }[]> {
      return db.selectFrom('tags').select(['id', 'name', 'slug', 'description']).orderBy('id').execute();
    },

    /** Media items a page at a time. */
    async *media(): AsyncGenerator<{
      id: number;
      fileName: string;
      mimeType: string;
      altText: string;
      caption: string;
      sourceUrl: string | null;
      storagePath: string | null;
      createdAt: string;
    }> {
      let after = 0;
      for (;;) {
        const page = await db
          .selectFrom('media')
          .select([
            'id',
            'file_name',
            'mime_type',
            'alt_text',
            'caption',
            'source_url',
            'storage_path',
            'created_at',
          ])
          .where('id', '>', after)
          .orderBy('id')
          .limit(PAGE_SIZE)
          .execute();
        for (const m of page) {
          yield {
            id: m.id,
            fileName: m.file_name,
            mimeType: m.mime_type,
            altText: m.alt_text,
            caption: m.caption,
            sourceUrl: m.source_url,
            storagePath: m.storage_path,
            createdAt: m.created_at,
          };
        }
        if (page.length < PAGE_SIZE) return;
        after = page[page.length - 1]!.id;
      }
    },

    /** The highest article id, so attachment ids in a WXR file can be placed after every article's. */
    async maxArticleId(): Promise<number> {
      const row = await db
        .selectFrom('articles')
        .select(sql<number>`coalesce(max(id), 0)`.as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Articles and pages with their terms, bylines and comments, a page at a time. */
    async *articles(): AsyncGenerator<ExportArticle> {
      let after = 0;
      for (;;) {
        const page = await db
          .selectFrom('articles')
          .leftJoin('categories', 'categories.id', 'articles.category_id')
          .select([
            'articles.id',
            'articles.kind',
            'articles.headline',
            'articles.slug',
            'articles.dek',
            'articles.body_html',
            'articles.status',
            'articles.submitted_for_review',
            'articles.published_at',
            'articles.created_at',
            'articles.updated_at',
            'articles.deleted_at',
            'articles.comments_open',
            'articles.sticky',
            'articles.featured_media_id',
            'articles.featured_image_url',
            'categories.slug as category_slug',
            'categories.name as category_name',
          ])
          .where('articles.id', '>', after)
          .orderBy('articles.id')
          .limit(PAGE_SIZE)
          .execute();
        if (page.length === 0) return;
        const ids = page.map((a) => a.id);
        const [tags, bylines, comments] = await Promise.all([
          db
            .selectFrom('article_tags')
            .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
            .select(['article_tags.article_id', 'tags.slug', 'tags.name'])
            .where('article_tags.article_id', 'in', ids)
            .orderBy('article_tags.article_id')
            .orderBy('article_tags.position')
            .execute(),
          db
            .selectFrom('article_authors')
            .innerJoin('authors', 'authors.id', 'article_authors.author_id')
            .select(['article_authors.article_id', 'authors.slug'])
            .where('article_authors.article_id', 'in', ids)
            .orderBy('article_authors.article_id')
            .orderBy('article_authors.position')
            .execute(),
          db
            .selectFrom('comments')
            .select([
              'id',
              'article_id',
              'parent_id',
              'status',
              'author_name',
              'author_email',
              'author_url',
              'author_ip',
              'body',
              'created_at',
              'user_id',
            ])
            .where('article_id', 'in', ids)
            .orderBy('id')
            .execute(),
        ]);
        for (const a of page) {
          yield {
            id: a.id,
            kind: a.kind,
            headline: a.headline,
            slug: a.slug,
            dek: a.dek,
            bodyHtml: a.body_html,
            status: a.status,
            submittedForReview: a.submitted_for_review === 1,
            publishedAt: a.published_at,
            createdAt: a.created_at,
            updatedAt: a.updated_at,
            deletedAt: a.deleted_at,
            commentsOpen: a.comments_open === 1,
            sticky: a.sticky === 1,
            featuredMediaId: a.featured_media_id,
            featuredImageUrl: a.featured_image_url,
            category: a.category_slug
              ? { slug: a.category_slug, name: a.category_name ?? a.category_slug }
              : null,
            tags: tags.filter((t) => t.article_id === a.id).map((t) => ({ slug: t.slug, name: t.name })),
            authorSlugs: bylines.filter((b) => b.article_id === a.id).map((b) => b.slug),
            comments: comments
              .filter((c) => c.article_id === a.id)
              .map((c) => ({
                id: c.id,
                parentId: c.parent_id,
                status: c.status,
                authorName: c.author_name,
                authorEmail: c.author_email,
                authorUrl: c.author_url,
                authorIp: c.author_ip,
                body: c.body,
                createdAt: c.created_at,
                userId: c.user_id,
              })),
          };
        }
        after = ids[ids.length - 1]!;
      }
    },
  };
}

export type ExportStore = ReturnType<typeof createExportStore>;
