/** All SQL about media items and where they are used. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, MediaTable } from '../db/schema.js';
import { type MediaItem, type MediaVariant, mediaUrl } from './media.js';

function toMedia(row: Selectable<MediaTable>): MediaItem {
  return {
    id: row.id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    altText: row.alt_text,
    caption: row.caption,
    credit: row.credit,
    url: row.storage_path ? mediaUrl(row.storage_path) : (row.source_url ?? ''),
    storagePath: row.storage_path,
    variants: JSON.parse(row.variants) as MediaVariant[],
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

/** An article that uses a media item. */
export interface MediaUse {
  articleId: number;
  headline: string;
}

/** Media persistence. */
export function createMediaStore(db: Kysely<Database>) {
  return {
    async insert(input: {
      fileName: string;
      mimeType: string;
      byteSize: number;
      width: number;
      height: number;
      altText: string;
      caption: string;
      credit: string;
      storagePath: string;
      variants: MediaVariant[];
      uploadedBy: number | null;
    }): Promise<MediaItem> {
      const row = await db
        .insertInto('media')
        .values({
          file_name: input.fileName,
          mime_type: input.mimeType,
          byte_size: input.byteSize,
          width: input.width,
          height: input.height,
          alt_text: input.altText,
          caption: input.caption,
          credit: input.credit,
          storage_path: input.storagePath,
          variants: JSON.stringify(input.variants),
          uploaded_by: input.uploadedBy,
          created_at: new Date().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMedia(row);
    },

    async findById(id: number): Promise<MediaItem | undefined> {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toMedia(row);
    },

    async findByIds(ids: number[]): Promise<MediaItem[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
      return rows.map(toMedia);
    },

    /** The item stored at `path` (the original), if any. */
    async findByStoragePath(path: string): Promise<MediaItem | undefined> {
      const row = await db
        .selectFrom('media')
        .selectAll()
        .where('storage_path', '=', path)
        .executeTakeFirst();
      return row && toMedia(row);
    },

    async updateDetails(
      id: number,
      details: { altText: string; caption: string; credit: string },
    ): Promise<void> {
      await db
        .updateTable('media')
        .set({ alt_text: details.altText, caption: details.caption, credit: details.credit })
        .where('id', '=', id)
        .execute();
    },

    /** Newest first; `search` matches file name, alt text, caption or credit (case-insensitive). */
    async list(
      search: string,
      limit: number,
      offset: number,
    ): Promise<{ items: MediaItem[]; total: number }> {
      let query = db.selectFrom('media');
      // LIKE wildcards are dropped rather than escaped: SQLite and PostgreSQL escape differently.
      const term = search
        .replace(/[\\%_]/g, ' ')
        .trim()
        .toLowerCase();
      if (term) {
        const pattern = `%${term}%`;
        query = query.where((eb) =>
          eb.or(
            (['file_name', 'alt_text', 'caption', 'credit'] as const).map((column) =>
              eb(eb.fn('lower', [column]), 'like', eb.val(pattern)),
            ),
          ),
        );
      }
      const [rows, count] = await Promise.all([
        query
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toMedia), total: Number(count.n) };
    },

    /**
     * Articles (including drafts and trashed ones, which may be restored) that
     * use the item: as featured image, or by a URL of any of its files in the body.
     */
    async usesOf(item: Pick<MediaItem, 'id' | 'storagePath'>): Promise<MediaUse[]> {
      const stem = item.storagePath ? mediaUrl(item.storagePath).replace(/\.[a-z]+$/, '') : null;
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'headline'])
        .where((eb) => {
          const uses = [eb('featured_media_id', '=', item.id)];
          // The stem holds only [a-z0-9/-], so it needs no LIKE escaping.
          if (stem) {
            uses.push(eb('body_source', 'like', `%${stem}%`));
            uses.push(eb('featured_image_url', 'like', `%${stem}%`));
          }
          return eb.or(uses);
        })
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ articleId: r.id, headline: r.headline }));
    },

    async delete(id: number): Promise<void> {
      await db.deleteFrom('media').where('id', '=', id).execute();
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
