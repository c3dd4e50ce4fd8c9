/** All SQL of the related-articles engine: articles as documents, kept lists, exclusions. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ArticlesTable, Database } from '../db/schema.js';
import { htmlToText } from '../text/plain-text.js';
import type { RelatedDocument, RelatedReason } from './related.js';

/** One entry of a kept list as written: the related article, its score and why. */
export interface StoredRelatedEntry {
  articleId: number;
  score: number;
  reason: RelatedReason | null;
}

/** An article's kept list, to replace what is stored. */
export interface StoredRelatedList {
  articleId: number;
  entries: StoredRelatedEntry[];
}

/** A stored candidate with the article row the page needs (the shape the article store summarises). */
export type RelatedCandidateRow = Selectable<ArticlesTable> & {
  category_name: string | null;
  category_slug: string | null;
  rank: number;
  score: number;
  reasons: string;
};

const DOCUMENT_BATCH = 1000;
// Well under SQLite's 32,766 bound parameters at four values per row.
const INSERT_BATCH = 2000;

type DocumentRow = {
  id: number;
  language: string;
  headline: string;
  dek: string;
  body_html: string;
  body_text: string | null;
  category_id: number | null;
  published_at: string | null;
  translation_group: string | null;
  status: string;
  deleted_at: string | null;
  kind: string;
};

/** Related-articles persistence. */
export function createRelatedStore(db: Kysely<Database>) {
  const documentSelect = (trx: Kysely<Database>) =>
    trx
      .selectFrom('articles')
      // The search engine keeps each article's plain text; fall back to the HTML for articles it has not seen.
      .leftJoin('search_documents', 'search_documents.article_id', 'articles.id')
      .select([
        'articles.id as id',
        'articles.language as language',
        'articles.headline as headline',
        'articles.dek as dek',
        'articles.body_html as body_html',
        'search_documents.body as body_text',
        'articles.category_id as category_id',
        'articles.published_at as published_at',
        'articles.translation_group as translation_group',
        'articles.status as status',
        'articles.deleted_at as deleted_at',
        'articles.kind as kind',
      ]);

  async function tagsOf(ids: number[], trx: Kysely<Database>): Promise<Map<number, string[]>> {
    const tags = new Map<number, string[]>();
    if (ids.length === 0) return tags;
    const rows = await trx
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id as article_id', 'tags.slug as slug'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position')
      .execute();
    for (const row of rows) {
      const id = Number(row.article_id);
      tags.set(id, [...(tags.get(id) ?? []), row.slug]);
    }
    return tags;
  }

  function toDocument(row: DocumentRow, tags: string[]): RelatedDocument {
    // Pages, trashed articles and drafts all count as not published for the engine.
    const published = row.kind === 'article' && row.deleted_at === null && row.status === 'published';
    return {
      id: Number(row.id),
      language: row.language,
      headline: row.headline,
      dek: row.dek,
      bodyText: row.body_text ?? htmlToText(row.body_html),
      tags,
      categoryId: row.category_id === null ? null : Number(row.category_id),
      publishedAt: row.published_at ?? '',
      translationGroup: row.translation_group,
      status: published ? 'published' : row.status === 'published' ? 'hidden' : row.status,
    };
  }

  return {
    /** Every published article as a document, read in id order a batch at a time. */
    async *publishedDocuments(trx: Kysely<Database> = db): AsyncGenerator<RelatedDocument> {
      let after = 0;
      for (;;) {
        const rows = (await documentSelect(trx)
          .where('articles.kind', '=', 'article')
          .where('articles.status', '=', 'published')
          .where('articles.deleted_at', 'is', null)
          .where('articles.id', '>', after)
          .orderBy('articles.id')
          .limit(DOCUMENT_BATCH)
          .execute()) as DocumentRow[];
        if (rows.length === 0) return;
        const tags = await tagsOf(
          rows.map((r) => Number(r.id)),
          trx,
        );
        for (const row of rows) yield toDocument(row, tags.get(Number(row.id)) ?? []);
        after = Number(rows.at(-1)!.id);
      }
    },

    /** The ids of the published articles, in id order. */
    async publishedIds(): Promise<number[]> {
      const rows = await db
        .selectFrom('articles')
        .select('id')
        .where('kind', '=', 'article')
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => Number(r.id));
    },

    /** One article as a document, whatever its state (its `status` says whether it is published); null when gone. */
    async document(articleId: number, trx: Kysely<Database> = db): Promise<RelatedDocument | null> {
      const row = (await documentSelect(trx).where('articles.id', '=', articleId).executeTakeFirst()) as
        | DocumentRow
        | undefined;
      if (!row) return null;
      return toDocument(row, (await tagsOf([articleId], trx)).get(articleId) ?? []);
    },

    /** Replaces the stored kept lists of these articles (an empty list deletes). */
    async replaceLists(lists: StoredRelatedList[], trx: Kysely<Database> = db): Promise<void> {
      const ids = lists.map((l) => l.articleId);
      for (let i = 0; i < ids.length; i += INSERT_BATCH) {
        await trx
          .deleteFrom('related_articles')
          .where('article_id', 'in', ids.slice(i, i + INSERT_BATCH))
          .execute();
      }
      const rows = lists.flatMap((list) =>
        list.entries.map((entry, rank) => ({
          article_id: list.articleId,
          related_id: entry.articleId,
          rank: rank + 1,
          score: entry.score,
          reasons: JSON.stringify(entry.reason ?? {}),
        })),
      );
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await trx
          .insertInto('related_articles')
          .values(rows.slice(i, i + INSERT_BATCH))
          .execute();
      }
    },

    /** Deletes every stored kept list (before a rebuild writes them all again). */
    async clearLists(trx: Kysely<Database> = db): Promise<void> {
      await trx.deleteFrom('related_articles').execute();
    },

    /**
     * The stored kept list of an article, best first, joined to the related articles that readers
     * may see at `now`; translations of `translationGroup` are left out. The pin joins the
     * candidates (ranked first) even when the engine did not keep it.
     */
    async candidates(
      articleId: number,
      now: string,
      options: { translationGroup: string | null; pinnedId: number | null },
    ): Promise<RelatedCandidateRow[]> {
      const visible = db
        .selectFrom('articles')
        .leftJoin('categories', 'categories.id', 'articles.category_id')
        .selectAll('articles')
        .select(['categories.name as category_name', 'categories.slug as category_slug'])
        .where('articles.status', '=', 'published')
        .where('articles.deleted_at', 'is', null)
        .where('articles.published_at', '<=', now)
        .where('articles.id', '!=', articleId)
        .where((eb) =>
          options.translationGroup === null
            ? eb.lit(true)
            : eb.or([
                eb('articles.translation_group', 'is', null),
                eb('articles.translation_group', '!=', options.translationGroup),
              ]),
        );
      const kept = visible
        .innerJoin('related_articles', 'related_articles.related_id', 'articles.id')
        .select([
          'related_articles.rank as rank',
          'related_articles.score as score',
          'related_articles.reasons',
        ])
        .where('related_articles.article_id', '=', articleId);
      const rows = (
        options.pinnedId === null
          ? await kept.orderBy('related_articles.rank').execute()
          : await db
              .selectFrom(
                kept
                  .unionAll(
                    visible
                      .select([
                        sql<number>`0`.as('rank'),
                        sql<number>`0`.as('score'),
                        sql<string>`'{}'`.as('reasons'),
                      ])
                      .where('articles.id', '=', options.pinnedId),
                  )
                  .as('candidates'),
              )
              .selectAll()
              .orderBy('rank')
              .execute()
      ) as RelatedCandidateRow[];
      const seen = new Set<number>();
      return rows.filter((row) => !seen.has(Number(row.id)) && seen.add(Number(row.id)));
    },

    /** The stored kept list of an article as the newsroom explains it: each entry's headline, status, score and reasons. */
    async keptList(
      articleId: number,
    ): Promise<
      { articleId: number; headline: string; status: string; score: number; reason: RelatedReason | null }[]
    > {
      const rows = await db
        .selectFrom('related_articles')
        .innerJoin('articles', 'articles.id', 'related_articles.related_id')
        .select([
          'articles.id as id',
          'articles.headline as headline',
          'articles.status as status',
          'related_articles.score as score',
          'related_articles.reasons as reasons',
        ])
        .where('related_articles.article_id', '=', articleId)
        .orderBy('related_articles.rank')
        .execute();
      return rows.map((r) => {
        const reason = JSON.parse(r.reasons) as Partial<RelatedReason>;
        return {
          articleId: Number(r.id),
          headline: r.headline,
          status: r.status,
          score: Number(r.score),
          reason: Array.isArray(reason.sharedTerms) ? (reason as RelatedReason) : null,
        };
      });
    },

    /** The articles an editor never wants offered from `articleId`. */
    async exclusions(articleId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('related_exclusions')
        .select('excluded_id')
        .where('article_id', '=', articleId)
        .execute();
      return rows.map((r) => Number(r.excluded_id));
    },

    /** How many kept-list rows are stored (for the CLI and tests). */
    async countRows(): Promise<number> {
      const row = await db
        .selectFrom('related_articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Article events recorded after `afterEventId` (by any process): the ids they name, and the last event id. */
    async articleEventsSince(
      afterEventId: number,
      trx: Kysely<Database> = db,
    ): Promise<{ articleIds: number[]; lastEventId: number }> {
      const rows = await trx
        .selectFrom('events')
        .select(['id', 'payload'])
        .where('id', '>', afterEventId)
        .where('kind', 'like', 'article.%')
        .orderBy('id')
        .execute();
      const ids = new Set<number>();
      for (const row of rows) {
        const articleId = (JSON.parse(row.payload) as { articleId?: unknown }).articleId;
        if (typeof articleId === 'number') ids.add(articleId);
      }
      return { articleIds: [...ids], lastEventId: rows.length ? Number(rows.at(-1)!.id) : afterEventId };
    },

    /** The id of the latest recorded event (0 when none). */
    async lastEventId(trx: Kysely<Database> = db): Promise<number> {
      const row = await trx
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      return Number(row?.id ?? 0);
    },
  };
}

export type RelatedStore = ReturnType<typeof createRelatedStore>;
