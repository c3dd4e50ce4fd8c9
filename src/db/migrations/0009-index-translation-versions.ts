// Frozen in time: this migration imports nothing from src/ and must never change once released.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Readers' lists leave out an article whose story has a published version in the site's language, asking
  // for each translated article whether its group has such a version. With the group alone indexed, SQLite
  // answered that by walking the listing index (every published article, for each translated one); with the
  // whole question in the index it is one seek.
  await db.schema
    .createIndex('articles_translation_versions')
    .on('articles')
    .columns(['translation_group', 'language', 'kind', 'status', 'published_at'])
    .where(sql.ref('translation_group'), 'is not', null)
    .execute();
  // Its first column serves what this one did: a story's versions by group.
  await db.schema.dropIndex('articles_translation_group').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('articles_translation_group')
    .on('articles')
    .column('translation_group')
    .execute();
  await db.schema.dropIndex('articles_translation_versions').execute();
}
