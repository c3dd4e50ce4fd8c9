// Frozen in time: this migration imports nothing from src/ and must never change once released.
import { type Kysely, sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

// The plain text of every indexed article, one row each, on both databases: snippets are cut from it.
// Visibility (status, published_at, deleted_at, owner) stays in the article row and is joined at query time.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('search_documents')
    .addColumn('article_id', pg ? 'bigint' : 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    // 'english' (stemmed) or 'simple' (folded words only), chosen from the article's language.
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('dek', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('taxonomy', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();

  if (pg) {
    // The tsvector lives in its own narrow table: ranking reads every match's vector, and beside the
    // stored text those rows would be several times wider. Weighted A (headline) … D (body), built
    // from diacritic-folded text because unaccent is unavailable.
    await db.schema
      .createTable('search_index')
      .addColumn('article_id', 'bigint', (c) =>
        c.primaryKey().references('search_documents.article_id').onDelete('cascade'),
      )
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index search_index_document on search_index using gin (document)`.execute(db);
    return;
  }

  // SQLite: one contentless FTS5 index per tokenizer, because FTS5 fixes the tokenizer per table.
  // Columns hold diacritic-folded text; the original text lives in search_documents.
  for (const [table, tokenizer] of [
    ['search_index_english', 'porter unicode61 remove_diacritics 2'],
    ['search_index_simple', 'unicode61 remove_diacritics 2'],
  ]) {
    await sql
      .raw(
        `create virtual table ${table} using fts5(headline, dek, body, taxonomy, authors, ` +
          `content='', contentless_delete=1, tokenize='${tokenizer}', prefix='2 3')`,
      )
      .execute(db);
  }
  // Queries join every match to its article for visibility. SQLite stores the bodies inside the article
  // row, so reading status and dates after them walks overflow pages; this covering index avoids that.
  await db.schema
    .createIndex('articles_search_visibility')
    .on('articles')
    .columns(['id', 'status', 'deleted_at', 'published_at', 'updated_at', 'owner_id', 'category_id'])
    .execute();
  // An article deleted for good (or its document replaced) takes its index entry with it.
  await sql`
    create trigger search_documents_after_delete after delete on search_documents begin
      delete from search_index_english where rowid = old.article_id;
      delete from search_index_simple where rowid = old.article_id;
    end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.dropTable('search_index').execute();
  } else {
    await sql`drop trigger if exists search_documents_after_delete`.execute(db);
    await sql`drop index if exists articles_search_visibility`.execute(db);
    await sql`drop table if exists search_index_english`.execute(db);
    await sql`drop table if exists search_index_simple`.execute(db);
  }
  await db.schema.dropTable('search_documents').execute();
}
