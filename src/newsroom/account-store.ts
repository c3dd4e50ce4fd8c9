/** All SQL about sign-in failures, password reset links and invitations. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Role } from '../users/user.js';

/** An invitation to join the newsroom. */
export interface Invitation {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  invitedBy: number | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** Account-security persistence. */
export function createAccountStore(db: Kysely<Database>) {
  return {
    async recordFailure(keys: string[], at: string): Promise<void> {
      await db
        .insertInto('sign_in_failures')
        .values(keys.map((key) => ({ key, failed_at: at })))
        .execute();
    },

    /** Failure times of `key` since `since`. */
    async failuresSince(key: string, since: string): Promise<string[]> {
      const rows = await db
        .selectFrom('sign_in_failures')
        .select('failed_at')
        .where('key', '=', key)
        .where('failed_at', '>', since)
        .execute();
      return rows.map((r) => r.failed_at);
    },

    async clearFailures(key: string): Promise<void> {
      await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
    },

    async deleteFailuresBefore(before: string): Promise<void> {
      await db.deleteFrom('sign_in_failures').where('failed_at', '<', before).execute();
    },

    async insertPasswordReset(input: {
      tokenHash: string;
      userId: number;
      createdAt: string;
      expiresAt: string;
    }): Promise<void> {
      await db
        .insertInto('password_resets')
        .values({
          token_hash: input.tokenHash,
          user_id: input.userId,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
        })
        .execute();
    },

    /** The newest reset link of `userId` created after `since`, to limit how often mail is sent. */
    async latestPasswordResetSince(userId: number, since: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('password_resets')
        .select('created_at')
        .where('user_id', '=', userId)
        .where('created_at', '>', since)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row?.created_at;
    },

    /** The user of an unused, unexpired reset link. */
    async findUsablePasswordReset(tokenHash: string, now: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('password_resets')
        .select('user_id')
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.user_id;
    },

    /** Marks the link used; false when someone used it first. */
    async usePasswordReset(tokenHash: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Retires every other reset link of the user (after a successful reset). */
    async expirePasswordResets(userId: number, now: string): Promise<void> {
      await db
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    },

    async insertInvitation(input: {
      tokenHash: string;
      email: string;
      displayName: string;
      role: Role;
      invitedBy: number;
      createdAt: string;
      expiresAt: string;
    }): Promise<void> {
      await db
        .insertInto('invitations')
        .values({
          token_hash: input.tokenHash,
          email: input.email,
          display_name: input.displayName,
          role: input.role,
          invited_by: input.invitedBy,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
        })
        .execute();
    },

    /** An open (unaccepted, unexpired) invitation by its token hash. */
    async findOpenInvitation(tokenHash: string, now: string): Promise<Invitation | undefined> {
      const row = await db
        .selectFrom('invitations')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row && toInvitation(row);
    },

    /** Marks accepted; false when it was accepted meanwhile. */
    async acceptInvitation(id: number, now: string): Promise<boolean> {
      const result = await db
        .updateTable('invitations')
        .set({ accepted_at: now })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listOpenInvitations(now: string): Promise<Invitation[]> {
      const rows = await db
        .selectFrom('invitations')
        .selectAll()
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toInvitation);
    },
  };
}

function toInvitation(row: {
  id: number;
  email: string;
  display_name: string;
  role: string;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}): Invitation {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
