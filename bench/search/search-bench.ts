/**
 * Search benchmark: loads generated articles into SQLite (and PostgreSQL with --postgres), then prints
 * the index build time, the incremental index update p95 through the real article service, and
 * query latency p50/p95/p99 for a fixed mix of 1-word, 2-word, phrase and prefix queries, beside a
 * naive LIKE '%…%' scan over the same data.
 *
 *   node --import tsx bench/search/search-bench.ts [--articles N] [--postgres URL] [--seed S]
 *        [--queries-per-type N] [--rounds N] [--like-queries-per-type N] [--edits N] [--only sqlite|postgres]
 *        [--keep FILE]
 *
 * --keep builds the SQLite database at FILE and leaves it there; a later run with the same FILE
 * measures queries only (no load, build or edits), for trying changes to the query side quickly.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type ArticleHook, createArticleService } from '../../src/articles/article-service.js';
import { createArticleStore } from '../../src/articles/article-store.js';
import { type Db, type Dialect, migrateToLatest, openDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { createEventStore } from '../../src/jobs/event-store.js';
import { createSearchService, type SearchService } from '../../src/search/search-service.js';
import { createSearchStore } from '../../src/search/search-store.js';
import { escapeHtml } from '../../src/views/jsx.js';
import { type GeneratedArticle, generateArticles } from '../generate-articles.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    postgres: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'queries-per-type': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    'like-queries-per-type': { type: 'string', default: '5' },
    edits: { type: 'string', default: '200' },
    only: { type: 'string' },
    keep: { type: 'string' },
  },
});
const ARTICLES = Number(args.articles);
const SEED = Number(args.seed);
const QUERIES_PER_TYPE = Number(args['queries-per-type']);
const ROUNDS = Number(args.rounds);
const LIKE_QUERIES_PER_TYPE = Number(args['like-queries-per-type']);
const EDITS = Number(args.edits);
/** Articles written per INSERT while loading; each loading transaction holds LOAD_TRANSACTION of them. */
const LOAD_CHUNK = 500;
const LOAD_TRANSACTION = 5000;
/** A share of the archive left as drafts, so permission filtering is part of every query. */
const DRAFT_SHARE = 0.03;
/** The p95 goal per query on SQLite at 100,000 articles. */
const GOAL_P95_MS = 20;

const QUERY_TYPES = ['1-word', '2-word', 'phrase', 'prefix'] as const;
type QueryType = (typeof QUERY_TYPES)[number];

/** A reader query and the substrings a naive LIKE search would look for. */
interface BenchQuery {
  type: QueryType;
  typed: string;
  likeTerms: string[];
}

function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STOP = new Set(
  'that with from than this have been were will what about their after says said weeks years'.split(' '),
);

/** The fixed query mix: words and phrases readers would type about the same news, from another seed. */
function buildQueries(perType: number, seed: number): BenchQuery[] {
  const random = createRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const words = (text: string) =>
    (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length >= 4 && !STOP.has(w));
  const source = [...generateArticles(perType * 4, seed + 1000)];
  const queries: BenchQuery[] = [];
  for (let i = 0; i < perType; i++) {
    const a = source[i * 4]!;
    const w1 = pick(words(a.headline));
    queries.push({ type: '1-word', typed: `${w1} `, likeTerms: [w1] });

    const b = words(source[i * 4 + 1]!.headline);
    const first = pick(b);
    const others = [...b, ...words(source[i * 4 + 1]!.dek)].filter((w) => w !== first);
    const second = pick(others.length ? others : ['report']);
    queries.push({ type: '2-word', typed: `${first} ${second} `, likeTerms: [first, second] });

    // A phrase a reader would quote: two neighbouring content words of a headline ("spending plan",
    // "electoral commission"). Not from the body: the generator's template sentences repeat phrases
    // such as "local officials" in most articles, which no reader searches for.
    const sentence = source[i * 4 + 2]!.headline.toLowerCase().match(/[a-z]+/g) ?? [];
    const pairs = sentence
      .slice(0, -1)
      .map((w, j) => [w, sentence[j + 1]!])
      .filter(([a, b]) => a.length >= 4 && b.length >= 4 && !STOP.has(a) && !STOP.has(b) && a !== b);
    const phrase = (pairs.length ? pick(pairs) : sentence.slice(0, 2)).join(' ');
    queries.push({ type: 'phrase', typed: `"${phrase}"`, likeTerms: [phrase] });

    const p = words(source[i * 4 + 3]!.headline).filter((w) => w.length >= 6);
    const word = p.length ? pick(p) : 'government';
    const partial = word.slice(0, 3 + Math.floor(random() * 3));
    const lead = i % 2 === 0 ? '' : `${pick(words(source[i * 4 + 3]!.dek))} `;
    queries.push({
      type: 'prefix',
      typed: `${lead}${partial}`,
      likeTerms: lead ? [lead.trim(), partial] : [partial],
    });
  }
  return queries;
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const pad = (s: string, n: number) => s.padEnd(n);
const padStart = (s: string, n: number) => s.padStart(n);

/** Writes the generated archive straight through Kysely, many rows per statement. */
async function loadArchive(db: Kysely<Database>, count: number, seed: number): Promise<number[]> {
  const now = new Date().toISOString();
  const authorIds = new Map<string, number>();
  const categoryIds = new Map<string, number>();
  const tagIds = new Map<string, number>();
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const random = createRandom(seed + 7);
  const ids: number[] = [];
  let batch: GeneratedArticle[] = [];

  async function ensure(
    map: Map<string, number>,
    names: string[],
    insert: (name: string) => Promise<number>,
  ) {
    for (const name of names) if (!map.has(name)) map.set(name, await insert(name));
  }

  async function flush(trx: Kysely<Database>): Promise<void> {
    if (batch.length === 0) return;
    await ensure(categoryIds, [...new Set(batch.map((a) => a.category))], async (name) => {
      const row = await trx
        .insertInto('categories')
        .values({ name, slug: slug(name) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    await ensure(tagIds, [...new Set(batch.flatMap((a) => a.tags))], async (name) => {
      const row = await trx
        .insertInto('tags')
        .values({ name: name.replace(/-/g, ' '), slug: slug(name) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    await ensure(authorIds, [...new Set(batch.flatMap((a) => a.authors))], async (name) => {
      const row = await trx
        .insertInto('authors')
        .values({ name, slug: slug(name), created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const rows = await trx
      .insertInto('articles')
      .values(
        batch.map((a) => {
          const draft = random() < DRAFT_SHARE;
          return {
            headline: a.headline,
            slug: a.slug,
            dek: a.dek,
            body_source: a.paragraphs.join('\n\n'),
            body_html: a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
            excerpt: a.paragraphs[0]!.slice(0, 240),
            status: draft ? 'draft' : 'published',
            published_at: draft ? null : a.publishedAt,
            created_at: a.publishedAt,
            updated_at: a.publishedAt,
            language: a.language,
            category_id: categoryIds.get(a.category)!,
          };
        }),
      )
      .returning('id')
      .execute();
    const batchIds = rows.map((r) => r.id);
    ids.push(...batchIds);
    const tagRows = batch.flatMap((a, i) =>
      a.tags.map((t, position) => ({ article_id: batchIds[i]!, tag_id: tagIds.get(t)!, position })),
    );
    const authorRows = batch.flatMap((a, i) =>
      a.authors.map((name, position) => ({
        article_id: batchIds[i]!,
        author_id: authorIds.get(name)!,
        position,
      })),
    );
    await trx.insertInto('article_tags').values(tagRows).execute();
    await trx.insertInto('article_authors').values(authorRows).execute();
    batch = [];
  }

  const articles = generateArticles(count, seed);
  for (let done = 0; done < count; ) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < LOAD_TRANSACTION && done < count; i++, done++) {
        const next = articles.next();
        if (next.done) {
          done = count;
          break;
        }
        batch.push(next.value);
        if (batch.length === LOAD_CHUNK) await flush(trx);
      }
      await flush(trx);
    });
  }
  return ids;
}

/** The naive search: every word as a substring of headline, dek or body, newest first, with a count. */
async function likeSearch(db: Kysely<Database>, dialect: Dialect, query: BenchQuery, now: string) {
  const like = dialect === 'postgres' ? sql`ilike` : sql`like`;
  const conditions = query.likeTerms.map((term) => {
    const pattern = `%${term}%`;
    return sql`(a.headline ${like} ${pattern} or a.dek ${like} ${pattern} or a.body_html ${like} ${pattern})`;
  });
  const { rows } = await sql<{ id: number; total: number }>`
    select a.id, a.headline, count(*) over () as total from articles a
    where a.status = 'published' and a.deleted_at is null and a.published_at <= ${now}
      and ${sql.join(conditions, sql` and `)}
    order by a.published_at desc limit 20`.execute(db);
  return rows;
}

interface LatencyTable {
  byType: Map<QueryType | 'all', number[]>;
  /** Process CPU time per query: on SQLite (in-process) the cost of a query without waiting for a core. */
  cpuByType: Map<QueryType | 'all', number[]>;
  results: Map<QueryType, number[]>;
}

async function measureQueries(
  queries: BenchQuery[],
  rounds: number,
  run: (q: BenchQuery) => Promise<number>,
): Promise<LatencyTable> {
  const byType = new Map<QueryType | 'all', number[]>([['all', []]]);
  const cpuByType = new Map<QueryType | 'all', number[]>([['all', []]]);
  const results = new Map<QueryType, number[]>();
  for (const q of queries) await run(q); // warm-up: caches and prepared plans, as in a running server
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const cpuBefore = process.cpuUsage();
      const [found, elapsed] = await time(() => run(q));
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      byType.set(q.type, [...(byType.get(q.type) ?? []), elapsed]);
      byType.get('all')!.push(elapsed);
      cpuByType.set(q.type, [...(cpuByType.get(q.type) ?? []), cpuMs]);
      cpuByType.get('all')!.push(cpuMs);
      if (round === 0) results.set(q.type, [...(results.get(q.type) ?? []), found]);
    }
  }
  return { byType, cpuByType, results };
}

function printLatency(title: string, table: LatencyTable, withCpu: boolean): void {
  console.log(`  ${title}`);
  const cpuHeader = withCpu ? `${padStart('cpu p50', 11)}${padStart('cpu p95', 11)}` : '';
  console.log(
    `    ${pad('type', 8)}${padStart('p50', 11)}${padStart('p95', 11)}${padStart('p99', 11)}${cpuHeader}${padStart('median hits', 14)}`,
  );
  for (const type of [...QUERY_TYPES, 'all'] as const) {
    const samples = table.byType.get(type) ?? [];
    if (samples.length === 0) continue;
    const hits =
      type === 'all' ? [...table.results.values()].flat() : (table.results.get(type as QueryType) ?? []);
    const cpu = table.cpuByType.get(type) ?? [];
    const cpuColumns = withCpu
      ? `${padStart(ms(percentile(cpu, 0.5)), 11)}${padStart(ms(percentile(cpu, 0.95)), 11)}`
      : '';
    console.log(
      `    ${pad(type, 8)}${padStart(ms(percentile(samples, 0.5)), 11)}${padStart(ms(percentile(samples, 0.95)), 11)}${padStart(ms(percentile(samples, 0.99)), 11)}${cpuColumns}${padStart(String(percentile(hits, 0.5)), 14)}`,
    );
  }
}

interface DialectFigures {
  dialect: Dialect;
  buildMs: number;
  updateP95: number;
  search: LatencyTable;
  like: LatencyTable;
}

async function indexSize(db: Db): Promise<string> {
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{ size: string }>`
      select pg_size_pretty(pg_total_relation_size('search_documents') + pg_total_relation_size('search_index')) as size`.execute(
      db.kysely,
    );
    return `search_documents + search_index with GIN ${rows[0]!.size}`;
  }
  const { rows } = await sql<{ bytes: number }>`
    select sum(pgsize) as bytes from dbstat where name like 'search_index_%' or name = 'search_documents'`
    .execute(db.kysely)
    .catch(() => ({ rows: [{ bytes: Number.NaN }] }));
  return `search_documents + FTS5 ${(Number(rows[0]!.bytes) / 1e6).toFixed(0)} MB`;
}

async function benchDialect(db: Db, queries: BenchQuery[], reuse = false): Promise<DialectFigures> {
  const label = db.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  console.log(`\n${label}`);
  await migrateToLatest(db);
  if (reuse) {
    console.log('  reusing the database of an earlier --keep run: queries only');
    const store = createSearchStore(db.kysely, db.dialect);
    const search = createSearchService({ db: db.kysely, store });
    const table = await measureQueries(
      queries,
      ROUNDS,
      async (q) => (await search.searchPublic(q.typed)).total,
    );
    printLatency(`queries: searchPublic, ${queries.length} queries × ${ROUNDS} rounds`, table, true);
    return { dialect: db.dialect, buildMs: Number.NaN, updateP95: Number.NaN, search: table, like: table };
  }
  const [ids, loadMs] = await time(() => loadArchive(db.kysely, ARTICLES, SEED));
  await sql`analyze`.execute(db.kysely);
  console.log(
    `  loaded ${ids.length.toLocaleString('en-GB')} articles in ${(loadMs / 1000).toFixed(1)} s (bulk, not measured)`,
  );

  const store = createSearchStore(db.kysely, db.dialect);
  const search: SearchService = createSearchService({ db: db.kysely, store });
  const [indexed, buildMs] = await time(() => search.rebuildIndex());
  console.log(
    `  index build: ${(buildMs / 1000).toFixed(1)} s for ${indexed.toLocaleString('en-GB')} articles ` +
      `(${Math.round(indexed / (buildMs / 1000)).toLocaleString('en-GB')}/s); ${await indexSize(db)}`,
  );

  // Incremental updates through the real service path: saveArticle's transaction runs the index hook.
  const hookMs: number[] = [];
  const timedHook: ArticleHook = async (trx, id) => {
    const started = performance.now();
    await search.indexArticle(trx, id);
    hookMs.push(performance.now() - started);
  };
  const articles = createArticleService({
    db: db.kysely,
    articles: createArticleStore(db.kysely),
    events: createEventStore(db.kysely),
    hooks: [timedHook],
  });
  const random = createRandom(SEED + 99);
  const saveMs: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const id = ids[Math.floor(random() * ids.length)]!;
    const article = await articles.load(id);
    const [, elapsed] = await time(() =>
      articles.saveArticle(
        id,
        {
          headline: `${article.headline} (updated)`,
          bodySource: `${article.bodySource}\n\nUpdate: the council confirmed the figures on Friday.`,
        },
        article.version,
        { userId: null },
      ),
    );
    saveMs.push(elapsed);
  }
  console.log(
    `  incremental update (${EDITS} edits via saveArticle): index hook p50 ${ms(percentile(hookMs, 0.5))}, ` +
      `p95 ${ms(percentile(hookMs, 0.95))}; whole save p95 ${ms(percentile(saveMs, 0.95))}`,
  );

  const now = new Date().toISOString();
  const table = await measureQueries(
    queries,
    ROUNDS,
    async (q) => (await search.searchPublic(q.typed)).total,
  );
  printLatency(
    `queries: searchPublic (ranked page of 20 + count + snippets), ${queries.length} queries × ${ROUNDS} rounds`,
    table,
    db.dialect === 'sqlite',
  );

  const likeQueries = QUERY_TYPES.flatMap((type) =>
    queries.filter((q) => q.type === type).slice(0, LIKE_QUERIES_PER_TYPE),
  );
  const like = await measureQueries(likeQueries, 1, async (q) => {
    const rows = await likeSearch(db.kysely, db.dialect, q, now);
    return rows.length ? Number(rows[0]!.total) : 0;
  });
  printLatency(
    `baseline: naive LIKE '%…%' (page of 20 + count), ${likeQueries.length} queries × 1 round`,
    like,
    db.dialect === 'sqlite',
  );
  return { dialect: db.dialect, buildMs, updateP95: percentile(hookMs, 0.95), search: table, like };
}

async function withPostgres<T>(url: string, run: (db: Db) => Promise<T>): Promise<T> {
  const name = `bs_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openDatabase({ databaseUrl: target.toString() });
  try {
    return await run(db);
  } finally {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function withSqlite<T>(run: (db: Db, reuse: boolean) => Promise<T>): Promise<T> {
  const dir = args.keep ? null : mkdtempSync(join(tmpdir(), 'broadsheet-search-bench-'));
  const file = args.keep ?? join(dir!, 'bench.db');
  const reuse = args.keep !== undefined && existsSync(file);
  const db = openDatabase({ sqliteFile: file });
  try {
    const result = await run(db, reuse);
    console.log(`  database file ${(statSync(file).size / 1e6).toFixed(0)} MB`);
    return result;
  } finally {
    await db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function summary(figures: DialectFigures[]): void {
  console.log('\nSummary');
  for (const f of figures) {
    const all = f.search.byType.get('all')!;
    const likeAll = f.like.byType.get('all')!;
    const p95 = percentile(all, 0.95);
    const goal =
      f.dialect === 'sqlite' ? ` (goal < ${GOAL_P95_MS} ms: ${p95 < GOAL_P95_MS ? 'met' : 'missed'})` : '';
    console.log(
      `  ${pad(f.dialect, 9)} build ${(f.buildMs / 1000).toFixed(1)} s · update p95 ${ms(f.updateP95)} · ` +
        `query p50 ${ms(percentile(all, 0.5))} p95 ${ms(p95)} p99 ${ms(percentile(all, 0.99))}${goal} · ` +
        `LIKE p50 ${ms(percentile(likeAll, 0.5))} p95 ${ms(percentile(likeAll, 0.95))} → ` +
        `${(percentile(likeAll, 0.5) / percentile(all, 0.5)).toFixed(0)}× slower at p50, ` +
        `${(percentile(likeAll, 0.95) / p95).toFixed(0)}× at p95`,
    );
  }
}

const queries = buildQueries(QUERIES_PER_TYPE, SEED);
console.log(
  `Search benchmark: ${ARTICLES.toLocaleString('en-GB')} generated articles (seed ${SEED}, ${DRAFT_SHARE * 100}% drafts), ` +
    `${queries.length} queries (${QUERIES_PER_TYPE} each of ${QUERY_TYPES.join(', ')}), Node ${process.version}`,
);
console.log(
  `  sample queries: ${QUERY_TYPES.map((t) => JSON.stringify(queries.find((q) => q.type === t)!.typed)).join(', ')}`,
);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
console.log(`  machine: load average ${load()} at start`);
const figures: DialectFigures[] = [];
if (args.only !== 'postgres') figures.push(await withSqlite((db, reuse) => benchDialect(db, queries, reuse)));
if (args.postgres && args.only !== 'sqlite')
  figures.push(await withPostgres(args.postgres, (db) => benchDialect(db, queries)));
summary(figures);
console.log(`  machine: load average ${load()} at end`);
