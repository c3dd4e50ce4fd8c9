/**
 * All SQL of restoring a site backup: which columns each table has, generic row inserts (with or
 * without the backup's ids), the natural keys a merge matches on, and the id sequences to move on.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { SiteBackupTable } from '../exports/site-backup.js';

type Row = Record<string, unknown>;

/** Restore persistence. */
export function createRestoreStore(db: Kysely<Database>, dialect: Dialect) {
  // Table and column names come from the fixed backup table list and the database's own catalogue.
  const loose = (trx: Kysely<Database>) => trx as unknown as Kysely<Record<string, Row>>;

  return {
    /** The columns of each table, read from the database (call outside the transaction). */
    async columns(): Promise<Map<string, Set<string>>> {
      const tables = await db.introspection.getTables();
      return new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
    },

    async count(table: SiteBackupTable, trx: Kysely<Database>): Promise<number> {
      const row = await loose(trx)
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Inserts a row; returns its id when the table has one. */
    async insert(
      table: SiteBackupTable,
      row: Row,
      hasId: boolean,
      trx: Kysely<Database>,
    ): Promise<number | null> {
      const query = loose(trx).insertInto(table).values(row);
      if (!hasId) {
        await query.execute();
        return null;
      }
      const inserted = await query.returning('id').executeTakeFirstOrThrow();
      return Number(inserted.id);
    },

    async setColumn(
      table: SiteBackupTable,
      id: number,
      column: string,
      value: unknown,
      trx: Kysely<Database>,
    ): Promise<void> {
      await loose(trx)
        .updateTable(table)
        .set({ [column]: value })
        .where('id', '=', id)
        .execute();
    },

    /** The id of the row whose `column` equals `value` (and `and`, when given), if any. */
    async findId(
      table: SiteBackupTable,
      match: Record<string, unknown>,
      trx: Kysely<Database>,
    ): Promise<number | undefined> {
      let query = loose(trx).selectFrom(table).select('id');
      for (const [column, value] of Object.entries(match)) {
        query = value === null ? query.where(column, 'is', null) : query.where(column, '=', value);
      }
      const row = await query.executeTakeFirst();
      return row ? Number(row.id) : undefined;
    },

    /** True when a row with these values exists (for tables without an id). */
    async exists(
      table: SiteBackupTable,
      match: Record<string, unknown>,
      trx: Kysely<Database>,
    ): Promise<boolean> {
      let query = loose(trx).selectFrom(table).select(sql<number>`1`.as('one'));
      for (const [column, value] of Object.entries(match)) query = query.where(column, '=', value);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async upsertSetting(key: string, value: string, trx: Kysely<Database>): Promise<void> {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },

    /**
     * After rows were inserted with the backup's own ids, moves the id generator past them. SQLite's
     * AUTOINCREMENT does this by itself; a PostgreSQL identity column does not, and would hand out
     * id 1 again. (The one dialect difference of restoring, so it stays here rather than in db/.)
     */
    async moveIdSequencePastRows(table: SiteBackupTable, trx: Kysely<Database>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
        trx,
      );
    },
  };
}

export type RestoreStore = ReturnType<typeof createRestoreStore>;
