/**
 * Newsroom sessions: a random token in the HttpOnly `bs_session` cookie, stored
 * only as its SHA-256. Sessions slide while in use, end after a day idle or a
 * month in total, rotate on sign-in and can be ended everywhere at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../users/user.js';
import type { Session, SessionStore } from './session-store.js';

/** The cookie name; the page cache bypasses any request carrying it. */
export const SESSION_COOKIE = 'bs_session';
export const SESSION_IDLE_HOURS = 24;
export const SESSION_MAX_DAYS = 30;
// Writing last_seen_at on every request would turn every page view into a write.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** The SHA-256 of a token, hex: what the database keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh unguessable token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function idleExpiry(session: Pick<Session, 'createdAt'>, now: Date): string {
  const idle = now.getTime() + SESSION_IDLE_HOURS * 3600_000;
  const absolute = new Date(session.createdAt).getTime() + SESSION_MAX_DAYS * 86400_000;
  return new Date(Math.min(idle, absolute)).toISOString();
}

/** Starts, reads and ends sessions for requests. */
export function createSessions(deps: { store: SessionStore; secureCookies: boolean }) {
  const { store } = deps;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies,
  };

  return {
    /** Signs `user` in: ends the session the request came with (rotation) and sets a new cookie. */
    async start(request: FastifyRequest, reply: FastifyReply, user: Pick<User, 'id'>): Promise<Session> {
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await store.delete(hashToken(previous));
      const token = newToken();
      const now = new Date();
      const createdAt = now.toISOString();
      const session: Session = {
        id: hashToken(token),
        userId: user.id,
        createdAt,
        lastSeenAt: createdAt,
        expiresAt: idleExpiry({ createdAt }, now),
      };
      await store.insert(session);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_MAX_DAYS * 86400 });
      return session;
    },

    /** The request's live session and its user, or null; extends the idle expiry while in use. */
    async resolve(request: FastifyRequest): Promise<{ session: Session; user: User } | null> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || token.length > 100) return null;
      const now = new Date();
      const found = await store.findActive(hashToken(token), now.toISOString());
      if (!found) return null;
      if (now.getTime() - new Date(found.session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
        const expiresAt = idleExpiry(found.session, now);
        await store.touch(found.session.id, now.toISOString(), expiresAt);
        found.session = { ...found.session, lastSeenAt: now.toISOString(), expiresAt };
      }
      return found;
    },

    /** Ends the request's session and clears the cookie. */
    async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await store.delete(hashToken(token));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
    },

    /** Ends every session of `userId` (all devices), except `keepId` when given. */
    async endAll(userId: number, keepId?: string): Promise<void> {
      await store.deleteForUser(userId, keepId);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
