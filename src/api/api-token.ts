/** API tokens: the key format, its hash, and which scope and role may do what. */
import { createHash, randomBytes } from 'node:crypto';
import { hasRoleAtLeast, ROLES, type Role } from '../users/user.js';

export const TOKEN_SCOPES = ['content', 'admin'] as const;
/** `content` reads published content (the Ghost Content API key); `admin` also writes, within its role. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What an admin route needs, in newsroom words. */
export type ApiAccess = 'write' | 'publish' | 'moderate' | 'edit-taxonomy' | 'administer';

/** A stored token, without its key. */
export interface ApiToken {
  id: number;
  name: string;
  scope: TokenScope;
  /** The newsroom role an admin token acts with; null for content tokens. */
  role: Role | null;
  /** The last characters of the key, so people can tell their tokens apart. */
  keyHint: string;
  /** The account the token acts for (its articles are the token's own); null for script tokens. */
  userId: number | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEY_PREFIX = 'bsk_';
// 40 hex characters (160 bits). Ghost's client insists a key contains 26 hex characters, which this satisfies.
const KEY_BYTES = 20;

/** A fresh random key: `bsk_` and 40 hex characters. */
export function generateKey(): string {
  return KEY_PREFIX + randomBytes(KEY_BYTES).toString('hex');
}

/** The SHA-256 of a key, hex: what the database keeps. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The hint shown in token lists: the last six characters. */
export function keyHint(key: string): string {
  return `…${key.slice(-6)}`;
}

/** True when `key` has the shape of a Broadsheet key (cheap check before a lookup). */
export function looksLikeKey(key: string): boolean {
  return /^bsk_[0-9a-f]{40}$/.test(key);
}

/** True when `scope` names a token scope. */
export function isTokenScope(scope: string): scope is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(scope);
}

const ACCESS_ROLE: Record<ApiAccess, Role> = {
  write: 'contributor',
  publish: 'author',
  moderate: 'editor',
  'edit-taxonomy': 'editor',
  administer: 'admin',
};

/** True when a principal of `role` may use a route that needs `access` (ownership is checked by the route). */
export function roleAllows(role: Role, access: ApiAccess): boolean {
  return hasRoleAtLeast({ role }, ACCESS_ROLE[access]);
}

/** Checks the input of a new token; returns field errors (empty when valid). */
export function validateNewToken(input: {
  name: string;
  scope: string;
  role?: string | null;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.name.trim() === '') errors.name = 'Give the token a name, such as the app that will use it.';
  else if (input.name.length > 100) errors.name = 'The name is limited to 100 characters.';
  if (!isTokenScope(input.scope)) errors.scope = `Unknown scope "${input.scope}": use content or admin.`;
  if (input.role !== undefined && input.role !== null) {
    if (!(ROLES as readonly string[]).includes(input.role))
      errors.role = `Unknown role "${input.role}": use admin, editor, author or contributor.`;
    else if (input.scope === 'content') errors.role = 'Only admin tokens have a role.';
  }
  return errors;
}

/** The role a new admin token gets when none is given: an editor, who can do everything but administer. */
export const DEFAULT_ADMIN_TOKEN_ROLE: Role = 'editor';
