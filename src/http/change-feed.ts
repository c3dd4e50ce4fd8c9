/**
 * The change feed of one process: it takes the outbox events committed by
 * any process on the database and tells its subscribers (the page cache, the
 * cached settings) what they make stale. Every request catches up first, so
 * a change is visible to the next request in every worker.
 */
import type { ChangeSource } from '../db/change-store.js';
import { type Change, type ChangeScope, everythingScope, scopeOfChanges } from './change-scope.js';

/** Receives each batch of changes with its scope. */
export type ChangeListener = (scope: ChangeScope, changes: readonly Change[]) => void;

/** What caches use of the feed. */
export interface ChangeFeed {
  /**
   * Applies every change committed so far: synchronous and a few microseconds when nothing changed; a promise
   * when this process's own recent changes must first be read back (PostgreSQL, until their NOTIFY arrives).
   */
  catchUp(): void | Promise<void>;
  /** Registers `listener`; returns a function that removes it. */
  subscribe(listener: ChangeListener): () => void;
  /** Starts listening (a dedicated connection on PostgreSQL). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the feed of one process over `source`. */
export function createChangeFeed(source: ChangeSource): ChangeFeed {
  const listeners = new Set<ChangeListener>();

  function publish(scope: ChangeScope, changes: readonly Change[]): void {
    for (const listener of listeners) listener(scope, changes);
  }

  function apply(changes: Change[] | null): void {
    if (changes === null) publish(everythingScope(), []);
    else if (changes.length > 0) publish(scopeOfChanges(changes), changes);
  }

  function catchUp(): void | Promise<void> {
    const taken = source.take();
    if (taken instanceof Promise) return taken.then(apply);
    apply(taken);
  }

  return {
    catchUp,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () =>
      source.start(() => {
        // A notice needs no read-back of its own; a failed one is retried by the next request's catch-up.
        catchUp()?.catch(() => {});
      }),
    stop: () => source.close(),
  };
}

/** What a remembered value depends on: site-wide settings and taxonomy, or also which articles are published. */
export type StaleOn = 'site' | 'articles';

/** Values derived from the database, each kept until a change makes it stale. */
export interface ChangeMemo {
  /**
   * The value remembered under `key`, or `load()`'s, kept until a change of `staleOn`'s kind (or until
   * `isFresh` rejects it). A failed load is not remembered.
   */
  remember<T>(
    key: string,
    staleOn: StaleOn,
    load: () => Promise<T>,
    isFresh?: (value: T) => boolean,
  ): Promise<T>;
}

// Archive page indexes are the largest values kept (one entry per page of an archive); this bounds them.
const DEFAULT_MAX_REMEMBERED = 500;

interface Remembered {
  staleOn: StaleOn;
  value: Promise<unknown>;
  settled?: { value: unknown };
}

/** Creates a memo whose values `feed`'s changes drop. */
export function createChangeMemo(feed: ChangeFeed, maxEntries = DEFAULT_MAX_REMEMBERED): ChangeMemo {
  const entries = new Map<string, Remembered>();
  feed.subscribe((scope) => {
    if (scope.everything) entries.clear();
    else if (scope.articles) {
      for (const [key, entry] of entries) if (entry.staleOn === 'articles') entries.delete(key);
    }
  });
  return {
    async remember<T>(
      key: string,
      staleOn: StaleOn,
      load: () => Promise<T>,
      isFresh?: (value: T) => boolean,
    ) {
      await feed.catchUp();
      const cached = entries.get(key);
      if (cached && (!isFresh || !cached.settled || isFresh(cached.settled.value as T))) {
        return cached.value as Promise<T>;
      }
      const entry: Remembered = { staleOn, value: load() };
      entry.value.then(
        (value) => {
          entry.settled = { value };
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return entry.value as Promise<T>;
    },
  };
}
