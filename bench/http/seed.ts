/**
 * Fills an empty Broadsheet database with the HTTP benchmark's data set, fast:
 * generated articles (bench/generate-articles.ts), their authors, sections and
 * tags, and approved comments, written in large multi-row inserts inside one
 * transaction per table, then indexed for search the way the app does at start.
 * The benchmark article (the middle one) gets exactly ten comments.
 */
import type { Kysely } from 'kysely';
import { createContext } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { type Db, migrateToLatest, openDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { type GeneratedArticle, generateArticles } from '../generate-articles.js';

/** What the benchmark requests: the article with ten comments, a busy section, a search word. */
export interface SeededSite {
  articles: number;
  comments: number;
  benchArticlePath: string;
  benchArticleId: number;
  /** The section with the most articles, and how many it has. */
  busiestCategory: { slug: string; articles: number };
  searchWord: string;
}

const BENCH_ARTICLE_COMMENTS = 10;
// SQLite allows 32,766 bound values per statement; the widest row here (articles) has ~20 columns.
const ROWS_PER_INSERT = 1000;
const ARTICLE_ROWS_PER_INSERT = 500;

const COMMENT_LINES = [
  'This is exactly what the council promised last spring, and it is still not finished.',
  'Thanks for the clear explanation of the numbers; the chart helps a lot.',
  'I live two streets away and nobody asked us about any of this.',
  'Good reporting. Will you follow up once the inquiry reports?',
  'The headline undersells it: the second half of the piece is the real story.',
  'My grandfather worked there for forty years. Sad to see it go.',
  'Is there a public consultation, and where can readers send comments?',
  'Same thing happened in 2019 and the lessons were never learned.',
];

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function insertInBatches<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Iterable<Record<string, unknown>>,
  perInsert = ROWS_PER_INSERT,
): Promise<void> {
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // Rows are built per table below to match its columns; Kysely cannot check a table chosen at run time.
    await db
      .insertInto(table)
      .values(batch as never)
      .execute();
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
}

// Deterministic, so a data set can be regenerated identically.
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Comment counts per article: ten on the bench article, the rest skewed so a few stories draw many. */
function commentCounts(articles: number, comments: number, benchIndex: number): Uint32Array {
  const counts = new Uint32Array(articles);
  if (articles === 0) return counts;
  counts[benchIndex] = Math.min(BENCH_ARTICLE_COMMENTS, comments);
  let left = comments - counts[benchIndex]!;
  const random = createRandom(7);
  while (left > 0) {
    // Squaring the draw favours some articles over others, as readers do.
    const i = Math.floor(random() ** 2 * articles);
    if (i === benchIndex) continue;
    counts[i]! += 1;
    left -= 1;
  }
  return counts;
}

/** Writes the data set into `db` (migrated, empty); returns what the benchmark needs to know. */
export async function seedDatabase(
  db: Db,
  options: { articles: number; comments: number; log?: (line: string) => void },
): Promise<SeededSite> {
  const log = options.log ?? (() => {});
  const k = db.kysely;
  await migrateToLatest(db);
  const existing = await k
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error('The benchmark database is not empty.');

  const now = new Date().toISOString();
  const generated: GeneratedArticle[] = [...generateArticles(options.articles, 1)];
  const benchIndex = Math.floor(generated.length / 2);

  const authorNames = [...new Set(generated.flatMap((a) => a.authors))].sort();
  const categoryNames = [...new Set(generated.map((a) => a.category))].sort();
  const tagNames = [...new Set(generated.flatMap((a) => a.tags))].sort();

  log(`writing ${authorNames.length} authors, ${categoryNames.length} sections, ${tagNames.length} tags`);
  await k.transaction().execute(async (trx) => {
    await insertInBatches(
      trx,
      'authors',
      authorNames.map((name) => ({ name, slug: slugify(name), created_at: now })),
    );
    await insertInBatches(
      trx,
      'categories',
      categoryNames.map((name) => ({ name, slug: slugify(name), parent_id: null })),
    );
    await insertInBatches(
      trx,
      'tags',
      tagNames.map((name) => ({ name: name.replace(/-/g, ' '), slug: slugify(name) })),
    );
  });
  const idsBy = async (table: 'authors' | 'categories' | 'tags', key: 'name' | 'slug') => {
    const rows = await k.selectFrom(table).select(['id', key]).execute();
    return new Map(rows.map((r) => [String((r as Record<string, unknown>)[key]), Number(r.id)]));
  };
  const authorIds = await idsBy('authors', 'name');
  const categoryIds = await idsBy('categories', 'name');
  const tagIds = await idsBy('tags', 'slug');

  log(`writing ${generated.length} articles`);
  const articleIds = new Array<number>(generated.length);
  await k.transaction().execute(async (trx) => {
    await insertInBatches(
      trx,
      'articles',
      generated.map((a) => ({
        kind: 'article',
        headline: a.headline,
        slug: a.slug,
        dek: a.dek,
        body_source: a.paragraphs.join('\n\n'),
        body_format: 'markdown',
        body_html: a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
        excerpt: a.paragraphs[0]!.slice(0, 280),
        status: 'published',
        published_at: a.publishedAt,
        updated_at: a.publishedAt,
        created_at: a.publishedAt,
        language: a.language,
        category_id: categoryIds.get(a.category) ?? null,
      })),
      ARTICLE_ROWS_PER_INSERT,
    );
    const rows = await trx.selectFrom('articles').select(['id', 'slug']).execute();
    const bySlug = new Map(rows.map((r) => [r.slug, Number(r.id)]));
    for (const a of generated) articleIds[a.id - 1] = bySlug.get(a.slug)!;
    await insertInBatches(
      trx,
      'article_authors',
      (function* () {
        for (const a of generated) {
          for (const [position, name] of a.authors.entries()) {
            yield { article_id: articleIds[a.id - 1], author_id: authorIds.get(name)!, position };
          }
        }
      })(),
    );
    await insertInBatches(
      trx,
      'article_tags',
      (function* () {
        for (const a of generated) {
          for (const [position, tag] of a.tags.entries()) {
            yield { article_id: articleIds[a.id - 1], tag_id: tagIds.get(slugify(tag))!, position };
          }
        }
      })(),
    );
  });

  const counts = commentCounts(generated.length, options.comments, benchIndex);
  log(`writing ${options.comments} comments`);
  await k.transaction().execute(async (trx) => {
    await insertInBatches(
      trx,
      'comments',
      (function* () {
        let n = 0;
        for (const [i, a] of generated.entries()) {
          const start = Date.parse(a.publishedAt);
          for (let c = 0; c < counts[i]!; c++) {
            n += 1;
            const body = `${COMMENT_LINES[n % COMMENT_LINES.length]} (${n})`;
            yield {
              article_id: articleIds[i],
              parent_id: null,
              status: 'approved',
              author_name: `Reader ${n % 5000}`,
              author_email: `reader${n % 5000}@example.com`,
              body,
              body_html: `<p>${escapeHtml(body)}</p>`,
              created_at: new Date(start + (c + 1) * 60_000).toISOString(),
            };
          }
        }
      })(),
    );
  });

  const bench = generated[benchIndex]!;
  const perCategory = new Map<string, number>();
  for (const a of generated) perCategory.set(a.category, (perCategory.get(a.category) ?? 0) + 1);
  const [busiest, busiestCount] = [...perCategory].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return {
    articles: generated.length,
    comments: options.comments,
    benchArticlePath: `/${bench.slug}/`,
    benchArticleId: articleIds[benchIndex]!,
    busiestCategory: { slug: slugify(busiest), articles: busiestCount },
    searchWord: 'council',
  };
}

/**
 * Seeds the database named by `target` (a data directory for SQLite, or a PostgreSQL URL) and
 * lets the app index it for search, as its first start would.
 */
export async function seedSite(
  target: { dataDir: string; databaseUrl: string | null },
  options: { articles: number; comments: number; log?: (line: string) => void },
): Promise<SeededSite> {
  const db = openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
  let site: SeededSite;
  try {
    site = await seedDatabase(db, options);
  } finally {
    await db.close();
  }
  options.log?.('indexing for search');
  const config = loadConfig({
    BROADSHEET_DATA_DIR: target.dataDir,
    BROADSHEET_DEMO: '0',
    LOG_LEVEL: 'silent',
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
  });
  const ctx = await createContext(config, { info() {}, warn() {}, error() {} });
  await ctx.db.close();
  return site;
}
