/**
 * Keeps the stored related lists in step with published articles: holds the in-memory index of
 * the process that handles outbox events, applies article changes to it, and saves the kept lists
 * that changed (with a `related.changed` event, so cached pages showing them are dropped).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { EventStore } from '../jobs/event-store.js';
import { RELATED_LIST_SIZE, type RelatedArticle } from './related.js';
import { createRelatedIndex, type RelatedIndex } from './related-index.js';
import type { RelatedStore, StoredRelatedList } from './related-store.js';

/** Progress of a rebuild: what it is doing and how far it got. */
export interface RebuildProgress {
  phase: 'loading' | 'ranking' | 'saving';
  done: number;
  total: number | null;
}

/** What a rebuild did. */
export interface RebuildSummary {
  articles: number;
  rows: number;
  ms: number;
}

// Lists are saved in transactions of this many articles, so a rebuild never holds one huge transaction open.
const SAVE_BATCH = 500;

/** The related-articles service of one process. */
export function createRelatedService(deps: {
  db: Kysely<Database>;
  store: RelatedStore;
  events: EventStore;
  now?: () => number;
  threads?: number;
}) {
  const { db, store, events } = deps;
  let index: RelatedIndex | null = null;
  // Article events up to this id are reflected in the index (whichever process recorded or handled them).
  let seenEventId = 0;
  // One change at a time: the index is not safe for overlapping updates.
  let queue: Promise<unknown> = Promise.resolve();

  function serially<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  }

  function newIndex(): RelatedIndex {
    return createRelatedIndex({ now: deps.now, threads: deps.threads });
  }

  async function loadIndex(onProgress?: (progress: RebuildProgress) => void): Promise<RelatedIndex> {
    const fresh = newIndex();
    // Events recorded while loading are replayed on the next change; replaying is harmless.
    seenEventId = await store.lastEventId();
    let loaded = 0;
    async function* counted() {
      for await (const doc of store.publishedDocuments()) {
        loaded++;
        if (loaded % 1000 === 0) onProgress?.({ phase: 'loading', done: loaded, total: null });
        yield doc;
      }
    }
    await fresh.rebuildAll(counted());
    return fresh;
  }

  async function indexFor(eventId: number | undefined): Promise<RelatedIndex> {
    if (index !== null) return index;
    index = await loadIndex();
    // The event being handled is already in the loaded index, but its lists were never saved: replay it.
    if (eventId !== undefined) seenEventId = Math.min(seenEventId, eventId - 1);
    return index;
  }

  /** The kept list of an indexed article with the reasons for each entry. */
  function listWithReasons(idx: RelatedIndex, articleId: number): StoredRelatedList {
    const kept = idx.relatedList(articleId);
    if (kept.length === 0) return { articleId, entries: [] };
    const explained = new Map<number, RelatedArticle>(
      idx.topRelated(articleId, RELATED_LIST_SIZE).map((r) => [r.articleId, r]),
    );
    return {
      articleId,
      entries: kept.map((e) => ({
        articleId: e.articleId,
        score: e.score,
        reason: explained.get(e.articleId)?.reason ?? null,
      })),
    };
  }

  /** Brings the index up to date with every article event since the last look; returns the lists to save. */
  async function catchUp(idx: RelatedIndex): Promise<StoredRelatedList[]> {
    const { articleIds, lastEventId } = await store.articleEventsSince(seenEventId);
    const touched = new Set<number>();
    for (const id of articleIds) {
      const doc = await store.document(id);
      const change = doc ? idx.add(doc) : idx.remove(id);
      touched.add(id);
      for (const other of change.changedArticleIds) touched.add(other);
    }
    seenEventId = lastEventId;
    return [...touched].map((id) =>
      idx.has(id) ? listWithReasons(idx, id) : { articleId: id, entries: [] },
    );
  }

  async function save(lists: StoredRelatedList[]): Promise<void> {
    if (lists.length === 0) return;
    await db.transaction().execute(async (trx) => {
      await store.replaceLists(lists, trx);
      await events.record('related.changed', { articleIds: lists.map((l) => l.articleId) }, trx);
    });
  }

  return {
    /**
     * Applies article changes recorded since the last call (by this or any other process) and saves
     * the kept lists they changed; builds the index from the database on first use.
     */
    articlesChanged(eventId?: number): Promise<number[]> {
      return serially(async () => {
        const lists = await catchUp(await indexFor(eventId));
        await save(lists);
        return lists.map((l) => l.articleId);
      });
    },

    /** Reads every published article, recomputes every kept list and replaces all stored lists. */
    rebuildAll(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildSummary> {
      return serially(async () => {
        const started = performance.now();
        onProgress?.({ phase: 'loading', done: 0, total: null });
        const fresh = await loadIndex(onProgress);
        index = fresh;
        const ids = (await store.publishedIds()).filter((id) => fresh.has(id));
        let rows = 0;
        await db.transaction().execute(async (trx) => {
          await store.clearLists(trx);
        });
        for (let i = 0; i < ids.length; i += SAVE_BATCH) {
          onProgress?.({ phase: 'ranking', done: i, total: ids.length });
          const lists = ids.slice(i, i + SAVE_BATCH).map((id) => listWithReasons(fresh, id));
          rows += lists.reduce((n, l) => n + l.entries.length, 0);
          onProgress?.({ phase: 'saving', done: i, total: ids.length });
          await db.transaction().execute((trx) => store.replaceLists(lists, trx));
        }
        onProgress?.({ phase: 'saving', done: ids.length, total: ids.length });
        await events.record('related.changed', { all: true });
        return { articles: ids.length, rows, ms: performance.now() - started };
      });
    },
  };
}

export type RelatedService = ReturnType<typeof createRelatedService>;
