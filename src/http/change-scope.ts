/**
 * Which cached public pages an outbox event makes stale (pure). A held or
 * spam comment changes nothing the public sees; an approved comment changes
 * its article's page and the lists that show comment counts; article events
 * change the article and every list; new related lists change those articles'
 * pages; settings, taxonomy, imports and any kind not known here change everything.
 */

import type { Change } from '../db/change-store.js';

export type { Change };

/** What a batch of changes makes stale. */
export interface ChangeScope {
  /** Site-wide: every cached page and every cached site value (settings, navigation) goes. */
  everything: boolean;
  /** Articles whose own page changed (pages tagged `article:{id}`). */
  articleIds: number[];
  /** Lists of articles (front page, archives, feeds, sitemaps, search) may show something new. */
  lists: boolean;
  /** Which articles are published, or where they are filed, may have changed (not just their comments). */
  articles: boolean;
}

/** The scope of no change at all. */
export const NOTHING: ChangeScope = Object.freeze({
  everything: false,
  articleIds: [],
  lists: false,
  articles: false,
});

const EVERYTHING: ChangeScope = Object.freeze({
  everything: true,
  articleIds: [],
  lists: true,
  articles: true,
});

// Moderation moves a comment between these; only moves into or out of `approved` are public.
const COMMENT_MODERATION = new Set([
  'comment.approved',
  'comment.unapproved',
  'comment.spammed',
  'comment.trashed',
  'comment.restored',
]);

function articleIdOf(payload: Record<string, unknown>): number | null {
  const id = payload.articleId;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

/** The scope of one change. */
export function scopeOfChange(change: Change): ChangeScope {
  const { kind, payload } = change;
  if (!payload) return EVERYTHING;
  const articleId = articleIdOf(payload);
  if (kind.startsWith('comment.') && articleId !== null) {
    if (kind === 'comment.posted') {
      // Held and spam comments are shown only to their author, whose requests bypass the cache.
      return payload.status === 'approved'
        ? { everything: false, articleIds: [articleId], lists: true, articles: false }
        : NOTHING;
    }
    if (COMMENT_MODERATION.has(kind) && payload.from !== 'approved' && payload.to !== 'approved')
      return NOTHING;
    // Edits and moves in or out of `approved` change the thread and the count lists show.
    return { everything: false, articleIds: [articleId], lists: true, articles: false };
  }
  if (kind.startsWith('article.') && articleId !== null) {
    return { everything: false, articleIds: [articleId], lists: true, articles: true };
  }
  // New related lists change the "See also" of those articles' pages only (a full rebuild says `all`).
  const relatedIds = payload.articleIds;
  if (
    kind === 'related.changed' &&
    Array.isArray(relatedIds) &&
    relatedIds.every((id) => typeof id === 'number' && Number.isInteger(id))
  ) {
    return { everything: false, articleIds: relatedIds as number[], lists: false, articles: false };
  }
  return EVERYTHING;
}

/** The combined scope of a batch of changes. */
export function scopeOfChanges(changes: readonly Change[]): ChangeScope {
  const articleIds = new Set<number>();
  let lists = false;
  let articles = false;
  for (const change of changes) {
    const scope = scopeOfChange(change);
    if (scope.everything) return EVERYTHING;
    for (const id of scope.articleIds) articleIds.add(id);
    lists ||= scope.lists;
    articles ||= scope.articles;
  }
  return articleIds.size === 0 && !lists
    ? NOTHING
    : { everything: false, articleIds: [...articleIds], lists, articles };
}

/** A scope that makes everything stale, for when changes were missed (a lost database listener). */
export function everythingScope(): ChangeScope {
  return EVERYTHING;
}
