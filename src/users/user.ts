/** Newsroom people: roles with WordPress meanings, and the policies that follow from them. */

export const ROLES = ['admin', 'editor', 'author', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

/** A newsroom account (never shown publicly; public bylines use Author). */
export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  authorId: number | null;
  createdAt: string;
  deactivatedAt: string | null;
}

/** A public byline: may name a person without an account. */
export interface Author {
  id: number;
  name: string;
  slug: string;
  bio: string;
}

/** True when `role` is one of the four roles. */
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

const RANK: Record<Role, number> = { contributor: 1, author: 2, editor: 3, admin: 4 };

/** True when `user` has at least the rights of `role`. */
export function hasRoleAtLeast(user: Pick<User, 'role'>, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/** Editors and admins edit everyone's articles; others only their own. */
export function canEditArticle(
  user: Pick<User, 'id' | 'role'>,
  article: { ownerId: number | null; status: string },
): boolean {
  if (hasRoleAtLeast(user, 'editor')) return true;
  if (article.ownerId !== user.id) return false;
  // A contributor's article leaves their hands once published (WordPress: contributors cannot edit published posts).
  return user.role === 'author' || article.status !== 'published';
}

/** Authors publish their own; editors and admins publish anything; contributors never. */
export function canPublishArticle(
  user: Pick<User, 'id' | 'role'>,
  article: { ownerId: number | null },
): boolean {
  if (hasRoleAtLeast(user, 'editor')) return true;
  return user.role === 'author' && article.ownerId === user.id;
}

/** Editors and admins moderate comments and manage categories and tags. */
export function canModerate(user: Pick<User, 'role'>): boolean {
  return hasRoleAtLeast(user, 'editor');
}

/** Only admins manage users and site settings. */
export function canAdminister(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}

/** Normalises an email for storage and lookup. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A pragmatic email check: something@host.tld without spaces. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]{2,}$/.test(email);
}
