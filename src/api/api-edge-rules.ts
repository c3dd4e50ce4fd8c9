/** Pure rules of the API edge: CORS origins, entity tags, rate-limit header values. */
import { createHash } from 'node:crypto';

/** A valid CORS origin setting: `*` or scheme://host[:port] with no path. */
export function isValidOrigin(origin: string): boolean {
  if (origin === '*') return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
  } catch {
    return false;
  }
}

/** The Access-Control-Allow-Origin value for a request's Origin, or null when not allowed. */
export function allowedOrigin(requestOrigin: string | undefined, allowed: string[]): string | null {
  if (!requestOrigin) return null;
  if (allowed.includes('*')) return '*';
  return allowed.includes(requestOrigin) ? requestOrigin : null;
}

/** A weak entity tag of a response body (weak: equal JSON, not necessarily equal bytes after compression). */
export function entityTag(body: string | Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when an If-None-Match header matches `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** The RateLimit header fields (IETF draft "RateLimit header fields for HTTP", separate-fields form). */
export function rateLimitHeaders(
  limit: number,
  windowSeconds: number,
  estimate: number,
  nowMs: number,
): Record<string, string> {
  const remaining = Math.max(0, Math.floor(limit - estimate));
  const windowMs = windowSeconds * 1000;
  const reset = Math.max(1, Math.ceil((windowMs - (nowMs % windowMs)) / 1000));
  return {
    'ratelimit-limit': String(limit),
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': String(reset),
    'ratelimit-policy': `${limit};w=${windowSeconds}`,
  };
}
