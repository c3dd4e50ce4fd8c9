/**
 * The guard of every newsroom route: it resolves the session, sends anonymous
 * visitors to sign in, refuses roles the route's `config.permission` does not
 * allow, and checks the CSRF token of every state-changing request. Routes
 * registered inside the newsroom context cannot skip it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Forbidden } from '../errors.js';
import { canAdminister, canModerate, hasRoleAtLeast, type User } from '../users/user.js';
import { hasValidCsrfToken, sessionCsrfToken } from './csrf.js';
import { wantsJson } from './errors.js';
import type { Permission } from './route-permissions.js';
import type { Session } from './session-store.js';
import type { Sessions } from './sessions.js';

/** The signed-in person behind a newsroom request. */
export interface NewsroomViewer {
  user: User;
  session: Session;
  /** The CSRF token for this session's forms and scripts. */
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: NewsroomViewer | null;
  }
}

/** A route inside the guarded context, as registered (for the role × route test and audits). */
export interface GuardedRoute {
  method: string;
  url: string;
  permission: Permission;
}

/** The sign-in page; anonymous requests are sent here. */
export const SIGN_IN_PATH = '/newsroom/sign-in';

/** True when `user`'s role grants `permission` (the route-level check; per-article checks follow in the route). */
export function allows(user: Pick<User, 'role'>, permission: Permission): boolean {
  switch (permission) {
    case 'public':
    case 'signed-in':
    case 'write':
      return true;
    case 'publish':
      return hasRoleAtLeast(user, 'author');
    case 'moderate':
    case 'edit-taxonomy':
      return canModerate(user);
    case 'administer':
      return canAdminister(user);
    case 'api-token':
      return false;
  }
}

/** The viewer of a route that requires a session (the guard has already refused anonymous requests). */
export function viewerOf(request: FastifyRequest): NewsroomViewer {
  if (!request.viewer) throw new Forbidden('Sign in first.');
  return request.viewer;
}

function permissionOf(request: FastifyRequest): Permission | undefined {
  return (request.routeOptions.config as { permission?: Permission }).permission;
}

function sendToSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (wantsJson(request)) {
    return reply.code(401).type('application/problem+json; charset=utf-8').send({
      type: 'https://broadsheet.invalid/problems/unauthenticated',
      title: 'Your session has ended. Sign in again; nothing you typed has been lost.',
      status: 401,
      code: 'unauthenticated',
      instance: request.url,
    });
  }
  const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`${SIGN_IN_PATH}${next}`, 303);
}

/**
 * Adds the guard to the (encapsulated) newsroom context `app`; call before
 * registering its routes. Every route registered after it is listed in `routes`.
 */
export function registerNewsroomGuard(
  app: FastifyInstance,
  deps: { sessions: Sessions; secret: string; routes?: GuardedRoute[] },
): void {
  app.decorateRequest('viewer', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    const permission = (route.config as { permission?: Permission } | undefined)?.permission;
    if (permission === 'api-token') {
      throw new Error(`${route.method} ${route.url}: newsroom routes take a session, not an API token.`);
    }
    if (permission && route.method !== 'HEAD')
      deps.routes?.push({ method: String(route.method), url: route.url, permission });
  });

  // onRequest runs before the body is read, so nobody uploads a file before being checked.
  app.addHook('onRequest', async (request, reply) => {
    const found = await deps.sessions.resolve(request);
    request.viewer = found && { ...found, csrfToken: sessionCsrfToken(deps.secret, found.session.id) };
    const permission = permissionOf(request);
    if (permission === 'public' || permission === undefined) return;
    if (!request.viewer) return sendToSignIn(request, reply);
    if (!allows(request.viewer.user, permission)) throw new Forbidden();
  });

  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const permission = permissionOf(request);
    const sessionId = request.viewer?.session.id ?? null;
    if (!hasValidCsrfToken(request, deps.secret, sessionId, permission === 'public')) {
      throw new Forbidden(
        'This form has expired or did not come from this site. Go back, reload the page and try again.',
      );
    }
  });
}
