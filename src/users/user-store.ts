/** All SQL about newsroom accounts and public author profiles. */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AuthorsTable, Database, UsersTable } from '../db/schema.js';
import type { Author, Role, User } from './user.js';

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    authorId: row.author_id,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  };
}

function toAuthor(row: Pick<Selectable<AuthorsTable>, 'id' | 'name' | 'slug' | 'bio'>): Author {
  return { id: row.id, name: row.name, slug: row.slug, bio: row.bio };
}

/** Accounts and author profiles. */
export function createUserStore(db: Kysely<Database>) {
  return {
    async insertUser(
      input: {
        email: string;
        displayName: string;
        role: Role;
        passwordHash: string | null;
        authorId: number | null;
      },
      trx: Kysely<Database> = db,
    ): Promise<User> {
      const row = await trx
        .insertInto('users')
        .values({
          email: input.email,
          display_name: input.displayName,
          role: input.role,
          password_hash: input.passwordHash,
          author_id: input.authorId,
          created_at: new Date().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },

    async findUserByEmail(
      email: string,
    ): Promise<
      (User & { passwordHash: string | null; failedSignIns: number; lockedUntil: string | null }) | undefined
    > {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return (
        row && {
          ...toUser(row),
          passwordHash: row.password_hash,
          failedSignIns: row.failed_sign_ins,
          lockedUntil: row.locked_until,
        }
      );
    },

    async findUserById(id: number): Promise<User | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async listUsers(): Promise<User[]> {
      const rows = await db.selectFrom('users').selectAll().orderBy('display_name').execute();
      return rows.map(toUser);
    },

    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async updateUser(
      id: number,
      update: Partial<{
        role: Role;
        displayName: string;
        passwordHash: string;
        deactivatedAt: string | null;
        failedSignIns: number;
        lockedUntil: string | null;
      }>,
    ): Promise<void> {
      const values: Updateable<UsersTable> = {};
      if (update.role !== undefined) values.role = update.role;
      if (update.displayName !== undefined) values.display_name = update.displayName;
      if (update.passwordHash !== undefined) values.password_hash = update.passwordHash;
      if (update.deactivatedAt !== undefined) values.deactivated_at = update.deactivatedAt;
      if (update.failedSignIns !== undefined) values.failed_sign_ins = update.failedSignIns;
      if (update.lockedUntil !== undefined) values.locked_until = update.lockedUntil;
      if (Object.keys(values).length === 0) return;
      await db.updateTable('users').set(values).where('id', '=', id).execute();
    },

    async insertAuthor(
      input: { name: string; slug: string; bio?: string; sourceId?: string | null },
      trx: Kysely<Database> = db,
    ): Promise<Author> {
      const row = await trx
        .insertInto('authors')
        .values({
          name: input.name,
          slug: input.slug,
          bio: input.bio ?? '',
          source_id: input.sourceId ?? null,
          created_at: new Date().toISOString(),
        })
        .returning(['id', 'name', 'slug', 'bio'])
        .executeTakeFirstOrThrow();
      return toAuthor(row);
    },

    async findAuthorBySlug(slug: string): Promise<Author | undefined> {
      const row = await db
        .selectFrom('authors')
        .select(['id', 'name', 'slug', 'bio'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toAuthor(row);
    },

    async findAuthorById(id: number): Promise<Author | undefined> {
      const row = await db
        .selectFrom('authors')
        .select(['id', 'name', 'slug', 'bio'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAuthor(row);
    },

    async listAuthors(): Promise<Author[]> {
      const rows = await db
        .selectFrom('authors')
        .select(['id', 'name', 'slug', 'bio'])
        .orderBy('name')
        .execute();
      return rows.map(toAuthor);
    },

    async isAuthorSlugTaken(slug: string): Promise<boolean> {
      return (
        (await db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst()) !==
        undefined
      );
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
