/**
 * Guards against N+1 queries: each public page, rendered from the database
 * (page cache off), makes a fixed, small number of queries however many
 * articles, comments, bylines and tags it shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AppContext, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createQueryCounter, type QueryCounter } from '../../src/db/query-counter.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

// The most queries each page may make; a page that needs more is doing work per item.
const QUERY_BUDGET: Record<string, number> = {
  'article page': 10,
  'front page': 7,
  'section archive, page 2': 6,
  'tag archive, page 2': 6,
  'author archive, page 2': 6,
  'RSS feed': 5,
  'sitemap index': 2,
  'article sitemap': 3,
};

interface Site {
  app: FastifyInstance;
  ctx: AppContext;
  counter: QueryCounter;
  db: TestDb;
  pages: Record<string, string>;
}

const editor = { userId: null };

async function buildSite(dialect: (typeof DIALECTS)[number], size: { articles: number; comments: number }) {
  const db = await createTestDb(dialect);
  const counter = createQueryCounter();
  const config = loadConfig({
    BROADSHEET_DATA_DIR: db.location.dataDir,
    BROADSHEET_DEMO: '0',
    BROADSHEET_PAGE_CACHE: '0',
    LOG_LEVEL: 'silent',
    ...(db.location.databaseUrl ? { DATABASE_URL: db.location.databaseUrl } : {}),
  });
  const { app, ctx } = await buildApp(config, {
    db: { ...db, kysely: db.kysely.withPlugin(counter) },
    startJobs: false,
    logger: false,
  });
  const { stores, services } = ctx;
  await stores.settings.save({ postsPerPage: 2 });
  ctx.invalidateSettings();
  const sections = await Promise.all(
    ['Politics', 'Business', 'Sport'].map((name) =>
      stores.taxonomy.insertCategory({ name, slug: name.toLowerCase() }),
    ),
  );
  const tags = await Promise.all(
    ['rail', 'budget', 'harbour'].map((slug) => stores.taxonomy.insertTag({ name: slug, slug })),
  );
  const authors = await Promise.all(
    ['Ines Marlowe', 'Tom Hallett', 'Priya Castellane'].map((name) =>
      stores.users.insertAuthor({ name, slug: name.toLowerCase().replace(' ', '-') }),
    ),
  );
  let measured = 0;
  for (let i = 0; i < size.articles; i++) {
    const article = await services.articles.createArticle(
      {
        headline: `Council story number ${i + 1}`,
        bodySource: `First paragraph of story ${i + 1}.\n\nSecond paragraph.\n\nThird paragraph.`,
        categoryId: sections[i % sections.length]!.id,
        // Every article carries every tag and byline, so lists show many of each.
        tagIds: tags.map((t) => t.id),
        authorIds: authors.map((a) => a.id),
      },
      editor,
      { status: 'published', publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString() },
    );
    if (i === 0) measured = article.id;
  }
  const article = (await services.articles.load(measured))!;
  for (let c = 0; c < size.comments; c++) {
    await stores.comments.insert({
      article_id: article.id,
      parent_id: null,
      status: 'approved',
      author_name: `Reader ${c}`,
      author_email: `reader${c}@example.com`,
      body: `Comment ${c}`,
      body_html: `<p>Comment ${c}</p>`,
      created_at: new Date(Date.UTC(2024, 1, 1) + c * 60_000).toISOString(),
    });
  }
  await app.ready();
  const site: Site = {
    app,
    ctx,
    counter,
    db,
    pages: {
      'article page': `/${article.slug}/`,
      'front page': '/',
      'section archive, page 2': '/category/politics/page/2/',
      'tag archive, page 2': '/tag/rail/page/2/',
      'author archive, page 2': `/author/${authors[0]!.slug}/page/2/`,
      'RSS feed': '/feed/',
      'sitemap index': '/sitemap.xml',
      'article sitemap': '/sitemaps/articles-1.xml',
    },
  };
  return site;
}

/** The queries one request for `path` makes, after a first request has warmed what may be cached. */
async function queriesFor(site: Site, path: string): Promise<{ count: number; tables: string }> {
  const warm = await site.app.inject(path);
  assert.equal(warm.statusCode, 200, `${path} answers ${warm.statusCode}`);
  site.counter.reset();
  await site.app.inject(path);
  return {
    count: site.counter.count,
    tables: site.counter.queries.map((q) => `${q.kind} ${q.table ?? '?'}`).join(', '),
  };
}

for (const dialect of DIALECTS) {
  describe(`queries per page, page cache off (${dialect})`, () => {
    let small: Site;
    let large: Site;

    before(async () => {
      small = await buildSite(dialect, { articles: 9, comments: 10 });
      large = await buildSite(dialect, { articles: 40, comments: 200 });
    });
    after(async () => {
      for (const site of [small, large]) {
        await site.app.close();
        await site.db.close();
      }
    });

    for (const [page, budget] of Object.entries(QUERY_BUDGET)) {
      test(`${page}: the same few queries for 9 articles with 10 comments as for 40 with 200`, async (t) => {
        const few = await queriesFor(small, small.pages[page]!);
        const many = await queriesFor(large, large.pages[page]!);
        assert.equal(many.count, few.count, `more data, more queries:\n  ${few.tables}\n  ${many.tables}`);
        assert.ok(few.count <= budget, `${few.count} queries, budget ${budget}: ${few.tables}`);
        t.diagnostic(`${few.count} queries: ${few.tables}`);
      });
    }
  });
}
