/**
 * buildApp(config): opens the database, makes stores and services, registers
 * plugins and each domain's routes. The one place where dependencies are wired.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerApiRoutes } from './api/api-routes.js';
import { createArticleService } from './articles/article-service.js';
import { createArticleStore } from './articles/article-store.js';
import { createTaxonomyStore } from './articles/taxonomy-store.js';
import { registerCommentJobs } from './comments/comment-jobs.js';
import { registerCommentRoutes } from './comments/comment-routes.js';
import { createCommentService } from './comments/comment-service.js';
import { createCommentStore } from './comments/comment-store.js';
import type { Config } from './config/config.js';
import { type ChangeSource, createChangeSource } from './db/change-store.js';
import { type Db, migrateToLatest, openDatabase } from './db/database.js';
import { seedDemoIfNew } from './demo/seed-demo.js';
import { registerFeedRoutes } from './feeds/feed-routes.js';
import { type ChangeFeed, type ChangeMemo, createChangeFeed, createChangeMemo } from './http/change-feed.js';
import { sendError } from './http/errors.js';
import { registerHealthRoutes } from './http/health-routes.js';
import { loadInstanceSecret } from './http/instance-secret.js';
import { type AnswerFirst, loggedAnswers, serverAnsweringFirst } from './http/direct-server.js';
import { lazySchemaCompilers } from './http/lazy-schema-compilers.js';
import { createPageCache, type PageCache } from './http/page-cache.js';
import { createRateLimitStore } from './http/rate-limit-store.js';
import { enforceRoutePermissions } from './http/route-permissions.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerLegacyRedirects } from './imports/legacy-redirects.js';
import { createEventStore } from './jobs/event-store.js';
import { createJobRunner } from './jobs/job-runner.js';
import { createMediaStore } from './media/media-store.js';
import { registerNewsroomRoutes } from './newsroom/newsroom-routes.js';
import { registerRelatedJobs } from './related/related-jobs.js';
import { createRelatedService } from './related/related-service.js';
import { createRelatedStore } from './related/related-store.js';
import { registerSearchJobs } from './search/search-jobs.js';
import { registerSearchRoutes } from './search/search-routes.js';
import { createSearchService } from './search/search-service.js';
import { createSearchStore } from './search/search-store.js';
import { renderErrorPage } from './site/error-page.js';
import { createRedirectStore } from './site/redirect-store.js';
import type { SiteSettings } from './site/settings.js';
import { createSettingsStore } from './site/settings-store.js';
import { registerSiteRoutes } from './site/site-routes.js';
import { createUserService } from './users/user-service.js';
import { createUserStore } from './users/user-store.js';

/** Everything a route or job may use, built once per process. */
export interface AppContext {
  config: Config;
  db: Db;
  secret: string;
  stores: ReturnType<typeof createStores>;
  services: ReturnType<typeof createServices>;
  jobs: ReturnType<typeof createJobRunner>;
  /** Outbox events committed by any process, and what they make stale. */
  changes: ChangeFeed;
  /** Keeps values derived from the database (categories, archive page indexes) until a change makes them stale. */
  remember: ChangeMemo['remember'];
  /** Site settings, cached until a `settings.changed` event. */
  settings(): Promise<SiteSettings>;
  /** Drops cached settings (after a save). */
  invalidateSettings(): void;
  /** The base URL for absolute links: settings URL, SITE_URL, or the local listener. */
  baseUrl(settings: SiteSettings): string;
  /** Rendered public pages, dropped whenever content changes. */
  pageCache: PageCache;
}

function createStores(db: Db, changes: ChangeSource) {
  const k = db.kysely;
  return {
    articles: createArticleStore(k),
    taxonomy: createTaxonomyStore(k),
    users: createUserStore(k),
    comments: createCommentStore(k),
    redirects: createRedirectStore(k),
    settings: createSettingsStore(k),
    events: createEventStore(k, { onRecorded: (id) => changes.noteRecorded(id) }),
    rateLimits: createRateLimitStore(k),
    search: createSearchStore(k, db.dialect),
    related: createRelatedStore(k),
    media: createMediaStore(k),
  };
}

function createServices(
  db: Db,
  stores: ReturnType<typeof createStores>,
  secret: string,
  settings: () => Promise<SiteSettings>,
) {
  const search = createSearchService({ db: db.kysely, store: stores.search });
  const articles = createArticleService({
    db: db.kysely,
    articles: stores.articles,
    events: stores.events,
    hooks: [search.indexArticle],
  });
  return {
    articles,
    comments: createCommentService({
      db: db.kysely,
      comments: stores.comments,
      events: stores.events,
      articles,
      settings,
      secret,
    }),
    search,
    related: createRelatedService({ db: db.kysely, store: stores.related, events: stores.events }),
    users: createUserService(stores.users),
  };
}

/** Options mostly for tests: an already-open database, no demo content, no background jobs. */
export interface BuildOptions {
  db?: Db;
  /** Another process (`serve`'s primary) has already migrated the database, indexed it and seeded the demo. */
  databasePrepared?: boolean;
  startJobs?: boolean;
  logger?: boolean;
}

/** A minimal logger shape, so the context can be built with or without an HTTP server. */
export interface Log {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** Opens (or takes) the database, migrates it, and builds stores, services and jobs. */
export async function createContext(
  config: Config,
  log: Log,
  db: Db = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionLost: (error) =>
      log.warn({ err: error }, 'database connection lost; the pool will reconnect'),
  }),
  { databasePrepared = false }: { databasePrepared?: boolean } = {},
): Promise<AppContext> {
  if (!databasePrepared) await migrateToLatest(db);
  const secret = await loadInstanceSecret(db.kysely, config.secret);
  const changeSource = createChangeSource(db);
  const stores = createStores(db, changeSource);
  const services = createServices(db, stores, secret, () => ctx.settings());
  // Articles written before search existed, or around the article service, join the index. Finding
  // none still reads every article id (0.15 s at 100,000 articles), so a prepared database skips it.
  if (!databasePrepared) await services.search.indexMissingArticles();
  const jobs = createJobRunner({
    events: stores.events,
    log,
    tick: async () => {
      await services.articles.publishDueArticles();
    },
  });
  let cachedSettings: Promise<SiteSettings> | null = null;
  const changes = createChangeFeed(changeSource);
  const memo = createChangeMemo(changes);
  const ctx: AppContext = {
    config,
    db,
    secret,
    stores,
    services,
    jobs,
    changes,
    remember: memo.remember,
    settings: async () => {
      await changes.catchUp();
      cachedSettings ??= stores.settings.load();
      return cachedSettings;
    },
    invalidateSettings: () => {
      cachedSettings = null;
    },
    baseUrl: (settings) => settings.url || config.siteUrl || `http://${config.host}:${config.port}`,
    pageCache: createPageCache({ enabled: config.pageCache, changes }),
  };
  changes.subscribe((scope) => {
    if (scope.everything) ctx.invalidateSettings();
  });
  jobs.on('settings.changed', async () => ctx.invalidateSettings());
  registerCommentJobs(ctx, log);
  registerSearchJobs(ctx, log);
  registerRelatedJobs(ctx, log);
  return ctx;
}

/** Builds the whole application; call `app.listen` to serve. */
export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<{ app: FastifyInstance; ctx: AppContext; demo: { email: string; password: string } | null }> {
  let answerFirst: AnswerFirst | null = null;
  const app = Fastify({
    serverFactory: serverAnsweringFirst(() => answerFirst),
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: false,
    bodyLimit: 2 * 1024 * 1024,
    // Slow clients cannot hold a connection open for long (slowloris).
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    // Headers arrive in one packet from any real browser; a client trickling them is holding a socket
    // hostage. Node checks these deadlines only every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 1_000 },
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 500 },
    schemaController: { compilersFactory: lazySchemaCompilers() },
  });
  const ctx = await createContext(config, app.log, options.db, {
    databasePrepared: options.databasePrepared,
  });
  // Pages already sent through the whole pipeline are sent again straight from the server (see direct-server).
  answerFirst = loggedAnswers(ctx.pageCache.answerDirectly, app.log);
  app.addHook('onResponse', (request, reply, done) => {
    ctx.pageCache.learn(request, reply);
    done();
  });
  app.addHook('preClose', (done) => {
    ctx.pageCache.close();
    done();
  });
  const demo = config.demo && !options.databasePrepared ? await seedDemoIfNew(ctx) : null;

  enforceRoutePermissions(app);
  registerSecurityHeaders(app, { https: (config.siteUrl ?? '').startsWith('https:') });
  await app.register(cookie, { secret: ctx.secret });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  app.setErrorHandler((error, request, reply) =>
    sendError(request, reply, error, (req, status, message) => renderErrorPage(ctx, req, status, message)),
  );

  registerHealthRoutes(app, ctx.db);
  registerLegacyRedirects(app, ctx.db.kysely);
  await registerSiteRoutes(app, ctx);
  await registerFeedRoutes(app, ctx);
  await registerCommentRoutes(app, ctx);
  await registerSearchRoutes(app, ctx);
  await registerNewsroomRoutes(app, ctx);
  await registerApiRoutes(app, ctx);

  await ctx.changes.start();
  app.addHook('onClose', async () => {
    await ctx.jobs.stop();
    await ctx.changes.stop();
    if (!options.db) await ctx.db.close();
  });
  if (options.startJobs !== false) ctx.jobs.start();
  return { app, ctx, demo };
}
