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
  /** Applies every change committed so far (synchronous; a few microseconds when nothing changed). */
  catchUp(): void;
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

  function catchUp(): void {
    const changes = source.take();
    if (changes === null) publish(everythingScope(), []);
    else if (changes.length > 0) publish(scopeOfChanges(changes), changes);
  }

  return {
    catchUp,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => source.start(catchUp),
    stop: () => source.close(),
  };
}
