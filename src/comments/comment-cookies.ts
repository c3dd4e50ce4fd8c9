/**
 * The two cookies of commenting. `bs_held` (signed, HttpOnly) lists the held
 * comments this browser posted, so only its reader sees them "awaiting
 * moderation"; the article page cache is bypassed for requests that carry it.
 * `bs_commenter` remembers name, email and website when the reader consents; it is
 * read by the page's script only, never rendered by the server, so a cached page
 * can never carry one reader's address to another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The held-comments cookie; the reader-site page cache keys its bypass on this exact name. */
export const HELD_COOKIE = 'bs_held';
/** The consent-based "remember me" cookie of the comment form. */
export const COMMENTER_COOKIE = 'bs_commenter';

// Long enough for a weekend's moderation backlog; the comment is public (or gone) by then.
export const HELD_COOKIE_MAX_AGE_DAYS = 14;
// WordPress keeps its commenter cookies for a year.
export const COMMENTER_COOKIE_MAX_AGE_DAYS = 365;
// Bounds the cookie's size; older ids drop off first.
const MAX_HELD_IDS = 20;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`held-comments:${payload}`).digest('base64url');
}

/** The signed cookie value listing `ids`. */
export function encodeHeldCookie(secret: string, ids: number[]): string {
  const payload = [...new Set(ids)].slice(-MAX_HELD_IDS).join('.');
  return `${payload}~${mac(secret, payload)}`;
}

/** The held comment ids of a cookie value; none when it is missing, malformed or not ours. */
export function decodeHeldCookie(secret: string, value: string | undefined): number[] {
  const match = value ? /^((?:\d{1,15}\.)*\d{1,15})~([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match) return [];
  const expected = Buffer.from(mac(secret, match[1]!));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
  return match[1]!.split('.').map(Number);
}

/** What the reader asked the browser to remember. */
export interface RememberedCommenter {
  name: string;
  email: string;
  url: string;
}

/** The commenter cookie value: JSON the page's script reads (the cookie layer URL-encodes it). */
export function encodeCommenterCookie(commenter: RememberedCommenter): string {
  return JSON.stringify({ n: commenter.name, e: commenter.email, u: commenter.url });
}
