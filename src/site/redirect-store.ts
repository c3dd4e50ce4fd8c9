/** All SQL about redirects from old paths (imports, renamed slugs) to current ones. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A stored redirect. */
export interface Redirect {
  fromPath: string;
  toPath: string;
  statusCode: number;
}

/** Redirect persistence. */
export function createRedirectStore(db: Kysely<Database>) {
  return {
    async find(fromPath: string): Promise<Redirect | undefined> {
      const row = await db
        .selectFrom('redirects')
        .select(['from_path', 'to_path', 'status_code'])
        .where('from_path', '=', fromPath)
        .executeTakeFirst();
      return row && { fromPath: row.from_path, toPath: row.to_path, statusCode: row.status_code };
    },

    /** Adds or replaces the redirect from `fromPath`. */
    async upsert(redirect: Redirect, trx: Kysely<Database> = db): Promise<void> {
      await trx
        .insertInto('redirects')
        .values({
          from_path: redirect.fromPath,
          to_path: redirect.toPath,
          status_code: redirect.statusCode,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) =>
          oc.column('from_path').doUpdateSet({ to_path: redirect.toPath, status_code: redirect.statusCode }),
        )
        .execute();
    },

    async remove(fromPath: string, trx: Kysely<Database> = db): Promise<void> {
      await trx.deleteFrom('redirects').where('from_path', '=', fromPath).execute();
    },
  };
}

export type RedirectStore = ReturnType<typeof createRedirectStore>;
