/** Signed preview links: anyone holding one may read an unpublished article until it expires. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a preview link works. */
export const PREVIEW_LINK_DAYS = 7;

function signature(secret: string, articleId: number, expires: number): string {
  return createHmac('sha256', secret).update(`preview:${articleId}:${expires}`).digest('base64url');
}

/** The preview path for `articleId`, valid for PREVIEW_LINK_DAYS from `now`. */
export function previewPath(secret: string, articleId: number, now: Date = new Date()): string {
  // Rounded to the day, so the link on the editor page stays the same all day (and caches nicely).
  const day = 86400_000;
  const expires = Math.ceil((now.getTime() + PREVIEW_LINK_DAYS * day) / day) * day;
  return `/preview/${articleId}?expires=${expires}&sig=${signature(secret, articleId, expires)}`;
}

/** True when `sig` signs `articleId` until `expires` and that time has not passed. */
export function isValidPreview(
  secret: string,
  articleId: number,
  expires: number,
  sig: string,
  now: Date = new Date(),
): boolean {
  if (!Number.isSafeInteger(expires) || expires < now.getTime()) return false;
  const expected = Buffer.from(signature(secret, articleId, expires));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
