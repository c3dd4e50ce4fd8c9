/** All SQL about webhooks and their delivery log. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from '../db/schema.js';
import type { Webhook, WebhookDelivery, WebhookEvent } from './webhook.js';

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    active: row.active === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventKind: row.event_kind,
    attempt: row.attempt,
    statusCode: row.status_code,
    ok: row.ok === 1,
    error: row.error,
    durationMs: row.duration_ms,
    createdAt: row.created_at,
  };
}

/** Webhook persistence. */
export function createWebhookStore(db: Kysely<Database>) {
  return {
    async insert(input: {
      name: string;
      url: string;
      secret: string;
      events: WebhookEvent[];
      createdBy: number | null;
    }): Promise<Webhook> {
      const row = await db
        .insertInto('webhooks')
        .values({
          name: input.name,
          url: input.url,
          secret: input.secret,
          events: JSON.stringify(input.events),
          created_by: input.createdBy,
          created_at: new Date().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWebhook(row);
    },

    async list(): Promise<Webhook[]> {
      const rows = await db.selectFrom('webhooks').selectAll().orderBy('id').execute();
      return rows.map(toWebhook);
    },

    async findById(id: number): Promise<Webhook | undefined> {
      const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toWebhook(row);
    },

    /** Active webhooks subscribed to `kind`, with their secrets (for signing only). */
    async listActiveFor(kind: string): Promise<(Webhook & { secret: string })[]> {
      const rows = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('active', '=', 1)
        .orderBy('id')
        .execute();
      return rows
        .map((row) => ({ ...toWebhook(row), secret: row.secret }))
        .filter((hook) => (hook.events as string[]).includes(kind));
    },

    async setActive(id: number, active: boolean): Promise<void> {
      await db
        .updateTable('webhooks')
        .set({ active: active ? 1 : 0 })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: number): Promise<boolean> {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Records one delivery attempt. */
    async logDelivery(input: Omit<WebhookDelivery, 'id' | 'createdAt'>): Promise<void> {
      await db
        .insertInto('webhook_deliveries')
        .values({
          webhook_id: input.webhookId,
          event_id: input.eventId,
          event_kind: input.eventKind,
          attempt: input.attempt,
          status_code: input.statusCode,
          ok: input.ok ? 1 : 0,
          error: input.error?.slice(0, 1000) ?? null,
          duration_ms: input.durationMs,
          created_at: new Date().toISOString(),
        })
        .execute();
    },

    /** Attempts so far for one event and webhook (failed and successful). */
    async attemptsFor(webhookId: number, eventId: number): Promise<{ attempts: number; delivered: boolean }> {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select('ok')
        .where('webhook_id', '=', webhookId)
        .where('event_id', '=', eventId)
        .execute();
      return { attempts: rows.length, delivered: rows.some((r) => r.ok === 1) };
    },

    /** The delivery log of one webhook, newest first. */
    async listDeliveries(webhookId: number, limit: number): Promise<WebhookDelivery[]> {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },
  };
}

export type WebhookStore = ReturnType<typeof createWebhookStore>;
