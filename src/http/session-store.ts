/** All SQL about newsroom sessions. A session's id is the SHA-256 of its cookie token, never the token. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Role, User } from '../users/user.js';

/** A stored session. */
export interface Session {
  id: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** Session persistence. */
export function createSessionStore(db: Kysely<Database>) {
  return {
    async insert(session: Session): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          last_seen_at: session.lastSeenAt,
        })
        .execute();
    },

    /** The unexpired session `id` with its active (not deactivated) user. */
    async findActive(id: string, now: string): Promise<{ session: Session; user: User } | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id',
          'sessions.user_id',
          'sessions.created_at as session_created_at',
          'sessions.expires_at',
          'sessions.last_seen_at',
          'users.email',
          'users.display_name',
          'users.role',
          'users.author_id',
          'users.created_at',
          'users.deactivated_at',
        ])
        .where('sessions.id', '=', id)
        .where('sessions.expires_at', '>', now)
        .where('users.deactivated_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        session: {
          id: row.id,
          userId: row.user_id,
          createdAt: row.session_created_at,
          expiresAt: row.expires_at,
          lastSeenAt: row.last_seen_at,
        },
        user: {
          id: row.user_id,
          email: row.email,
          displayName: row.display_name,
          role: row.role as Role,
          authorId: row.author_id,
          createdAt: row.created_at,
          deactivatedAt: row.deactivated_at,
        },
      };
    },

    async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    /** Ends every session of `userId`, except `keepId` when given. */
    async deleteForUser(userId: number, keepId?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepId !== undefined) query = query.where('id', '!=', keepId);
      await query.execute();
    },

    async countForUser(userId: number): Promise<number> {
      const row = await db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async deleteExpired(now: string): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
