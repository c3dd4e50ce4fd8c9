/**
 * CSRF protection for newsroom forms. A signed-in form carries an HMAC of the
 * session id; an anonymous form (sign-in, password reset) an HMAC of a random
 * HttpOnly `bs_csrf` cookie. Cross-origin POSTs are refused before either check.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The hidden form field that carries the token. */
export const CSRF_FIELD = '_csrf';
/** The header scripts send the token in (fetch, uploads). */
export const CSRF_HEADER = 'x-csrf-token';
const ANONYMOUS_COOKIE = 'bs_csrf';

function hmac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');
}

/** The token for forms of the session `sessionId`. */
export function sessionCsrfToken(secret: string, sessionId: string): string {
  return hmac(secret, 'csrf-session', sessionId);
}

/** The token for anonymous forms, setting the `bs_csrf` cookie it is bound to when missing. */
export function anonymousCsrfToken(
  secret: string,
  request: FastifyRequest,
  reply: FastifyReply,
  secureCookies: boolean,
): string {
  let value = request.cookies[ANONYMOUS_COOKIE];
  if (!value || !/^[A-Za-z0-9_-]{20,64}$/.test(value)) {
    value = randomBytes(18).toString('base64url');
    reply.setCookie(ANONYMOUS_COOKIE, value, {
      path: '/newsroom',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
    });
    // Later reads in this request see the new value.
    request.cookies[ANONYMOUS_COOKIE] = value;
  }
  return hmac(secret, 'csrf-anonymous', value);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token the request presents, from the form field or the header. */
export function presentedCsrfToken(request: FastifyRequest): string {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof field === 'string') return field;
  // Multipart bodies (attachFieldsToBody) wrap each field as { value }.
  if (field && typeof field === 'object' && 'value' in field)
    return String((field as { value: unknown }).value);
  return '';
}

/** True when the browser says the request came from another site (Origin or Sec-Fetch-Site). */
export function isCrossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** True when the request carries the right token for its session (or, with `allowAnonymous`, its bs_csrf cookie). */
export function hasValidCsrfToken(
  request: FastifyRequest,
  secret: string,
  sessionId: string | null,
  allowAnonymous: boolean,
): boolean {
  if (isCrossSite(request)) return false;
  const presented = presentedCsrfToken(request);
  if (!presented) return false;
  if (sessionId && same(presented, sessionCsrfToken(secret, sessionId))) return true;
  const cookie = request.cookies[ANONYMOUS_COOKIE];
  return allowAnonymous && !!cookie && same(presented, hmac(secret, 'csrf-anonymous', cookie));
}
