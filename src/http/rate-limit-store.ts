/** All SQL of rate limiting: fixed-window counters shared by every app process. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** Rate-limit counter persistence. */
export function createRateLimitStore(db: Kysely<Database>) {
  return {
    /** Adds one to the counter of `key` in the window starting at `windowStart`; returns the new count. */
    async increment(key: string, windowStart: string): Promise<number> {
      // One statement, so two processes counting at once both land (no read-modify-write race).
      const row = await db
        .insertInto('rate_limit_counters')
        .values({ key, window_start: windowStart, count: 1 })
        .onConflict((oc) =>
          oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit_counters.count + 1` }),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** The counter of `key` in the window starting at `windowStart` (0 when none). */
    async count(key: string, windowStart: string): Promise<number> {
      const row = await db
        .selectFrom('rate_limit_counters')
        .select('count')
        .where('key', '=', key)
        .where('window_start', '=', windowStart)
        .executeTakeFirst();
      return row ? Number(row.count) : 0;
    },

    /** Deletes counters of windows that started before `windowStart`; returns how many. */
    async purgeBefore(windowStart: string): Promise<number> {
      const result = await db
        .deleteFrom('rate_limit_counters')
        .where('window_start', '<', windowStart)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type RateLimitStore = ReturnType<typeof createRateLimitStore>;
