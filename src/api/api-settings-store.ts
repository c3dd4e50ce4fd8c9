/** All SQL of the API's own settings (the front-end origins allowed by CORS), kept in the settings table. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const CORS_KEY = 'api_cors_origins';

/** API settings persistence. */
export function createApiSettingsStore(db: Kysely<Database>) {
  return {
    /** The origins allowed to call the APIs from a browser (`*` for any). */
    async corsOrigins(): Promise<string[]> {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', CORS_KEY)
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as string[]) : [];
    },

    async saveCorsOrigins(origins: string[]): Promise<void> {
      const value = JSON.stringify(origins);
      await db
        .insertInto('settings')
        .values({ key: CORS_KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}

export type ApiSettingsStore = ReturnType<typeof createApiSettingsStore>;
