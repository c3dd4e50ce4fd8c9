/** Webhooks: the events they may subscribe to, their signature, and the checks on a new subscription (pure). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The events a webhook can receive. */
export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'comment.approved',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A subscription (its secret is shown once at creation and used only to sign). */
export interface Webhook {
  id: number;
  name: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdBy: number | null;
  createdAt: string;
}

/** One attempt to deliver one event to one webhook. */
export interface WebhookDelivery {
  id: number;
  webhookId: number;
  eventId: number;
  eventKind: string;
  attempt: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  createdAt: string;
}

/** The header carrying the signature, `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'x-broadsheet-signature';
/** The header carrying the Unix time (seconds) the signature covers, against replays. */
export const TIMESTAMP_HEADER = 'x-broadsheet-timestamp';

/** A fresh signing secret. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The signature of `body` sent at `timestamp`: HMAC-SHA256 over `timestamp.body`. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a received signature the way a receiver should (constant time, timestamp within `toleranceSeconds`). */
export function verifySignature(
  secret: string,
  header: string,
  timestamp: string,
  body: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const t = Number(timestamp);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, t, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** True when `kind` is an event webhooks can subscribe to. */
export function isWebhookEvent(kind: string): kind is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(kind);
}

/** Checks a new subscription; returns field errors (empty when valid). */
export function validateWebhook(input: {
  name: string;
  url: string;
  events: string[];
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.name.trim() === '') errors.name = 'Give the webhook a name.';
  let url: URL | null = null;
  try {
    url = new URL(input.url);
  } catch {
    errors.url = 'The URL must be an absolute http:// or https:// address.';
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:')
    errors.url = 'The URL must be an absolute http:// or https:// address.';
  if (url && (url.username || url.password)) errors.url = 'Put credentials in the receiver, not in the URL.';
  if (input.events.length === 0) errors.events = `Choose at least one event: ${WEBHOOK_EVENTS.join(', ')}.`;
  const unknown = input.events.find((e) => !isWebhookEvent(e));
  if (unknown) errors.events = `Unknown event "${unknown}": use ${WEBHOOK_EVENTS.join(', ')}.`;
  return errors;
}
