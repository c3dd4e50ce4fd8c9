/** Reads and writes site settings (one row per key, JSON values). */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_SETTINGS, type SiteSettings } from './settings.js';

/** Settings persistence. */
export function createSettingsStore(db: Kysely<Database>) {
  return {
    /** All settings, defaults filled in for keys never saved. */
    async load(): Promise<SiteSettings> {
      const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
      const saved: Record<string, unknown> = {};
      for (const row of rows) {
        if (row.key in DEFAULT_SETTINGS) saved[row.key] = JSON.parse(row.value);
      }
      return { ...DEFAULT_SETTINGS, ...saved } as SiteSettings;
    },

    /** Saves the given keys (already validated). */
    async save(update: Partial<SiteSettings>, trx: Kysely<Database> = db): Promise<void> {
      for (const [key, value] of Object.entries(update)) {
        if (value === undefined) continue;
        await trx
          .insertInto('settings')
          .values({ key, value: JSON.stringify(value) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
          .execute();
      }
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
