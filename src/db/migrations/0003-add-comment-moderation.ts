// Frozen in time: this migration imports nothing from src/ and must never change once released.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds one column per ALTER TABLE statement.
  await db.schema
    .alterTable('comments')
    .addColumn('moderation_reasons', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Trash remembers where a comment came from, so restore puts it back (WordPress's _wp_trash_meta_status).
  await db.schema.alterTable('comments').addColumn('status_before_trash', 'text').execute();
  await db.schema.alterTable('comments').addColumn('edited_at', 'text').execute();
  // What the spam classifier last learned from this comment ('spam' or 'ham'), so a reversed decision can be unlearned.
  await db.schema.alterTable('comments').addColumn('learned_as', 'text').execute();
  await db.schema.createIndex('comments_created').on('comments').columns(['created_at']).execute();
  await db.schema.createIndex('comments_parent').on('comments').columns(['parent_id']).execute();

  // Replay guard of the signed comment form: a nonce may post once per commenter.
  await db.schema
    .createTable('comment_form_nonces')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_form_nonces_expiry')
    .on('comment_form_nonces')
    .column('expires_at')
    .execute();

  // One row: the trained spam classifier as JSON, with a version for optimistic concurrency.
  await db.schema
    .createTable('comment_classifier')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Fixed-window counters for rate limits; every process shares them.
  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_counters_pk', ['key', 'window_start'])
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_window')
    .on('rate_limit_counters')
    .column('window_start')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_counters').execute();
  await db.schema.dropTable('comment_classifier').execute();
  await db.schema.dropTable('comment_form_nonces').execute();
  await db.schema.dropIndex('comments_parent').execute();
  await db.schema.dropIndex('comments_created').execute();
  for (const column of ['learned_as', 'edited_at', 'status_before_trash', 'moderation_reasons']) {
    await db.schema.alterTable('comments').dropColumn(column).execute();
  }
}
