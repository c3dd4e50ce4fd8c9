/** Who is calling an API: a token (scope and role) or a newsroom session, and what that lets them do. */
import type { Role, User } from '../users/user.js';
import { type ApiAccess, type ApiToken, roleAllows } from './api-token.js';

/** The caller of an API request. */
export type ApiPrincipal =
  | { kind: 'token'; token: ApiToken }
  | { kind: 'session'; user: User; sessionId: string };

/** The role a principal acts with for writes, or null when it may only read (content tokens). */
export function roleOf(principal: ApiPrincipal): Role | null {
  return principal.kind === 'session'
    ? principal.user.role
    : principal.token.scope === 'admin'
      ? principal.token.role
      : null;
}

/** The account id a principal acts for (null for script tokens, which own nothing). */
export function userIdOf(principal: ApiPrincipal): number | null {
  return principal.kind === 'session' ? principal.user.id : principal.token.userId;
}

/**
 * The principal as the newsroom policies (`canEditArticle`, …) see a person.
 * A script token gets an id no account has, so ownership checks never match it by accident (null === null).
 */
export function policyUser(principal: ApiPrincipal): { id: number; role: Role } | null {
  const role = roleOf(principal);
  if (!role) return null;
  const id = userIdOf(principal) ?? (principal.kind === 'token' ? -principal.token.id : -1);
  return { id, role };
}

/** Why a principal may not use a route needing `access`, or null when it may. */
export function refusalFor(
  principal: ApiPrincipal,
  access: ApiAccess,
): 'insufficient_scope' | 'forbidden' | null {
  const role = roleOf(principal);
  if (!role) return 'insufficient_scope';
  return roleAllows(role, access) ? null : 'forbidden';
}

/** The rate-limit key of a principal: tokens get their own budget; sessions count per account. */
export function rateLimitKeyOf(
  principal: ApiPrincipal | null,
  ip: string,
): { rule: 'token' | 'ip'; key: string } {
  if (!principal) return { rule: 'ip', key: ip };
  return principal.kind === 'token'
    ? { rule: 'token', key: `token-${principal.token.id}` }
    : { rule: 'token', key: `user-${principal.user.id}` };
}
