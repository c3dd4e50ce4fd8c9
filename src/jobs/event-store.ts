/**
 * The outbox: state changes record an event in the same transaction; the job
 * runner claims and handles them after commit. Claiming uses a lease
 * (`locked_until`) so several app processes never handle one event twice.
 */
import { type Kysely, sql } from 'kysely';
import { announceChange } from '../db/change-store.js';
import type { Database } from '../db/schema.js';

/** An event waiting to be handled. */
export interface OutboxEvent {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Outbox persistence; `onRecorded` hears of each event this process records (before its commit). */
export function createEventStore(db: Kysely<Database>, options: { onRecorded?: (id: number) => void } = {}) {
  return {
    /** Records an event (call inside the transaction that made the change), bumps the change counter; returns its id. */
    async record(
      kind: string,
      payload: Record<string, unknown>,
      trx: Kysely<Database> = db,
      runAfter?: string,
    ): Promise<number> {
      const now = new Date().toISOString();
      const row = await trx
        .insertInto('events')
        .values({ kind, payload: JSON.stringify(payload), created_at: now, run_after: runAfter ?? now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('change_counter').set({ value: sql`value + 1` }).where('id', '=', 1).execute();
      await announceChange(trx, { id: row.id, kind, payload });
      options.onRecorded?.(row.id);
      return row.id;
    },

    /** Claims up to `limit` due events for `leaseMs`. */
    async claim(limit: number, leaseMs: number): Promise<OutboxEvent[]> {
      const now = new Date();
      const nowIso = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('events')
          .select(['id', 'kind', 'payload', 'attempts'])
          .where('done_at', 'is', null)
          .where('run_after', '<=', nowIso)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
          .orderBy('id')
          .limit(limit)
          .execute();
        const claimed: OutboxEvent[] = [];
        for (const event of due) {
          // The conditional update is the real claim: another process may have taken it meanwhile.
          const result = await trx
            .updateTable('events')
            .set({ locked_until: until, attempts: event.attempts + 1 })
            .where('id', '=', event.id)
            .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 1) {
            claimed.push({
              id: event.id,
              kind: event.kind,
              payload: JSON.parse(event.payload),
              attempts: event.attempts + 1,
            });
          }
        }
        return claimed;
      });
    },

    async markDone(id: number): Promise<void> {
      await db
        .updateTable('events')
        .set({ done_at: new Date().toISOString(), locked_until: null })
        .where('id', '=', id)
        .execute();
    },

    /** Releases a failed event to be retried after `retryAfterMs`, or gives up after too many attempts. */
    async markFailed(id: number, error: string, retryAfterMs: number, giveUp: boolean): Promise<void> {
      await db
        .updateTable('events')
        .set({
          last_error: error.slice(0, 2000),
          locked_until: null,
          run_after: new Date(Date.now() + retryAfterMs).toISOString(),
          done_at: giveUp ? new Date().toISOString() : null,
        })
        .where('id', '=', id)
        .execute();
    },

    /** The change counter every process polls to learn that content changed. */
    async changeCounter(): Promise<number> {
      const row = await db
        .selectFrom('change_counter')
        .select('value')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
