/**
 * Use cases of webhooks: subscribe, list, remove, read the delivery log; and
 * delivery itself, run by the job runner after commit. Each attempt is logged;
 * a failed delivery makes the handler throw so the runner retries it with
 * back-off, and the log keeps webhooks that already succeeded from a resend.
 */
import { Invalid, NotFound } from '../errors.js';
import type { OutboxEvent } from '../jobs/event-store.js';
import {
  generateWebhookSecret,
  SIGNATURE_HEADER,
  signPayload,
  TIMESTAMP_HEADER,
  validateWebhook,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
} from './webhook.js';
import type { WebhookStore } from './webhook-store.js';

/** A receiver that takes longer than this is treated as down; the job runner must not stall on it. */
export const DELIVERY_TIMEOUT_MS = 5_000;
const MAX_DELIVERY_LOG = 100;

/** Turns an outbox event into the webhook event and its `data`, or null when nothing should be sent. */
export type WebhookPayloadBuilder = (
  event: OutboxEvent,
) => Promise<{ kind: WebhookEvent; data: Record<string, unknown> } | null>;

/** Sends one signed POST; injectable so tests can observe without a network (the suite uses a real one). */
export type WebhookSender = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<{ status: number }>;

async function fetchSender(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  // The body is not needed; reading it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
}

/** Webhook use cases. */
export function createWebhookService(deps: { store: WebhookStore; send?: WebhookSender }) {
  const { store } = deps;
  const send = deps.send ?? fetchSender;

  return {
    /** Subscribes a URL to events; returns the signing secret, shown this once. */
    async createWebhook(input: {
      name: string;
      url: string;
      events: string[];
      createdBy: number | null;
    }): Promise<{ webhook: Webhook; secret: string }> {
      const errors = validateWebhook(input);
      if (Object.keys(errors).length > 0) throw new Invalid(errors);
      const secret = generateWebhookSecret();
      const webhook = await store.insert({
        name: input.name.trim(),
        url: input.url,
        secret,
        events: [...new Set(input.events)] as WebhookEvent[],
        createdBy: input.createdBy,
      });
      return { webhook, secret };
    },

    listWebhooks(): Promise<Webhook[]> {
      return store.list();
    },

    async deleteWebhook(id: number): Promise<void> {
      if (!(await store.delete(id))) throw new NotFound('That webhook does not exist.');
    },

    /** The latest delivery attempts of one webhook. */
    async deliveries(id: number): Promise<WebhookDelivery[]> {
      if (!(await store.findById(id))) throw new NotFound('That webhook does not exist.');
      return store.listDeliveries(id, MAX_DELIVERY_LOG);
    },

    /**
     * Delivers `event` to every subscribed webhook that has not had it yet.
     * Throws when any delivery failed, so the job runner retries (only the failed ones).
     */
    async deliver(event: OutboxEvent, build: WebhookPayloadBuilder): Promise<void> {
      const built = await build(event);
      if (!built) return;
      const hooks = await store.listActiveFor(built.kind);
      if (hooks.length === 0) return;
      const body = JSON.stringify({
        id: String(event.id),
        event: built.kind,
        createdAt: new Date().toISOString(),
        data: built.data,
      });
      const failed: string[] = [];
      for (const hook of hooks) {
        const previous = await store.attemptsFor(hook.id, event.id);
        if (previous.delivered) continue;
        const timestamp = Math.floor(Date.now() / 1000);
        const headers = {
          'content-type': 'application/json',
          'user-agent': 'Broadsheet-Webhooks/1',
          'x-broadsheet-event': built.kind,
          'x-broadsheet-delivery': `${event.id}-${hook.id}`,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(hook.secret, timestamp, body),
        };
        const started = Date.now();
        let statusCode: number | null = null;
        let error: string | null = null;
        try {
          statusCode = (await send(hook.url, headers, body)).status;
          if (statusCode < 200 || statusCode >= 300) error = `The receiver answered ${statusCode}.`;
        } catch (err) {
          error =
            (err as Error).name === 'TimeoutError'
              ? 'The receiver did not answer in time.'
              : (err as Error).message;
        }
        await store.logDelivery({
          webhookId: hook.id,
          eventId: event.id,
          eventKind: built.kind,
          attempt: previous.attempts + 1,
          statusCode,
          ok: error === null,
          error,
          durationMs: Date.now() - started,
        });
        if (error) failed.push(`${hook.name}: ${error}`);
      }
      if (failed.length > 0)
        throw new Error(`Webhook delivery failed (${failed.join('; ')}); it will be retried.`);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
