/**
 * The edge every API request crosses before its handler: CORS for the
 * configured front-end origins, the caller (Bearer token, Ghost `?key=`, or
 * the newsroom session with its CSRF header), rate limits per token and per
 * IP with RateLimit headers, the route's declared access, and afterwards
 * ETag / If-None-Match and Cache-Control on public reads.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError, RateLimited } from '../errors.js';
import { hasValidCsrfToken } from '../http/csrf.js';
import type { RateLimiter, RateLimitRule } from '../http/rate-limit.js';
import type { Permission } from '../http/route-permissions.js';
import type { Sessions } from '../http/sessions.js';
import { allowedOrigin, entityTag, matchesIfNoneMatch, rateLimitHeaders } from './api-edge-rules.js';
import { type ApiPrincipal, rateLimitKeyOf, refusalFor } from './api-principal.js';
import type { ApiAccess } from './api-token.js';
import type { ApiTokenService } from './api-token-service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What an `api-token` route needs of its caller's role. */
    apiAccess?: ApiAccess;
  }
  interface FastifyRequest {
    apiPrincipal: ApiPrincipal | null;
  }
}

/** Anonymous callers, per IP: enough for a browser app, too few to scrape the archive in a hurry. */
export const API_IP_RULE: RateLimitRule = { name: 'api-ip', limit: 300, windowSeconds: 60 };
/** Each token (or newsroom account): server-side front ends and automations get a larger budget. */
export const API_TOKEN_RULE: RateLimitRule = { name: 'api-token', limit: 1200, windowSeconds: 60 };
const EXPOSED_HEADERS = [
  'ETag',
  'Link',
  'Location',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'X-WP-Total',
  'X-WP-TotalPages',
].join(', ');

/** What the edge needs. */
export interface ApiEdgeDeps {
  secret: string;
  tokens: ApiTokenService;
  sessions: Sessions;
  corsOrigins: () => Promise<string[]>;
  limiter: RateLimiter;
}

/** The 401 of an API request without usable credentials. */
export function unauthenticated(reply: FastifyReply, message: string, invalidToken = false): DomainError {
  reply.header(
    'www-authenticate',
    invalidToken ? 'Bearer realm="broadsheet", error="invalid_token"' : 'Bearer realm="broadsheet"',
  );
  return new DomainError('unauthenticated', message, 401);
}

function configOf(request: FastifyRequest): { permission?: Permission; apiAccess?: ApiAccess } {
  return request.routeOptions.config as { permission?: Permission; apiAccess?: ApiAccess };
}

function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

/** Adds the edge to the (encapsulated) API context. Call before registering routes. */
export function registerApiEdge(api: FastifyInstance, deps: ApiEdgeDeps): void {
  api.decorateRequest('apiPrincipal', null);

  api.addHook('onRoute', (route: RouteOptions) => {
    const config = route.config as { permission?: Permission; apiAccess?: ApiAccess } | undefined;
    if (route.method === 'HEAD') return;
    if (config?.permission !== 'public' && config?.permission !== 'api-token') {
      throw new Error(`${String(route.method)} ${route.url}: API routes are 'public' or 'api-token'.`);
    }
    if (config.permission === 'api-token' && !config.apiAccess) {
      throw new Error(
        `${String(route.method)} ${route.url}: an 'api-token' route declares config.apiAccess.`,
      );
    }
  });

  async function identify(request: FastifyRequest, reply: FastifyReply, needsAuth: boolean): Promise<void> {
    const bearer = bearerKey(request);
    const ghostKey = request.url.startsWith('/ghost/api/')
      ? (request.query as Record<string, unknown> | undefined)?.key
      : undefined;
    const key = bearer ?? (typeof ghostKey === 'string' ? ghostKey : null);
    if (key !== null) {
      const token = await deps.tokens.authenticate(key);
      if (!token) throw unauthenticated(reply, 'That API key is unknown or has been revoked.', true);
      request.apiPrincipal = { kind: 'token', token };
      return;
    }
    // Public reads ignore cookies: their responses are the same for everyone, and cacheable.
    if (!needsAuth) return;
    const found = await deps.sessions.resolve(request);
    if (!found) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (!hasValidCsrfToken(request, deps.secret, found.session.id, false)) {
        throw new DomainError(
          'csrf',
          'Calls with the newsroom session need the X-CSRF-Token header of that session.',
          403,
        );
      }
    }
    request.apiPrincipal = { kind: 'session', user: found.user, sessionId: found.session.id };
  }

  api.addHook('onRequest', async (request, reply) => {
    const allow = allowedOrigin(request.headers.origin, await deps.corsOrigins());
    reply.header('vary', 'Origin');
    if (allow) {
      // Never Allow-Credentials: another site's page must not ride on a newsroom cookie.
      reply.header('access-control-allow-origin', allow);
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (request.method === 'OPTIONS') return;

    const config = configOf(request);
    const needsAuth = config.permission === 'api-token';
    await identify(request, reply, needsAuth);

    const { rule, key } = rateLimitKeyOf(request.apiPrincipal, request.ip);
    const limits = rule === 'token' ? API_TOKEN_RULE : API_IP_RULE;
    // Keyed hashes, as the comment form does: the counters table never holds an address.
    const decision = await deps.limiter.hit(
      limits,
      createHmac('sha256', deps.secret).update(`rate:${key}`).digest('base64url'),
    );
    const headers = rateLimitHeaders(limits.limit, limits.windowSeconds, decision.estimate, Date.now());
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    if (!decision.allowed) {
      throw new RateLimited(
        decision.retryAfterSeconds,
        `Too many API requests. Wait ${decision.retryAfterSeconds} seconds, or use an API token for a larger allowance.`,
      );
    }

    if (!needsAuth) return;
    const principal = request.apiPrincipal;
    if (!principal)
      throw unauthenticated(reply, 'This endpoint needs an API token (Authorization: Bearer …).');
    const refusal = refusalFor(principal, config.apiAccess!);
    if (refusal === 'insufficient_scope') {
      throw new DomainError(
        'insufficient_scope',
        'This token may only read published content; use an admin token for changes.',
        403,
      );
    }
    if (refusal === 'forbidden') {
      throw new DomainError('forbidden', 'The role of this token or account may not do that.', 403);
    }
  });

  api.addHook('onSend', async (request, reply, payload) => {
    if (configOf(request).permission !== 'public') {
      reply.header('cache-control', 'private, no-store');
      return payload;
    }
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = entityTag(payload);
    reply.header('etag', etag);
    if (!reply.hasHeader('cache-control'))
      reply.header('cache-control', 'public, max-age=0, must-revalidate');
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}

/** Registers the CORS preflight answer for every path under `prefix` (a path ending in `/*`). */
export function registerPreflight(api: FastifyInstance, prefix: string): void {
  api.options(prefix, { config: { permission: 'public' } }, async (request, reply) => {
    if (reply.hasHeader('access-control-allow-origin')) {
      reply.header('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      reply.header(
        'access-control-allow-headers',
        request.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, If-None-Match',
      );
      reply.header('access-control-max-age', '600');
    }
    return reply.code(204).send();
  });
}
