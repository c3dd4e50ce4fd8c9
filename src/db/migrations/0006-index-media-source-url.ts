// Frozen in time: this migration imports nothing from src/ and must never change once released.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A re-import finds the media it already wrote by the URL the file named; without an index that is a
  // full scan per attachment, quadratic over a large WordPress library.
  await db.schema.createIndex('media_source_url').on('media').column('source_url').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('media_source_url').execute();
}
