// Frozen in time: this migration imports nothing from src/ and must never change once released.
import { type Kysely, sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // SQLite wants INTEGER PRIMARY KEY AUTOINCREMENT; PostgreSQL an identity column.
  const id = (col: any) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
  const idType = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('authors')
    .addColumn('id', idType, id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_id', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', idType, id)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('author_id', idType, (c) => c.references('authors.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deactivated_at', 'text')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', idType, id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_id', idType, (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('source_id', 'text', (c) => c.unique())
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', idType, id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_id', 'text', (c) => c.unique())
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', idType, id)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('alt_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source_url', 'text')
    .addColumn('uploaded_by', idType, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', idType, id)
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('article'))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_format', 'text', (c) => c.notNull().defaultTo('markdown'))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('submitted_for_review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('translation_group', 'text')
    .addColumn('category_id', idType, (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('featured_media_id', idType, (c) => c.references('media.id').onDelete('set null'))
    .addColumn('featured_image_url', 'text')
    .addColumn('featured_image_alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('featured_image_caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('featured_image_credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('see_also_mode', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('see_also_pin_id', idType)
    .addColumn('meta_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', idType, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source_id', 'text', (c) => c.unique())
    .execute();
  await db.schema
    .createIndex('articles_listing')
    .on('articles')
    .columns(['kind', 'status', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('articles_category')
    .on('articles')
    .columns(['category_id', 'status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_translation_group')
    .on('articles')
    .column('translation_group')
    .execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', idType, (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema.createIndex('article_authors_author').on('article_authors').column('author_id').execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', idType, (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', idType, id)
    .addColumn('article_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('corrected_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('corrections_article').on('corrections').column('article_id').execute();

  await db.schema
    .createTable('revisions')
    .addColumn('id', idType, id)
    .addColumn('article_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', idType, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('dek', 'text', (c) => c.notNull())
    .addColumn('body_source', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('revisions_article').on('revisions').columns(['article_id', 'id']).execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', idType, id)
    .addColumn('article_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', idType, (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('author_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', idType, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('notify_replies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.unique())
    .execute();
  await db.schema
    .createIndex('comments_article')
    .on('comments')
    .columns(['article_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('comments_status').on('comments').columns(['status', 'id']).execute();
  await db.schema.createIndex('comments_email').on('comments').columns(['author_email', 'status']).execute();

  await db.schema
    .createTable('redirects')
    .addColumn('id', idType, id)
    .addColumn('from_path', 'text', (c) => c.notNull().unique())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull().defaultTo(301))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', idType, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('id', idType, id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('done_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('events_pending').on('events').columns(['done_at', 'run_after']).execute();

  await db.schema
    .createTable('related_articles')
    .addColumn('article_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('related_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('related_articles_pk', ['article_id', 'related_id'])
    .execute();
  await db.schema
    .createIndex('related_articles_target')
    .on('related_articles')
    .column('related_id')
    .execute();

  await db.schema
    .createTable('related_exclusions')
    .addColumn('article_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('excluded_id', idType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('related_exclusions_pk', ['article_id', 'excluded_id'])
    .execute();

  // A single row counter that every process polls to learn that content changed.
  await db.schema
    .createTable('change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into change_counter (id, value) values (1, 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'change_counter',
    'related_exclusions',
    'related_articles',
    'events',
    'sessions',
    'redirects',
    'comments',
    'revisions',
    'corrections',
    'article_tags',
    'article_authors',
    'articles',
    'media',
    'tags',
    'categories',
    'users',
    'authors',
    'settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
