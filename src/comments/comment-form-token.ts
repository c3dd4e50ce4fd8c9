/**
 * The signed comment-form token: an HMAC over (article id, issued-at, nonce).
 * It is the form's CSRF defence, its time-to-submit clock (bots post within a
 * second of loading) and, through the nonce, its replay guard.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The hidden form field that carries the token. */
export const FORM_TOKEN_FIELD = 'bs_form_token';

// A reader may leave an article open over lunch or overnight; older forms are re-shown with a fresh token.
export const FORM_TOKEN_MAX_AGE_HOURS = 12;
// Clocks of several app processes may disagree a little.
const CLOCK_SKEW_SECONDS = 30;

function sign(secret: string, articleId: number, issuedAt: number, nonce: string): string {
  return createHmac('sha256', secret)
    .update(`comment-form:${articleId}:${issuedAt}:${nonce}`)
    .digest('base64url');
}

/** A token for a form on article `articleId`, issued at `nowMs`. */
export function issueFormToken(
  secret: string,
  articleId: number,
  nowMs: number = Date.now(),
  nonce: string = randomBytes(12).toString('base64url'),
): string {
  const issuedAt = Math.floor(nowMs / 1000);
  return `${issuedAt}.${nonce}.${sign(secret, articleId, issuedAt, nonce)}`;
}

/** The outcome of checking a token. */
export type FormTokenCheck =
  | { ok: true; nonce: string; secondsToSubmit: number }
  | { ok: false; reason: 'missing' | 'forged' | 'expired' };

/** Checks a token's signature (bound to `articleId`) and age. */
export function verifyFormToken(
  secret: string,
  token: string | undefined,
  articleId: number,
  nowMs: number = Date.now(),
): FormTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'forged' };
  const issuedAt = Number(match[1]);
  const nonce = match[2]!;
  const expected = Buffer.from(sign(secret, articleId, issuedAt, nonce));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'forged' };
  const age = nowMs / 1000 - issuedAt;
  if (age < -CLOCK_SKEW_SECONDS) return { ok: false, reason: 'forged' };
  if (age > FORM_TOKEN_MAX_AGE_HOURS * 3600) return { ok: false, reason: 'expired' };
  return { ok: true, nonce, secondsToSubmit: Math.max(0, age) };
}
