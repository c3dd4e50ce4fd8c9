/** All SQL about API tokens. A token's key is never stored, only its SHA-256. */
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Database } from '../db/schema.js';
import type { Role } from '../users/user.js';
import type { ApiToken, TokenScope } from './api-token.js';

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope as TokenScope,
    role: row.role as Role | null,
    keyHint: row.key_hint,
    userId: row.user_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** API token persistence. */
export function createApiTokenStore(db: Kysely<Database>) {
  return {
    async insert(input: {
      name: string;
      scope: TokenScope;
      role: Role | null;
      keyHash: string;
      keyHint: string;
      userId: number | null;
    }): Promise<ApiToken> {
      const row = await db
        .insertInto('api_tokens')
        .values({
          name: input.name,
          scope: input.scope,
          role: input.role,
          key_hash: input.keyHash,
          key_hint: input.keyHint,
          user_id: input.userId,
          created_at: new Date().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toToken(row);
    },

    /** The unrevoked token with this key hash, or undefined (a deactivated owner revokes it too). */
    async findActiveByHash(keyHash: string): Promise<ApiToken | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .leftJoin('users', 'users.id', 'api_tokens.user_id')
        .selectAll('api_tokens')
        .where('api_tokens.key_hash', '=', keyHash)
        .where('api_tokens.revoked_at', 'is', null)
        .where('users.deactivated_at', 'is', null)
        .executeTakeFirst();
      return row && toToken(row);
    },

    async findById(id: number): Promise<ApiToken | undefined> {
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },

    /** Every token, newest first (revoked ones too, for the record). */
    async list(): Promise<ApiToken[]> {
      const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
      return rows.map(toToken);
    },

    /** Marks the token revoked; returns whether it was active. */
    async revoke(id: number, at: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async touch(id: number, at: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

export type ApiTokenStore = ReturnType<typeof createApiTokenStore>;
