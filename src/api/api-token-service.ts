/** Use cases of API tokens: create one (its key shown once), authenticate a key, revoke. */
import { Invalid, NotFound } from '../errors.js';
import type { Role } from '../users/user.js';
import {
  type ApiToken,
  DEFAULT_ADMIN_TOKEN_ROLE,
  generateKey,
  hashKey,
  keyHint,
  looksLikeKey,
  type TokenScope,
  validateNewToken,
} from './api-token.js';
import type { ApiTokenStore } from './api-token-store.js';

// Recording every use would turn each API read into a write; a minute's precision is enough to spot stale tokens.
const TOUCH_INTERVAL_MS = 60_000;

/** API token use cases. */
export function createApiTokenService(store: ApiTokenStore) {
  return {
    /** Creates a token and returns it with its key, which is never retrievable again. */
    async createToken(input: {
      name: string;
      scope: string;
      role?: string | null;
      userId?: number | null;
    }): Promise<{ token: ApiToken; key: string }> {
      const errors = validateNewToken(input);
      if (Object.keys(errors).length > 0) throw new Invalid(errors);
      const scope = input.scope as TokenScope;
      const role =
        scope === 'admin' ? ((input.role as Role | null | undefined) ?? DEFAULT_ADMIN_TOKEN_ROLE) : null;
      const key = generateKey();
      const token = await store.insert({
        name: input.name.trim(),
        scope,
        role,
        keyHash: hashKey(key),
        keyHint: keyHint(key),
        userId: input.userId ?? null,
      });
      return { token, key };
    },

    /** The active token a key belongs to, or null (unknown, malformed or revoked). */
    async authenticate(key: string, now: Date = new Date()): Promise<ApiToken | null> {
      if (!looksLikeKey(key)) return null;
      const token = await store.findActiveByHash(hashKey(key));
      if (!token) return null;
      if (!token.lastUsedAt || now.getTime() - new Date(token.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
        await store.touch(token.id, now.toISOString());
      }
      return token;
    },

    /** Every token, newest first. */
    listTokens(): Promise<ApiToken[]> {
      return store.list();
    },

    /** Revokes a token at once; requests with its key fail from now on. */
    async revokeToken(id: number): Promise<void> {
      const token = await store.findById(id);
      if (!token) throw new NotFound('That API token does not exist.');
      await store.revoke(id, new Date().toISOString());
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
