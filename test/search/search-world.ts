/** A fresh database with the article service wired to the search index, and small factories. */
import type { ArticleDraft } from '../../src/articles/article.js';
import { createArticleService } from '../../src/articles/article-service.js';
import { createArticleStore } from '../../src/articles/article-store.js';
import { createTaxonomyStore } from '../../src/articles/taxonomy-store.js';
import type { Dialect } from '../../src/db/database.js';
import { createEventStore } from '../../src/jobs/event-store.js';
import { createSearchService } from '../../src/search/search-service.js';
import { createSearchStore } from '../../src/search/search-store.js';
import type { Role } from '../../src/users/user.js';
import { createUserStore } from '../../src/users/user-store.js';
import { createTestDb, type TestDb } from '../support/databases.js';

const DAY_MS = 24 * 3600_000;

/** An ISO instant `days` before now. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString();
}

/** Everything a search test needs, on one fresh database. */
export async function buildSearchWorld(dialect: Dialect, options: { rankedMatches?: number } = {}) {
  const db: TestDb = await createTestDb(dialect);
  const k = db.kysely;
  const store = createSearchStore(k, dialect, options);
  const search = createSearchService({ db: k, store });
  const articleStore = createArticleStore(k);
  const articles = createArticleService({
    db: k,
    articles: articleStore,
    events: createEventStore(k),
    hooks: [search.indexArticle],
  });
  const taxonomy = createTaxonomyStore(k);
  const users = createUserStore(k);
  let serial = 0;
  const actor = { userId: null };

  return {
    db,
    store,
    search,
    articles,
    articleStore,
    taxonomy,
    users,
    actor,

    /** A published article, `ageDays` old (default 1). */
    async published(draft: ArticleDraft, ageDays = 1) {
      const at = daysAgo(ageDays);
      return articles.createArticle(draft, actor, { status: 'published', publishedAt: at, createdAt: at });
    },

    /** A draft, optionally owned by a user. */
    async draft(draft: ArticleDraft) {
      return articles.createArticle(draft, actor);
    },

    /** A newsroom account with `role`. */
    async user(role: Role) {
      serial++;
      return users.insertUser({
        email: `${role}${serial}@example.com`,
        displayName: `${role} ${serial}`,
        role,
        passwordHash: null,
        authorId: null,
      });
    },

    /** A byline author. */
    async author(name: string) {
      return users.insertAuthor({ name, slug: name.toLowerCase().replace(/[^a-z]+/g, '-') });
    },

    /** A category, optionally below `parentId`. */
    async category(name: string, parentId: number | null = null) {
      return taxonomy.insertCategory({ name, slug: name.toLowerCase().replace(/[^a-z]+/g, '-'), parentId });
    },

    /** A tag. */
    async tag(name: string, isInternal = false) {
      return taxonomy.insertTag({ name, slug: name.toLowerCase().replace(/[^a-z]+/g, '-'), isInternal });
    },

    /** Headlines of what readers find for `query`, best first. */
    async publicHeadlines(query: string, filters = {}, page = 1): Promise<string[]> {
      return (await search.searchPublic(query, filters, page)).hits.map((h) => h.headline);
    },

    close: () => db.close(),
  };
}

export type SearchWorld = Awaited<ReturnType<typeof buildSearchWorld>>;
